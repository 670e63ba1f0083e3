"""Loading inputs into a corpus: what the ingest readers yield, stored in batches.

:mod:`slant.ingest` only reads (files, folders, feeds, tables, URLs → documents, failures and
notes); this module is the write path behind ``slant ingest``: it hands the documents to
:meth:`slant.store.Corpus.add_documents`, one transaction per batch, and gathers what
happened in an :class:`IngestReport`. A document already stored gets its empty metadata
filled from the new copy (or replaced, with ``update=True``) and keeps its analyses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .annotate import AnnotateReport, annotate_corpus
from .document import Document
from .errors import StoreError
from .ingest import ColumnMap, IngestFailure, IngestNote, read_path
from .store import Corpus

__all__ = ["IngestReport", "ingest_and_annotate", "ingest_paths"]


@dataclass
class IngestReport:
    """What an ingest did: documents added, already present (and of those, how many got
    metadata from the new copy), failures with reasons, column mappings and warnings."""

    added: int = 0
    present: int = 0
    updated: int = 0
    failed: list[IngestFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


def ingest_paths(
    corpus: Corpus,
    paths: Iterable[str | Path],
    *,
    format: str = "auto",
    columns: ColumnMap | None = None,
    source: str | None = None,
    update: bool = False,
    batch_size: int = 200,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read every path and store its documents; return counts, failures and notes.

    Readers check a whole file (columns, feed validity) before yielding any document, so a
    file that fails as a whole stores nothing of itself.
    """
    report = IngestReport()

    def noted(note: IngestNote) -> None:
        (report.columns if note.kind == "columns" else report.warnings).append(str(note))

    for path in paths:
        pending: list[Document] = []
        items = read_path(path, format=format, columns=columns, source=source, on_note=noted)
        for item in items:
            if isinstance(item, IngestFailure):
                report.failed.append(item)
                continue
            report.warnings.extend(item.warnings)
            pending.append(item)
            if len(pending) >= batch_size:
                _store(corpus, pending, report, update, progress)
                pending = []
        if pending:
            _store(corpus, pending, report, update, progress)
    return report


def _store(
    corpus: Corpus,
    batch: list[Document],
    report: IngestReport,
    update: bool,
    progress: Callable[[int], None] | None,
) -> None:
    try:
        result = corpus.add_documents(batch, update=update)
    except StoreError as exc:  # a full disk, a locked file: say what is already kept
        raise StoreError(
            f"{exc}; {report.added:,} new document(s) of this ingest were stored before it "
            "(they are kept: run the same command again to add the rest)"
        ) from exc
    report.added += result.added
    report.present += result.present
    report.updated += result.updated
    if progress:
        progress(len(batch))


def ingest_and_annotate(
    corpus: Corpus,
    paths: Iterable[str | Path],
    *,
    format: str = "auto",
    columns: ColumnMap | None = None,
    source: str | None = None,
    update: bool = False,
    analyzers: Iterable[str] | None = None,
    stored: Callable[[int], None] | None = None,
    ingested: Callable[[IngestReport], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[IngestReport, AnnotateReport]:
    """Store the documents of ``paths`` (:func:`ingest_paths`), then analyze every stored
    document the current analyzers have not analyzed (:func:`slant.annotate.annotate_corpus`):
    ``slant ingest`` then ``slant annotate``, as the web app's corpus upload and the demo run it.

    ``stored`` gets the number of documents of each stored batch, ``ingested`` the ingest
    report before annotation starts, ``on_start`` the number of documents to analyze and
    ``progress`` the number of each analyzed batch.
    """
    report = ingest_paths(
        corpus,
        paths,
        format=format,
        columns=columns,
        source=source,
        update=update,
        progress=stored,
    )
    if ingested:
        ingested(report)
    return report, annotate_corpus(
        corpus, analyzers=analyzers, on_start=on_start, progress=progress
    )
