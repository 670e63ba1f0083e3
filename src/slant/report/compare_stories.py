"""Rendering the story sections of a comparison: "A says X where B says Y" (aligned terms),
what was left out of the distinctive terms, and, with ``--by-story``, each story both sides
report side by side and each side's blindspots — in the terminal and in the HTML report.

All text from the corpus reaches Rich as plain ``Text`` and the HTML template as plain
strings (autoescaped); evidence anchors come from the report's own evidence list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["print_story_sections", "story_view"]

#: Stories and pairs shown in the terminal.
TOP = 10


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", show_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _join(items: list[str], empty: str = "–") -> str:
    return ", ".join(items) if items else empty


def print_story_sections(data: dict[str, Any], labels: dict[str, str], console: Console) -> None:
    """Print the aligned terms, the exclusions and (if present) stories and blindspots."""
    pairs = data.get("aligned_terms") or []
    if pairs:
        table = _table(
            f"{labels['a']} says … where {labels['b']} says …",
            labels["a"],
            labels["b"],
            "score",
            "shared contexts",
        )
        for pair in pairs[:TOP]:
            table.add_row(
                Text(f"{pair['a']} ×{pair['count_a']}"),
                Text(f"{pair['b']} ×{pair['count_b']}"),
                f"{pair['score']:.2f}",
                Text(_join(pair["shared_contexts"])),
            )
        console.print(table)
    excluded = data.get("excluded_terms")
    if excluded:
        for key in "ab":
            entry = excluded[key]
            boilerplate = _join(entry["boilerplate"][:5])
            console.print(
                Text(
                    f"Left out of {labels[key]}'s terms: outlet names "
                    f"{_join(entry['outlet_names'])}; boilerplate {boilerplate}; "
                    f"bylines {_join(entry['bylines'][:5])}; {entry['datelines']} datelines",
                    style="dim",
                )
            )
    if "stories" not in data:
        return
    for story in data["stories"][:TOP]:
        table = _table(
            f"Story: {story['title']} ({story['first_date']}..{story['last_date']})",
            "",
            labels["a"],
            labels["b"],
        )
        rows = (
            ("reports", lambda s: [f"{d['source']}: {d['title'] or d['id']}" for d in s]),
            ("numbers", lambda s: [n["text"] or str(n["value"]) for n in s]),
            ("quoted", lambda s: [f"{q['speaker']} ×{q['count']}" for q in s]),
            ("calls", lambda s: [f"{d['actor']}: {d['descriptor']}" for d in s]),
            ("techniques", lambda s: [f"{t['technique']} ×{t['count']}" for t in s]),
        )
        fields = ("documents", "numbers", "quoted", "descriptors", "techniques")
        for (name, show), field in zip(rows, fields, strict=True):
            cells = [_join(show(story[f"{field}_{key}"])[:5]) for key in "ab"]
            table.add_row(name, Text(cells[0]), Text(cells[1]))
        tones = [story[f"tone_{key}"] for key in "ab"]
        table.add_row("tone", *("–" if t is None else f"{t:+.2f}" for t in tones))
        console.print(table)
    if not data["stories"]:
        console.print(
            "No story both sides report (run `slant stories` to group the corpus first).",
            markup=False,
        )
    for key, other in (("a", "b"), ("b", "a")):
        spots = data["blindspots"][key]
        if spots:
            table = _table(f"Only {labels[key]} reported (not {labels[other]})", "story", "reports")
            for spot in spots[:TOP]:
                table.add_row(
                    Text(f"{spot['title']} ({spot['first_date']})"),
                    f"{spot['documents']} of {spot['reports']}",
                )
            console.print(table)


def story_view(
    data: dict[str, Any],
    labels: dict[str, str],
    evidence: Callable[[str, list[dict[str, Any]] | None], str | None],
) -> dict[str, Any]:
    """Add evidence anchors (``ev``) to the story sections' items, for the HTML template;
    ``evidence(title, examples)`` registers a group of examples and returns its anchor."""
    for pair in data.get("aligned_terms") or []:
        for key in "ab":
            pair[f"ev_{key}"] = evidence(
                f"“{pair[key]}” in {labels[key]}", pair.get(f"examples_{key}")
            )
    for story in data.get("stories") or []:
        for key in "ab":
            for number in story[f"numbers_{key}"]:
                number["ev"] = evidence(
                    f"{labels[key]} on “{story['title']}”: {number['text']}", number["examples"]
                )
            for quoted in story[f"quoted_{key}"]:
                quoted["ev"] = evidence(
                    f"{labels[key]} quotes {quoted['speaker']}", quoted["examples"]
                )
            for item in story[f"descriptors_{key}"]:
                item["ev"] = evidence(
                    f"{labels[key]} on {item['actor']}: “{item['descriptor']}”", item["examples"]
                )
            for item in story[f"techniques_{key}"]:
                item["ev"] = evidence(
                    f"{item['technique']} in {labels[key]} on “{story['title']}”",
                    item["examples"],
                )
    return {"by_story": "stories" in data}
