"""Commands over single articles and the corpus: analyze, ingest, annotate, search, analyzers."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..annotate import annotate_corpus
from ..filters import parse_filter
from ..ingest import FORMATS, ColumnMap, load_document
from ..load import ingest_paths
from ..pipeline import analyze as analyze_document
from ..pipeline import available_analyzers
from ..report import techniques_shown
from ..report.console import SafeConsole
from ..report.html import render_page
from ..report.terminal import print_summary
from ..store import DEFAULT_CORPUS, Corpus
from .app import (
    app,
    check_out,
    console,
    err_console,
    fail,
    fail_on_errors,
    say,
    write_json,
)

CorpusOption = Annotated[
    Path, typer.Option("--corpus", "-c", help="SQLite corpus file.", show_default=True)
]
AnalyzersOption = Annotated[
    str | None,
    typer.Option("--analyzers", "-a", help="Comma-separated analyzers to run (default: all)."),
]


def _analyzer_names(value: str | None) -> list[str] | None:
    return [n.strip() for n in value.split(",") if n.strip()] if value else None


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
        disable=not err_console.is_terminal,
    )


@app.command()
def analyze(
    input: Annotated[
        str, typer.Argument(help="A .txt or .html file, an http(s) URL, or - for stdin.")
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or html.")] = "text",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
    analyzers: AnalyzersOption = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow URLs on private, loopback or link-local addresses.")
    ] = False,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            help="Show techniques scored at least this (calibrated probability). Text and "
            "HTML default to the model's operating point (MODEL.md); JSON keeps every "
            "finding unless this is given.",
        ),
    ] = None,
) -> None:
    """Analyze one article and show what slant finds.

    Examples:

        slant analyze article.txt

        slant analyze article.txt --min-score 0     # every technique span, however unsure

        slant analyze page.html --format html --out report.html

        curl -s https://example.org/story | slant analyze - --format json
    """
    if format not in ("text", "json", "html"):
        raise fail(f"--format {format!r} is not one of text, json, html")
    check_out(out)
    with fail_on_errors():
        stdin = sys.stdin.buffer.read() if input == "-" else None
        document = load_document(input, allow_private=allow_private, stdin=stdin)
        for warning in document.warnings:
            say("Warning", warning)
        analysis = analyze_document(document, analyzers=_analyzer_names(analyzers))
        skipped = (analysis.language or {}).get("reason")
        if skipped:
            say("Warning", f"{input}: {skipped}")
    if format == "json":
        if min_score is not None:
            analysis = replace(analysis, techniques=techniques_shown(analysis, min_score))
        write_json(analysis.to_json(), out)
    elif format == "html":
        target = out or Path(f"slant-report-{document.id}.html")
        target.write_text(render_page(analysis, min_score=min_score), encoding="utf-8")
        console.print(f"Wrote {target}", markup=False)
    elif out is not None:
        with out.open("w", encoding="utf-8") as handle:
            print_summary(analysis, SafeConsole(file=handle, width=120), min_score=min_score)
    else:
        print_summary(analysis, console, min_score=min_score)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")],
    corpus: CorpusOption = Path(DEFAULT_CORPUS),
    source: Annotated[str | None, typer.Option(help="Source name for every document.")] = None,
    format: Annotated[str, typer.Option("--format", help=" | ".join(FORMATS))] = "auto",
    text_col: Annotated[
        str | None,
        typer.Option(help="CSV/JSONL column with the text (default: text, body, content)."),
    ] = None,
    title_col: Annotated[
        str | None, typer.Option(help="Column with the title (default: title, headline).")
    ] = None,
    source_col: Annotated[
        str | None, typer.Option(help="Column with the source (default: source, outlet).")
    ] = None,
    date_col: Annotated[
        str | None, typer.Option(help="Column with the date (default: date, published).")
    ] = None,
    id_col: Annotated[
        str | None, typer.Option(help="Column with an external id (default: id).")
    ] = None,
    url_col: Annotated[
        str | None, typer.Option(help="Column with the URL (default: url, link).")
    ] = None,
    update: Annotated[
        bool,
        typer.Option(help="Replace the stored metadata of documents already present."),
    ] = False,
) -> None:
    """Load articles into the corpus (.txt, .html, RSS/Atom, CSV, JSONL, PTC folders).

    Table columns not named with --*-col are found by name (title, source, date, url, text,
    id, or the aliases headline, body, content, published, outlet, link); the mapping used is
    printed. Re-ingesting a document adds nothing: its id is a hash of its normalised text,
    and its empty metadata is filled from the new copy (its analyses are kept; --update also
    replaces metadata that is set). A bad file or row is reported and skipped; the others go
    through (exit code 1 if any failed).

    Examples:

        slant ingest articles/ --source herald

        slant ingest stories.jsonl

        slant ingest fakes.csv --text-col article_content --title-col article_title
        --source-col source --date-col date --id-col unit_id
    """
    columns = ColumnMap(
        text=text_col, title=title_col, source=source_col, date=date_col, id=id_col, url=url_col
    )
    with fail_on_errors(), Corpus(corpus) as store, _progress() as progress:
        task = progress.add_task("Ingesting", total=None)
        report = ingest_paths(
            store,
            paths,
            format=format,
            columns=columns,
            source=source,
            update=update,
            progress=lambda n: progress.advance(task, n),
        )
    for mapping in report.columns:
        say("Columns", mapping)
    for warning in report.warnings:
        say("Warning", warning)
    for failure in report.failed:
        say("Error", failure)
    updated = f" ({report.updated} with metadata {'updated' if update else 'filled'})"
    console.print(
        f"{report.added} added, {report.present} already present"
        f"{updated if report.updated else ''}, {len(report.failed)} failed → {corpus}",
        markup=False,
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def annotate(
    corpus: CorpusOption = Path(DEFAULT_CORPUS),
    analyzers: AnalyzersOption = None,
    where: Annotated[str | None, typer.Option(help="Only documents matching this FILTER.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = 16,
    workers: Annotated[int, typer.Option(min=1, help="Processes analyzing in parallel.")] = 1,
) -> None:
    """Analyze every stored document not yet analyzed by the current analyzer versions.

    Safe to interrupt and run again: finished batches are kept, nothing is done twice.

    Example:

        slant annotate --corpus slant.db --where "source:herald"
    """
    with fail_on_errors(), Corpus(corpus, create=False) as store, _progress() as progress:
        task = progress.add_task("Annotating", total=None)
        report = annotate_corpus(
            store,
            analyzers=_analyzer_names(analyzers),
            flt=parse_filter(where),
            batch_size=batch_size,
            workers=workers,
            on_start=lambda n: progress.update(task, total=n),
            progress=lambda n: progress.advance(task, n),
        )
    for document_id, message in report.failed:
        say("Error", f"document {document_id}: {message}")
    console.print(
        f"{report.analyzed} analyzed, {len(report.failed)} failed, "
        f"{report.pending - report.analyzed - len(report.failed)} left → {corpus}",
        markup=False,
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words or an FTS5 query, e.g. 'siege AND aleppo'.")],
    corpus: CorpusOption = Path(DEFAULT_CORPUS),
    limit: Annotated[int, typer.Option(min=1, help="Most results to show.")] = 20,
) -> None:
    """Full-text search over the corpus (SQLite FTS5), best matches first.

    Example:

        slant search '"eastern aleppo" siege'
    """
    with fail_on_errors(), Corpus(corpus, read_only=True) as store:
        hits = store.search(query, limit=limit)
    for hit in hits:
        meta = " · ".join(x for x in (hit.source, hit.date, hit.id) if x)
        console.print(f"{hit.title or '(untitled)'}  [{meta}]", markup=False, style="bold")
        console.print(f"    {' '.join(hit.snippet.split())}", markup=False)
    console.print(f"{len(hits)} result(s)", markup=False, style="dim")


@app.command("analyzers")
def list_analyzers() -> None:
    """List the analyzers slant runs, with their versions and what they fill."""
    with fail_on_errors():
        specs = available_analyzers()
    for spec in specs.values():
        needs = f" (after {', '.join(spec.requires)})" if spec.requires else ""
        console.print(
            f"{spec.version:<20} {', '.join(spec.sets):<24} {spec.description}{needs}",
            markup=False,
        )
