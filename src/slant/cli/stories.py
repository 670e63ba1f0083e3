"""``slant stories``: group a corpus's documents by the event they report, and show them
(``slant eval stories`` is in :mod:`.eval`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..filters import parse_filter
from ..store import DEFAULT_CORPUS, Corpus
from .app import app, console, err_console, fail, fail_on_errors

__all__ = ["stories"]

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
