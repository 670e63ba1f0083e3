"""The standalone HTML report of a comparison: inline SVG charts, tables, and evidence.

One file that opens without a network: the CSS is inline, the charts are SVG drawn from
numbers computed here (no chart library, no script), and the page's Content-Security-Policy
forbids loading anything. Every term and number links (``#ev-…``) to the sentences that
support it, listed at the end of the page with the finding marked. Jinja2 autoescapes
everything; article text reaches the template only as plain strings (the context before a
finding, the finding, the context after it), never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from markupsafe import Markup

from ..analysis import CASUALTY_CATEGORIES, FRAMES, ROLES, ClaimCategory, RoleName
from ..compare.result import (
    SIDES,
    ActorDescriptors,
    ActorRoles,
    CitedDocument,
    CitedOutlet,
    Comparison,
    DescriptorCount,
    Difference,
    Example,
    Interval,
    PerSide,
    SideKey,
    Speaker,
    Term,
)
from . import VOICE_LABELS
from .compare_stories import story_view
from .html import stylesheet, template_environment

__all__ = ["render_comparison"]

CHART_WIDTH = 640
LABEL_WIDTH = 230
ROW_HEIGHT = 30
TOP_CHART_TERMS = 12

T = TypeVar("T")
_UNKNOWN = CitedDocument(title=None, source=None, date=None, url=None)
#: A finding and the anchor of its evidence group (None: no evidence to show).
Linked = tuple[T, str | None]


@dataclass(frozen=True)
class _Marked:
    """One example split around its finding, with the metadata of its document."""

    before: str
    finding: str
    after: str
    document: CitedDocument
    id: str


@dataclass(frozen=True)
class _Group:
    id: str
    title: str
    examples: list[_Marked]


class _Evidence:
    """Evidence groups of the page: each gets an anchor id and its marked examples."""

    def __init__(self, documents: Mapping[str, CitedDocument]) -> None:
        self.groups: list[_Group] = []
        self._documents = documents

    def add(self, title: str, examples: Sequence[Example] | None) -> str | None:
        if not examples:
            return None
        anchor = f"ev-{len(self.groups) + 1}"
        self.groups.append(_Group(anchor, title, [self._marked(e) for e in examples]))
        return anchor

    def link(self, item: T, title: str, examples: Sequence[Example]) -> Linked[T]:
        return item, self.add(title, examples)

    def _marked(self, example: Example) -> _Marked:
        context, offset = example.context, example.context_start
        start, end = example.start - offset, example.end - offset
        return _Marked(
            before=context[:start],
            finding=context[start:end],
            after=context[end:],
            document=self._documents.get(example.document, _UNKNOWN),
            id=example.document,
        )


@dataclass(frozen=True)
class _Cell:
    """One side's estimate in a chart row, its interval and evidence anchors."""

    value: float | None
    ci95: Interval
    ev: str | None
    ev_positive: str | None = None
    count: int | None = None


@dataclass(frozen=True)
class _Row:
    """A chart and table row: A and B estimates and whether their difference is real."""

    label: str
    real: bool
    a: _Cell
    b: _Cell
    diff: Difference | None = None

    @property
    def cells(self) -> tuple[_Cell, _Cell]:
        return self.a, self.b


def _scale(value: float | None, low: float, high: float) -> float:
    value = low if value is None else min(max(value, low), high)
    span = (high - low) or 1.0
    return round(LABEL_WIDTH + (value - low) / span * (CHART_WIDTH - LABEL_WIDTH - 20), 1)


def _interval_chart(rows: Sequence[_Row], low: float, high: float) -> dict[str, Any]:
    """Geometry of a chart with, per row, A and B estimates and their 95 % intervals."""
    drawn = []
    for i, row in enumerate(rows):
        y = 20 + i * ROW_HEIGHT
        bars = []
        for offset, key, cell in ((6, "a", row.a), (16, "b", row.b)):
            x0, x = _scale(0.0, low, high), _scale(cell.value, low, high)
            bars.append(
                {
                    "side": key,
                    "y": y + offset,
                    "x0": x0,
                    "x": x,
                    "lo": _scale(cell.ci95[0], low, high),
                    "hi": _scale(cell.ci95[1], low, high),
                    "value": cell.value,
                    "ev": cell.ev,
                    "left": min(x0, x),
                    "width": abs(x - x0),
                }
            )
        drawn.append({"label": row.label, "y": y, "bars": bars, "real": row.real})
    return {
        "rows": drawn,
        "height": 30 + len(rows) * ROW_HEIGHT,
        "width": CHART_WIDTH,
        "zero": _scale(0.0, low, high),
        "low": low,
        "high": high,
        "label_width": LABEL_WIDTH,
    }


