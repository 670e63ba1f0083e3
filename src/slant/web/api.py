"""The JSON API under ``/api``: one route per library call, typed by :mod:`.models`.

``POST /api/analyze`` (text or URL → ``slant.analysis/1``), ``GET /api/documents`` (search and
filter the corpus), ``GET /api/documents/{id}`` (a document with its analysis),
``POST /api/compare`` (two sides → ``slant.compare/1``), ``POST /api/ingest`` and
``GET /api/ingest/{id}`` (upload a CSV/JSONL/feed and poll its progress), ``GET /api/health``.
Every error is ``{"ok": false, "error": …, "status": N}`` (:mod:`.errors`).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile

from .. import __version__
from ..document import Document
from ..pipeline import resolve
from .jobs import column_map
from .models import (
    AnalysisOut,
    AnalyzeRequest,
    CompareOut,
    CompareRequest,
    DocumentList,
    DocumentOut,
    ErrorOut,
    HealthOut,
    IngestJobOut,
)
from .queries import find_documents, load_document, run_comparison
from .state import WebState, web_state
from .work import analyze_document, fetch_url, is_heavy

__all__ = ["router"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in {
        400: "Bad input",
        401: "Token missing or wrong",
        413: "Body or text too large",
        403: "Refused: from another site, or a host name this server does not answer to",
        422: "Invalid request",
        429: "Too many requests waiting: retry after the Retry-After seconds",
        504: "Timed out",
    }.items()
}
#: The largest offset a listing accepts (SQLite integers are 64-bit; no corpus is this large).
MAX_OFFSET = 10**9
router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS)


@router.post(
    "/analyze",
    response_model=AnalysisOut,
    summary="Analyze one article given as text or URL",
    responses={502: {"model": ErrorOut, "description": "The URL could not be fetched"}},
)
async def analyze(
    body: AnalyzeRequest, request: Request, state: WebState = Depends(web_state)
) -> dict[str, Any]:
    """Run slant's analyzers (those given, else the server's) on the text, or on the article
    fetched from the URL (which must be on a public address), and return the
    ``slant.analysis/1`` JSON. Nothing is stored."""
    if body.text is not None:
        state.check_text(body.text)
        document = Document(text=body.text, title=body.title, source=body.source, date=body.date)
    else:
        assert body.url is not None  # AnalyzeRequest's validator: exactly one of text, url
        allow = state.settings.allow_private_urls
        fetch = partial(fetch_url, body.url, allow_private=allow)
        document = await state.pool.run(fetch, request=request, heavy=True)
        state.check_text(document.text, name=f"the article at {body.url}")
    analyzers = body.analyzers or state.settings.analyzers
    analysis = await state.pool.run(
        partial(analyze_document, document, analyzers), request=request, heavy=is_heavy(document)
    )
    return analysis.to_dict()


@router.get("/documents", response_model=DocumentList, summary="List or search the corpus")
def documents(
    q: str | None = Query(None, description="Full-text search (FTS5; words are ANDed)."),
    source: str | None = Query(None, description="Source, or sources separated by commas."),
    date_from: str | None = Query(None, alias="from", description="First date (ISO)."),
    date_to: str | None = Query(None, alias="to", description="Last date (ISO)."),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    state: WebState = Depends(web_state),
) -> DocumentList:
    """Stored documents matching the filters: newest first, or best matches first with a
    snippet when ``q`` is given."""
    return find_documents(
        state, q=q, source=source, date_from=date_from, date_to=date_to, limit=limit, offset=offset
    )


@router.get(
    "/documents/{document_id}",
    response_model=DocumentOut,
    summary="One stored document with its analysis",
    responses={404: {"model": ErrorOut, "description": "No such document"}},
)
async def document(
    document_id: str, request: Request, state: WebState = Depends(web_state)
) -> dict[str, Any]:
    """The document's text and metadata, and its stored analysis (computed now, not stored,
    when the corpus has not been annotated)."""
    doc, analysis, stored = await load_document(state, document_id, request=request)
    return {
        "id": doc.id,
        "title": doc.title,
        "source": doc.source,
        "date": doc.date,
        "url": doc.url,
        "text": doc.text,
        "analysis_stored": stored,
        "analysis": analysis.to_dict(),
    }


@router.post("/compare", response_model=CompareOut, summary="Compare two sides of the corpus")
async def compare(
    body: CompareRequest, request: Request, state: WebState = Depends(web_state)
) -> dict[str, Any]:
    """Compare the documents selected by two FILTERs (or two subjects): distinctive terms,
    what actors are called, techniques, tone, who is quoted, casualties. ``slant.compare/1``."""
    comparison = await run_comparison(state, body, http=request)
    return comparison.to_dict()


@router.post(
    "/ingest",
    response_model=IngestJobOut,
    status_code=202,
    summary="Add an uploaded CSV, JSONL or RSS/Atom file to the corpus",
)
async def ingest(
    file: UploadFile = File(..., description="A .csv, .jsonl or feed (.xml/.rss/.atom) file."),
    source: str | None = Form(None, description="Source name for documents that lack one."),
    text_col: str | None = Form(None),
    title_col: str | None = Form(None),
    source_col: str | None = Form(None),
    date_col: str | None = Form(None),
    id_col: str | None = Form(None),
    url_col: str | None = Form(None),
    state: WebState = Depends(web_state),
) -> dict[str, Any]:
    """Start storing and annotating the file's documents in the background; poll
    ``GET /api/ingest/{id}`` for progress. Columns left out are found by name: ``text``,
    ``title``, ``source``, ``date``, ``id``, ``url``, or the aliases ``body``/``content``,
    ``headline``, ``outlet``, ``published``, ``link``."""
    columns = column_map(text_col, title_col, source_col, date_col, id_col, url_col)
    job = state.jobs.submit(
        file.filename or "upload", await file.read(), source=source or None, columns=columns
    )
    return job.as_dict()


@router.get(
    "/ingest/{job_id}",
    response_model=IngestJobOut,
    summary="Progress of an ingest",
    responses={404: {"model": ErrorOut, "description": "No such job"}},
)
def ingest_job(job_id: str, state: WebState = Depends(web_state)) -> dict[str, Any]:
    """The counts of an ingest started by ``POST /api/ingest``."""
    job = state.jobs.get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail=f"no ingest job {job_id!r} on this server")
    return job.as_dict()


@router.get("/health", response_model=HealthOut, summary="Is the server up, and what it serves")
def health(state: WebState = Depends(web_state)) -> HealthOut:
    """The version, the corpus and its counts, and the analyzers the server runs."""
    with state.corpus() as corpus:
        stats = corpus.stats()
    return HealthOut(
        version=__version__,
        corpus=state.settings.corpus_path.name,
        documents=stats["documents"],
        annotated=stats["annotated"],
        analyzers={spec.name: spec.version for spec in resolve(state.settings.analyzers)},
    )
