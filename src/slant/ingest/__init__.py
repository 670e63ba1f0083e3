"""Ingestion: turning files, folders, feeds, tables and URLs into Documents.

One reader per format (``text``, ``html``, ``feed``, ``csv``, ``jsonl``, ``ptc``, ``url``);
:func:`read_path` picks one by extension (or ``format=``) and yields documents and
:class:`IngestFailure` records, so one bad file or row in a batch is reported and skipped
while the rest go through; :class:`IngestNote` remarks (the column mapping of a table) go to
an ``on_note`` callback. Ingest only reads: :func:`slant.load.ingest_paths` stores.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..document import Document
from ..errors import InputError, SlantError
from .failures import IngestFailure
from .feed import read_feed
from .files import decode, read_bytes
from .html import html_to_document, read_html
from .notes import IngestNote, NoteHandler
from .ptc import is_ptc_folder, read_ptc
from .table import ColumnMap, read_csv, read_jsonl
from .text import read_text
from .url import fetch_document

__all__ = [
    "FORMATS",
    "ColumnMap",
    "IngestFailure",
    "IngestNote",
    "NoteHandler",
    "fetch_document",
    "format_of",
    "load_document",
    "read_data",
    "read_path",
]

FORMATS = ("auto", "text", "html", "feed", "csv", "jsonl", "ptc")
_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def format_of(name: str | Path, format: str = "auto") -> str:
    """The reader format of a file: ``format`` unless it is ``auto``, else by the suffix.

    >>> format_of("news.JSONL"), format_of("page.htm"), format_of("rows.txt", "csv")
    ('jsonl', 'html', 'csv')
    """
    if format != "auto":
        if format not in FORMATS:
            raise InputError(
                f"unknown format {format!r}; use one of {', '.join(FORMATS)}", argument="format"
            )
        return format
    suffix = Path(name).suffix
    found = _BY_SUFFIX.get(suffix.lower())
    if found is None:
        raise InputError(
            f"{name}: cannot tell the format from the extension {suffix or '(none)'!r}; "
            f"name the format ({', '.join(FORMATS[1:])})",
            argument="format",
        )
    return found


def read_data(
    data: bytes,
    *,
    name: str,
    format: str = "auto",
    columns: ColumnMap | None = None,
    source: str | None = None,
    on_note: NoteHandler | None = None,
) -> Iterator[Document | IngestFailure]:
    """Yield the documents of one file's bytes, read as ``format`` (``auto``: by the suffix of
    ``name``, which also names the input in errors). A bad file as a whole raises InputError;
    a table's bad rows are yielded as failures."""
    kind = format_of(name, format)
    if kind == "feed":
        yield from read_feed(data, name=name, source=source)
        return
    text, warnings = decode(data, name)
    if kind == "text":
        yield from read_text(text, name=Path(name).name, source=source, warnings=warnings)
    elif kind == "html":
        yield from read_html(text, name=name, source=source, warnings=warnings)
    elif kind == "csv":
        yield from read_csv(
            text, name=name, columns=columns or ColumnMap(), source=source, on_note=on_note
        )
    elif kind == "jsonl":
        yield from read_jsonl(
            text, name=name, columns=columns or ColumnMap(), source=source, on_note=on_note
        )
    else:
        raise InputError(
            f"{name}: format {kind!r} applies to folders, not files", argument="format"
        )


def read_path(
    path: str | Path,
    *,
    format: str = "auto",
    columns: ColumnMap | None = None,
    source: str | None = None,
    on_note: NoteHandler | None = None,
) -> Iterator[Document | IngestFailure]:
    """Yield the documents of a file or folder (recursively), and failures for what is bad.

    ``on_note`` receives the notes of tables: which column fed which field, and the mapped
    columns that are empty in every row.

    A folder of ``article<ID>.txt`` files (or ``format="ptc"``) is read as a PTC folder.
    """
    path = Path(path)
    columns = columns or ColumnMap()
    if not path.exists():
        yield IngestFailure(str(path), "no such file or folder")
        return
    if path.is_dir():
        if format == "ptc" or (format == "auto" and is_ptc_folder(path)):
            yield from read_ptc(path, source=source)
            return
        files, unreadable = _walk(path)
        for folder, reason in unreadable:
            yield IngestFailure(folder, f"cannot read folder: {reason}")
        for file in files:
            if format == "auto" and file.suffix.lower() not in _BY_SUFFIX:
                continue
            yield from read_path(
                file, format=format, columns=columns, source=source, on_note=on_note
            )
        return
    try:
        data = read_bytes(path)
        yield from read_data(
            data, name=str(path), format=format, columns=columns, source=source, on_note=on_note
        )
    except SlantError as exc:
        yield IngestFailure(str(path), str(exc).removeprefix(f"{path}: "), exc.argument)


def _walk(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The visible files under ``folder`` (sorted), and the subfolders that could not be
    read with the reason (``Path.rglob`` skips those silently)."""
    unreadable: list[tuple[str, str]] = []

    def failed(error: OSError) -> None:
        unreadable.append((str(error.filename or folder), error.strerror or str(error)))

    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=failed):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / n for n in names if not n.startswith("."))
    return sorted(f for f in files if f.is_file()), unreadable


def _read_unnamed(path: Path) -> Document:
    """The article of a file without a known extension, read as stdin is: HTML when it
    starts with ``<``, else plain text."""
    text, warnings = decode(read_bytes(path), str(path))
    if text.lstrip().startswith("<"):
        return html_to_document(text, name=str(path), warnings=warnings)
    return next(read_text(text, name=path.name, warnings=warnings))


def load_document(
    spec: str,
    *,
    allow_private: bool = False,
    stdin: bytes | None = None,
    format: str = "auto",
) -> Document:
    """The one document named by ``spec``: a file path, an http(s) URL, or ``-`` (stdin).

    Text from stdin, or a file without a known extension, that starts with ``<`` is read as
    HTML, else as plain text. A table or feed with several
    documents is refused: analyze takes one article (ingest takes many).
    """
    if spec.startswith(("http://", "https://")):
        return fetch_document(spec, allow_private=allow_private)
    if spec == "-":
        if not stdin or not stdin.strip():
            raise InputError("stdin: no text given", argument="stdin")
        text, warnings = decode(stdin, "stdin")
        if format == "html" or (format == "auto" and text.lstrip().startswith("<")):
            return html_to_document(text, name="stdin", warnings=warnings)
        return next(read_text(text, name="stdin", warnings=warnings))
    if "://" in spec:
        raise InputError(f"{spec}: only http and https URLs can be fetched")
    path = Path(spec)
    if path.is_dir():
        raise InputError(
            f"{spec}: is a folder; this reads one article (a folder is ingested)", argument="spec"
        )
    if format == "auto" and path.exists() and path.suffix.lower() not in _BY_SUFFIX:
        return _read_unnamed(path)
    items = list(read_path(path, format=format))
    failures = [i for i in items if isinstance(i, IngestFailure)]
    if failures and not [i for i in items if isinstance(i, Document)]:
        raise InputError(str(failures[0]))
    documents = [i for i in items if isinstance(i, Document)]
    if len(documents) != 1:
        raise InputError(
            f"{spec}: holds {len(documents)} documents; analyze takes one article "
            "(many documents are ingested, then annotated)",
            argument="spec",
        )
    return documents[0]
