"""Reading tidy tables back: from an export folder, or straight from a corpus, as pandas.

:func:`read_export` reads what ``slant export`` wrote (``<table>.parquet``, ``.csv`` or
``.jsonl``) and what ``slant annotate --to-parquet`` wrote (``part-*/<table>.parquet``), with
the documented column types (pandas nullable dtypes: ``string``, ``Int64``, ``Float64``,
``boolean``). :func:`corpus_frame` builds one table from a corpus without writing files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..filters import Filter
from .arrow import arrow_schema, pandas_types, require_pandas, require_pyarrow
from .tables import TABLES, Table, tidy_rows

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from ..store import Corpus

__all__ = ["corpus_frame", "iter_table_rows", "read_export", "table_files"]


def table_files(folder: Path, table: str) -> list[Path]:
    """The files that hold ``table`` in an export folder (one, or one per partition)."""
    found = [folder / f"{table}{suffix}" for suffix in (".parquet", ".csv", ".jsonl")]
    single = [path for path in found if path.is_file()]
    return single or sorted(folder.glob(f"part-*/{table}.parquet"))


def _read_file(path: Path, table: Table) -> pyarrow.Table:
    pa = require_pyarrow()
    schema = arrow_schema(table)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path, schema=schema)
    if path.suffix == ".csv":
        import pyarrow.csv as pcsv

        options = pcsv.ConvertOptions(column_types=schema, strings_can_be_null=True)
        return pcsv.read_csv(path, convert_options=options).select(schema.names)
    import pyarrow.json as pjson

    if path.stat().st_size == 0:
        return pa.Table.from_pylist([], schema=schema)
    options = pjson.ParseOptions(explicit_schema=schema)
    return pjson.read_json(path, parse_options=options).select(schema.names)


def iter_table_rows(folder: Path, table: str) -> Iterator[dict[str, Any]]:
    """The rows of one table of an export folder, file by file, row group by row group."""
    for path in table_files(folder, table):
        for batch in _read_file(path, TABLES[table]).to_batches():
            yield from batch.to_pylist()


def read_export(folder: str | Path, tables: list[str] | None = None) -> dict[str, pandas.DataFrame]:
    """The tables of an export folder as pandas data frames, by name.

    >>> frames = read_export("out")  # doctest: +SKIP
    >>> frames["techniques"].groupby("source").technique.value_counts()  # doctest: +SKIP
    """
    folder = Path(folder)
    pa = require_pyarrow()
    wanted = tables or list(TABLES)
    unknown = [name for name in wanted if name not in TABLES]
    if unknown:
        raise InputError(f"unknown table {', '.join(unknown)}; the tables are {', '.join(TABLES)}")
    frames: dict[str, pandas.DataFrame] = {}
    for name in wanted:
        files = table_files(folder, name)
        if not files:
            continue
        parts = [_read_file(path, TABLES[name]) for path in files]
        frames[name] = pa.concat_tables(parts).to_pandas(types_mapper=pandas_types())
    if not frames:
        raise InputError(f"{folder}: holds no slant tables (write them with `slant export`)")
    return frames


def corpus_frame(corpus: Corpus, table: str, flt: Filter | None = None) -> pandas.DataFrame:
    """One tidy table of a corpus as a pandas data frame (see :meth:`Corpus.to_pandas`)."""
    if table not in TABLES:
        raise InputError(f"unknown table {table!r}; the tables are {', '.join(TABLES)}")
    require_pandas()
    pa = require_pyarrow()
    rows: list[dict[str, Any]] = [
        row
        for document, results in corpus.iter_results(flt)
        for name, row in tidy_rows(document, results)
        if name == table
    ]
    arrow = pa.Table.from_pylist(rows, schema=arrow_schema(TABLES[table]))
    return arrow.to_pandas(types_mapper=pandas_types())
