"""The corpus questions the pages and the API both ask, each a thin layer over the store.

- :func:`find_documents`: list or search stored documents with a source and date range. The
  form fields become one FILTER expression (parsed by :func:`slant.filters.parse_filter`, so the
  web accepts exactly what the CLI accepts). Without a query, documents come newest first
  from :meth:`Corpus.list_documents`; with one, best matches first from the store's FTS5
  :meth:`Corpus.search` (with snippets), filtered by source and date in the same query.
- :func:`load_document`: a stored document and its stored analysis, analyzed now (and not
  stored) when the corpus has not been annotated yet.
- :func:`run_comparison`: the comparison of two sides (the last few kept while the corpus
  stays the same: :meth:`Corpus.fingerprint` changes with documents, their metadata and
  every analysis stored, a re-annotation with a new analyzer version included).
"""

from __future__ import annotations

import shlex
from functools import partial

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from ..analysis import Analysis
from ..compare import Comparison, compare
from ..document import Document
from ..filters import Filter, parse_filter
from .models import CompareRequest, DocumentList, DocumentSummary
from .state import WebState
from .work import analyze_document, is_heavy

__all__ = ["find_documents", "load_document", "run_comparison", "side_filter"]


def side_filter(*, source: str | None, date_from: str | None, date_to: str | None) -> Filter:
    """The FILTER of a source list (comma-separated) and an ISO date range."""
    terms = []
    if source and source.strip():
        terms.append(f"source:{source.strip()}")
    if date_from or date_to:
        terms.append(f"date:{(date_from or '').strip()}..{(date_to or '').strip()}")
    return parse_filter(" ".join(shlex.quote(term) for term in terms))


def find_documents(
    state: WebState,
    *,
    q: str | None,
    source: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
) -> DocumentList:
    """One page of the stored documents matching a search query and filters."""
    flt = side_filter(source=source, date_from=date_from, date_to=date_to)
    with state.corpus() as corpus:
        if q and q.strip():
            total = corpus.count_matches(q, flt=flt)
            hits = corpus.search(q, flt=flt, limit=limit, offset=offset)
            rows = [DocumentSummary(**vars(h)) for h in hits]
        else:
            total = corpus.count_documents(flt)
            listed = corpus.list_documents(flt, limit=limit, offset=offset)
            rows = [DocumentSummary(**row) for row in listed]
    return DocumentList(total=total, limit=limit, offset=offset, filter=str(flt), documents=rows)


def _stored(state: WebState, document_id: str) -> tuple[Document | None, Analysis | None]:
    with state.corpus() as corpus:
        document = corpus.get_document(document_id)
        return document, corpus.get_analysis(document_id) if document else None


async def load_document(
    state: WebState, document_id: str, *, request: Request | None = None
) -> tuple[Document, Analysis, bool]:
    """A stored document, its analysis, and whether that analysis was stored (404 if absent)."""
    document, analysis = await run_in_threadpool(_stored, state, document_id)
    if document is None:
        raise HTTPException(
            status_code=404, detail=f"no document with id {document_id!r} in this corpus"
        )
    if analysis is not None:
        return document, analysis, True
    analyze_now = partial(analyze_document, document, state.settings.analyzers)
    analysis = await state.pool.run(analyze_now, request=request, heavy=is_heavy(document))
    return document, analysis, False


def _compare(state: WebState, request: CompareRequest) -> Comparison:
    with state.corpus() as corpus:
        return compare(
            corpus,
            a=request.a,
            b=request.b,
            label_a=request.label_a or None,
            label_b=request.label_b or None,
            subject_a=request.subject_a or None,
            subject_b=request.subject_b or None,
            by_story=True,
        )


def _corpus_version(state: WebState) -> str:
    with state.corpus() as corpus:
        return corpus.fingerprint()


async def run_comparison(
    state: WebState, request: CompareRequest, *, http: Request | None = None
) -> Comparison:
    """The :class:`slant.compare.Comparison` of the two sides of ``request``; the same request
    on an unchanged corpus (same :meth:`~slant.store.Corpus.fingerprint`) reuses the last
    result."""
    key = (
        tuple(request.model_dump().values()),
        await run_in_threadpool(_corpus_version, state),
    )
    comparison: Comparison | None = state.comparisons.get(key)
    if comparison is None:
        comparison = await state.pool.run(
            partial(_compare, state, request), request=http, heavy=True
        )
        state.comparisons.put(key, comparison)
    return comparison
