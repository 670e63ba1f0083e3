"""slant: read news and show, with evidence, how it is told.

What the shells (``slant`` on the command line, the web app) use is exported here: analyze
one article (:func:`analyze`), read inputs (:func:`read_path`), store and annotate a corpus
(:class:`Corpus`, :func:`ingest_paths`, :func:`ingest_and_annotate`, :func:`annotate`), select
documents (:func:`parse_filter`, :class:`Filter`), compare two sides (:func:`compare`) and
render (:func:`print_summary`, :func:`render_page`, :func:`render_fragment`,
:func:`print_comparison`, :func:`render_comparison`).

>>> import slant
>>> a = slant.analyze("Officials said 27 demonstrators were shot dead.")
>>> [(claim.value, claim.event) for claim in a.claims]
[(27.0, 'killed')]
>>> print(a.to_json())  # doctest: +ELLIPSIS
{
  "schema": "slant.analysis/1",
  ...
}
"""

import importlib.metadata

from . import report  # noqa: F401  (registers the Jupyter view of an Analysis)
from .analysis import (
    SCHEMA,
    Actor,
    Analysis,
    Citation,
    Claim,
    Descriptor,
    Quote,
    ScareQuote,
    Technique,
    Tone,
)
from .analyzers.roles import cast_roles
from .annotate import AnnotateReport
from .annotate import annotate_corpus as annotate
from .compare import Comparison, compare
from .document import Document, document_id
from .errors import (
    AnalyzerError,
    ExtraMissing,
    FetchError,
    FetchTimeout,
    InputError,
    ModelError,
    SlantError,
    StoreError,
    UpstreamError,
)
from .export import read_export
from .filters import Filter, parse_filter
from .ingest import ColumnMap, IngestFailure, read_path
from .load import IngestReport, ingest_and_annotate, ingest_paths
from .pipeline import analyze, available_analyzers
from .report.compare_html import render_comparison
from .report.compare_text import print_comparison
from .report.html import render_fragment, render_page
from .report.terminal import print_summary
from .store import Corpus

try:
    #: The version of the installed distribution: pyproject.toml is its one source.
    __version__ = importlib.metadata.version("slant")
except importlib.metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"


__all__ = [
    "SCHEMA",
    "Actor",
    "Analysis",
    "AnalyzerError",
    "AnnotateReport",
    "Citation",
    "Claim",
    "ColumnMap",
    "Comparison",
    "Corpus",
    "Descriptor",
    "Document",
    "ExtraMissing",
    "FetchError",
    "FetchTimeout",
    "Filter",
    "IngestFailure",
    "IngestReport",
    "InputError",
    "ModelError",
    "Quote",
    "ScareQuote",
    "SlantError",
    "StoreError",
    "Technique",
    "Tone",
    "UpstreamError",
    "__version__",
    "analyze",
    "annotate",
    "available_analyzers",
    "cast_roles",
    "compare",
    "document_id",
    "ingest_and_annotate",
    "ingest_paths",
    "parse_filter",
    "print_comparison",
    "print_summary",
    "read_export",
    "read_path",
    "render_comparison",
    "render_fragment",
    "render_page",
]
