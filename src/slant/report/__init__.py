"""Rendering for people: analyses and comparisons as Rich terminal summaries and standalone
HTML pages.

- one analysis: :func:`~.terminal.print_summary`, :func:`~.html.render_page` and
  :func:`~.html.render_fragment` (also the Jupyter view of an :class:`~slant.Analysis`,
  registered here on import);
- one comparison: :func:`~.compare_text.print_comparison` and
  :func:`~.compare_html.render_comparison`.

>>> import slant
>>> slant.Analysis(slant.Document(text="Officials said so."))._repr_html_().startswith("<style>")
True
"""

from __future__ import annotations

from ..analysis import Analysis, Technique, TechniqueVoice, register_html_view

__all__ = ["VOICE_LABELS", "format_number", "min_score_or_default", "techniques_shown"]

#: How reports name the rows of technique rates by voice (compare), in the order shown.
VOICE_LABELS: dict[TechniqueVoice, str] = {
    "author": "all techniques, in its own voice",
    "quoted": "all techniques, inside quotes",
}


def min_score_or_default(min_score: float | None, analysis: Analysis) -> float:
    """``min_score``, or by default the technique model's operating point — 0 for an analysis
    stored by an older analyzer whose scores were not calibrated (the threshold means
    nothing on them).
    """
    from ..techniques.calibration import min_score_for

    return min_score_for(min_score, analysis.analyzers.get("techniques"))


def techniques_shown(analysis: Analysis, min_score: float) -> list[Technique]:
    """The techniques of ``analysis`` with a score of at least ``min_score``."""
    return [t for t in analysis.techniques if t.score >= min_score]


def format_number(value: float) -> str:
    """A claimed quantity as people write it: ``94000`` -> ``94,000``, ``1.5e6`` -> ``1,500,000``.

    >>> format_number(94000.0), format_number(2.5)
    ('94,000', '2.5')
    """
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def _jupyter_html(analysis: Analysis) -> str:
    """The highlighted analysis with slant's stylesheet, for a notebook cell."""
    from .html import render_fragment  # Jinja2 loads on first display, not on import

    return render_fragment(analysis, with_css=True)


register_html_view(_jupyter_html)
