"""Compare how two sides of a corpus tell the news, with statistics and evidence.

>>> import slant
>>> from slant.store import Corpus
>>> from slant.report.compare_html import render_comparison
>>> with Corpus("slant.db", create=False) as corpus:  # doctest: +SKIP
...     comparison = slant.compare(corpus, a="source:sana,manar", b="source:etilaf,alaraby")
...     html = render_comparison(comparison)

``slant.compare`` is the function :func:`.model.compare`; import this package's modules by
name (``from slant.compare import stats``). See :mod:`.model` for what a side is,
:mod:`.result` for the typed result, :mod:`.stats` for the statistics; the terminal summary
and the standalone HTML report are in :mod:`slant.report`.
"""

from .model import compare
from .read import Side
from .result import SCHEMA, Comparison, PerSide

__all__ = ["SCHEMA", "Comparison", "PerSide", "Side", "compare"]
