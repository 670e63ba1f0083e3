"""Rendering the story sections of a comparison: "A says X where B says Y" (aligned terms),
what was left out of the distinctive terms, and, with ``--by-story``, each story both sides
report side by side and each side's blindspots — in the terminal and in the HTML report.

All text from the corpus reaches Rich as plain ``Text`` and the HTML template as plain
strings (autoescaped); evidence anchors come from the report's own evidence list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..compare.result import SIDES, Comparison, Example, SideKey

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


def print_story_sections(
    data: Mapping[str, Any], labels: Mapping[SideKey, str], console: Console
) -> None:
    """Print the aligned terms, the exclusions and (if present) stories and blindspots of a
    comparison's ``slant.compare/1`` dictionary."""
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
        for key in SIDES:
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
        rows: tuple[tuple[str, Callable[[list[dict[str, Any]]], list[str]]], ...] = (
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
    for key, other in (SIDES, SIDES[::-1]):
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
    c: Comparison,
    labels: Mapping[SideKey, str],
    evidence: Callable[[str, Sequence[Example] | None], str | None],
) -> dict[str, Any]:
    """What ``compare_stories.html`` shows: the aligned pairs, exclusions, stories and
    blindspots, each finding with the anchor of its evidence; ``evidence(title, examples)``
    registers a group of examples in the report and returns its anchor."""
    aligned = [
        (
            pair,
            evidence(f"“{pair.a}” in {labels['a']}", pair.examples_a),
            evidence(f"“{pair.b}” in {labels['b']}", pair.examples_b),
        )
        for pair in c.aligned_terms
    ]
    rows = []
    for story in c.stories or ():
        cells: dict[str, dict[str, Any]] = {}
        for key in SIDES:
            side = labels[key]
            cells[key] = {
                "documents": getattr(story, f"documents_{key}"),
                "numbers": [
                    (n, evidence(f"{side} on “{story.title}”: {n.text}", n.examples))
                    for n in getattr(story, f"numbers_{key}")
                ],
                "quoted": [
                    (q, evidence(f"{side} quotes {q.speaker}", q.examples))
                    for q in getattr(story, f"quoted_{key}")
                ],
                "descriptors": [
                    (d, evidence(f"{side} on {d.actor}: “{d.descriptor}”", d.examples))
                    for d in getattr(story, f"descriptors_{key}")
                ],
                "techniques": [
                    (t, evidence(f"{t.technique} in {side} on “{story.title}”", t.examples))
                    for t in getattr(story, f"techniques_{key}")
                ],
            }
        rows.append((story, cells))
    return {
        "aligned": aligned,
        "excluded": c.excluded_terms,
        "by_story": c.stories is not None,
        "story_rows": rows,
        "blindspots": c.blindspots,
    }
