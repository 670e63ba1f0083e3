"""``slant demo``: the main job on the bundled example corpus, end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..demo import DEMO_SIDES, load_demo
from ..filters import parse_filter
from ..report.html import render_page
from ..report.terminal import print_summary
from ..store import DEFAULT_CORPUS, Corpus
from .app import app, console, fail_on_errors
from .documents import CorpusOption, _progress


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
    out_dir.mkdir(parents=True, exist_ok=True)
    with fail_on_errors(), Corpus(corpus) as store:
        with _progress() as progress:
            task = progress.add_task("Analyzing the demo corpus", total=None)
            ingested, annotated = load_demo(
                store,
                on_start=lambda n: progress.update(task, total=n),
                progress=lambda n: progress.advance(task, n),
            )
        console.print(
            f"Demo corpus: {ingested.added} added, {ingested.present} already present, "
            f"{annotated.analyzed} analyzed → {corpus}",
            markup=False,
        )
        first = store.list_documents(parse_filter(DEMO_SIDES["a"]), limit=1)[0]
        analysis = store.get_analysis(first["id"])
        if analysis is None:
            raise typer.Exit(1)
        console.rule("One article of the state outlet")
        print_summary(analysis, console)
        article_report = out_dir / "slant-demo-article.html"
        article_report.write_text(render_page(analysis), encoding="utf-8")
        console.print(f"Wrote {article_report}", markup=False)
        _compare(store, out_dir)


def _compare(store: Corpus, out_dir: Path) -> None:
    from ..compare import compare
    from ..report.compare_html import render_comparison
    from ..report.compare_text import print_comparison

    console.rule("State outlet against opposition outlet")
    comparison = compare(store, **DEMO_SIDES)
    print_comparison(comparison, console)
    compare_report = out_dir / "slant-demo-compare.html"
    compare_report.write_text(render_comparison(comparison), encoding="utf-8")
    console.print(f"Wrote {compare_report}", markup=False)
