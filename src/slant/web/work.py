"""Running slant's CPU-bound work off the event loop: a bounded, fair queue of worker threads.

Analyses (spaCy parse, ONNX technique model), comparisons and URL fetches run in ``workers``
threads (:class:`WorkerPool`), so the event loop keeps serving pages, polls and health checks
while they compute. Threads rather than processes: the models are loaded once and shared, and
spaCy and onnxruntime release the GIL for their heavy loops. The queue in front of them:

- **bounded**: at most ``max_queue`` calls wait in all, and ``per_client`` for one client (its
  browser session, else its address); beyond, 429 with a ``Retry-After`` estimated from the
  recent mean duration of a call;
- **fair**: a free worker takes the next call of the next client in turn (round robin), so
  one client's burst does not push everybody else's calls behind it;
- **lanes**: heavy calls (URL fetches, comparisons, texts over :data:`HEAVY_CHARS`
  characters) run on at most ``workers - 1`` threads at once, so one worker stays free for
  short texts while long ones compute;
- **abandoned work is dropped**: a call still queued when its client disconnects, or when
  the request times out (504 after ``timeout`` seconds), is removed unrun. A call already
  running cannot be interrupted (a thread cannot be stopped safely) and finishes unread.

The functions below are what the routes call: each is one library call plus the mapping of
its failures to the web's statuses.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fastapi import HTTPException, Request

from ..analysis import Analysis
from ..document import Document
from ..errors import InputError, TooLarge
from ..ingest import fetch_document, format_of, read_data
from ..ingest.files import decode
from ..pipeline import analyze
from .csrf import session_of

__all__ = [
    "HEAVY_CHARS",
    "ClientGone",
    "WorkerPool",
    "analyze_document",
    "client_key",
    "document_from_upload",
    "fetch_url",
    "is_heavy",
]

T = TypeVar("T")

#: Texts longer than this (characters) are heavy work: they run in the heavy lanes only.
HEAVY_CHARS = 20_000
_DISCONNECT_POLL = 0.25


class ClientGone(HTTPException):
    """The client closed its connection before its work was done (nobody reads the answer)."""

    def __init__(self) -> None:
        super().__init__(status_code=499, detail="the client went away before the answer")


@dataclass(eq=False)
class _Job(Generic[T]):
    call: Callable[[], T]
    client: str
    heavy: bool
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[T]
    abandoned: bool = False


def is_heavy(document: Document) -> bool:
    """Whether analyzing ``document`` is long work (it runs in the heavy lanes only)."""
    return len(document.text) > HEAVY_CHARS


def client_key(request: Request) -> str:
    """Whose work a request is, for the fair share: its browser session, else its address."""
    return session_of(request.scope) or (request.client.host if request.client else "")


async def _disconnected(request: Request) -> None:
    """Return once the client of ``request`` has closed its connection."""
    while not await request.is_disconnected():
        await asyncio.sleep(_DISCONNECT_POLL)


class WorkerPool:
    """Worker threads fed by a bounded, fair queue (see module docstring)."""

    def __init__(
        self,
        *,
        workers: int,
        timeout: float,
        max_queue: int = 64,
        per_client: int = 4,
    ) -> None:
        self.workers, self.timeout = workers, timeout
        self.max_queue, self.per_client = max_queue, per_client
        self.heavy_slots = max(1, workers - 1)
        self._ready = threading.Condition()
        # One queue holds every kind of call, so its jobs' results are of any type.
        self._queues: OrderedDict[str, deque[_Job[Any]]] = OrderedDict()
        self._queued = 0
        self._heavy_running = 0
        self._mean_seconds = 1.0
        self._closed = False
        for number in range(workers):
            threading.Thread(target=self._work, name=f"slant-work-{number}", daemon=True).start()

    async def run(
        self, call: Callable[[], T], *, request: Request | None = None, heavy: bool = False
    ) -> T:
        """Run ``call()`` in the pool and return its result.

        429 (with ``Retry-After``) when the queue, or this client's share of it, is full;
        504 past the timeout; queued work whose client disconnects is dropped unrun.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        job = _Job(call, client_key(request) if request else "", heavy, loop, future)
        self._enqueue(job)
        watcher = asyncio.ensure_future(_disconnected(request)) if request else None
        try:
            # The job's future and the disconnect watcher: of different result types.
            waiting: set[asyncio.Future[Any]] = {job.future, watcher} if watcher else {job.future}
            done, _ = await asyncio.wait(
                waiting, timeout=self.timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            if watcher:
                watcher.cancel()
        if job.future in done:
            return job.future.result()
        self._abandon(job)
        if watcher in done:
            raise ClientGone()
        raise HTTPException(
            status_code=504,
            detail=f"the work took longer than the request timeout of {self.timeout:g} s: "
            "try a shorter text, or the command line for long jobs",
        )

    def _enqueue(self, job: _Job[Any]) -> None:
        with self._ready:
            if self._closed:
                raise HTTPException(status_code=503, detail="the server is shutting down")
            mine = self._queues.get(job.client, deque())
            full = self._queued >= self.max_queue
            if full or (job.client and len(mine) >= self.per_client):
                wait = self._retry_after()
                what = (
                    f"the server's queue is full ({self._queued} waiting)"
                    if full
                    else f"you have {len(mine)} requests waiting already"
                )
                raise HTTPException(
                    status_code=429,
                    detail=f"{what}: try again in {wait} s",
                    headers={"Retry-After": str(wait)},
                )
            self._queues[job.client] = mine
            mine.append(job)
            self._queued += 1
            self._ready.notify()

    def _retry_after(self) -> int:
        estimate = self._mean_seconds * (self._queued + 1) / self.workers
        return max(1, min(120, math.ceil(estimate)))

    def _abandon(self, job: _Job[Any]) -> None:
        with self._ready:
            job.abandoned = True
            queue = self._queues.get(job.client)
            if queue is not None and job in queue:
                queue.remove(job)
                self._queued -= 1

    def _next(self) -> _Job[Any] | None:
        """The next job: clients in turn (round robin), heavy jobs only while a lane is free."""
        for client, queue in list(self._queues.items()):
            for job in queue:
                if job.heavy and self._heavy_running >= self.heavy_slots:
                    continue
                queue.remove(job)
                self._queued -= 1
                self._queues.move_to_end(client)
                if not queue:
                    del self._queues[client]
                return job
        return None

    def _work(self) -> None:
        while True:
            with self._ready:
                job = self._next()
                while job is None:
                    if self._closed:
                        return
                    self._ready.wait()
                    job = self._next()
                self._heavy_running += job.heavy
            started = time.monotonic()
            result: Any = None
            error: BaseException | None = None
            try:
                result = job.call()
            except BaseException as exc:  # handed to the awaiting request
                error = exc
            with self._ready:
                self._heavy_running -= job.heavy
                self._mean_seconds = 0.8 * self._mean_seconds + 0.2 * (time.monotonic() - started)
                self._ready.notify_all()
            try:
                job.loop.call_soon_threadsafe(_settle, job.future, result, error)
            except RuntimeError:  # the event loop has closed: nobody waits any more
                pass

    def shutdown(self) -> None:
        """Stop taking work and drop what is queued; running calls finish in the background."""
        with self._ready:
            self._closed = True
            self._queues.clear()
            self._queued = 0
            self._ready.notify_all()


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def analyze_document(document: Document, analyzers: Iterable[str] | None = None) -> Analysis:
    """Analyze one document (the library's :func:`slant.analyze`)."""
    return analyze(document, analyzers=analyzers)


def fetch_url(url: str, *, allow_private: bool) -> Document:
    """Fetch the article at ``url``: a refused URL raises FetchError (400), a failing server
    UpstreamError (502), a silent one FetchTimeout (504)."""
    return fetch_document(url, allow_private=allow_private)


def document_from_upload(filename: str, data: bytes, *, max_chars: int | None = None) -> Document:
    """The article of an uploaded ``.txt`` or ``.html`` file, read as ``slant analyze`` reads
    a file of that name (:func:`slant.ingest.read_data`); TooLarge (413) past ``max_chars``
    characters, the server's one limit on text."""
    try:
        kind = format_of(filename)
    except InputError:
        kind = None
    if kind not in ("text", "html"):
        raise InputError(
            f"{filename or 'the upload'}: give a .txt or .html file "
            "(tables and feeds go to the Corpus page)"
        )
    if not data.strip():
        raise InputError(f"{filename}: file is empty")
    if max_chars is not None and len(data) > max_chars:  # bytes >= characters
        characters = len(decode(data, filename)[0])
        if characters > max_chars:
            raise TooLarge(
                f"{filename} has {characters:,} characters, more than this server's limit of "
                f"{max_chars:,}: analyze it with the command line (`slant analyze FILE`)"
            )
    found = next(read_data(data, name=filename, format=kind))
    if not isinstance(found, Document):
        raise InputError(str(found))
    return found
