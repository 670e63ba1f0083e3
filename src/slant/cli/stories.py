"""``slant stories`` (group a corpus's documents by the event they report) and ``slant eval
stories`` (B-cubed scores on the hand-labelled stories, with the baseline)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from ..errors import InputError
from ..filters import parse_filter
from ..store import DEFAULT_CORPUS, Corpus
from .app import app, console, err_console, eval_app, fail, fail_on_errors

__all__ = ["eval_stories", "stories"]

_FORMATS = ("text", "json", "html")


@app.command()
def stories(
    corpus: Annotated[Path, typer.Option("--corpus", "-c", help="SQLite corpus file.")] = Path(
        DEFAULT_CORPUS
    ),
    where: Annotated[
        str | None, typer.Option("--where", "-w", help="FILTER: group and show only these.")
    ] = None,
    regroup: Annotated[
        bool, typer.Option("--regroup", help="Forget the stored stories and group from scratch.")
    ] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or html.")] = "text",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
) -> None:
    """Group stored documents into stories (reports of the same event) and list them.

    New documents join the stored stories or start new ones (in date order); documents
    already grouped stay where they are. `--regroup` starts over. Stories of one document
    are counted, not listed.

    Examples:

        slant stories --corpus fakes.db

        slant stories --corpus fakes.db --where date:2017-04-01..2017-04-30 --format json

        slant stories --corpus fakes.db --regroup --format html --out stories.html
    """
    from ..report.stories import print_stories, render_stories_html
    from ..stories import METHOD, group_stories, read_stories, stories_json

    if format not in _FORMATS:
        raise fail(f"--format {format!r} is not one of {', '.join(_FORMATS)}")
    with fail_on_errors(), Corpus(corpus, create=False) as store:
        flt = parse_filter(where)
        result = group_stories(store, flt, regroup=regroup)
        found, singletons = read_stories(store, flt)
        documents = store.document_metadata(d for s in found for d in s.documents)
    err_console.print(
        f"Grouped {result.grouped} new documents: {result.new_stories} new stories, "
        f"{result.grown_stories} grown"
        + (f"; {result.undated} without a date left out" if result.undated else "")
        + ("; regrouped from scratch" if result.regrouped else "")
        + ".",
        markup=False,
    )
    if format == "json":
        text = stories_json(found, method=METHOD, singletons=singletons)
        if out is None:
            console.out(text, highlight=False)
        else:
            out.write_text(text + "\n", encoding="utf-8")
    elif format == "html":
        target = out or Path("slant-stories.html")
        html = render_stories_html(found, documents, singletons=singletons, method=METHOD)
        target.write_text(html, encoding="utf-8")
        console.print(f"Wrote {target}", markup=False)
    elif out is None:
        print_stories(found, documents, console, singletons=singletons)
    else:
        with out.open("w", encoding="utf-8") as handle:
            print_stories(
                found,
                documents,
                Console(file=handle, width=120, color_system=None),
                singletons=singletons,
            )


@eval_app.command("stories")
def eval_stories(
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="Gold JSON lines (default: slant/data/gold/stories.jsonl)."),
    ] = None,
    fakes: Annotated[
        Path | None, typer.Option("--fakes", help="The FA-KES sample CSV the gold labels.")
    ] = None,
    split: Annotated[
        str, typer.Option("--split", help="dev, heldout, all, or both (dev and heldout).")
    ] = "both",
) -> None:
    """B-cubed precision, recall and F1 of story grouping (stories.v1 and the baseline:
    same date + TF-IDF of the lead) on the hand-labelled FA-KES and demo stories.

    Example: `slant eval stories --fakes ../shared/data/fakes-dev.csv --split heldout`
    """
    from ..evaluation.stories import evaluate_stories

    splits = {"both": ("dev", "heldout"), "dev": ("dev",), "heldout": ("heldout",)}
    splits["all"] = ("all",)
    with fail_on_errors():
        if split not in splits:
            raise InputError(f"--split {split!r} is not one of: {', '.join(splits)}")
        scores = evaluate_stories(gold_path=gold, fakes=fakes, splits=splits[split])
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
