"""CSV and JSONL tables: one document per row, with the columns named by a :class:`ColumnMap`.

Columns that are not named are found by name: ``title``, ``source``, ``date``, ``url``,
``text`` and ``id`` feed the fields of the same name, and common aliases (``headline``,
``body``, ``content``, ``published``, ``outlet``, ``link``) are used when the same-named
column is absent. The reader notes which column fed which field, and warns when a mapped
column is empty in every row. A missing named column (or no text column) is an error for
the whole file (nothing of it is stored); a row with no text, an unparseable JSON line or a
malformed CSV row is reported and skipped, and the other rows go through.
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
from .notes import IngestNote, NoteHandler

__all__ = ["ALIASES", "ColumnMap", "describe_mapping", "read_csv", "read_jsonl"]

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


#: The document fields a table can feed, and the columns each takes when not named: the
#: same-named column first, then common aliases (matched case-insensitively).
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "source": ("source", "outlet"),
    "date": ("date", "published"),
    "url": ("url", "link"),
    "id": ("id",),
}
_OPTIONS = {field: f"--{field}-col" for field in ALIASES}


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds what. A field left None takes its same-named column or an alias
    (:data:`ALIASES`) when the table has one; a named column must exist."""

    text: str | None = None
    title: str | None = None
    source: str | None = None
    date: str | None = None
    id: str | None = None
    url: str | None = None

    def resolve(self, columns: list[str], name: str) -> dict[str, str]:
        """Return ``{field: column}`` for this table, in :data:`ALIASES` order.

        Raises InputError naming any named column the table lacks, or when no column can
        hold the text.

        >>> ColumnMap().resolve(["Headline", "body", "outlet"], "t.csv")
        {'text': 'body', 'title': 'Headline', 'source': 'outlet'}
        """
        given = {field: getattr(self, field) for field in ALIASES if getattr(self, field)}
        missing = [f"{_OPTIONS[f]} {col!r}" for f, col in given.items() if col not in columns]
        if missing:
            raise InputError(
                f"{name}: no column {', '.join(missing)}; the columns are: "
                f"{', '.join(columns) or '(none)'}"
            )
        taken = set(given.values())
        by_lower: dict[str, str] = {}
        for column in columns:
            by_lower.setdefault(column.lower(), column)
        mapping: dict[str, str] = {}
        for field, aliases in ALIASES.items():
            if field in given:
                mapping[field] = given[field]
                continue
            for alias in aliases:
                found = alias if alias in columns else by_lower.get(alias)
                if found is not None and found not in taken:
                    mapping[field] = found
                    taken.add(found)
                    break
        if "text" not in mapping:
            raise InputError(
                f"{name}: no text column (looked for {', '.join(ALIASES['text'])}); name the "
                f"text column; the columns are: {', '.join(columns) or '(none)'}",
                argument="text_column",
            )
        return mapping


def describe_mapping(mapping: dict[str, str]) -> str:
    """The mapping as one line: ``text ← body, title ← headline``."""
    return ", ".join(f"{field} ← {column}" for field, column in mapping.items())


def _cell(row: dict[str, object], column: str | None) -> str | None:
    value = row.get(column) if column else None
    return (str(value).strip() or None) if value is not None else None


_JSON_KINDS = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
}


