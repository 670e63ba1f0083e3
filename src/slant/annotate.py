"""Batch annotation of a corpus: analyze every stored document not yet analyzed.

Resumable by construction: the documents to do are those lacking an analysis by the current
version of any selected analyzer; each batch's results are written in one transaction, so a
crash or Ctrl-C loses at most the batches in flight and never stores half of one. A document
that makes an analyzer fail is reported and skipped; the rest go on.

Batches run in this process, in a local process pool (``workers > 1``) or on a Dask
cluster (``scheduler``, :mod:`slant.cluster`); all three call :func:`analyze_batch` on the
same batches, and this process alone writes the results: to the store, or to partitioned
Parquet (``to_parquet``, :mod:`slant.export.partitions`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .cluster import WorkerLost, dask_results
from .document import Document
from .errors import SlantError, StoreError
from .export.partitions import done_documents, write_partition
from .export.tables import tidy_rows
from .filters import Filter
from .inference import available_cpus, set_threads
from .language import LANGUAGE_VERSION
from .nlp import CHUNK_CHARS, parse_many
from .pipeline import LANGUAGE_FIELD, resolve, run_in_language, to_plain
from .processes import die_with_parent
from .store import Corpus

__all__ = [
    "AnnotateReport",
    "analyze_batch",
    "annotate_corpus",
    "exclusive_run",
    "worker_threads",
]

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
    scheduler: str | None = None,
    to_parquet: str | Path | None = None,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> AnnotateReport:
    """Analyze the stored documents that lack current analyses; return what was done.

    With ``workers > 1`` batches are analyzed in that many processes (each loads the models
    once and runs them with :func:`worker_threads` threads) while this process alone writes
    to the store; the workers end when this process does, however it ends
    (:mod:`slant.processes`). With ``scheduler`` (``"local"`` or a
    Dask scheduler address) they are analyzed on a Dask cluster instead (:mod:`slant.cluster`;
    ``"local"`` starts ``workers`` worker processes). With ``to_parquet`` the results go to
    partitioned Parquet in that folder (:mod:`slant.export.partitions`) instead of the
    store, and the documents already there are skipped. One run at a time per corpus
    (:func:`exclusive_run`): a second gets StoreError. ``on_start`` receives the number of
    documents to do; ``progress`` the number done in each batch (for progress bars).
    """
    with exclusive_run(corpus.path):
        return _annotate(
            corpus,
            analyzers=analyzers,
            flt=flt,
            batch_size=batch_size,
            workers=workers,
            scheduler=scheduler,
            to_parquet=to_parquet,
            on_start=on_start,
            progress=progress,
        )


def _annotate(
    corpus: Corpus,
    *,
    analyzers: Iterable[str] | None,
    flt: Filter | None,
    batch_size: int,
    workers: int,
    scheduler: str | None,
    to_parquet: str | Path | None,
    on_start: Callable[[int], None] | None,
    progress: Callable[[int], None] | None,
) -> AnnotateReport:
    specs = resolve(analyzers)
    names = [spec.name for spec in specs]
    versions = {spec.name: spec.version for spec in specs}
    if to_parquet is not None:
        done = done_documents(to_parquet, versions.values())
        todo = [i for i in corpus.document_ids(flt) if i not in done]
    else:
        todo = corpus.pending(versions, flt)
    report = AnnotateReport(pending=len(todo))
    if on_start:
        on_start(len(todo))
    batches = (
        [d for d in map(corpus.get_document, todo[i : i + batch_size]) if d is not None]
        for i in range(0, len(todo), batch_size)
    )
    work = partial(analyze_batch, names=names)
    save = _parquet_saver(Path(to_parquet)) if to_parquet is not None else _store_saver(corpus)
    store = partial(_save_all, save=save, versions=versions, report=report, progress=progress)
    if scheduler is not None:
        store(dask_results(scheduler, batches, work, workers=workers))
    elif workers > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(os.getpid(), worker_threads(workers)),
        ) as pool:
            store(_in_order(pool, batches, work, 2 * workers))
    else:
        store((batch, work(batch)) for batch in batches)
    return report


def worker_threads(workers: int) -> int:
    """Model threads for each of ``workers`` processes sharing this machine's CPUs.

    >>> worker_threads(10**6)
    1
    """
    return max(1, available_cpus() // workers)


def _init_worker(parent: int, threads: int) -> None:
    """Pool initializer: die with ``parent`` and run the models with ``threads`` threads."""
    die_with_parent(parent)
    set_threads(threads)


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
    pool: ProcessPoolExecutor,
    batches: Iterator[list[Document]],
    work: Callable[[list[Document]], BatchResult],
    ahead: int,
) -> Iterator[tuple[list[Document], BatchResult]]:
    """Results of the batches in order, with at most ``ahead`` batches in flight (bounded
    memory on large corpora, unlike ``pool.map``, which submits everything at once)."""
    in_flight: deque[tuple[list[Document], Future[BatchResult]]] = deque()
    for batch in batches:
        in_flight.append((batch, pool.submit(work, batch)))
        if len(in_flight) >= ahead:
            done, future = in_flight.popleft()
            yield done, future.result()
    while in_flight:
        done, future = in_flight.popleft()
        yield done, future.result()


Rows = list[tuple[str, dict[str, tuple[str, Any]]]]
#: Stores one batch's results: the rows of :func:`analyze_batch`, and the batch's documents.
Saver = Callable[[Rows, list[Document]], None]


def _store_saver(corpus: Corpus) -> Saver:
    """Store each batch's results in the corpus, one transaction per batch."""

    def save(saved: Rows, batch: list[Document]) -> None:
        corpus.save_analyses(saved)

    return save


def _parquet_saver(folder: Path) -> Saver:
    """Store each batch's results as one Parquet partition of the tidy tables."""

    def save(saved: Rows, batch: list[Document]) -> None:
        if not saved:
            return
        by_id = {document.id: document for document in batch}
        rows = (
            row
            for document_id, results in saved
            for row in tidy_rows(_document_row(by_id[document_id]), results)
        )
        write_partition(folder, rows)

    return save


def _document_row(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "source": document.source,
        "date": document.date,
        "url": document.url,
        "external_id": document.external_id,
        "words": document.words,
        "text": document.text,
    }


def _check_versions(saved: Rows, versions: dict[str, str]) -> None:
    """Refuse results made by other analyzer versions than this process selected (a Dask
    worker running another slant): stored, they would never count as done."""
    # The language record may come with any selection (it explains skipped analyzers).
    versions = {**versions, LANGUAGE_FIELD: LANGUAGE_VERSION}
    for _, results in saved[:1]:
        other = {n: v for n, (v, _) in results.items() if n in versions and versions[n] != v}
        if other:
            found = ", ".join(f"{v} (here {versions[n]})" for n, v in other.items())
            raise SlantError(
                f"a worker ran other analyzer versions: {found}; install the same slant on "
                "every Dask worker as on this machine"
            )


def _save_all(
    results: Iterable[tuple[list[Document], BatchResult]]
    | Iterable[tuple[list[Document], BatchResult | WorkerLost]],
    *,
    save: Saver,
    versions: dict[str, str],
    report: AnnotateReport,
    progress: Callable[[int], None] | None,
) -> None:
    for batch, result in results:
        if isinstance(result, WorkerLost):
            report.failed.extend((document.id, str(result)) for document in batch)
            if progress:
                progress(len(batch))
            continue
        saved, failed = result
        _check_versions(saved, versions)
        save(saved, batch)
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
    short = [d.text for d in documents if len(d.text) <= CHUNK_CHARS]
    parsed = dict(zip(short, parse_many(short), strict=True))
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
