"""The slant web app: FastAPI + Jinja2, a thin shell over the library (``slant serve``).

:func:`create_app` assembles it: the pages (:mod:`.pages`: Analyze, Corpus, Compare, API),
the JSON API under ``/api`` (:mod:`.api`, documented by ``/openapi.json`` and, offline, by the
``/api`` page: FastAPI's ``/docs`` and ``/redoc`` load CDN assets, so they are off), static
assets served by the app itself (no CDN, no web fonts), the guard rails of :mod:`.security`
and the one error shape of :mod:`.errors`. Analyses run in the worker pool of :mod:`.work`;
the pool is warmed with one small analysis at start-up, so models load once, before any
request, instead of racing in several threads. Jinja2 autoescapes every template; article
text only reaches HTML through :mod:`slant.report.highlight`, which escapes it piece by piece.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from .. import __version__
from ..document import Document
from ..pipeline import resolve
from ..store import Corpus
from . import api, compare_pages, pages, story_pages
from .csrf import RequestGuard
from .errors import ErrorResponder, install_error_handlers
from .jobs import IngestJobs
from .security import BodyLimit, SecurityHeaders, TokenAuth
from .state import WebSettings, WebState
from .work import WorkerPool, analyze_document

__all__ = ["create_app"]

log = logging.getLogger("slant.web")
_HERE = Path(__file__).resolve().parent
_SNIPPET_MATCH = re.compile(r"\[([^\[\]]*)\]")


def snippet_html(snippet: str) -> Markup:
    """A search snippet as HTML: escaped text, with the ``[matched]`` words in ``<mark>``."""
    pieces, last = [], 0
    for match in _SNIPPET_MATCH.finditer(snippet):
        pieces.append(escape(snippet[last : match.start()]))
        pieces.append(Markup("<mark>{}</mark>").format(match.group(1)))
        last = match.end()
    pieces.append(escape(snippet[last:]))
    return Markup("").join(pieces)


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("slant.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["snippet"] = snippet_html
    return Jinja2Templates(env=env)


def create_app(
    corpus_path: str | Path,
    *,
    token: str | None = None,
    max_upload_bytes: int = 20 * 1024 * 1024,
    max_text_chars: int = 500_000,
    workers: int | None = None,
    request_timeout: float = 120.0,
    allow_private_urls: bool = False,
    analyzers: Iterable[str] | None = None,
    allowed_hosts: Iterable[str] | None = None,
) -> FastAPI:
    """Build the web app over the corpus at ``corpus_path`` (created when missing).

    ``token``: when given, every request must carry it (``Authorization: Bearer``, or the
    cookie set by ``/login``). ``max_upload_bytes`` bounds any request body and
    ``max_text_chars`` any text to analyze (413 beyond). ``workers`` analyses run at once
    (default: the number of CPUs, at most 4), each answered within ``request_timeout``
    seconds or 504. ``allow_private_urls`` lets the app fetch URLs on private addresses.
    ``analyzers`` selects the analyzers pages and API run (default: all; an API request may
    name its own). ``allowed_hosts``: the names the server answers to in the ``Host`` header
    (default: loopback names only; ``["*"]`` for any), see :mod:`.csrf`.

    >>> app = create_app("slant.db")  # doctest: +SKIP
    >>> import uvicorn; uvicorn.run(app, host="127.0.0.1", port=8000)  # doctest: +SKIP
    """
    settings = WebSettings(
        corpus_path=Path(corpus_path),
        token=token or None,
        max_upload_bytes=max_upload_bytes,
        max_text_chars=max_text_chars,
        workers=workers or min(os.cpu_count() or 1, 4),
        request_timeout=request_timeout,
        allow_private_urls=allow_private_urls,
        analyzers=tuple(analyzers) if analyzers is not None else None,
        allowed_hosts=tuple(allowed_hosts) if allowed_hosts is not None else None,
    )
    resolve(settings.analyzers)  # an unknown analyzer name fails now
    Corpus(settings.corpus_path).close()  # fail now, not on the first request
    templates = _templates()
    state = WebState(
        settings=settings,
        pool=WorkerPool(workers=settings.workers, timeout=settings.request_timeout),
        jobs=IngestJobs(settings.corpus_path, analyzers=settings.analyzers),
        templates=templates,
        csrf_secret=secrets.token_bytes(32),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            warm_up = Document(text="slant loads its models.")
            await state.pool.run(partial(analyze_document, warm_up, settings.analyzers))
        except Exception:  # the pages that need no analysis still work; requests will say why
            log.exception("warming up the analyzers failed")
        yield
        state.pool.shutdown()
        state.jobs.shutdown()

    app = FastAPI(
        title="slant",
        version=__version__,
        description="Read news and show, with evidence, how it is told.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.slant = state
    responder = ErrorResponder(templates)
    install_error_handlers(app, responder)
    app.mount("/static/web", StaticFiles(directory=_HERE / "static"), name="web-static")
    app.mount(
        "/static/report",
        StaticFiles(directory=_HERE.parent / "report" / "static"),
        name="report-static",
    )
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(compare_pages.router)
    app.include_router(story_pages.router)
    # Added inner to outer: the security headers wrap even the 401, 403 and 413 answers.
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes, respond=responder.for_scope)
    app.add_middleware(TokenAuth, token=settings.token, respond=responder.for_scope)
    app.add_middleware(
        RequestGuard,
        secret=state.csrf_secret,
        respond=responder.for_scope,
        allowed_hosts=settings.allowed_hosts,
    )
    app.add_middleware(SecurityHeaders)
    return app
