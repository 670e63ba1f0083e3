"""The Rich tables in which ``slant eval`` and ``slant train`` print their scores."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.table import Table

from ..evaluation.casualties import COUNTS, CasualtyEvaluation
from ..evaluation.descriptors import DescriptorScore, score_rows
from ..evaluation.quotes import MIN_OVERLAP, SystemScore
from .app import console

if TYPE_CHECKING:
    from ..evaluation.frames import FrameScores
    from ..evaluation.roles import RoleScores
    from ..evaluation.stories import StoryScore

__all__ = [
    "casualty_table",
    "print_descriptor_scores",
    "print_frame_scores",
    "print_quote_scores",
    "print_role_scores",
    "print_story_scores",
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


def print_quote_scores(scores: list[SystemScore], split: str) -> None:
    """Content, speaker mention and speaker P/R/F1 and recall per kind, one column a system."""
    table = Table(title=f"Quotes: {scores[0].gold} gold quotes ({split})")
    table.add_column("measure")
    for score in scores:
        table.add_column(score.name, justify="right")
    rows: list[tuple[str, list[str]]] = [("quotes found", [str(s.predicted) for s in scores])]
    parts = [("content", "content"), ("speaker", "speaker")]
    if scores[0].mention is not None:
        parts.insert(1, ("speaker mention", "mention"))
    for label, part in parts:
        for index, measure in enumerate(("precision", "recall", "F1")):
            values = [f"{getattr(s, part)[index]:.3f}" for s in scores]
            rows.append((f"{label} {measure}", values))
    for kind in ("direct", "indirect", "according_to"):
        rows.append((f"recall of {kind}", [f"{s.recall_of(kind):.3f}" for s in scores]))
    for name, values in rows:
        table.add_row(name, *values)
    console.print(table)
    console.print(
        f"A quote matches when it covers ≥{MIN_OVERLAP:.0%} of the gold content span; a "
        "speaker mention matches when it overlaps the gold mention; a (resolved) speaker "
        "matches when the names share a word (case-insensitive)."
    )


def print_descriptor_scores(scores: dict[str, DescriptorScore]) -> None:
    """(actor, descriptor) P/R/F1 overall, per relation and per split."""
    score = scores["all"]
    table = Table(title=f"Descriptors: {score.gold} gold pairs in {score.articles} articles")
    for column in ("pairs", "system", "gold", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "pairs" else "right")
    for what, predicted, gold_count, precision, recall, f1 in score_rows(score):
        table.add_row(
            what, str(predicted), str(gold_count), f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}"
        )
    for split, split_score in scores.items():
        if split != "all":
            table.add_row(
                f"split {split} ({split_score.articles} articles)",
                str(split_score.predicted),
                str(split_score.gold),
                *(f"{v:.3f}" for v in split_score.lenient),
            )
    console.print(table)
    console.print(
        "A pair matches when the actor has a mention overlapping the gold actor mention and the "
        "descriptor spans overlap (exact: same offsets); per-relation P counts system pairs by "
        f"their relation, R gold pairs by theirs. Relation agreement on matches: "
        f"{score.relation_agreement:.3f}."
    )


def print_story_scores(scores: list[StoryScore]) -> None:
    """B-cubed P/R/F1 of story grouping per gold corpus, split and system."""
    table = Table(title="Stories: B-cubed scores", box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0))
    for column, width in (("corpus", 9), ("split", 7), ("system", 10)):
        table.add_column(column, no_wrap=True, min_width=width)
    for column in ("docs", "gold", "found", "P", "R", "F1"):
        table.add_column(column, justify="right", no_wrap=True, min_width=5)
    for s in scores:
        table.add_row(
            s.corpus,
            s.split,
            s.system,
            str(s.score.documents),
            str(s.gold_stories),
            str(s.stories),
            f"{s.score.precision:.3f}",
            f"{s.score.recall:.3f}",
            f"{s.score.f1:.3f}",
        )
    console.print(table)
    console.print(
        "Each split is grouped on its own. Baseline: documents of the same date whose lead "
        "words have a TF-IDF cosine ≥ 0.2. gold: gold stories; found: stories made; "
        "P, R: B-cubed precision and recall.",
        markup=False,
    )
