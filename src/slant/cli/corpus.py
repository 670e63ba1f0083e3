"""The corpus commands: ``slant ingest`` (store articles), ``slant annotate`` (analyze what is
stored) and ``slant search`` (full text)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..annotate import annotate_corpus
from ..filters import parse_filter
from ..ingest import FORMATS, ColumnMap
from ..load import ingest_paths
from ..store import DEFAULT_CORPUS, Corpus
from .app import app, console, fail_on_errors, say, with_hint
from .options import AnalyzersOption, CorpusOption, analyzer_names, progress_bar

__all__ = ["annotate", "ingest", "search"]


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
    with fail_on_errors(), Corpus(corpus) as store, progress_bar() as progress:
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
        say("Error", with_hint(failure, failure.argument))
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
    workers: Annotated[
        int,
        typer.Option(
            min=1, help="Processes analyzing in parallel (--scheduler local: Dask workers)."
        ),
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Analyze on Dask: 'local' starts a cluster here, or a scheduler address "
            "such as tcp://10.0.0.5:8786 (needs the [dask] extra)."
        ),
    ] = None,
    to_parquet: Annotated[
        Path | None,
        typer.Option(help="Write results as partitioned Parquet into this folder, not the store."),
    ] = None,
) -> None:
    """Analyze every stored document not yet analyzed by the current analyzer versions.

    Safe to interrupt and run again: finished batches are kept, nothing is done twice.

    Examples:

        slant annotate --corpus slant.db --where "source:herald"

        slant annotate --corpus slant.db --workers 2

        slant annotate --corpus big.db --scheduler local --workers 2

        slant annotate --corpus big.db --scheduler tcp://10.0.0.5:8786 --to-parquet results/
    """
    with fail_on_errors(), Corpus(corpus, create=False) as store, progress_bar() as progress:
        task = progress.add_task("Annotating", total=None)
        report = annotate_corpus(
            store,
            analyzers=analyzer_names(analyzers),
            flt=parse_filter(where),
            batch_size=batch_size,
            workers=workers,
            scheduler=scheduler,
            to_parquet=to_parquet,
            on_start=lambda n: progress.update(task, total=n),
            progress=lambda n: progress.advance(task, n),
        )
    for document_id, message in report.failed:
        say("Error", f"document {document_id}: {message}")
    console.print(
        f"{report.analyzed} analyzed, {len(report.failed)} failed, "
        f"{report.pending - report.analyzed - len(report.failed)} left → {to_parquet or corpus}",
        markup=False,
        soft_wrap=True,
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
