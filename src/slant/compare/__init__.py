"""Compare how two sides of a corpus tell the news, with statistics and evidence.

>>> from slant.store import Corpus
>>> from slant.compare import compare, render_html
>>> with Corpus("slant.db", create=False) as corpus:  # doctest: +SKIP
...     comparison = compare(corpus, a="source:sana,manar", b="source:etilaf,alaraby")
...     html = render_html(comparison)

See :mod:`.model` for what a side is, :mod:`.stats` for the statistics, :mod:`.render` and
:mod:`.html` for the terminal summary and the standalone HTML report.
"""

from .html import render_html
from .model import SCHEMA, Comparison, Side, compare
from .render import render_text

__all__ = ["SCHEMA", "Comparison", "Side", "compare", "render_html", "render_text"]
