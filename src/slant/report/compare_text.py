"""The terminal summary of a comparison (Rich tables), for ``slant compare --format text``.

It shows the strongest signals and leaves the evidence to the JSON and HTML reports: the
distinctive terms with their z-scores, what each side calls the actors both mention and the
roles it casts them in, techniques, tone and frames with their 95 % intervals (a row is
marked ``*`` when the interval of the difference excludes zero), who is quoted and cited,
and the casualties reported. All text from the corpus is printed with markup off.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..analysis import CASUALTY_CATEGORIES, FRAMES
from ..compare.result import SIDES, Comparison, Difference, FrameShare, MeanTone, Rate, SideKey
from . import VOICE_LABELS
from .compare_stories import print_story_sections

__all__ = ["print_comparison"]

TOP = 12


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _interval(value: float | None, ci95: tuple[float | None, float | None], digits: int = 2) -> str:
    low, high = ci95
    return f"{_num(value, digits)} [{_num(low, digits)}, {_num(high, digits)}]"


def _rate(rate: Rate) -> str:
    return _interval(rate.per_1000_words, rate.ci95)


def _mean(tone: MeanTone) -> str:
    return _interval(tone.mean, tone.ci95, 3)


def _share(frame: FrameShare) -> str:
    return _interval(frame.share, frame.ci95)


def _star(difference: Difference) -> str:
    return "*" if difference.real else ""


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", show_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _side_by_side(
    title: str, left: list[str], right: list[str], labels: Mapping[SideKey, str]
) -> Table:
    table = _table(title, labels["a"], labels["b"])
    for i in range(max(len(left), len(right))):
        table.add_row(
            Text(left[i] if i < len(left) else ""), Text(right[i] if i < len(right) else "")
        )
    return table


def print_comparison(comparison: Comparison, console: Console) -> None:
    """Print a readable summary of ``comparison`` on ``console``."""
    c = comparison
    labels: dict[SideKey, str] = {key: side.label for key, side in c.sides.items()}
    for key, side in c.sides.items():
        subject = f", sentences mentioning {side.subject!r}" if side.subject else ""
        console.print(
            Text(
                f"{key.upper()}: {side.label} — {side.documents:,} documents, "
                f"{side.words:,} words{subject}"
            )
        )
        if side.not_annotated:
            console.print(
                Text(
                    f"   ({side.not_annotated} documents not annotated, left out: "
                    "run `slant annotate`)",
                    style="yellow",
                )
            )
    terms = {
        key: [f"{t.term} ({t.z:+.1f})" for t in side_terms[:TOP]]
        for key, side_terms in c.distinctive_terms.items()
    }
    console.print(_side_by_side("Distinctive terms (z)", terms["a"], terms["b"], labels))
    _actors(c, labels, console)
    _rates(c, labels, console)
    voices = {
        key: [f"{q.speaker} ({q.quotes})" for q in c.quoted[key][:8]]
        + [f"cites {o.outlet} ({o.citations})" for o in c.cited_outlets[key][:5]]
        for key in SIDES
    }
    console.print(_side_by_side("Quoted and cited", voices["a"], voices["b"], labels))
    table = _table("Reported killed (sum over articles)", "", labels["a"], labels["b"])
    for category in CASUALTY_CATEGORIES:
        table.add_row(category, *(f"{c.casualties[k].killed(category):,}" for k in SIDES))
    console.print(table)
    print_story_sections(c.to_dict(), labels, console)


def _actors(c: Comparison, labels: Mapping[SideKey, str], console: Console) -> None:
    if c.actor_descriptors:
        table = _table("What each side calls the same actors", "actor", labels["a"], labels["b"])
        for described in c.actor_descriptors[:TOP]:
            cells = [
                ", ".join(f"{d.descriptor} ×{d.count}" for d in side[:5])
                for side in (described.a, described.b)
            ]
            table.add_row(Text(described.actor), Text(cells[0]), Text(cells[1]))
        console.print(table)
    if c.actor_roles:
        table = _table("Roles each side casts them in", "actor", labels["a"], labels["b"])
        for cast in c.actor_roles[:TOP]:
            cells = [
                ", ".join(f"{r} ×{n}" for r, n in side.roles.items() if n)
                for side in (cast.a, cast.b)
            ]
            table.add_row(Text(cast.actor), Text(cells[0]), Text(cells[1]))
        console.print(table)


def _rates(c: Comparison, labels: Mapping[SideKey, str], console: Console) -> None:
    table = _table(
        "Techniques per 1,000 words"
        + (
            f" (score ≥ {c.technique_min_score:.2f})"
            if c.technique_min_score > 0
            else " (every stored finding)"
        )
        + ", mean tone, share of articles with each frame [95 % CI]; * = real difference",
        "",
        labels["a"],
        labels["b"],
        "",
    )
    techniques = c.techniques
    names = sorted(
        techniques.difference,
        key=lambda n: -max(techniques.side(k)[n].per_1000_words or 0 for k in SIDES),
    )
    for name in names:
        table.add_row(
            name.replace("_", " ").replace(",", ", "),
            *(_rate(techniques.side(k)[name]) for k in SIDES),
            _star(techniques.difference[name]),
        )
    voices = c.technique_voices
    for voice, label in VOICE_LABELS.items():
        rates = [getattr(voices.side(k), voice) for k in SIDES]
        if any(rate.count for rate in rates):
            table.add_row(
                label,
                *(_rate(rate) for rate in rates),
                _star(voices.difference[voice]),
                style="italic",
            )
    table.add_row(
        "tone (mean)", _mean(c.tone.a), _mean(c.tone.b), _star(c.tone.difference), style="bold"
    )
    if c.frames.documents.a or c.frames.documents.b:
        for frame in FRAMES:
            table.add_row(
                f"{frame.replace('_', ' ')} frame",
                *(_share(c.frames.side(k)[frame]) for k in SIDES),
                _star(c.frames.difference[frame]),
            )
    console.print(table)
