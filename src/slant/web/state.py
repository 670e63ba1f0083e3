"""What every route of one web app shares: its settings, worker pool, ingest jobs, templates.

One :class:`WebState` lives on ``app.state.slant``; routes get it with ``Depends(web_state)``.
The corpus is opened per use (:meth:`WebState.corpus`): SQLite connections are cheap, and a
connection per request keeps threads from sharing one (the store runs in WAL mode, so reads
go on while an ingest writes). The last comparisons are kept (:class:`RecentResults`), so the
compare page, its report frame and its JSON download compute a comparison once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates

from ..store import Corpus
from .csrf import csrf_token, session_of
from .jobs import IngestJobs
from .work import WorkerPool

if TYPE_CHECKING:
    from ..compare import Comparison

V = TypeVar("V")

__all__ = ["RecentResults", "WebSettings", "WebState", "web_state"]


@dataclass(frozen=True)
class WebSettings:
    """The options of :func:`slant.web.create_app`."""

    corpus_path: Path
    token: str | None = None
    max_upload_bytes: int = 20 * 1024 * 1024
    max_text_chars: int = 500_000
    workers: int = 2
    request_timeout: float = 120.0
    allow_private_urls: bool = False
    analyzers: tuple[str, ...] | None = None
    allowed_hosts: tuple[str, ...] | None = None


class RecentResults(Generic[V]):
    """The last few results by key (least recently used dropped), shared by threads."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@dataclass
class WebState:
    settings: WebSettings
    pool: WorkerPool
    jobs: IngestJobs
    templates: Jinja2Templates
    csrf_secret: bytes = b""
    comparisons: RecentResults[Comparison] = field(default_factory=RecentResults)

    def corpus(self) -> Corpus:
        """A fresh connection to the app's corpus (use it in a ``with`` block)."""
        return Corpus(self.settings.corpus_path)

    def csrf_token(self, request: Request) -> str:
        """The CSRF token of the request's session, for the forms of the page (:mod:`.csrf`)."""
        return csrf_token(self.csrf_secret, session_of(request.scope) or "")

    def check_text(self, text: str, *, name: str = "the text") -> None:
        """Refuse texts longer than the app's limit with 413."""
        limit = self.settings.max_text_chars
        if len(text) > limit:
            raise HTTPException(
                status_code=413,
                detail=f"{name} has {len(text):,} characters, more than this server's limit of "
                f"{limit:,}: analyze it with the command line (`slant analyze FILE`)",
            )


def web_state(request: Request) -> WebState:
    """FastAPI dependency: the state of the app serving ``request``."""
    state: WebState = request.app.state.slant
    return state
