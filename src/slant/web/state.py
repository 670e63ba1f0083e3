"""What every route of one web app shares: its settings, worker pool, ingest jobs, templates.

One :class:`WebState` lives on ``app.state.slant``; routes get it with ``Depends(web_state)``.
The corpus is opened per use (:meth:`WebState.corpus`): SQLite connections are cheap, and a
connection per request keeps threads from sharing one (the store runs in WAL mode, so reads
go on while an ingest writes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates

from ..store import Corpus
from .jobs import IngestJobs
from .work import WorkerPool

__all__ = ["WebSettings", "WebState", "web_state"]


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


@dataclass
class WebState:
    settings: WebSettings
    pool: WorkerPool
    jobs: IngestJobs
    templates: Jinja2Templates

    def corpus(self) -> Corpus:
        """A fresh connection to the app's corpus (use it in a ``with`` block)."""
        return Corpus(self.settings.corpus_path)

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
    return request.app.state.slant
