"""The Rich tables in which ``slant eval`` and ``slant train`` print their scores."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table

from ..evaluation.casualties import COUNTS, CasualtyEvaluation
from .app import console

if TYPE_CHECKING:
    from ..evaluation.frames import FrameScores
    from ..evaluation.roles import RoleScores

__all__ = [
    "casualty_table",
    "print_frame_scores",
    "print_role_scores",
    "print_technique_report",
]

_METHODS = (("slant", "slant"), ("keyword", "keyword baseline"), ("zero", "always zero"))


def _score_row(table: Table, name: str, scores: dict[str, Any]) -> None:
    table.add_row(
        name,
        f"{scores['precision']:.3f}",
        f"{scores['recall']:.3f}",
        f"{scores['f1']:.3f}",
        str(scores["predicted"]),
        str(scores["gold"]),
    )


def print_technique_report(report: dict[str, Any]) -> None:
    """SI and TC scores of a technique report, with the baselines and TC per technique."""
    table = Table(title=f"SemEval-2020 Task 11 on {report['articles']} articles")
    for column in ("measure", "precision", "recall", "F1", "predicted", "gold"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    _score_row(table, "SI (span identification)", report["si"])
    _score_row(table, "SI baseline: every sentence", report["si_baseline_every_sentence"])
    if "tc" in report:
        _score_row(table, "TC micro (gold spans)", report["tc"])
        baseline = report["tc_baseline_most_frequent"]
        _score_row(table, "TC baseline: majority class", baseline)
        for technique, scores in report["tc_per_technique"].items():
            _score_row(table, f"  {technique}", scores)
    console.print(table)


def casualty_table(result: CasualtyEvaluation, *, title: str) -> Table:
    """Exact and ±10 % accuracy of slant and the two baselines, per count."""
    table = Table(title=title)
    table.add_column("count", no_wrap=True)
    for _, label in _METHODS:
        table.add_column(f"{label}\nexact", justify="right")
        table.add_column(f"{label}\n±10 %", justify="right")
    for column in COUNTS:
        cells = []
        for method, _ in _METHODS:
            score = result.scores[method][column]
            cells += [f"{score.exact:.1%}", f"{score.within_10:.1%}"]
        table.add_row(column, *cells)
    return table


def print_frame_scores(scores: FrameScores) -> None:
    """F1 per frame and macro, beside the always-present baseline."""
    table = Table(title=f"Frames: {scores.folds}-fold cross-validation, {scores.articles} articles")
    for name in ("frame", "articles with it", "F1", "always-present F1"):
        table.add_column(name, justify="left" if name == "frame" else "right")
    for frame, f1 in scores.f1.items():
        table.add_row(
            frame, str(scores.positives[frame]), f"{f1:.3f}", f"{scores.baseline_f1[frame]:.3f}"
        )
    table.add_row("macro", "", f"{scores.macro_f1:.3f}", f"{scores.baseline_macro_f1:.3f}")
    console.print(table)


def print_role_scores(scores: RoleScores) -> None:
    """F1 per role, macro and accuracy, read with and without the "none" class."""
    views = [
        (scores.annotated, "annotated mentions, best of the three roles"),
        (scores.with_none, "annotated mentions and unannotated actors (none)"),
    ]
    for part, what in views:
        table = Table(title=f"Roles: {scores.folds}-fold CV grouped by article; {what}")
        for name in ("class", "rows", "F1", f"majority ({part.majority}) F1"):
            table.add_column(name, justify="left" if name == "class" else "right")
        for role, f1 in part.f1.items():
            baseline = f"{part.baseline_f1[role]:.3f}"
            table.add_row(role, str(part.support[role]), f"{f1:.3f}", baseline)
        table.add_row("macro", "", f"{part.macro_f1:.3f}", f"{part.baseline_macro_f1:.3f}")
        table.add_row("accuracy", "", f"{part.accuracy:.3f}", f"{part.baseline_accuracy:.3f}")
        console.print(table)
