"""The bundled example: twelve invented articles by three invented outlets on two parallel
sieges (see ``data/demo/README.md``), loaded into a corpus, annotated and grouped into stories.

``slant demo`` is :func:`run_demo` plus printing; tests and the web app use :func:`load_demo`
to get a small real corpus without any outside data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypedDict

from .analysis import Analysis
from .annotate import AnnotateReport
from .compare import Comparison, compare
from .errors import StoreError
from .filters import parse_filter
from .ingest import ColumnMap
from .load import IngestReport, ingest_and_annotate
from .report.compare_html import render_comparison
from .report.html import render_page
from .store import Corpus

__all__ = ["DEMO_COLUMNS", "DEMO_SIDES", "DemoRun", "demo_corpus_file", "load_demo", "run_demo"]

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
    """Ingest the demo articles into ``corpus``, annotate them and group them into stories
    (idempotent)."""
    from .stories import group_stories

    loaded = ingest_and_annotate(
        corpus, [demo_corpus_file()], columns=DEMO_COLUMNS, on_start=on_start, progress=progress
    )
    group_stories(corpus)
    return loaded


@dataclass(frozen=True)
class DemoRun:
    """What :func:`run_demo` did: the load, one article of the state outlet, the comparison of
    the two outlets, and the two HTML reports it wrote."""

    ingested: IngestReport
    annotated: AnnotateReport
    analysis: Analysis
    comparison: Comparison
    article_report: Path
    compare_report: Path


def run_demo(
    corpus: Corpus,
    out_dir: Path,
    *,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> DemoRun:
    """Load the demo (:func:`load_demo`), then write ``out_dir/slant-demo-article.html`` (the
    first article of the state outlet) and ``out_dir/slant-demo-compare.html`` (its outlet
    against the opposition outlet, :data:`DEMO_SIDES`)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ingested, annotated = load_demo(corpus, on_start=on_start, progress=progress)
    first = corpus.list_documents(parse_filter(DEMO_SIDES["a"]), limit=1)[0]
    analysis = corpus.get_analysis(first["id"])
    if analysis is None:
        raise StoreError(f"the demo article {first['id']} has no analysis in {corpus.path}")
    article_report = out_dir / "slant-demo-article.html"
    article_report.write_text(render_page(analysis), encoding="utf-8")
    comparison = compare(corpus, **DEMO_SIDES, by_story=True)
    compare_report = out_dir / "slant-demo-compare.html"
    compare_report.write_text(render_comparison(comparison), encoding="utf-8")
    return DemoRun(ingested, annotated, analysis, comparison, article_report, compare_report)
