"""``slant demo``: the main job on the bundled example corpus, end to end
(:func:`slant.demo.run_demo`, printed)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..demo import run_demo
from ..report.compare_text import print_comparison
from ..report.terminal import print_summary
from ..store import DEFAULT_CORPUS, Corpus
from .app import app, console, fail_on_errors
from .options import CorpusOption, progress_bar


@app.command()
def demo(
    corpus: CorpusOption = Path(DEFAULT_CORPUS),
    out_dir: Annotated[Path, typer.Option(help="Folder for the HTML reports.")] = Path("."),
) -> None:
    """Ingest and analyze the bundled example corpus, show one article, compare two outlets.

    Twelve invented articles by three invented outlets on two parallel sieges. Writes
    `slant-demo-article.html` and `slant-demo-compare.html` and leaves the annotated corpus in
    `--corpus` for `slant search`, `slant compare` and `slant serve`.

    Example:

        slant demo && slant serve
    """
    with fail_on_errors(), Corpus(corpus) as store:
        with progress_bar() as progress:
            task = progress.add_task("Analyzing the demo corpus", total=None)
            run = run_demo(
                store,
                out_dir,
                on_start=lambda n: progress.update(task, total=n),
                progress=lambda n: progress.advance(task, n),
            )
    console.print(
        f"Demo corpus: {run.ingested.added} added, {run.ingested.present} already present, "
        f"{run.annotated.analyzed} analyzed → {corpus}",
        markup=False,
    )
    console.rule("One article of the state outlet")
    print_summary(run.analysis, console)
    console.print(f"Wrote {run.article_report}", markup=False)
    console.rule("State outlet against opposition outlet")
    print_comparison(run.comparison, console)
    console.print(f"Wrote {run.compare_report}", markup=False)