def _term_chart(terms: Mapping[SideKey, list[Linked[Term]]]) -> dict[str, Any]:
    rows = terms["a"][:TOP_CHART_TERMS] + terms["b"][:TOP_CHART_TERMS]
    rows.sort(key=lambda linked: -linked[0].z)
    top = max([abs(term.z) for term, _ in rows] + [1.0])
    centre, half = CHART_WIDTH / 2, CHART_WIDTH / 2 - 150
    bars = []
    for i, (term, anchor) in enumerate(rows):
        length = abs(term.z) / top * half
        side = "a" if term.z > 0 else "b"
        bars.append(
            {
                "term": term.term,
                "z": term.z,
                "side": side,
                "y": 10 + i * 22,
                "x": round(centre if side == "a" else centre - length, 1),
                "width": round(length, 1),
                "label_x": round(centre - 6 if side == "a" else centre + 6, 1),
                "anchor": "end" if side == "a" else "start",
                "ev": anchor,
            }
        )
    return {"bars": bars, "height": 20 + len(rows) * 22, "width": CHART_WIDTH, "centre": centre}


class _Page:
    """The sections of the page with their evidence anchors; each method adds its section's
    evidence groups, so calling them in page order numbers the anchors in page order."""

    def __init__(self, comparison: Comparison) -> None:
        self.c = comparison
        self.ev = _Evidence(comparison.evidence_documents)
        self.label: dict[SideKey, str] = {k: side.label for k, side in comparison.sides.items()}

    def terms(self) -> dict[SideKey, list[Linked[Term]]]:
        return {
            key: [self.ev.link(t, f"“{t.term}” in {self.label[key]}", t.examples) for t in terms]
            for key, terms in self.c.distinctive_terms.items()
        }

    def technique_rows(self) -> list[_Row]:
        rows = []
        for name, diff in self.c.techniques.difference.items():
            rates = [self.c.techniques.side(key)[name] for key in SIDES]
            a, b = (
                _Cell(
                    value=rate.per_1000_words,
                    ci95=rate.ci95,
                    count=rate.count,
                    ev=self.ev.add(f"{name} in {self.label[key]}", rate.examples),
                )
                for key, rate in zip(SIDES, rates, strict=True)
            )
            rows.append(_Row(name.replace("_", " "), diff.real, a, b, diff))
        rows.sort(key=lambda r: -max(r.a.value or 0, r.b.value or 0))
        return rows

    def voice_rows(self) -> list[_Row]:
        rows = []
        for voice, title in VOICE_LABELS.items():
            rates = [getattr(self.c.technique_voices.side(key), voice) for key in SIDES]
            if not any(rate.count for rate in rates):
                continue
            a, b = (
                _Cell(
                    value=rate.per_1000_words,
                    ci95=rate.ci95,
                    count=rate.count,
                    ev=self.ev.add(
                        f"Techniques {title.split(', ')[1]} in {self.label[key]}", rate.examples
                    ),
                )
                for key, rate in zip(SIDES, rates, strict=True)
            )
            difference = self.c.technique_voices.difference[voice]
            rows.append(_Row(title, difference.real, a, b, difference))
        return rows

    def tone_row(self) -> _Row:
        a, b = (
            _Cell(
                value=tone.mean,
                ci95=tone.ci95,
                ev=self.ev.add(f"Most negative sentences in {self.label[key]}", tone.most_negative),
                ev_positive=self.ev.add(
                    f"Most positive sentences in {self.label[key]}", tone.most_positive
                ),
            )
            for key in SIDES
            for tone in [self.c.tone.side(key)]
        )
        difference = self.c.tone.difference
        return _Row("mean tone", difference.real, a, b, difference)

    def frame_rows(self) -> list[_Row]:
        rows = []
        for name in FRAMES:
            a, b = (
                _Cell(
                    value=share.share,
                    ci95=share.ci95,
                    ev=self.ev.add(f"The {name} frame in {self.label[key]}", share.examples),
                )
                for key in SIDES
                for share in [self.c.frames.side(key)[name]]
            )
            rows.append(_Row(name.replace("_", " "), self.c.frames.difference[name].real, a, b))
        return rows

    def descriptors(
        self,
    ) -> list[tuple[ActorDescriptors, dict[SideKey, list[Linked[DescriptorCount]]]]]:
        linked = []
        for actor in self.c.actor_descriptors:
            per_side = {
                key: [
                    self.ev.link(
                        d, f"{self.label[key]} on {actor.actor}: “{d.descriptor}”", d.examples
                    )
                    for d in descriptors
                ]
                for key, descriptors in zip(SIDES, (actor.a, actor.b), strict=True)
            }
            linked.append((actor, per_side))
        return linked

    def roles(self) -> list[tuple[ActorRoles, dict[SideKey, dict[RoleName, str | None]]]]:
        linked = []
        for actor in self.c.actor_roles:
            per_side = {
                key: {
                    role: self.ev.add(f"{self.label[key]} casts {actor.actor} as {role}", examples)
                    for role, examples in counts.examples.items()
                }
                for key, counts in zip(SIDES, (actor.a, actor.b), strict=True)
            }
            linked.append((actor, per_side))
        return linked

    def quoted(self) -> dict[SideKey, list[Linked[Speaker]]]:
        return {
            key: [self.ev.link(q, f"{self.label[key]}: {q.speaker}", q.examples) for q in speakers]
            for key, speakers in self.c.quoted.items()
        }

    def cited(self) -> dict[SideKey, list[Linked[CitedOutlet]]]:
        return {
            key: [self.ev.link(o, f"{self.label[key]}: {o.outlet}", o.examples) for o in outlets]
            for key, outlets in self.c.cited_outlets.items()
        }

    def casualties(self) -> dict[SideKey, dict[ClaimCategory, str | None]]:
        return {
            key: {
                category: self.ev.add(f"Killed {category} reported in {self.label[key]}", examples)
                for category, examples in casualties.examples.items()
            }
            for key, casualties in self.c.casualties.items()
        }


