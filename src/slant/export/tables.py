"""The tidy tables of a corpus: one table per finding type, one row per finding.

Every finding table starts with the same four columns — ``document_id``, ``source`` and
``date`` of the document, and ``analyzer_version`` (the versioned analyzer that made the
row, e.g. ``techniques.v2``) — followed by the finding's own columns: its offsets into the
document text (``start``/``end``, or ``content_start``/``content_end`` for quotes) and its
text. The ``documents`` table has one row per document (annotated or not); ``stories`` one
per document that ``slant stories`` grouped, with its story.

A table's rows come from the stored result of the one analyzer that owns it (``quotes``
rows from the ``quotes`` analyzer's JSON), so tables never depend on how results merge.
The columns of list findings (techniques, quotes, citations, scare quotes, claims) are the
fields of their dataclasses in :mod:`slant.analysis`, typed from their annotations; a field
named like a document column (``date``) is prefixed with the finding (``claim_date``).

>>> [c.name for c in TABLES["casualties"].columns]
['document_id', 'source', 'date', 'analyzer_version', 'event', 'category', 'number']
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from ..analysis import Citation, Claim, Quote, ScareQuote, Technique

__all__ = ["COMMON", "TABLES", "Column", "ColumnType", "Table", "tidy_rows"]

#: Column types, as Arrow/Parquet and pandas see them; ``json`` is a string holding JSON.
ColumnType = Literal["string", "int64", "float64", "bool", "json"]

Row = dict[str, Any]
#: Analyzer result fields and document text -> the finding columns of each row.
RowMaker = Callable[[dict[str, Any], str], Iterator[Row]]


@dataclass(frozen=True)
class Column:
    """One column of a tidy table: its name and type."""

    name: str
    type: ColumnType


@dataclass(frozen=True)
class Table:
    """A tidy table: the analyzer that owns its rows (None: ``documents``), its columns, and
    the function that makes its rows from that analyzer's stored result."""

    name: str
    analyzer: str | None
    columns: tuple[Column, ...]
    rows: RowMaker


COMMON = (
    Column("document_id", "string"),
    Column("source", "string"),
    Column("date", "string"),
    Column("analyzer_version", "string"),
)
_DOCUMENT_COLUMNS = {c.name for c in COMMON}

_SIMPLE: dict[type, ColumnType] = {str: "string", bool: "bool", int: "int64", float: "float64"}


