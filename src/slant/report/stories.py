"""Rendering stories for people: a Rich terminal list and a standalone HTML page.

Each story shows its representative headline, dates, outlets, terms, places and actors, and
its documents (date, source, headline). Headlines come from articles: they are printed as
plain Rich ``Text`` and autoescaped in HTML, never interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.text import Text

from ..stories.model import Story
from .html import stylesheet, template_environment

__all__ = ["render_stories_html", "print_stories"]


def _documents(story: Story, documents: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": d, **documents.get(d, {})} for d in story.documents]


def print_stories(
    stories: list[Story],
    documents: Mapping[str, Mapping[str, Any]],
    console: Console,
    *,
    singletons: int = 0,
) -> None:
    """Print each story and its documents (``documents``: id -> title, source, date)."""
    if not stories:
        console.print(
            f"No story of two or more documents ({singletons} documents stand alone).",
            markup=False,
        )
        return
    for story in stories:
        head = Text(f"{story.title}", style="bold")
        head.append(
            f"  [{story.id}] {story.first_date}..{story.last_date} · "
            f"{len(story.documents)} documents · {', '.join(story.sources)}",
            style="dim",
        )
        console.print(head)
        if story.terms:
            console.print(Text("  terms: " + ", ".join(story.terms)))
        if story.places or story.actors:
            console.print(
                Text(
                    "  places: "
                    + (", ".join(story.places) or "–")
                    + " · actors: "
                    + (", ".join(story.actors) or "–")
                )
            )
        for doc in _documents(story, documents):
            line = f"    {doc.get('date') or '?'} {doc.get('source') or '?'}: "
            console.print(Text(line + (doc.get("title") or doc["id"])))
        console.print()
    console.print(
        f"{len(stories)} stories of two or more documents; {singletons} documents stand alone.",
        markup=False,
    )


def render_stories_html(
    stories: list[Story],
    documents: Mapping[str, Mapping[str, Any]],
    *,
    singletons: int = 0,
    method: str = "",
) -> str:
    """A standalone HTML page listing the stories and their documents."""
    env = template_environment()
    return env.get_template("stories_page.html").render(
        css=stylesheet(),
        stories=[(s, _documents(s, documents)) for s in stories],
        singletons=singletons,
        method=method,
    )
