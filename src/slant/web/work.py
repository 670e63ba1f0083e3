"""Running slant's CPU-bound work off the event loop, with a bound and a timeout.

Analyses (spaCy parse, ONNX technique model) and URL fetches run in a fixed pool of worker
threads (:class:`WorkerPool`), so the event loop keeps serving pages, polls and health checks
while they compute, and at most ``workers`` analyses run at once; more requests wait in the
pool's queue. Each call is awaited with a timeout: a request that has not got its answer
after ``timeout`` seconds gets 504 (the work itself cannot be interrupted, and finishes in
the background). Threads rather than processes: the models are loaded once and shared, and
spaCy and onnxruntime release the GIL for their heavy loops.

The functions below are what the routes call: each is one library call plus the mapping of
its failures to the web's statuses.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from fastapi import HTTPException

from ..analysis import Analysis
from ..document import Document
from ..errors import InputError
from ..ingest import fetch_document
from ..ingest.files import decode
from ..ingest.html import html_to_document
from ..ingest.text import read_text
from ..pipeline import analyze

__all__ = ["WorkerPool", "analyze_document", "document_from_upload", "fetch_url"]

T = TypeVar("T")

UPLOAD_SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html"}


class WorkerPool:
    """A bounded pool of worker threads whose calls are awaited with a timeout."""

    def __init__(self, *, workers: int, timeout: float) -> None:
        self.workers = workers
        self.timeout = timeout
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="slant-work")

    async def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``func(*args, **kwargs)`` in the pool; 504 if it takes longer than the timeout."""
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, partial(func, *args, **kwargs))
        try:
            return await asyncio.wait_for(future, timeout=self.timeout)
        except TimeoutError:
            raise HTTPException(
                status_code=504,
                detail=f"the work took longer than the request timeout of {self.timeout:g} s: "
                "try a shorter text, or the command line for long jobs",
            ) from None

    def shutdown(self) -> None:
        """Stop accepting work; running calls finish in the background."""
        self._executor.shutdown(wait=False, cancel_futures=True)


def analyze_document(document: Document, analyzers: Iterable[str] | None = None) -> Analysis:
    """Analyze one document (the library's :func:`slant.analyze`)."""
    return analyze(document, analyzers=analyzers)


def fetch_url(url: str, *, allow_private: bool) -> Document:
    """Fetch the article at ``url``: a refused URL raises FetchError (400), a failing server
    UpstreamError (502), a silent one FetchTimeout (504)."""
    return fetch_document(url, allow_private=allow_private)


def document_from_upload(filename: str, data: bytes) -> Document:
    """The article of an uploaded ``.txt`` or ``.html`` file, as the CLI would read it."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    kind = UPLOAD_SUFFIXES.get(suffix)
    if kind is None:
        raise InputError(
            f"{filename or 'the upload'}: give a .txt or .html file "
            "(tables and feeds go to the Corpus page)"
        )
    if not data.strip():
        raise InputError(f"{filename}: file is empty")
    text, warnings = decode(data, filename)
    if kind == "html":
        return html_to_document(text, name=filename, warnings=warnings)
    return next(read_text(text, name=filename, warnings=warnings))
