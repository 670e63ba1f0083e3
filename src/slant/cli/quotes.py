"""``slant eval quotes``: score quote extraction on a gold set, slant against textacy."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from ..errors import InputError
from .app import console, eval_app, fail_on_errors
from .gold import GOLD_FLAGS, articles_option, gold_option, table_options

__all__ = ["eval_quotes"]


@eval_app.command("quotes")
def eval_quotes(
    gold: Path | None = gold_option("quotes.jsonl"),
    articles: list[Path] | None = articles_option(),
    split: str = typer.Option(
        "all", "--split", help="Which gold articles: dev, heldout or all.", case_sensitive=False
    ),
    gold_set: str = typer.Option(
        "ptc",
        "--set",
        help="Packaged gold set when --gold is not given: ptc (PTC articles) or news "
        "(FA-KES and framing articles, with speaker mentions).",
        case_sensitive=False,
    ),
    fakes: Path | None = table_options()[0],
    framing: Path | None = table_options()[1],
) -> None:
    """Score quotes (content, speaker mention and resolved speaker P/R/F1) for slant and
    textacy on a gold set.

    Examples:

        slant eval quotes --split heldout --articles ../shared/data/ptc-train/articles
        --articles ../shared/data/samples

        slant eval quotes --set news --split heldout --fakes ../shared/data/fakes-dev.csv
        --framing ../shared/data/framing-train.tsv
    """
    from ..evaluation.gold_articles import GoldArticles
    from ..evaluation.quotes import GOLD_SETS, MIN_OVERLAP, evaluate_quotes

    with fail_on_errors(GOLD_FLAGS):
        if split.lower() not in ("dev", "heldout", "all"):
            raise InputError(f"--split {split!r} is not one of: dev, heldout, all")
        if gold_set.lower() not in GOLD_SETS:
            raise InputError(f"--set {gold_set!r} is not one of: {', '.join(GOLD_SETS)}")
        sources = GoldArticles(directories=list(articles or []), fakes=fakes, framing=framing)
        scores = evaluate_quotes(
            gold_path=gold,
            gold_set=gold_set.lower(),
            articles=sources,
            split=None if split.lower() == "all" else split.lower(),
        )
    table = Table(title=f"Quotes: {scores[0].gold} gold quotes ({split.lower()})")
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
