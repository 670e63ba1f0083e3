"""``slant export``: the corpus as tidy tables (Parquet, CSV or JSONL), one per finding type."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from ..export import FORMATS, convert_partitions, export_corpus
from ..filters import parse_filter
from ..store import DEFAULT_CORPUS, Corpus
from .app import app, console, fail_on_errors


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the tables into.")],
    corpus: Annotated[
        Path, typer.Option("--corpus", "-c", help="SQLite corpus file.", show_default=True)
    ] = Path(DEFAULT_CORPUS),
    where: Annotated[str | None, typer.Option(help="Only documents matching this FILTER.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help=" | ".join(FORMATS))] = "parquet",
    from_parquet: Annotated[
        Path | None,
        typer.Option(help="Read the partitions of `annotate --to-parquet DIR`, not a corpus."),
    ] = None,
) -> None:
    """Write one tidy table per finding type: documents, techniques, quotes, citations,
    actors, descriptors, claims, casualties, frames, roles, … (columns: docs/export.md).

    One row per finding, with the document id, source and date, the finding's offsets and
    text, and the analyzer version. Parquet needs the [export] extra; CSV and JSONL do not.

    Examples:

        slant export --out tables/

        slant export --corpus fakes.db --where "source:sana,manar" --format csv --out sana/

        slant export --from-parquet results/ --format csv --out tables/

        duckdb -c "SELECT technique, count(*) FROM 'tables/techniques.parquet' GROUP BY 1"
    """
    with fail_on_errors():
        if from_parquet is not None:
            if where:
                raise InputError(
                    "--where selects stored documents; it does not apply to --from-parquet"
                )
            report = convert_partitions(from_parquet, out, format=format)
        else:
            with Corpus(corpus, read_only=True) as store:
                report = export_corpus(store, out, format=format, flt=parse_filter(where))
    rows = ", ".join(f"{name} {count}" for name, count in report.rows.items())
    console.print(f"{report.documents} documents → {out}: {rows}", markup=False, soft_wrap=True)