def _column_type(hint: Any) -> ColumnType:
    """The column type of a dataclass field annotation (``int | None`` -> ``int64``)."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        hint = next(a for a in get_args(hint) if a is not type(None))
        origin = get_origin(hint)
    if origin is Literal:
        hint = type(get_args(hint)[0])
    return _SIMPLE.get(hint, "json")


def _renamed(cls: type, field_name: str) -> str:
    prefix = cls.__name__.lower()
    return f"{prefix}_{field_name}" if field_name in _DOCUMENT_COLUMNS else field_name


def _finding_columns(cls: type) -> tuple[Column, ...]:
    hints = get_type_hints(cls)
    return tuple(Column(_renamed(cls, f.name), _column_type(hints[f.name])) for f in fields(cls))


def _findings(cls: type, key: str) -> RowMaker:
    """Rows of a list field of ``cls`` findings, stored under ``key``, column per field
    (values of ``json`` columns as JSON text)."""
    columns = _finding_columns(cls)
    names = [(f.name, c.name, c.type == "json") for f, c in zip(fields(cls), columns, strict=True)]

    def rows(result: dict[str, Any], text: str) -> Iterator[Row]:
        for item in result.get(key) or []:
            yield {
                column: json.dumps(item.get(name)) if as_json else item.get(name)
                for name, column, as_json in names
            }

    return rows


def _citations(result: dict[str, Any], text: str) -> Iterator[Row]:
    for row in _findings(Citation, "citations")(result, text):
        yield {**row, "text": text[row["start"] : row["end"]]}


def _actors(result: dict[str, Any], text: str) -> Iterator[Row]:
    for actor in result.get("actors") or []:
        mentions = actor.get("mentions") or [[None, None]]
        yield {
            "actor": actor["name"],
            "type": actor.get("type"),
            "start": mentions[0][0],
            "end": mentions[0][1],
            "mentions": len(actor.get("mentions") or []),
            "descriptors": len(actor.get("descriptors") or []),
            "tone": actor.get("tone"),
            "times_quoted": actor.get("times_quoted", 0),
        }


def _mentions(result: dict[str, Any], text: str) -> Iterator[Row]:
    for actor in result.get("actors") or []:
        for start, end in actor.get("mentions") or []:
            yield {
                "actor": actor["name"],
                "type": actor.get("type"),
                "start": start,
                "end": end,
                "text": text[start:end],
            }


def _descriptors(result: dict[str, Any], text: str) -> Iterator[Row]:
    for actor in result.get("actors") or []:
        for descriptor in actor.get("descriptors") or []:
            yield {
                "actor": actor["name"],
                "actor_type": actor.get("type"),
                "text": descriptor["text"],
                "start": descriptor["start"],
                "end": descriptor["end"],
                "relation": descriptor["relation"],
            }


def _casualties(result: dict[str, Any], text: str) -> Iterator[Row]:
    for event, counts in (result.get("casualties") or {}).items():
        for category, number in counts.items():
            yield {"event": event, "category": category, "number": number}


def _frames(result: dict[str, Any], text: str) -> Iterator[Row]:
    for frame, score in (result.get("frames") or {}).items():
        yield {"frame": frame, "score": score}


def _frame_evidence(result: dict[str, Any], text: str) -> Iterator[Row]:
    for frame, sentences in (result.get("frame_evidence") or {}).items():
        for rank, sentence in enumerate(sentences, start=1):
            start, end = sentence["start"], sentence["end"]
            yield {
                "frame": frame,
                "rank": rank,
                "start": start,
                "end": end,
                "score": sentence["score"],
                "text": text[start:end],
            }


def _roles(result: dict[str, Any], text: str) -> Iterator[Row]:
    for role in result.get("roles") or []:
        yield {
            "actor": role["actor"],
            "role": role.get("role"),
            "score": role.get("score"),
            "evidence": json.dumps(role.get("evidence") or []),
        }


def _tone(result: dict[str, Any], text: str) -> Iterator[Row]:
    for sentence in (result.get("tone") or {}).get("sentences") or []:
        start, end = sentence["start"], sentence["end"]
        yield {
            "start": start,
            "end": end,
            "compound": sentence["compound"],
            "text": text[start:end],
        }


def _from_document(result: dict[str, Any], text: str) -> Iterator[Row]:
    """No rows from a result: :func:`tidy_rows` makes those of ``documents`` and ``stories``
    from the document itself."""
    return iter(())


def _columns(*spec: tuple[str, ColumnType]) -> tuple[Column, ...]:
    return tuple(Column(name, kind) for name, kind in spec)


_SPAN_TEXT = _columns(("start", "int64"), ("end", "int64"), ("text", "string"))

_FINDING_TABLES = (
    Table(
        "techniques", "techniques", _finding_columns(Technique), _findings(Technique, "techniques")
    ),
    Table("quotes", "quotes", _finding_columns(Quote), _findings(Quote, "quotes")),
    Table(
        "citations",
        "citations",
        (*_finding_columns(Citation), Column("text", "string")),
        _citations,
    ),
    Table(
        "scare_quotes",
        "scare_quotes",
        _finding_columns(ScareQuote),
        _findings(ScareQuote, "scare_quotes"),
    ),
    Table(
        "actors",
        "actors",
        _columns(
            ("actor", "string"),
            ("type", "string"),
            ("start", "int64"),
            ("end", "int64"),
            ("mentions", "int64"),
            ("descriptors", "int64"),
            ("tone", "float64"),
            ("times_quoted", "int64"),
        ),
        _actors,
    ),
    Table(
        "mentions",
        "actors",
        _columns(("actor", "string"), ("type", "string")) + _SPAN_TEXT,
        _mentions,
    ),
    Table(
        "descriptors",
        "actors",
        _columns(
            ("actor", "string"),
            ("actor_type", "string"),
            ("text", "string"),
            ("start", "int64"),
            ("end", "int64"),
            ("relation", "string"),
        ),
        _descriptors,
    ),
    Table("claims", "claims", _finding_columns(Claim), _findings(Claim, "claims")),
    Table(
        "casualties",
        "claims",
        _columns(("event", "string"), ("category", "string"), ("number", "int64")),
        _casualties,
    ),
    Table("frames", "frames", _columns(("frame", "string"), ("score", "float64")), _frames),
    Table(
        "frame_evidence",
        "frames",
        _columns(
            ("frame", "string"),
            ("rank", "int64"),
            ("start", "int64"),
            ("end", "int64"),
            ("score", "float64"),
            ("text", "string"),
        ),
        _frame_evidence,
    ),
    Table(
        "roles",
        "roles",
        _columns(
            ("actor", "string"), ("role", "string"), ("score", "float64"), ("evidence", "json")
        ),
        _roles,
    ),
    Table(
        "tone",
        "tone",
        _columns(("start", "int64"), ("end", "int64"), ("compound", "float64"), ("text", "string")),
        _tone,
    ),
)

#: Story membership is not an analyzer result: its rows come from the document's ``story``.
STORIES = Table(
    "stories",
    "stories",
    COMMON
    + _columns(
        ("story_id", "string"),
        ("story_title", "string"),
        ("story_documents", "int64"),
        ("first_date", "string"),
        ("last_date", "string"),
        ("similarity", "float64"),
    ),
    _from_document,
)

DOCUMENTS = Table(
    "documents",
    None,
    _columns(
        ("document_id", "string"),
        ("external_id", "string"),
        ("title", "string"),
        ("source", "string"),
        ("date", "string"),
        ("url", "string"),
        ("words", "int64"),
        ("characters", "int64"),
        ("analyzers", "string"),
        ("text", "string"),
    ),
    _from_document,
)

#: Every tidy table by name: ``documents`` first, then the finding tables, then ``stories``.
TABLES: dict[str, Table] = {
    "documents": DOCUMENTS,
    **{
        table.name: Table(table.name, table.analyzer, COMMON + table.columns, table.rows)
        for table in _FINDING_TABLES
    },
    "stories": STORIES,
}


def tidy_rows(
    document: dict[str, Any], results: dict[str, tuple[str, dict[str, Any]]]
) -> Iterator[tuple[str, Row]]:
    """Yield ``(table, row)`` for one document: its ``documents`` row, then the rows of every
    finding of the analyzers that have a stored result.

    ``document`` has the keys of the ``documents`` table of the store (``id``, ``title``,
    ``source``, ``date``, ``url``, ``external_id``, ``words``, ``text``) and optionally
    ``story`` (see :meth:`slant.store.Corpus.iter_results`); ``results`` maps an analyzer
    name to its ``(version, fields)``.
    """
    text = document["text"]
    yield (
        "documents",
        {
            "document_id": document["id"],
            "external_id": document.get("external_id"),
            "title": document.get("title"),
            "source": document.get("source"),
            "date": document.get("date"),
            "url": document.get("url"),
            "words": document.get("words", len(text.split())),
            "characters": len(text),
            "analyzers": ",".join(version for _, (version, _) in sorted(results.items())) or None,
            "text": text,
        },
    )
    for table in _FINDING_TABLES:
        if table.analyzer not in results:
            continue
        version, result = results[table.analyzer]
        common = {
            "document_id": document["id"],
            "source": document.get("source"),
            "date": document.get("date"),
            "analyzer_version": version,
        }
        for row in table.rows(result, text):
            yield table.name, {**common, **row}
    story = document.get("story")
    if story:
        yield (
            "stories",
            {
                "document_id": document["id"],
                "source": document.get("source"),
                "date": document.get("date"),
                "analyzer_version": story["method"],
                "story_id": story["id"],
                "story_title": story["title"],
                "story_documents": story["size"],
                "first_date": story["first_date"],
                "last_date": story["last_date"],
                "similarity": story["similarity"],
            },
        )
