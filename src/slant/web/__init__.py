"""slant's web app: pages to analyze, browse and compare, and a JSON API (``slant serve``).

>>> from slant.web import create_app
>>> app = create_app("slant.db")  # doctest: +SKIP
"""

from .app import create_app

__all__ = ["create_app"]
