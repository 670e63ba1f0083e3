"""Standalone HTML for one analysis: the article with every finding highlighted, a legend,
and tables of quotes, actors, numbers, citations and frames.

Jinja2 with autoescape on; the highlighted text comes from :mod:`.highlight`, which escapes
every piece of article text. Pages carry their CSS inline and no script at all; a set of
checkboxes shows one kind of finding at a time with CSS alone (``:has()``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..analysis import Analysis
from . import format_number, min_score_or_default, techniques_shown
from .highlight import KINDS, highlight_text, marks_of, technique_css

__all__ = ["render_fragment", "render_page", "stylesheet", "template_environment"]


@lru_cache(maxsize=4)
def template_environment(package: str = "slant.report") -> Environment:
    """The Jinja2 environment of the templates of ``package`` (autoescape always on), with
    slant's number filters. Every HTML slant writes goes through one of these."""
    env = Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = format_number
    env.filters["num"] = _figure
    env.filters["signed"] = lambda v: "–" if v is None else f"{v:+.2f}"
    return env


def _figure(value: float | None, digits: int = 2) -> str:
    """A statistic in a table: counts with thousands separators, others to ``digits``."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The CSS shared by reports and the web app."""
    return resources.files("slant.report").joinpath("static/slant.css").read_text("utf-8")


def _context(analysis: Analysis, min_score: float | None) -> dict[str, Any]:
    threshold = min_score_or_default(min_score, analysis)
    marks = marks_of(analysis, min_score=threshold)
    counts = {kind: 0 for kind in KINDS}
    for mark in marks:
        counts[mark.kind] += mark.score is None or mark.score >= threshold
    shown = techniques_shown(analysis, threshold)
    techniques: dict[str, dict[str, Any]] = {}
    for t in shown:
        entry = techniques.setdefault(
            t.technique,
            {
                "count": 0,
                "quoted": 0,
                "explanation": t.explanation,
                "css": technique_css(t.technique),
            },
        )
        entry["count"] += 1
        entry["quoted"] += t.voice == "quoted"
    return {
        "analysis": analysis,
        "document": analysis.document,
        "text_html": highlight_text(analysis.document.text, marks),
        "kinds": KINDS,
        "counts": counts,
        "techniques": dict(sorted(techniques.items(), key=lambda kv: -kv[1]["count"])),
        "techniques_shown": len(shown),
        "techniques_hidden": len(analysis.techniques) - len(shown),
        "min_score": threshold,
        "actors": sorted(analysis.actors, key=lambda a: -len(a.mentions))[:40],
    }


def render_fragment(
    analysis: Analysis, *, with_css: bool = False, min_score: float | None = None
) -> str:
    """The highlighted article and finding tables as an HTML fragment (for notebooks, the web).

    Techniques scored below ``min_score`` (None: the model's default operating point) are
    left unhighlighted; a box in the legend (and the web app's slider) shows them.
    ``with_css`` prepends slant's stylesheet in a ``<style>`` element, for places that do not
    load it themselves (Jupyter).
    """
    env = template_environment()
    html = env.get_template("analysis_fragment.html").render(**_context(analysis, min_score))
    return f"<style>{stylesheet()}</style>{html}" if with_css else html


def render_page(analysis: Analysis, *, min_score: float | None = None) -> str:
    """A complete standalone HTML page (no network needed to open it)."""
    env = template_environment()
    return env.get_template("analysis_page.html").render(
        css=Markup(stylesheet()),
        fragment=Markup(render_fragment(analysis, min_score=min_score)),
        document=analysis.document,
    )
