"""A readable terminal summary of one analysis, with Rich.

Shows tone, frames, techniques (with the words they point at, and how many are inside
quotes), who is quoted, actors and
what they are called, numbers and casualty counts, cited media and scare quotes. Article
text is printed as plain text (``markup=False``), never interpreted as Rich markup.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..analysis import Actor, Analysis, Citation, Claim, Quote
from . import format_number, min_score_or_default, techniques_shown

__all__ = ["print_summary"]

_ROWS = 12


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _row(table: Table, *cells: object) -> None:
    table.add_row(*(Text(str(cell)) for cell in cells))


def print_summary(analysis: Analysis, console: Console, *, min_score: float | None = None) -> None:
    """Print the summary of ``analysis`` on ``console``: techniques scored at least
    ``min_score`` (None: the model's default operating point)."""
    doc = analysis.document
    meta = [m for m in (doc.source, doc.date, f"{doc.words} words", f"id {doc.id}") if m]
    console.print(Text(doc.title or "Untitled document", style="bold"))
    console.print(Text(" · ".join(meta), style="dim"))
    if analysis.tone is not None:
        console.print(Text(f"Tone (VADER, -1..1): {analysis.tone.compound:+.2f}"))
    if analysis.frames:
        frames = sorted(analysis.frames.items(), key=lambda kv: -kv[1])
        console.print(Text("Frames: " + ", ".join(f"{k} {v:.2f}" for k, v in frames)))
    _print_techniques(analysis, console, min_score_or_default(min_score, analysis))
    for section in (_quotes, _actors, _claims):
        table = section(analysis)
        if table is not None:
            console.print(table)
    killed = (analysis.casualties or {}).get("killed")
    if killed:
        console.print(Text("Reported killed: " + ", ".join(f"{k} {v}" for k, v in killed.items())))
    table = _citations(analysis)
    if table is not None:
        console.print(table)
    if analysis.scare_quotes:
        words = ", ".join(dict.fromkeys(f"'{s.text}'" for s in analysis.scare_quotes))
        console.print(Text(f"Scare quotes: {words}"))


def _print_techniques(analysis: Analysis, console: Console, threshold: float) -> None:
    shown = techniques_shown(analysis, threshold)
    if shown:
        counts = Counter(t.technique for t in shown)
        quoted = Counter(t.technique for t in shown if t.voice == "quoted")
        table = _table(
            f"Persuasion techniques ({len(shown)} at score ≥ {threshold:.2f}; "
            f"{sum(quoted.values())} inside quotes)",
            "technique",
            "n",
            "quoted",
            "example",
        )
        for name, n in counts.most_common():
            best = max((t for t in shown if t.technique == name), key=lambda t: t.score)
            example = _short(best.text, 70)
            if best.voice == "quoted":
                example += f"  (quoting {best.speaker or 'an unnamed speaker'})"
            _row(table, name, n, quoted[name], example)
        console.print(table)
    hidden = len(analysis.techniques) - len(shown)
    if hidden:
        console.print(
            Text(
                f"{hidden} more technique spans scored below {threshold:.2f} "
                "(--min-score 0 shows them)"
            ),
            style="dim",
        )


def _quotes(analysis: Analysis) -> Table | None:
    quotes: list[Quote] = analysis.quotes
    if not quotes:
        return None
    table = _table(f"Who is quoted ({len(quotes)})", "speaker", "kind", "content")
    for q in quotes[:_ROWS]:
        _row(table, q.speaker or "—", q.kind, _short(q.content, 80))
    return table


def _actors(analysis: Analysis) -> Table | None:
    if not analysis.actors:
        return None
    columns = ("actor", "type", "mentions", "called", "quoted", "tone")
    table = _table("Actors and what they are called", *columns)
    actors: list[Actor] = sorted(analysis.actors, key=lambda a: -len(a.mentions))[:_ROWS]
    for a in actors:
        called = ", ".join(dict.fromkeys(d.text for d in a.descriptors)) or "—"
        tone = "—" if a.tone is None else f"{a.tone:+.2f}"
        _row(table, a.name, a.type, len(a.mentions), _short(called, 60), a.times_quoted, tone)
    return table


def _claims(analysis: Analysis) -> Table | None:
    claims: list[Claim] = analysis.claims
    if not claims:
        return None
    table = _table(f"Numbers claimed ({len(claims)})", "value", "category", "event", "text")
    for c in claims[:_ROWS]:
        value = (
            format_number(c.value)
            + (" ≈" if c.approximate else "")
            + (f" ({c.bound})" if c.bound else "")
        )
        _row(table, value, c.category, c.event, _short(c.text, 60))
    return table


def _citations(analysis: Analysis) -> Table | None:
    citations: list[Citation] = analysis.citations
    if not citations:
        return None
    table = _table(f"Media cited ({len(citations)})", "outlet", "title", "date")
    for c in citations[:_ROWS]:
        _row(table, c.outlet or "—", _short(c.title or "", 60), c.date or "")
    return table
