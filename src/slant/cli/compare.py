"""``slant compare``: how two sides of a stored corpus tell the news (a thin shell over
:func:`slant.compare.compare`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..compare import compare as compare_sides
from ..report.compare_html import render_comparison
from ..report.compare_text import print_comparison
from ..report.console import SafeConsole
from ..store import DEFAULT_CORPUS, Corpus
from .app import app, check_out, console, fail, fail_on_errors, write_json

_FORMATS = ("text", "json", "html")
_HINTS = {"b": "--a and --b, or --subject-a and --subject-b"}


@app.command()
def compare(
    corpus: Annotated[
        Path, typer.Option("--corpus", "-c", help="SQLite corpus file (annotated).")
    ] = Path(DEFAULT_CORPUS),
    a: Annotated[str | None, typer.Option("--a", help="FILTER selecting side A.")] = None,
    b: Annotated[str | None, typer.Option("--b", help="FILTER selecting side B.")] = None,
    label_a: Annotated[str | None, typer.Option(help="Name of side A in reports.")] = None,
    label_b: Annotated[str | None, typer.Option(help="Name of side B in reports.")] = None,
    subject_a: Annotated[
        str | None, typer.Option(help="Compare only the sentences mentioning this (side A).")
    ] = None,
    subject_b: Annotated[
        str | None, typer.Option(help="Compare only the sentences mentioning this (side B).")
    ] = None,
    window: Annotated[
        int, typer.Option(min=0, help="With subjects: also take N sentences each side.")
    ] = 0,
    workers: Annotated[
        int, typer.Option(min=1, help="2: read the two sides in two processes (large corpora).")
    ] = 1,
    by_story: Annotated[
        bool,
        typer.Option(
            "--by-story",
            help="Group stories first (as `slant stories`), then add each story both sides "
            "report, side by side, and the stories only one side reported.",
        ),
    ] = False,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            help="Count technique findings with a calibrated score from this up "
            "[default: the technique model's operating point, from which `slant analyze` "
            "shows findings; 0: every stored finding].",
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or html.")] = "text",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
) -> None:
    """Compare how two sides of an annotated corpus tell the news, with evidence.

    A side is the documents a FILTER selects (`source:sana,manar`, `text:"eastern Aleppo"`,
    `date:2016-01-01..2016-12-31`); with `--subject-a/--subject-b`, only the sentences of
    those documents that mention each subject (a missing `--a`/`--b` means every document).

    Examples:

        slant compare --corpus fakes.db --a source:sana,manar --b source:etilaf,alaraby

        slant compare --subject-a Aleppo --subject-b Mosul --format html --out report.html

        slant compare --corpus fakes.db --a source:sana,manar --b source:etilaf --by-story

        slant compare --corpus fakes.db --a source:sana --b source:etilaf --min-score 0
    """
    if format not in _FORMATS:
        raise fail(f"--format {format!r} is not one of {', '.join(_FORMATS)}")
    if a is None and b is None and not (subject_a and subject_b):
        raise fail("give two sides: --a FILTER and --b FILTER, or --subject-a and --subject-b")
    check_out(out)
    if by_story:
        from ..stories import group_stories

        with fail_on_errors(), Corpus(corpus, create=False) as writable:
            group_stories(writable)
    with fail_on_errors(_HINTS), Corpus(corpus, read_only=True) as store:
        comparison = compare_sides(
            store,
            a=a,
            b=b,
            label_a=label_a,
            label_b=label_b,
            subject_a=subject_a,
            subject_b=subject_b,
            window=window,
            workers=workers,
            by_story=by_story,
            technique_min_score=min_score,
        )
    if format == "json":
        write_json(comparison.to_json(), out)
    elif format == "html":
        target = out or Path("slant-compare.html")
        target.write_text(render_comparison(comparison), encoding="utf-8")
        console.print(f"Wrote {target}", markup=False)
    elif out is None:
        print_comparison(comparison, console)
    else:
        with out.open("w", encoding="utf-8") as handle:
            print_comparison(comparison, SafeConsole(file=handle, width=120, color_system=None))
