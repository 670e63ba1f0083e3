"""The terminal summary of a comparison (Rich tables), for ``slant compare --format text``.

It shows the strongest signals and leaves the evidence to the JSON and HTML reports: the
distinctive terms with their z-scores, what each side calls the actors both mention and the
roles it casts them in, techniques, tone and frames with their 95 % intervals (a row is
marked ``*`` when the interval of the difference excludes zero), who is quoted and cited,
and the casualties reported. All text from the corpus is printed with markup off.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..report.compare_stories import print_story_sections
from .collect import CASUALTY_CATEGORIES, FRAMES
from .model import Comparison

__all__ = ["render_text"]

TOP = 12


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _interval(entry: dict[str, Any], key: str, digits: int = 2) -> str:
    low, high = entry["ci95"]
    return f"{_num(entry[key], digits)} [{_num(low, digits)}, {_num(high, digits)}]"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", show_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _side_by_side(title: str, left: list[str], right: list[str], labels: dict[str, str]) -> Table:
    table = _table(title, labels["a"], labels["b"])
    for i in range(max(len(left), len(right))):
        table.add_row(
            Text(left[i] if i < len(left) else ""), Text(right[i] if i < len(right) else "")
        )
    return table


def render_text(comparison: Comparison, console: Console) -> None:
    """Print a readable summary of ``comparison`` on ``console``."""
    data = comparison.data
    labels = {key: data[key]["label"] for key in "ab"}
    for key in "ab":
        side = data[key]
        subject = f", sentences mentioning {side['subject']!r}" if side["subject"] else ""
        console.print(
            Text(
                f"{key.upper()}: {side['label']} — {side['documents']:,} documents, "
                f"{side['words']:,} words{subject}"
            )
        )
        if side["not_annotated"]:
            console.print(
                Text(
                    f"   ({side['not_annotated']} documents not annotated, left out: "
                    "run `slant annotate`)",
                    style="yellow",
                )
            )
    terms = {
        key: [f"{t['term']} ({t['z']:+.1f})" for t in data["distinctive_terms"][key][:TOP]]
        for key in "ab"
    }
    console.print(_side_by_side("Distinctive terms (z)", terms["a"], terms["b"], labels))
    _actors(data, labels, console)
    _rates(data, labels, console)
    voices = {
        key: [f"{q['speaker']} ({q['quotes']})" for q in data["quoted"][key][:8]]
        + [f"cites {c['outlet']} ({c['citations']})" for c in data["cited_outlets"][key][:5]]
        for key in "ab"
    }
    console.print(_side_by_side("Quoted and cited", voices["a"], voices["b"], labels))
    table = _table("Reported killed (sum over articles)", "", labels["a"], labels["b"])
    for category in CASUALTY_CATEGORIES:
        field = f"killed_{category}_reported"
        table.add_row(category, *(f"{data['casualties'][k][field]:,}" for k in "ab"))
    console.print(table)
    print_story_sections(data, labels, console)


def _actors(data: dict[str, Any], labels: dict[str, str], console: Console) -> None:
    if data["actor_descriptors"]:
        table = _table("What each side calls the same actors", "actor", labels["a"], labels["b"])
        for actor in data["actor_descriptors"][:TOP]:
            cells = [
                ", ".join(f"{d['descriptor']} ×{d['count']}" for d in actor[key][:5])
                for key in "ab"
            ]
            table.add_row(Text(actor["actor"]), Text(cells[0]), Text(cells[1]))
        console.print(table)
    if data["actor_roles"]:
        table = _table("Roles each side casts them in", "actor", labels["a"], labels["b"])
        for actor in data["actor_roles"][:TOP]:
            cells = [
                ", ".join(f"{r} ×{n}" for r, n in actor[key]["roles"].items() if n) for key in "ab"
            ]
            table.add_row(Text(actor["actor"]), Text(cells[0]), Text(cells[1]))
        console.print(table)


def _rates(data: dict[str, Any], labels: dict[str, str], console: Console) -> None:
    table = _table(
        "Techniques per 1,000 words, mean tone, share of articles with each frame [95 % CI];"
        " * = real difference",
        "",
        labels["a"],
        labels["b"],
        "",
    )
    techniques = data["techniques"]
    names = sorted(
        techniques["difference"],
        key=lambda n: -max(techniques[k][n]["per_1000_words"] or 0 for k in "ab"),
    )
    for name in names:
        table.add_row(
            name.replace("_", " ").replace(",", ", "),
            *(_interval(techniques[k][name], "per_1000_words") for k in "ab"),
            "*" if techniques["difference"][name]["real"] else "",
        )
    tone = data["tone"]
    table.add_row(
        "tone (mean)",
        *(_interval(tone[k], "mean", 3) for k in "ab"),
        "*" if tone["difference"]["real"] else "",
        style="bold",
    )
    if data["frames"]["documents"]["a"] or data["frames"]["documents"]["b"]:
        for frame in FRAMES:
            table.add_row(
                f"{frame.replace('_', ' ')} frame",
                *(_interval(data["frames"][k][frame], "share") for k in "ab"),
                "*" if data["frames"]["difference"][frame]["real"] else "",
            )
    console.print(table)
