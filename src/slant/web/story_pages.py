"""The story page: ``/stories/{id}`` shows one stored story (reports of the same event, as
``slant stories`` grouped them) with the reports of each side in two columns — their
headlines, the numbers they give, whom they quote, what they call the actors, their
techniques and tone — each finding with its sentence.

The sides are FILTERs in the query (``?a=source:herald&b=source:freevoice``, as on the
Compare page); without them, side A is the story's first outlet and side B every other
report. One library call (:func:`slant.compare.by_story.story_side_by_side`) makes the page.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from ..compare.by_story import story_side_by_side
from ..compare.result import CitedDocument, StorySides, plain
from ..errors import InputError
from ..filters import parse_filter
from ..stories.model import Story
from .pages import render
from .state import WebState, web_state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _story(
    state: WebState, story_id: str, a: str, b: str
) -> tuple[Story, StorySides, dict[str, CitedDocument]] | None:
    with state.corpus() as corpus:
        return story_side_by_side(
            corpus, story_id, a=parse_filter(a) if a else None, b=parse_filter(b) if b else None
        )


@router.get("/stories/{story_id}")
async def story_page(
    request: Request,
    story_id: str,
    a: str = "",
    b: str = "",
    state: WebState = Depends(web_state),
) -> Response:
    try:
        found = await run_in_threadpool(_story, state, story_id, a, b)
    except InputError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    if found is None:
        raise HTTPException(status_code=404, detail=f"no story with id {story_id!r} in this corpus")
    story, sides, _ = found
    labels = {"a": a or "first outlet", "b": b or ("the other reports" if not a else "")}
    return render(
        state,
        request,
        "story.html",
        page="corpus",
        story=story,
        sides=plain(sides),
        labels=labels,
        form={"a": a, "b": b},
    )
