"""Tidy tables out of a corpus: one table per finding type, for pandas, DuckDB, R or a sheet.

``slant export --format parquet|csv|jsonl --out DIR`` writes ``DIR/<table>.<format>`` for
every table of :data:`~slant.export.tables.TABLES` (columns and types: ``docs/export.md``);
:func:`slant.read_export` reads such a folder back as pandas data frames, and
:meth:`slant.store.Corpus.to_pandas` gives one table without writing files.
:func:`convert_partitions` turns the partitions of ``slant annotate --to-parquet`` into the
same one-file-per-table folder (``slant export --from-parquet``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..filters import Filter
from ..store import Corpus
from .read import corpus_frame, iter_table_rows, read_export, table_files
from .tables import TABLES, Column, Table, tidy_rows
from .write import FORMATS, TableFiles

__all__ = [
    "FORMATS",
    "TABLES",
    "Column",
    "ExportReport",
    "Table",
    "TableFiles",
    "convert_partitions",
    "corpus_frame",
    "export_corpus",
    "read_export",
    "tidy_rows",
]


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: rows per table, the files, and the documents read."""

    documents: int
    rows: dict[str, int]
    paths: dict[str, Path]


def export_corpus(
    corpus: Corpus,
    out: str | Path,
    *,
    format: str = "parquet",
    flt: Filter | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExportReport:
    """Write every tidy table of the documents matching ``flt`` into the folder ``out``.

    Existing tables in ``out`` are replaced only once the new ones are complete.

    >>> with Corpus("slant.db") as corpus:  # doctest: +SKIP
    ...     export_corpus(corpus, "out", format="csv", flt=parse_filter("source:herald"))
    """
    documents = 0
    with TableFiles(Path(out), format) as files:
        for document, results in corpus.iter_results(flt):
            files.add_all(tidy_rows(document, results))
            documents += 1
            if progress:
                progress(1)
    return ExportReport(documents=documents, rows=dict(files.rows), paths=dict(files.paths))


def convert_partitions(
    parts: str | Path, out: str | Path, *, format: str = "parquet"
) -> ExportReport:
    """Write the tables of a ``slant annotate --to-parquet`` folder as one file per table.

    >>> convert_partitions("results", "tables", format="csv")  # doctest: +SKIP
    """
    parts = Path(parts)
    if not table_files(parts, "documents"):
        raise InputError(f"{parts}: holds no partitions of `slant annotate --to-parquet`")
    with TableFiles(Path(out), format) as files:
        for name in TABLES:
            for row in iter_table_rows(parts, name):
                files.add(name, row)
    return ExportReport(
        documents=files.rows["documents"], rows=dict(files.rows), paths=dict(files.paths)
    )
