"""Batch annotation of a corpus: analyze every stored document not yet analyzed.

Resumable by construction: the documents to do are those lacking an analysis by the current
version of any selected analyzer; each batch's results are written in one transaction, so a
crash or Ctrl-C loses at most the batch in flight and never stores half of one. A document
that makes an analyzer fail is reported and skipped; the rest go on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .document import Document
from .errors import SlantError, StoreError
from .filters import Filter
from .language import LANGUAGE_VERSION
from .nlp import CHUNK_CHARS, get_nlp
from .pipeline import LANGUAGE_FIELD, resolve, run_in_language, to_plain
from .processes import die_with_parent
from .store import Corpus

__all__ = ["AnnotateReport", "analyze_batch", "annotate_corpus", "exclusive_run"]

BatchResult = tuple[list[tuple[str, dict[str, tuple[str, Any]]]], list[tuple[str, str]]]


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
    workers: int = 1,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> AnnotateReport:
    """Analyze the stored documents that lack current analyses; return what was done.

    With ``workers > 1`` batches are analyzed in that many processes (each loads the models
    once) while this process alone writes to the store; the workers end when this process
    does, however it ends (:mod:`slant.processes`). One run at a time per corpus
    (:func:`exclusive_run`): a second gets StoreError. ``on_start`` receives the number of
    documents to do; ``progress`` the number done in each batch (for progress bars).
    """
    with exclusive_run(corpus.path):
        return _annotate(corpus, analyzers, flt, batch_size, workers, on_start, progress)


def _annotate(
    corpus: Corpus,
    analyzers: Iterable[str] | None,
    flt: Filter | None,
    batch_size: int,
    workers: int,
    on_start: Callable[[int], None] | None,
    progress: Callable[[int], None] | None,
) -> AnnotateReport:
    specs = resolve(analyzers)
    names = [spec.name for spec in specs]
    todo = corpus.pending({spec.name: spec.version for spec in specs}, flt)
    report = AnnotateReport(pending=len(todo))
    if on_start:
        on_start(len(todo))
    batches = (
        [d for d in map(corpus.get_document, todo[i : i + batch_size]) if d is not None]
        for i in range(0, len(todo), batch_size)
    )
    if workers > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            _save_all(corpus, _in_order(pool, batches, names, 2 * workers), report, progress)
    else:
        _save_all(corpus, (analyze_batch(b, names) for b in batches), report, progress)
    return report


@contextmanager
def exclusive_run(corpus_path: Path) -> Iterator[None]:
    """Hold the annotate lock of a corpus for a run; StoreError if another run holds it.

    Two runs at once would both analyze every pending document (each sees the same pending
    list), so the second is refused. The lock is an exclusive ``flock`` on ``<corpus>.lock``
    beside the corpus — never on the database file itself, whose POSIX locks SQLite owns and
    which closing another descriptor of the file would release. The kernel drops the lock
    when the holder ends, ``kill -9`` included, so a crashed run never blocks the next one.
    Where ``fcntl`` does not exist (Windows) runs are not serialised.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover (not POSIX)
        yield
        return
    lock_path = corpus_path.with_name(corpus_path.name + ".lock")
    try:
        handle = lock_path.open("a")
    except OSError as exc:
        raise StoreError(f"cannot create the annotate lock {str(lock_path)!r}: {exc}") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"another `slant annotate` is running on {str(corpus_path)!r}; wait for it "
                "to finish (or stop it): two runs would analyze the same documents twice"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _in_order(
    pool: ProcessPoolExecutor, batches: Iterator[list[Document]], names: list[str], ahead: int
) -> Iterator[BatchResult]:
    """Results of the batches in order, with at most ``ahead`` batches in flight (bounded
    memory on large corpora, unlike ``pool.map``, which submits everything at once)."""
    in_flight: deque[Future[BatchResult]] = deque()
    for batch in batches:
        in_flight.append(pool.submit(analyze_batch, batch, names))
        if len(in_flight) >= ahead:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


def _save_all(
    corpus: Corpus,
    results: Iterable[BatchResult],
    report: AnnotateReport,
    progress: Callable[[int], None] | None,
) -> None:
    for saved, failed in results:
        corpus.save_analyses(saved)
        report.analyzed += len(saved)
        report.failed.extend(failed)
        if progress:
            progress(len(saved) + len(failed))


def analyze_batch(documents: list[Document], names: list[str]) -> BatchResult:
    """Analyze a batch of documents with the named analyzers (one spaCy ``pipe`` call).

    Returns the rows to store, ``(document id, {analyzer: (version, fields)})``, and the
    ``(document id, message)`` of documents an analyzer failed on.
    """
    specs = resolve(names)
    nlp = get_nlp()
    short = [d.text for d in documents if len(d.text) <= CHUNK_CHARS]
    parsed = dict(zip(short, nlp.pipe(short, batch_size=len(short) or 1), strict=True))
    saved: list[tuple[str, dict[str, tuple[str, Any]]]] = []
    failed: list[tuple[str, str]] = []
    for document in documents:
        try:
            results, language = run_in_language(document, specs, parsed=parsed.get(document.text))
        except SlantError as exc:
            failed.append((document.id, str(exc)))
            continue
        versions = {spec.name: spec.version for spec in specs}
        row = {name: (versions[name], to_plain(out)) for name, out in results.items()}
        if language["skipped"]:  # kept even when not selected: it explains the empty rows
            row[LANGUAGE_FIELD] = (LANGUAGE_VERSION, {LANGUAGE_FIELD: language})
        saved.append((document.id, row))
    return saved, failed
