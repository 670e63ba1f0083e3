"""The HTML pages: Analyze, Corpus (list, search, document, ingest), API, login.

Each route gathers its inputs, makes one library call (through :mod:`.queries` or the
worker pool) and renders a Jinja2 template. The highlighted article comes from
:func:`slant.report.html.render_fragment`, which escapes every piece of article text; the
templates themselves autoescape everything else. The pages work without JavaScript (forms
and links); ``static/slant.js`` only adds the "show only this kind" buttons, notes on click,
and live ingest progress.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from ..analysis import Analysis
from ..document import Document
from ..errors import InputError
from ..report.html import render_fragment
from .apidoc import describe_openapi
from .errors import status_of
from .jobs import column_map
from .queries import find_documents, load_document
from .security import TOKEN_COOKIE, token_matches
from .state import WebState, web_state
from .work import analyze_document, document_from_upload, fetch_url, is_heavy

__all__ = ["render", "router"]

router = APIRouter(include_in_schema=False)
_PAGE_SIZE = 25


def render(state: WebState, request: Request, name: str, **context: Any) -> Response:
    """The template ``name`` rendered with ``context`` (autoescaped) and the session's CSRF
    token, which the page's forms put in their action (``?csrf=…``, :mod:`.csrf`)."""
    return state.templates.TemplateResponse(
        request, name, {"csrf": state.csrf_token(request), **context}
    )


def _language_warning(analysis: Analysis) -> tuple[str, ...]:
    reason = (analysis.language or {}).get("reason")
    return (reason,) if reason else ()


def analysis_context(analysis: Analysis) -> dict[str, Any]:
    """What the analysis templates need: the highlighted fragment and the JSON download."""
    return {
        # render_fragment escapes the article text piece by piece (report/highlight.py).
        "fragment": Markup(render_fragment(analysis)),
        "json_href": "data:application/json;charset=utf-8," + quote(analysis.to_json()),
        "json_name": f"slant-{analysis.document.id}.json",
        "warnings": (*analysis.document.warnings, *_language_warning(analysis)),
    }


async def _analyzed(
    state: WebState,
    request: Request,
    load: Callable[[], Awaitable[Document]],
    form: dict[str, str],
) -> Response:
    """Analyze the document ``load`` gives; on bad or too large input, a fetch failure or a
    timeout, the form again (with what was typed) and the error, with the error's status."""
    try:
        document = await load()
        state.check_text(document.text)
        analyze_now = partial(analyze_document, document, state.settings.analyzers)
        analysis = await state.pool.run(analyze_now, request=request, heavy=is_heavy(document))
    except (InputError, HTTPException) as exc:
        status = exc.status_code if isinstance(exc, HTTPException) else status_of(exc)
        message = exc.detail if isinstance(exc, HTTPException) else str(exc)
        response = render(state, request, "analyze.html", page="analyze", error=message, form=form)
        response.status_code = status
        return response
    context = analysis_context(analysis)
    return render(state, request, "analyze.html", page="analyze", form={}, **context)


@router.get("/")
def analyze_form(request: Request, state: WebState = Depends(web_state)) -> Response:
    return render(state, request, "analyze.html", page="analyze", form={})


@router.post("/analyze")
async def analyze_text(
    request: Request,
    text: str = Form(...),
    title: str = Form(""),
    state: WebState = Depends(web_state),
) -> Response:
    async def load() -> Document:
        state.check_text(text)
        return Document(text=text, title=title.strip() or None)

    return await _analyzed(state, request, load, {"text": text, "title": title})


@router.post("/analyze/upload")
async def analyze_upload(
    request: Request, file: UploadFile = File(...), state: WebState = Depends(web_state)
) -> Response:
    data = await file.read()

    async def load() -> Document:
        limit = state.settings.max_text_chars
        return document_from_upload(file.filename or "upload", data, max_chars=limit)

    return await _analyzed(state, request, load, {})


@router.post("/analyze/url")
async def analyze_url(
    request: Request, url: str = Form(...), state: WebState = Depends(web_state)
) -> Response:
    async def load() -> Document:
        allow = state.settings.allow_private_urls
        fetch = partial(fetch_url, url.strip(), allow_private=allow)
        return await state.pool.run(fetch, request=request, heavy=True)

    return await _analyzed(state, request, load, {"url": url})


@router.get("/corpus")
def corpus_page(
    request: Request,
    q: str = "",
    source: str = "",
    date_from: str = "",
    date_to: str = "",
    page: int = Query(1, le=10**6),
    state: WebState = Depends(web_state),
) -> Response:
    page = max(page, 1)
    found = find_documents(
        state,
        q=q,
        source=source,
        date_from=date_from,
        date_to=date_to,
        limit=_PAGE_SIZE,
        offset=(page - 1) * _PAGE_SIZE,
    )
    with state.corpus() as corpus:
        sources, stats = corpus.sources(), corpus.stats()
    query = {"q": q, "source": source, "date_from": date_from, "date_to": date_to}
    pages = max(1, math.ceil(found.total / _PAGE_SIZE))
    return render(
        state,
        request,
        "corpus.html",
        page="corpus",
        found=found,
        query=query,
        sources=sources,
        stats=stats,
        page_number=page,
        pages=pages,
        page_link=lambda n: "/corpus?" + urlencode({**query, "page": n}),
    )


@router.get("/documents/{document_id}")
async def document_page(
    request: Request, document_id: str, state: WebState = Depends(web_state)
) -> Response:
    document, analysis, stored = await load_document(state, document_id, request=request)
    story = await run_in_threadpool(_story_of, state, document_id)
    return render(
        state,
        request,
        "document.html",
        page="corpus",
        document=document,
        stored=stored,
        story=story,
        **analysis_context(analysis),
    )


def _story_of(state: WebState, document_id: str) -> str | None:
    with state.corpus() as corpus:
        return corpus.story_of(document_id)


@router.post("/corpus/ingest")
async def ingest_upload(
    file: UploadFile = File(...),
    source: str = Form(""),
    text_col: str = Form(""),
    title_col: str = Form(""),
    source_col: str = Form(""),
    date_col: str = Form(""),
    id_col: str = Form(""),
    url_col: str = Form(""),
    state: WebState = Depends(web_state),
) -> Response:
    columns = column_map(text_col, title_col, source_col, date_col, id_col, url_col)
    job = state.jobs.submit(
        file.filename or "upload", await file.read(), source=source.strip() or None, columns=columns
    )
    return RedirectResponse(f"/ingest/{job.id}", status_code=303)


@router.get("/ingest/{job_id}")
def ingest_page(request: Request, job_id: str, state: WebState = Depends(web_state)) -> Response:
    job = state.jobs.get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail=f"no ingest job {job_id!r} on this server")
    return render(state, request, "ingest.html", page="corpus", job=job)


@router.get("/api")
def api_page(request: Request, state: WebState = Depends(web_state)) -> Response:
    operations, schemas = describe_openapi(request.app.openapi())
    return render(state, request, "api.html", page="api", operations=operations, schemas=schemas)


@router.get("/login")
def login_form(request: Request, state: WebState = Depends(web_state)) -> Response:
    return render(state, request, "login.html", page=None, failed=False)


@router.post("/login")
def login(
    request: Request, token: str = Form(...), state: WebState = Depends(web_state)
) -> Response:
    expected = state.settings.token
    if expected is not None and not token_matches(token, expected):
        response = render(state, request, "login.html", page=None, failed=True)
        response.status_code = 401
        return response
    redirect = RedirectResponse("/", status_code=303)
    if expected is not None:
        redirect.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return redirect