def _row_document(row: dict[str, object], mapping: dict[str, str], source: str | None) -> Document:
    text = row.get(mapping["text"])
    if text is not None and not isinstance(text, str):
        kind = _JSON_KINDS.get(type(text), type(text).__name__)
        raise InputError(f"{mapping['text']!r} holds {kind} ({str(text)[:40]}), not text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"empty {mapping['text']!r}")
    return Document(
        text=text,
        title=_cell(row, mapping.get("title")),
        source=source or _cell(row, mapping.get("source")),
        date=normalise_date(_cell(row, mapping.get("date"))),
        url=_cell(row, mapping.get("url")),
        external_id=_cell(row, mapping.get("id")),
    )


_FILLS = {
    "title": "title",
    "source": "source",
    "date": "date",
    "url": "url",
    "id": "external_id",
}


class _Mapped:
    """The mapping of one table, and which mapped fields some row has filled so far."""

    def __init__(self, mapping: dict[str, str], source: str | None) -> None:
        self.mapping = {f: c for f, c in mapping.items() if not (f == "source" and source)}
        self.source = source
        self.filled: set[str] = set()
        self.documents = 0

    def note(self, name: str) -> IngestNote:
        return IngestNote(name, describe_mapping(self.mapping), kind="columns")

    def document(self, row: dict[str, object]) -> Document:
        document = _row_document(row, self.mapping, self.source)
        self.documents += 1
        for field, attribute in _FILLS.items():
            if getattr(document, attribute):
                self.filled.add(field)
        return document

    def warnings(self, name: str) -> Iterator[IngestNote]:
        if not self.documents:
            return
        for field, column in self.mapping.items():
            if field != "text" and field not in self.filled:
                unread = " or not a date" if field == "date" else ""
                yield IngestNote(name, f"column {column!r} ({field}) is empty{unread} in every row")


def _rows_to_documents(
    rows: Iterator[tuple[int, dict[str, object] | str]],
    *,
    columns: ColumnMap,
    source: str | None,
    name: str,
    header: list[str] | None,
    on_note: NoteHandler | None,
) -> Iterator[Document | IngestFailure]:
    """Documents of the rows; ``on_note`` gets the mapping first and the empty-column
    warnings last. The mapping comes from ``header``, or (JSONL) the first object's keys."""
    note = on_note or (lambda _: None)
    mapped = _Mapped(columns.resolve(header, name), source) if header is not None else None
    if mapped is not None:
        note(mapped.note(name))
    count = 0
    for number, row in rows:
        count += 1
        where = f"{name} line {number}"
        if isinstance(row, str):
            yield IngestFailure(where, row)
            continue
        if mapped is None:
            mapped = _Mapped(columns.resolve(list(row), name), source)
            note(mapped.note(name))
        try:
            yield mapped.document(row)
        except SlantError as exc:
            yield IngestFailure(where, str(exc))
    if not count:
        what = "no rows after the header" if header is not None else "no JSON lines"
        yield IngestFailure(name, f"{what}: nothing to add")
    if mapped is not None:
        for warning in mapped.warnings(name):
            note(warning)


class _CountedLines:
    """The lines of a text for :mod:`csv`, counted as they are read (the reader's own
    ``line_num`` is not updated when a row fails)."""

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.count = 0

    def __iter__(self) -> _CountedLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.count += 1
        return line


def read_csv(
    text: str,
    *,
    name: str,
    columns: ColumnMap,
    source: str | None = None,
    on_note: NoteHandler | None = None,
) -> Iterator[Document | IngestFailure]:
    """Yield a document (or a failure) per CSV row, rows numbered as in the file.

    ``on_note`` receives a note of the column mapping before the first row, and a warning
    per mapped column that is empty in every row after the last."""
    # strict: a quote that is never closed, or closed and followed by more than a delimiter,
    # is an error instead of a field that silently swallows the rows after it.
    lines = _CountedLines(text)
    reader = csv.DictReader(lines, strict=True)
    try:
        header = list(reader.fieldnames or [])
    except csv.Error as exc:
        raise InputError(f"{name}: the header line is not valid CSV ({exc})") from exc
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        raise InputError(
            f"{name}: the header repeats the column {', '.join(map(repr, repeated))}; "
            "column names must be unique"
        )
    width = len(header)

    def rows() -> Iterator[tuple[int, dict[str, object] | str]]:
        while True:
            first = lines.count + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                span = f" (a quoted field from line {first} on: an unclosed quote?)"
                yield lines.count, f"malformed CSV: {exc}" + (span if lines.count > first else "")
                continue
            if None in row or len(row) != width or any(v is None for v in row.values()):
                yield lines.count, f"malformed CSV row: expected {width} fields"
                continue
            yield lines.count, row

    yield from _rows_to_documents(
        rows(), columns=columns, source=source, name=name, header=header, on_note=on_note
    )


def read_jsonl(
    text: str,
    *,
    name: str,
    columns: ColumnMap,
    source: str | None = None,
    on_note: NoteHandler | None = None,
) -> Iterator[Document | IngestFailure]:
    """Yield a document (or a failure) per JSON line, with notes as :func:`read_csv`.

    Keys are optional per line: the mapping is made from every key that some line has (in
    the order they first appear), so a first line without ``title`` neither refuses the file
    nor drops the titles of the lines that have one."""
    rows: list[tuple[int, dict[str, object] | str]] = []
    keys: dict[str, None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.append((number, f"invalid JSON: {exc.msg}"))
            continue
        except RecursionError:
            rows.append((number, "invalid JSON: nested too deeply"))
            continue
        if not isinstance(row, dict):
            rows.append((number, "not a JSON object"))
            continue
        keys.update(dict.fromkeys(row))
        rows.append((number, row))
    header = list(keys) if keys else None
    yield from _rows_to_documents(
        iter(rows), columns=columns, source=source, name=name, header=header, on_note=on_note
    )
