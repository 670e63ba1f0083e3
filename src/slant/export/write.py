"""Writing the tidy tables: one file per table (Parquet, CSV or JSONL), written atomically.

Each table is written to a hidden temporary file beside its target and renamed into place
when complete, so a reader never sees half a table; a failed export leaves no file behind.
Rows stream through in chunks, so an export of a large corpus holds one chunk in memory.
CSV and JSONL need only the standard library; Parquet needs the ``[export]`` extra.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import InputError
from .arrow import arrow_schema, require_pyarrow
from .tables import TABLES, Row, Table

__all__ = ["FORMATS", "TableFiles", "suffix_of"]

FORMATS = ("parquet", "csv", "jsonl")
_CHUNK_ROWS = 20_000


def suffix_of(format: str) -> str:
    """The file suffix of an export format; InputError for an unknown one."""
    if format not in FORMATS:
        raise InputError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    return "." + format


class _Writer(Protocol):
    def write(self, rows: list[Row]) -> None: ...
    def close(self) -> None: ...


class _CsvWriter:
    def __init__(self, path: Path, table: Table) -> None:
        self._handle = path.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._handle)
        self._names = [c.name for c in table.columns]
        self._csv.writerow(self._names)

    def write(self, rows: list[Row]) -> None:
        self._csv.writerows([["" if r[n] is None else r[n] for n in self._names] for r in rows])

    def close(self) -> None:
        self._handle.close()


class _JsonlWriter:
    def __init__(self, path: Path, table: Table) -> None:
        self._handle = path.open("w", encoding="utf-8")
        self._names = [c.name for c in table.columns]

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            line = json.dumps({n: row[n] for n in self._names}, ensure_ascii=False)
            self._handle.write(line + "\n")

    def close(self) -> None:
        self._handle.close()


class _ParquetWriter:
    def __init__(self, path: Path, table: Table) -> None:
        self._pa = require_pyarrow()
        self._schema = arrow_schema(table)
        self._writer = self._pa.parquet.ParquetWriter(str(path), self._schema)

    def write(self, rows: list[Row]) -> None:
        self._writer.write_table(self._pa.Table.from_pylist(rows, schema=self._schema))

    def close(self) -> None:
        self._writer.close()


_WRITERS: dict[str, type[_CsvWriter] | type[_JsonlWriter] | type[_ParquetWriter]] = {
    "csv": _CsvWriter,
    "jsonl": _JsonlWriter,
    "parquet": _ParquetWriter,
}


@dataclass
class TableFiles:
    """The files of the tidy tables in one folder, written row by row and committed together.

    >>> with TableFiles(Path("out"), "csv") as files:  # doctest: +SKIP
    ...     files.add("techniques", {...})
    """

    folder: Path
    format: str
    tables: Iterable[str] = tuple(TABLES)
    rows: dict[str, int] = field(default_factory=dict)
    _pending: dict[str, list[Row]] = field(default_factory=dict)
    _writers: dict[str, _Writer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        suffix = suffix_of(self.format)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.paths = {name: self.folder / f"{name}{suffix}" for name in self.tables}
        try:
            for name, path in self.paths.items():
                self._writers[name] = _WRITERS[self.format](_temporary(path), TABLES[name])
                self._pending[name] = []
                self.rows[name] = 0
        except BaseException:
            self.abort()
            raise

    def __enter__(self) -> TableFiles:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()

    def add(self, table: str, row: Row) -> None:
        """Queue one row of a table (ignored if this folder does not hold that table)."""
        pending = self._pending.get(table)
        if pending is None:
            return
        pending.append(row)
        self.rows[table] += 1
        if len(pending) >= _CHUNK_ROWS:
            self._flush(table)

    def add_all(self, rows: Iterable[tuple[str, Row]]) -> None:
        """Queue ``(table, row)`` pairs, as :func:`slant.export.tables.tidy_rows` yields."""
        for table, row in rows:
            self.add(table, row)

    def _flush(self, table: str) -> None:
        if self._pending[table]:
            self._writers[table].write(self._pending[table])
            self._pending[table] = []

    def commit(self) -> None:
        """Write what is queued, close every file and rename each into place."""
        try:
            for name, writer in self._writers.items():
                self._flush(name)
                writer.close()
        except BaseException:
            self.abort()
            raise
        for path in self.paths.values():
            os.replace(_temporary(path), path)
        self._writers = {}

    def abort(self) -> None:
        """Close and delete the temporary files; the targets are left as they were."""
        for writer in self._writers.values():
            try:
                writer.close()
            except Exception:  # closing a half-written file: it is deleted below anyway
                pass
        for path in self.paths.values():
            _temporary(path).unlink(missing_ok=True)
        self._writers = {}


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")
