"""The Compare page: two sides in the FILTER syntax (or two subjects) and their report.

``/compare`` shows the form and, once both sides are given, the report of
:func:`slant.report.compare_html.render_comparison` (a standalone page with inline SVG charts
and evidence anchors, and no script) in a sandboxed frame loaded from ``/compare/report``,
which is served under its own policy: its inline CSS and nothing else, framed by this app
only. A bad filter is shown above the form. ``/compare.json`` downloads the
``slant.compare/1`` JSON. The three share one computation through the app's cache of recent
comparisons.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ..compare import Comparison
from ..errors import InputError
from ..report.compare_html import render_comparison
from .models import CompareRequest
from .pages import render
from .queries import run_comparison
from .security import REPORT_POLICY
from .state import WebState, web_state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def compare_form(
    a: str = "",
    b: str = "",
    label_a: str = "",
    label_b: str = "",
    subject_a: str = "",
    subject_b: str = "",
) -> CompareRequest:
    """The compare form's query parameters (not validated: an empty form is a blank page)."""
    return CompareRequest.model_construct(
        a=a, b=b, label_a=label_a, label_b=label_b, subject_a=subject_a, subject_b=subject_b
    )


def _has_sides(form: CompareRequest) -> bool:
    return any((form.a, form.b, form.subject_a, form.subject_b))


async def _comparison(state: WebState, form: CompareRequest) -> Comparison:
    if not _has_sides(form):
        raise HTTPException(status_code=400, detail="give the two sides to compare (a and b)")
    return await run_comparison(state, form)


@router.get("/compare")
async def compare_page(
    request: Request,
    form: CompareRequest = Depends(compare_form),
    state: WebState = Depends(web_state),
) -> Response:
    context: dict[str, Any] = {"page": "compare", "form": form, "report": None, "error": None}
    status = 200
    if _has_sides(form):
        try:
            comparison = await _comparison(state, form)
        except InputError as exc:  # shown above the form, so the sides can be corrected
            context["error"], status = str(exc), 400
        else:
            query = urlencode({k: v for k, v in form.model_dump().items() if v})
            context.update(
                report=comparison,
                report_href=f"/compare/report?{query}",
                json_href=f"/compare.json?{query}",
            )
    with state.corpus() as corpus:
        context["sources"] = corpus.sources()
    response = render(state, request, "compare.html", **context)
    response.status_code = status
    return response


@router.get("/compare/report")
async def compare_report(
    form: CompareRequest = Depends(compare_form), state: WebState = Depends(web_state)
) -> Response:
    comparison = await _comparison(state, form)
    headers = {"content-security-policy": REPORT_POLICY, "x-frame-options": "SAMEORIGIN"}
    return HTMLResponse(render_comparison(comparison), headers=headers)


@router.get("/compare.json")
async def compare_json(
    form: CompareRequest = Depends(compare_form), state: WebState = Depends(web_state)
) -> Response:
    comparison = await _comparison(state, form)
    return JSONResponse(
        comparison.to_dict(),
        headers={"content-disposition": 'attachment; filename="slant-compare.json"'},
    )
