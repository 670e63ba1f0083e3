"""Annotation batches on a Dask cluster (``slant annotate --scheduler ADDRESS|local``).

The client (the process running ``slant annotate``) reads the documents to do from the
corpus, sends them to the cluster in partitions (one task per batch, the same batches and
the same per-batch function as the local process pool), and stores what comes back: it is
the only writer. A worker process loads the spaCy pipeline and the models on its first
batch and keeps them (the loaders are cached per process), so each worker loads them once.

At most ``2 × threads`` batches are in flight, so the client's memory stays bounded on a
corpus of any size. Results are yielded as they complete, in any order; each is stored in
one transaction, so killing the client loses only batches in flight (done again on the next
run), and a worker that dies has its batches rerun elsewhere by the scheduler. A batch that
keeps killing workers (Dask's ``allowed-failures``) is reported as failed, its documents
left for a later run, and the rest go on.

``local`` starts a :class:`distributed.LocalCluster` of ``workers`` single-threaded worker
processes on this machine; any other value is the address of a running scheduler
(``tcp://host:8786``) whose workers have slant installed (see ``docs/scale.md``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from types import ModuleType
from typing import Any, TypeVar

from .errors import ExtraMissing, SlantError

__all__ = ["LOCAL", "WorkerLost", "dask_results"]

LOCAL = "local"
_CONNECT_TIMEOUT = "10s"

Batch = TypeVar("Batch")
Result = TypeVar("Result")


class WorkerLost(SlantError):
    """A batch whose workers kept dying (Dask gave up on it)."""


def _distributed() -> ModuleType:
    try:
        import distributed
    except ImportError as exc:
        raise ExtraMissing(
            "--scheduler needs Dask: install it with `pip install 'slant[dask]'`"
        ) from exc
    return distributed


def _client(stack: ExitStack, scheduler: str, workers: int) -> Any:
    distributed = _distributed()
    if scheduler == LOCAL:
        cluster = stack.enter_context(
            distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
        )
        return stack.enter_context(distributed.Client(cluster))
    try:
        return stack.enter_context(distributed.Client(scheduler, timeout=_CONNECT_TIMEOUT))
    except (OSError, TimeoutError, ValueError) as exc:
        raise SlantError(
            f"cannot reach the Dask scheduler at {scheduler!r}: {exc} (start one with "
            "`dask scheduler` and workers with `dask worker ADDRESS`, or use --scheduler local)"
        ) from exc


def dask_results(
    scheduler: str,
    batches: Iterator[Batch],
    work: Callable[[Batch], Result],
    *,
    workers: int = 1,
) -> Iterator[tuple[Batch, Result | WorkerLost]]:
    """Yield ``(batch, work(batch))`` for every batch, computed on the cluster, as they
    complete; a batch that Dask gave up on after its workers died comes with a WorkerLost."""
    distributed = _distributed()
    with ExitStack() as stack:
        client = _client(stack, scheduler, workers)
        threads = sum(client.nthreads().values()) or 1
        ahead = 2 * threads
        pending = distributed.as_completed(with_results=False)
        submitted: dict[str, Batch] = {}

        def collect() -> tuple[Batch, Result | WorkerLost]:
            future = next(pending)
            batch = submitted.pop(future.key)
            try:
                return batch, future.result()
            except distributed.KilledWorker as exc:
                return batch, WorkerLost(f"workers died analyzing this batch ({exc})")
            finally:
                future.release()

        for batch in batches:
            future = client.submit(work, batch, pure=False)
            submitted[future.key] = batch
            pending.add(future)
            if len(submitted) >= ahead:
                yield collect()
        while submitted:
            yield collect()
