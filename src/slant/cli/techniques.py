"""``slant techniques``: label propaganda spans of a SemEval-2020 folder with the shipped model.

Its evaluation is ``slant eval techniques`` (:mod:`.eval`), its training ``slant train
techniques`` (:mod:`.train`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..techniques import label_articles
from ..techniques.semeval import write_labels
from .app import app, check_out, err_console, fail_on_errors
from .eval import ArticlesOption

__all__ = ["techniques"]


@app.command("techniques")
def techniques(
    articles: ArticlesOption,
    spans: Annotated[
        Path | None,
        typer.Option("--spans", help="Template ID<TAB>?<TAB>start<TAB>end: label these spans."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here (default: stdout).")
    ] = None,
) -> None:
    """Find propaganda spans and name their techniques, in the SemEval-2020 TC format.

    Example: `slant techniques --articles ../shared/data/ptc-train/articles --out pred.labels`
    """
    check_out(out)
    with fail_on_errors():
        labels = label_articles(articles, spans_file=spans)
        if out is None:
            for label in labels:
                typer.echo(f"{label.article_id}\t{label.technique}\t{label.start}\t{label.end}")
        else:
            write_labels(labels, out)
            err_console.print(f"{len(labels)} labelled spans written to {out}", markup=False)
