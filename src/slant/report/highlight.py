"""Turning findings into highlighted, escaped HTML of the article text.

Findings overlap (a quote holds a technique that holds an actor), so the text is cut at every
finding boundary and each piece is wrapped in one ``<span>`` whose classes name every kind
of finding covering it. Only escaped text and attribute values built here reach the HTML:
article text can never become markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..analysis import Analysis

__all__ = ["KINDS", "Mark", "highlight_text", "marks_of", "technique_css"]

#: Kinds of findings that can be highlighted, with the label shown in legends.
KINDS: dict[str, str] = {
    "technique": "Persuasion technique",
    "quote": "Quoted speech",
    "speaker": "Speaker",
    "actor": "Actor mention",
    "descriptor": "What an actor is called",
    "claim": "Number claimed",
    "citation": "Cited medium",
    "scare_quote": "Scare quote",
}


#: Class of a technique scored below the operating point.
_LOW = "t-low"


@dataclass(frozen=True)
class Mark:
    """One highlighted range: its kind, offsets and the note shown on hover."""

    kind: str
    start: int
    end: int
    note: str
    css: str = ""
    score: float | None = None


def technique_css(name: str) -> str:
    """CSS class of a technique: ``Name_Calling,Labeling`` -> ``t-name-calling-labeling``."""
    return "t-" + "".join(ch if ch.isalnum() else "-" for ch in name.lower())


def marks_of(analysis: Analysis, *, min_score: float = 0.0) -> list[Mark]:
    """Every highlightable finding of an analysis as a :class:`Mark`; techniques scored below
    ``min_score`` carry the class ``t-low`` (not highlighted unless asked for)."""
    marks: list[Mark] = []
    for t in analysis.techniques:
        css = technique_css(t.technique) + (f" {_LOW}" if t.score < min_score else "")
        voice = ""
        if t.voice == "quoted":
            voice = f", quoting {t.speaker or 'an unnamed speaker'}"
            css += " v-quoted"
        note = f"{t.technique.replace('_', ' ')} ({t.score:.2f}{voice})"
        if t.explanation:
            note += f": {t.explanation}"
        marks.append(Mark("technique", t.start, t.end, note, css, t.score))
    for q in analysis.quotes:
        who = q.speaker or "unattributed"
        marks.append(Mark("quote", q.content_start, q.content_end, f"{q.kind} quote — {who}"))
        if q.speaker_start is not None and q.speaker_end is not None:
            marks.append(Mark("speaker", q.speaker_start, q.speaker_end, f"speaker: {who}"))
    for a in analysis.actors:
        for start, end in a.mentions:
            marks.append(Mark("actor", start, end, f"{a.name} ({a.type})"))
        for d in a.descriptors:
            marks.append(Mark("descriptor", d.start, d.end, f"{d.relation} of {a.name}"))
    for c in analysis.claims:
        note = f"{c.category}, {c.event}: {c.value:g}"
        marks.append(Mark("claim", c.start, c.end, note))
    for cite in analysis.citations:
        marks.append(Mark("citation", cite.start, cite.end, f"cites {cite.outlet or 'a medium'}"))
    for s in analysis.scare_quotes:
        marks.append(Mark("scare_quote", s.start, s.end, "scare quote"))
    length = len(analysis.document.text)
    return [m for m in marks if 0 <= m.start < m.end <= length]


def highlight_text(text: str, marks: list[Mark]) -> Markup:
    """The article as HTML: escaped text, each marked piece in a span with kinds and notes."""
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pieces: list[str] = []
    for begin, end in zip(bounds, bounds[1:], strict=False):
        covering = [m for m in marks if m.start <= begin and end <= m.end]
        chunk = escape(text[begin:end])
        if not covering:
            pieces.append(chunk)
            continue
        kinds = sorted({m.kind for m in covering})
        scored = [m for m in covering if m.score is not None]
        # a piece is "low" only when every technique covering it scored below the threshold
        low = bool(scored) and all(_LOW in m.css.split() for m in scored)
        css = dict.fromkeys(w for m in covering for w in m.css.split() if w != _LOW)
        classes = " ".join(["hl", *(f"k-{k}" for k in kinds), *css, *([_LOW] if low else [])])
        notes = " | ".join(dict.fromkeys(m.note for m in covering))
        if scored:
            score = f"{max(m.score or 0.0 for m in scored):.4f}"
            pieces.append(
                Markup('<span class="{}" title="{}" data-score="{}">{}</span>').format(
                    classes, notes, score, chunk
                )
            )
            continue
        pieces.append(Markup('<span class="{}" title="{}">{}</span>').format(classes, notes, chunk))
    return Markup("").join(pieces)
