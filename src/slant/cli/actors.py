"""``slant eval descriptors``: score the descriptors the actors analyzer gives each actor."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from ..errors import InputError
from .app import console, eval_app, fail_on_errors
from .gold import GOLD_FLAGS, articles_option, gold_option, table_options

__all__ = ["eval_descriptors"]


@eval_app.command("descriptors")
def eval_descriptors(
    gold: Path | None = gold_option("descriptors.jsonl"),
    articles: list[Path] | None = articles_option(),
    gold_set: str = typer.Option(
        "ptc",
        "--set",
        help="Packaged gold set when --gold is not given: ptc (PTC articles) or news "
        "(mainstream climate news of the framing set).",
        case_sensitive=False,
    ),
    framing: Path | None = table_options()[1],
) -> None:
    """Score (actor, descriptor) pairs: precision, recall, F1 overall and per relation.

    Examples:

        slant eval descriptors --articles ../shared/data/ptc-train/articles
        --articles ../shared/data/samples

        slant eval descriptors --set news --framing ../shared/data/framing-train.tsv
    """
    from ..evaluation.descriptors import GOLD_SETS, evaluate_descriptors, score_rows
    from ..evaluation.gold_articles import GoldArticles

    with fail_on_errors(GOLD_FLAGS):
        if gold_set.lower() not in GOLD_SETS:
            raise InputError(f"--set {gold_set!r} is not one of: {', '.join(GOLD_SETS)}")
        sources = GoldArticles(directories=list(articles or []), framing=framing)
        scores = evaluate_descriptors(gold_path=gold, gold_set=gold_set.lower(), articles=sources)
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
