"""slant: read news and show, with evidence, how it is told.

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
from .pipeline import analyze, available_analyzers

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
    "Citation",
    "Comparison",
    "Claim",
    "Descriptor",
    "Document",
    "FetchError",
    "FetchTimeout",
    "InputError",
    "ExtraMissing",
    "ModelError",
    "Quote",
    "ScareQuote",
    "SlantError",
    "StoreError",
    "Technique",
    "Tone",
    "UpstreamError",
    "analyze",
    "available_analyzers",
    "cast_roles",
    "compare",
    "document_id",
    "read_export",
]
