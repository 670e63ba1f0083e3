"""Compare how two sides of a corpus tell the news, with statistics and evidence.

>>> import slant
>>> from slant.store import Corpus
>>> from slant.compare import render_html
>>> with Corpus("slant.db", create=False) as corpus:  # doctest: +SKIP
...     comparison = slant.compare(corpus, a="source:sana,manar", b="source:etilaf,alaraby")
...     html = render_html(comparison)

``slant.compare(...)`` is :func:`slant.compare.compare`: the package is callable, so that
``import slant.compare.stats`` and friends keep working next to the short form. See
:mod:`.model` for what a side is, :mod:`.stats` for the statistics, :mod:`.render` and
:mod:`.html` for the terminal summary and the standalone HTML report.
"""

import sys
import types
from typing import Any

from .html import render_html
from .model import SCHEMA, Comparison, Side, compare
from .render import render_text

__all__ = ["SCHEMA", "Comparison", "Side", "compare", "render_html", "render_text"]


class _CallablePackage(types.ModuleType):
    """This package, callable as :func:`compare` (``slant.compare(corpus, a=..., b=...)``)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Comparison:
        return compare(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
