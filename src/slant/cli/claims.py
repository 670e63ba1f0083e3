"""``slant eval casualties``: score the casualty counts of the ``claims`` analyzer.

Example::

    slant eval casualties --csv ../shared/data/fakes-dev.csv
    slant eval casualties --csv ../shared/data/fakes-dev.csv --part second-half --errors 20
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress
from rich.table import Table

from ..evaluation.casualties import COUNTS, PARTS, CasualtyEvaluation, evaluate_casualties
from .app import console, eval_app, fail, fail_on_errors

__all__ = ["eval_casualties"]

_METHODS = (("slant", "slant"), ("keyword", "keyword baseline"), ("zero", "always zero"))


def _table(result: CasualtyEvaluation, *, title: str) -> Table:
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


@eval_app.command("casualties")
def eval_casualties(
    csv: Path = typer.Option(..., "--csv", help="FA-KES CSV with nb_* gold counts."),
    part: str = typer.Option("all", help=f"Rows to score: {', '.join(PARTS)}."),
    errors: int = typer.Option(0, help="Also list this many articles slant gets wrong."),
) -> None:
    """Score casualties.killed (exact and ±10 %) against the gold counts and two baselines."""
    if not csv.is_file():
        raise fail(f"no such CSV file: {csv}; pass a FA-KES CSV such as fakes-dev.csv")
    with fail_on_errors():
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Annotating articles", total=None)
            result = evaluate_casualties(
                csv, part=part, progress=lambda n: progress.advance(task, n)
            )
    title = f"casualties.killed on {csv.name} ({part}, {result.articles} articles)"
    console.print(_table(result, title=title))
    for error in result.errors[:errors]:
        console.print(f"{error['unit_id']}: gold {error['gold']} predicted {error['predicted']}")
