"""The bundled example: twelve invented articles by three invented outlets on two parallel
sieges (see ``data/demo/README.md``), loaded into a corpus and annotated.

``slant demo`` is this module plus printing; tests and the web app use it to get a small
real corpus without any outside data.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TypedDict

from .annotate import AnnotateReport, annotate_corpus
from .ingest import ColumnMap
from .load import IngestReport, ingest_paths
from .store import Corpus

__all__ = ["DEMO_COLUMNS", "DEMO_SIDES", "demo_corpus_file", "load_demo"]

DEMO_COLUMNS = ColumnMap(
    text="text", title="title", source="source", date="date", id="id", url="url"
)


class DemoSides(TypedDict):
    """Keyword arguments of :func:`slant.compare.compare` naming two sides."""

    a: str
    b: str
    label_a: str
    label_b: str


#: The two sides the demo compares: the state outlet against the opposition outlet.
DEMO_SIDES: DemoSides = {
    "a": "source:herald",
    "b": "source:freevoice",
    "label_a": "Republic Herald (state)",
    "label_b": "Free Voice (opposition)",
}


def demo_corpus_file() -> Path:
    """Path of the bundled JSONL of demo articles."""
    return Path(str(resources.files("slant").joinpath("data/demo/articles.jsonl")))


def load_demo(
    corpus: Corpus,
    *,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[IngestReport, AnnotateReport]:
    """Ingest the demo articles into ``corpus`` and annotate them (idempotent)."""
    ingested = ingest_paths(corpus, [demo_corpus_file()], columns=DEMO_COLUMNS)
    annotated = annotate_corpus(corpus, on_start=on_start, progress=progress)
    return ingested, annotated
