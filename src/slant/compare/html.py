"""The standalone HTML report of a comparison: inline SVG charts, tables, and evidence.

One file that opens without a network: the CSS is inline, the charts are SVG drawn from
numbers computed here (no chart library, no script), and the page's Content-Security-Policy
forbids loading anything. Every term and number links (``#ev-…``) to the sentences that
support it, listed at the end of the page with the finding marked. Jinja2 autoescapes
everything; article text reaches the template only as plain strings (the context before a
finding, the finding, the context after it), never as markup.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..report.compare_stories import story_view
from ..report.html import stylesheet, template_environment
from .collect import CASUALTY_CATEGORIES, FRAMES, ROLES
from .model import Comparison

__all__ = ["render_html"]

CHART_WIDTH = 640
LABEL_WIDTH = 230
ROW_HEIGHT = 30
TOP_CHART_TERMS = 12


def _environment() -> Environment:
    env = template_environment("slant.compare")
    env.filters["num"] = _number
    return env


def _number(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


class _Evidence:
    """Evidence groups of the page: each gets an anchor id and its marked examples."""

    def __init__(self, documents: dict[str, dict[str, Any]]) -> None:
        self.groups: list[dict[str, Any]] = []
        self._documents = documents

    def add(self, title: str, examples: list[dict[str, Any]] | None) -> str | None:
        if not examples:
            return None
        anchor = f"ev-{len(self.groups) + 1}"
        self.groups.append(
            {
                "id": anchor,
                "title": title,
                "examples": [self._marked(example) for example in examples],
            }
        )
        return anchor

    def _marked(self, example: dict[str, Any]) -> dict[str, Any]:
        context, offset = example["context"], example["context_start"]
        start, end = example["start"] - offset, example["end"] - offset
        return {
            "before": context[:start],
            "finding": context[start:end],
            "after": context[end:],
            "document": self._documents.get(example["document"], {}),
            "id": example["document"],
        }


def _scale(value: float | None, low: float, high: float) -> float:
    value = low if value is None else min(max(value, low), high)
    span = (high - low) or 1.0
    return round(LABEL_WIDTH + (value - low) / span * (CHART_WIDTH - LABEL_WIDTH - 20), 1)


def _interval_chart(rows: list[dict[str, Any]], low: float, high: float) -> dict[str, Any]:
    """Geometry of a chart with, per row, A and B estimates and their 95 % intervals."""
    drawn = []
    for i, row in enumerate(rows):
        y = 20 + i * ROW_HEIGHT
        bars = []
        for offset, key in ((6, "a"), (16, "b")):
            value, ci = row[key]["value"], row[key]["ci95"]
            bars.append(
                {
                    "side": key,
                    "y": y + offset,
                    "x0": _scale(0.0, low, high),
                    "x": _scale(value, low, high),
                    "lo": _scale(ci[0], low, high),
                    "hi": _scale(ci[1], low, high),
                    "value": value,
                    "ev": row[key].get("ev"),
                }
            )
        for bar in bars:
            bar["left"], bar["width"] = min(bar["x0"], bar["x"]), abs(bar["x"] - bar["x0"])
        drawn.append({"label": row["label"], "y": y, "bars": bars, "real": row.get("real")})
    return {
        "rows": drawn,
        "height": 30 + len(rows) * ROW_HEIGHT,
        "width": CHART_WIDTH,
        "zero": _scale(0.0, low, high),
        "low": low,
        "high": high,
        "label_width": LABEL_WIDTH,
    }


def _term_chart(terms: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    rows = terms["a"][:TOP_CHART_TERMS] + terms["b"][:TOP_CHART_TERMS]
    rows.sort(key=lambda t: -t["z"])
    top = max([abs(t["z"]) for t in rows] + [1.0])
    centre, half = CHART_WIDTH / 2, CHART_WIDTH / 2 - 150
    bars = []
    for i, term in enumerate(rows):
        length = abs(term["z"]) / top * half
        side = "a" if term["z"] > 0 else "b"
        bars.append(
            {
                "term": term["term"],
                "z": term["z"],
                "side": side,
                "y": 10 + i * 22,
                "x": round(centre if side == "a" else centre - length, 1),
                "width": round(length, 1),
                "label_x": round(centre - 6 if side == "a" else centre + 6, 1),
                "anchor": "end" if side == "a" else "start",
                "ev": term.get("ev"),
            }
        )
    return {"bars": bars, "height": 20 + len(rows) * 22, "width": CHART_WIDTH, "centre": centre}


def _view(data: dict[str, Any]) -> dict[str, Any]:
    ev = _Evidence(data.get("evidence_documents") or {})
    label = {key: data[key]["label"] for key in "ab"}
    for key in "ab":
        for term in data["distinctive_terms"][key]:
            term["ev"] = ev.add(f"“{term['term']}” in {label[key]}", term.get("examples"))
    technique_rows = []
    for name, diff in data["techniques"]["difference"].items():
        row: dict[str, Any] = {"label": name.replace("_", " "), "real": diff["real"], "diff": diff}
        for key in "ab":
            entry = data["techniques"][key][name]
            row[key] = {
                "value": entry["per_1000_words"],
                "ci95": entry["ci95"],
                "count": entry["count"],
                "ev": ev.add(f"{name} in {label[key]}", entry["examples"]),
            }
        technique_rows.append(row)
    technique_rows.sort(key=lambda r: -max(r["a"]["value"] or 0, r["b"]["value"] or 0))
    high = max([r[k]["ci95"][1] or 0 for r in technique_rows for k in "ab"] + [1.0])
    tone = data["tone"]
    tone_row: dict[str, Any] = {"label": "mean tone", "real": tone["difference"]["real"]}
    for key in "ab":
        tone_row[key] = {
            "value": tone[key]["mean"],
            "ci95": tone[key]["ci95"],
            "ev": ev.add(f"Most negative sentences in {label[key]}", tone[key]["most_negative"]),
            "ev_positive": ev.add(
                f"Most positive sentences in {label[key]}", tone[key]["most_positive"]
            ),
        }
    frame_rows = []
    for name in FRAMES:
        row = {"label": name.replace("_", " "), "real": data["frames"]["difference"][name]["real"]}
        for key in "ab":
            entry = data["frames"][key][name]
            row[key] = {
                "value": entry["share"],
                "ci95": entry["ci95"],
                "ev": ev.add(f"The {name} frame in {label[key]}", entry["examples"]),
            }
        frame_rows.append(row)
    for actor in data["actor_descriptors"]:
        for key in "ab":
            for item in actor[key]:
                item["ev"] = ev.add(
                    f"{label[key]} on {actor['actor']}: “{item['descriptor']}”", item["examples"]
                )
    for actor in data["actor_roles"]:
        for key in "ab":
            actor[key]["ev"] = {
                role: ev.add(f"{label[key]} casts {actor['actor']} as {role}", examples)
                for role, examples in actor[key]["examples"].items()
            }
    for section, name in (("quoted", "speaker"), ("cited_outlets", "outlet")):
        for key in "ab":
            for item in data[section][key]:
                item["ev"] = ev.add(f"{label[key]}: {item[name]}", item["examples"])
    for key in "ab":
        data["casualties"][key]["ev"] = {
            category: ev.add(f"Killed {category} reported in {label[key]}", examples)
            for category, examples in data["casualties"][key]["examples"].items()
        }
    stories = story_view(data, label, ev.add)
    return {
        **stories,
        "data": data,
        "label": label,
        "evidence": ev.groups,
        "term_chart": _term_chart(data["distinctive_terms"]),
        "technique_chart": _interval_chart(technique_rows, 0.0, high),
        "technique_rows": technique_rows,
        "tone_chart": _interval_chart([tone_row], -1.0, 1.0),
        "tone_row": tone_row,
        "frame_chart": _interval_chart(frame_rows, 0.0, 1.0),
        "frame_rows": frame_rows,
        "roles": ROLES,
        "casualty_categories": CASUALTY_CATEGORIES,
    }


def render_html(comparison: Comparison) -> str:
    """The comparison as one standalone HTML page (no network needed to open it)."""
    template = _environment().get_template("compare.html")
    # The stylesheet is slant's own static file, not input: it must reach <style> unescaped.
    return template.render(css=Markup(stylesheet()), **_view(comparison.to_dict()))
