"""CSV and JSONL tables: one document per row, with the columns named by a :class:`ColumnMap`.

A missing column is an error for the whole file (nothing of it is stored); a row with no
text, an unparseable JSON line or a malformed CSV row is reported and skipped, and the
other rows go through.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from ..dates import normalise_date
from ..document import Document
from ..errors import InputError, SlantError
from .failures import IngestFailure

__all__ = ["ColumnMap", "read_csv", "read_jsonl"]

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds what. Only ``text`` is required; the others may be None."""

    text: str = "text"
    title: str | None = None
    source: str | None = None
    date: str | None = None
    id: str | None = None
    url: str | None = None

    def check(self, columns: list[str], name: str) -> None:
        """Raise InputError naming any mapped column that the table lacks."""
        wanted = {
            "--text-col": self.text,
            "--title-col": self.title,
            "--source-col": self.source,
            "--date-col": self.date,
            "--id-col": self.id,
            "--url-col": self.url,
        }
        missing = [f"{opt} {col!r}" for opt, col in wanted.items() if col and col not in columns]
        if missing:
            raise InputError(
                f"{name}: no column {', '.join(missing)}; the columns are: "
                f"{', '.join(columns) or '(none)'}"
            )


def _row_document(row: dict[str, object], columns: ColumnMap, source: str | None) -> Document:
    def get(col: str | None) -> str | None:
        value = row.get(col) if col else None
        return str(value).strip() or None if value is not None else None

    text = row.get(columns.text)
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"empty {columns.text!r}")
    return Document(
        text=text,
        title=get(columns.title),
        source=source or get(columns.source),
        date=normalise_date(get(columns.date)),
        url=get(columns.url),
        external_id=get(columns.id),
    )


def _rows_to_documents(
    rows: Iterator[tuple[int, dict[str, object] | str]],
    columns: ColumnMap,
    source: str | None,
    name: str,
    unit: str,
) -> Iterator[Document | IngestFailure]:
    for number, row in rows:
        where = f"{name} {unit} {number}"
        if isinstance(row, str):
            yield IngestFailure(where, row)
            continue
        try:
            yield _row_document(row, columns, source)
        except SlantError as exc:
            yield IngestFailure(where, str(exc))


def read_csv(
    text: str, *, name: str, columns: ColumnMap, source: str | None = None
) -> Iterator[Document | IngestFailure]:
    """Yield a document (or a failure) per CSV row. Rows are numbered as in the file."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns.check(list(reader.fieldnames or []), name)
    width = len(reader.fieldnames or [])

    def rows() -> Iterator[tuple[int, dict[str, object] | str]]:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield reader.line_num, f"malformed CSV: {exc}"
                continue
            if None in row or len(row) != width or any(v is None for v in row.values()):
                yield reader.line_num, f"malformed CSV row: expected {width} fields"
                continue
            yield reader.line_num, row

    yield from _rows_to_documents(rows(), columns, source, name, "line")


def read_jsonl(
    text: str, *, name: str, columns: ColumnMap, source: str | None = None
) -> Iterator[Document | IngestFailure]:
    """Yield a document (or a failure) per JSON line."""
    checked = False

    def rows() -> Iterator[tuple[int, dict[str, object] | str]]:
        nonlocal checked
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, f"invalid JSON: {exc.msg}"
                continue
            if not isinstance(row, dict):
                yield number, "not a JSON object"
                continue
            if not checked:
                columns.check(list(row), name)
                checked = True
            yield number, row

    yield from _rows_to_documents(rows(), columns, source, name, "line")
