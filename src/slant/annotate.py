"""Batch annotation of a corpus: analyze every stored document not yet analyzed.

Resumable by construction: the documents to do are those lacking an analysis by the current
version of any selected analyzer; each batch's results are written in one transaction, so a
crash or Ctrl-C loses at most the batch in flight and never stores half of one. A document
that makes an analyzer fail is reported and skipped; the rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import SlantError
from .filters import Filter
from .nlp import get_nlp
from .pipeline import resolve, run_analyzers, to_plain
from .store import Corpus

__all__ = ["AnnotateReport", "annotate_corpus"]


@dataclass
class AnnotateReport:
    """Counts of one annotate run: documents analyzed, and failures by document id."""

    analyzed: int = 0
    pending: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def annotate_corpus(
    corpus: Corpus,
    *,
    analyzers: Iterable[str] | None = None,
    flt: Filter | None = None,
    batch_size: int = 16,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> AnnotateReport:
    """Analyze the stored documents that lack current analyses; return what was done.

    ``on_start`` receives the number of documents to do; ``progress`` the number done in
    each batch (for progress bars).
    """
    specs = resolve(analyzers)
    versions = {spec.name: spec.version for spec in specs}
    todo = corpus.pending(versions, flt)
    report = AnnotateReport(pending=len(todo))
    if on_start:
        on_start(len(todo))
    nlp = get_nlp()
    for begin in range(0, len(todo), batch_size):
        documents = [corpus.get_document(doc_id) for doc_id in todo[begin : begin + batch_size]]
        documents = [d for d in documents if d is not None]
        short = [d.text for d in documents if len(d.text) <= nlp.max_length]
        parsed = dict(zip(short, nlp.pipe(short, batch_size=batch_size), strict=True))
        batch: list[tuple[str, dict[str, tuple[str, Any]]]] = []
        for document in documents:
            try:
                results = run_analyzers(document, specs, parsed=parsed.get(document.text))
            except SlantError as exc:
                report.failed.append((document.id, str(exc)))
                continue
            batch.append(
                (
                    document.id,
                    {name: (versions[name], to_plain(out)) for name, out in results.items()},
                )
            )
        corpus.save_analyses(batch)
        report.analyzed += len(batch)
        if progress:
            progress(len(documents))
    return report