def _view(comparison: Comparison) -> dict[str, Any]:
    """What the template shows: the comparison, plus its rows, charts and evidence anchors."""
    page = _Page(comparison)
    terms, technique_rows, voice_rows = page.terms(), page.technique_rows(), page.voice_rows()
    tone_row, frame_rows = page.tone_row(), page.frame_rows()
    high = max([cell.ci95[1] or 0 for r in technique_rows for cell in r.cells] + [1.0])
    view = {
        "data": comparison,
        "label": page.label,
        "terms": terms,
        "descriptors": page.descriptors(),
        "actor_roles": page.roles(),
        "quoted": page.quoted(),
        "cited": page.cited(),
        "casualty_ev": page.casualties(),
        "evidence": page.ev.groups,
        "term_chart": _term_chart(terms),
        "technique_chart": _interval_chart(technique_rows, 0.0, high),
        "technique_rows": technique_rows,
        "voice_rows": voice_rows,
        "technique_min_score": comparison.technique_min_score,
        "unattributed": PerSide(
            comparison.technique_voices.a.unattributed, comparison.technique_voices.b.unattributed
        ),
        "tone_chart": _interval_chart([tone_row], -1.0, 1.0),
        "tone_row": tone_row,
        "frame_chart": _interval_chart(frame_rows, 0.0, 1.0),
        "frame_rows": frame_rows,
        "roles": ROLES,
        "casualty_categories": CASUALTY_CATEGORIES,
    }
    # The story sections come last on the page, so their evidence anchors are numbered last.
    return {**view, **story_view(comparison, page.label, page.ev.add)}


def render_comparison(comparison: Comparison) -> str:
    """The comparison as one standalone HTML page (no network needed to open it)."""
    env = template_environment()
    template = env.get_template("comparison_page.html")
    # The stylesheet is slant's own static file, not input: it must reach <style> unescaped.
    return template.render(css=Markup(stylesheet()), **_view(comparison))
