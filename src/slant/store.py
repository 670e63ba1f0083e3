"""The corpus store: one SQLite file (``slant.db`` by default), the only module that speaks SQL.

Schema (part of the API — users open it with ``sqlite3``, datasette or pandas):

- ``documents``: ``id`` (hash of the normalised text), ``title``, ``source``, ``date`` (ISO),
  ``url``, ``external_id``, ``text``, ``words``, ``added_at``.
- ``analyses``: one row per document and analyzer: ``document_id``, ``analyzer``, ``version``,
  ``result`` (JSON of the fields it sets), ``created_at``. A new analyzer version replaces
  the row, so a corpus never mixes two versions of one analyzer silently.
- ``documents_fts``: FTS5 index over ``title`` and ``text`` (kept in step by triggers).
- ``stories``: one row per story (documents that report the same event): ``id``,
  ``method`` (the grouping method and version, e.g. ``stories.v1``), ``title``,
  ``first_date``, ``last_date``, ``size``, ``description`` (JSON: ``terms``, ``places``,
  ``actors``), ``updated_at``.
- ``story_documents``: which story each grouped document is in: ``document_id``,
  ``story_id``, ``method``, ``similarity`` (to the story when it joined; 0 for the document
  that started it), ``added_at``.
- ``migrations``: the numbered schema migrations applied, with their time.

WAL journal; each batch of documents or analyses is one transaction, so an interrupted
ingest or annotate loses at most the batch in flight and never leaves half a document.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis import Analysis, fields_view, stored_fields
from .document import Document
from .errors import InputError, StoreError
from .filters import Filter
from .migrations import MIGRATIONS
from .stories.model import Story

if TYPE_CHECKING:
    import pandas

__all__ = ["AddResult", "Corpus", "SearchHit", "DEFAULT_CORPUS", "search_query"]

DEFAULT_CORPUS = "slant.db"
#: The SQLite ``application_id`` that marks a slant corpus (the bytes ``slnt``).
APPLICATION_ID = 0x736C6E74


@dataclass(frozen=True)
class AddResult:
    """Counts of one :meth:`Corpus.add_documents` call: new documents, documents already
    present, and how many of those got metadata from the new copy."""

    added: int
    present: int
    updated: int = 0


@dataclass(frozen=True)
class SearchHit:
    """A full-text search result with a snippet (``[`` and ``]`` mark the matched words)."""

    id: str
    title: str | None
    source: str | None
    date: str | None
    snippet: str


_METADATA = ("title", "source", "date", "url", "external_id")
_DOCUMENT_KEYS = ("id", "title", "source", "date", "url", "external_id", "words", "text")


def _metadata_changes(row: sqlite3.Row, document: Document, *, update: bool) -> dict[str, str]:
    """The metadata columns to set on a stored row from a new copy of its document."""
    changes: dict[str, str] = {}
    for column in _METADATA:
        new = getattr(document, column)
        if new and new != row[column] and (update or not row[column]):
            changes[column] = new
    return changes


def _story_of(row: sqlite3.Row) -> dict[str, Any] | None:
    if row["story_id"] is None:
        return None
    return {
        "id": row["story_id"],
        "title": row["story_title"],
        "size": row["size"],
        "first_date": row["first_date"],
        "last_date": row["last_date"],
        "similarity": row["similarity"],
        "method": row["method"],
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row_document(row: sqlite3.Row) -> Document:
    return Document(
        text=row["text"],
        title=row["title"],
        source=row["source"],
        date=row["date"],
        url=row["url"],
        external_id=row["external_id"],
        id=row["id"],
    )


#: Longest search query accepted, in characters and in terms (words, phrases, operators).
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64
_FTS_SYNTAX = re.compile(r'["()*^:+]|\b(?:AND|OR|NOT|NEAR)\b')


def search_query(query: str) -> str:
    """The query to run: refused past :data:`MAX_QUERY_CHARS` or :data:`MAX_QUERY_TERMS`
    (InputError), and, when it is plain words (ANDed), without repeated words.

    FTS5's ``snippet()`` compares every matched token with every term of the query, so a
    query of one word repeated n times costs n² per document (a thousand times ``a``: over a
    minute of CPU). Repeats of an ANDed word change nothing in what matches, so they are dropped,
    which keeps the cost linear in the query; the caps bound any other query.

    >>> search_query("siege aleppo siege")
    'siege aleppo'
    """
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(
            f"search query is {len(query):,} characters long; the limit is {MAX_QUERY_CHARS:,}"
        )
    terms = query.split()
    if len(terms) > MAX_QUERY_TERMS:
        raise InputError(
            f"search query has {len(terms):,} terms; the limit is {MAX_QUERY_TERMS}: "
            "search for fewer words"
        )
    if _FTS_SYNTAX.search(query):
        return query
    return " ".join(dict.fromkeys(term.lower() for term in terms))


def _fts_phrase(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


class Corpus:
    """A slant corpus in a SQLite file.

    >>> with Corpus("slant.db") as corpus:  # doctest: +SKIP
    ...     corpus.add_documents([Document(text="Officials said ...")])
    """

    def __init__(
        self, path: str | Path = DEFAULT_CORPUS, *, create: bool = True, read_only: bool = False
    ) -> None:
        """Open (``create``: or create) the corpus at ``path``.

        A file that is an SQLite database but not a slant corpus is refused untouched (no
        table is added, its journal mode is left alone). ``read_only`` opens the file read
        only (SQLite ``mode=ro``; ``immutable`` when even the WAL index cannot be made, as in
        a read-only folder), so read-only commands work on a corpus they cannot write.
        """
        self.path = Path(path)
        self.read_only = read_only
        if (not create or read_only) and not self.path.exists():
            raise StoreError(
                f"corpus {str(self.path)!r} does not exist: ingest documents into it first",
                argument="corpus",
            )
        try:
            self.db = self._connect()
            self.db.row_factory = sqlite3.Row
            self._check_kind()
            if not read_only:
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{str(self.path)!r} is not a usable slant corpus: {exc}") from exc

    def _connect(self) -> sqlite3.Connection:
        if not self.read_only:
            return sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        uri = self.path.resolve().as_uri()
        try:
            db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30, check_same_thread=False)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:  # a WAL file in a folder where no -shm can be made
            return sqlite3.connect(
                f"{uri}?mode=ro&immutable=1", uri=True, timeout=30, check_same_thread=False
            )

    def _check_kind(self) -> None:
        """Refuse a database that is not a slant corpus, before anything is written to it."""
        application_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        if application_id == APPLICATION_ID:
            return
        tables = [
            row[0]
            for row in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        if not tables and not self.read_only:
            return  # a new corpus
        if application_id == 0 and "migrations" in tables:  # made before the marker existed
            first = self.db.execute("SELECT name FROM migrations WHERE id = 1").fetchone()
            if first is not None and first[0] == MIGRATIONS[0][1]:
                return
        self.db.close()
        shown = ", ".join(tables[:8]) + (", …" if len(tables) > 8 else "")
        raise StoreError(
            f"{str(self.path)!r} is an SQLite database but not a slant corpus "
            f"(tables: {shown or 'none'}); slant leaves it untouched: give another corpus "
            "file (a new name creates one)",
            argument="corpus",
        )

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _pending(self) -> list[tuple[int, str, list[str]]]:
        exists = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
        ).fetchone()
        done = {row[0] for row in self.db.execute("SELECT id FROM migrations")} if exists else set()
        return [migration for migration in MIGRATIONS if migration[0] not in done]

    def _migrate(self) -> None:
        pending = self._pending()
        if self.read_only:
            if pending:
                self._upgrade_then_reopen()
            return
        with self.db:
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS migrations "
                "(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for number, name, statements in pending:
            with self.db:
                for statement in statements:
                    self.db.execute(statement)
                self.db.execute(
                    "INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)",
                    (number, name, _now()),
                )

    def _upgrade_then_reopen(self) -> None:
        """A read-only open of a corpus made by an older slant: upgrade its schema with a
        short write (when the file can be written), then read on."""
        self.db.close()
        try:
            Corpus(self.path).close()
        except StoreError as exc:
            raise StoreError(
                f"corpus {str(self.path)!r} was made by an older slant and cannot be upgraded "
                f"here ({exc}); open it for writing once (annotate it, say) where the file is "
                "writable",
                argument="corpus",
            ) from exc
        self.db = self._connect()
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys=ON")

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise StoreError(f"corpus {str(self.path)!r}: {exc}") from exc

    # documents -------------------------------------------------------------------------

    def add_documents(self, documents: Iterable[Document], *, update: bool = False) -> AddResult:
        """Store documents in one transaction.

        A document already present (same id) keeps its text and analyses; its empty metadata
        fields (title, source, date, url, external id) are filled from the new copy, and with
        ``update=True`` its non-empty ones are replaced too. A field is never emptied.
        """
        added = present = updated = 0
        try:
            with self.db:
                for doc in documents:
                    row = self.db.execute(
                        f"SELECT {', '.join(_METADATA)} FROM documents WHERE id = ?", (doc.id,)
                    ).fetchone()
                    if row is None:
                        self.db.execute(
                            "INSERT INTO documents (id, title, source, date, url, external_id, "
                            "text, words, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (
                                doc.id,
                                doc.title,
                                doc.source,
                                doc.date,
                                doc.url,
                                doc.external_id,
                                doc.text,
                                doc.words,
                                _now(),
                            ),
                        )
                        added += 1
                        continue
                    present += 1
                    changes = _metadata_changes(row, doc, update=update)
                    if changes:
                        assignments = ", ".join(f"{column} = ?" for column in changes)
                        self.db.execute(
                            f"UPDATE documents SET {assignments} WHERE id = ?",
                            (*changes.values(), doc.id),
                        )
                        updated += 1
        except sqlite3.Error as exc:
            raise StoreError(f"corpus {str(self.path)!r}: could not add documents: {exc}") from exc
        return AddResult(added=added, present=present, updated=updated)

    def get_document(self, document_id: str) -> Document | None:
        """Return the stored document with this id, or None."""
        row = self._execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        return _row_document(row) if row else None

    def _where(self, flt: Filter | None) -> tuple[str, list[Any]]:
        if flt is None:
            return "1", []
        clauses: list[str] = ["1"]
        params: list[Any] = []
        if flt.sources:
            clauses.append(f"lower(d.source) IN ({', '.join('?' * len(flt.sources))})")
            params.extend(flt.sources)
        if flt.date_from:
            clauses.append("d.date >= ?")
            params.append(flt.date_from)
        if flt.date_to:
            clauses.append("substr(d.date, 1, length(?)) <= ?")
            params.extend([flt.date_to, flt.date_to])
        if flt.phrases:
            clauses.append(
                "d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            )
            params.append(" AND ".join(_fts_phrase(p) for p in flt.phrases))
        return " AND ".join(clauses), params

    def count_documents(self, flt: Filter | None = None) -> int:
        """Number of stored documents matching the filter."""
        where, params = self._where(flt)
        row = self._execute(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchone()
        return int(row[0])

    def document_ids(self, flt: Filter | None = None) -> list[str]:
        """Ids of the stored documents matching the filter, in the order they were added."""
        where, params = self._where(flt)
        rows = self._execute(f"SELECT d.id FROM documents d WHERE {where} ORDER BY d.rowid", params)
        return [row[0] for row in rows]

    def iter_documents(self, flt: Filter | None = None) -> Iterator[Document]:
        """Yield stored documents matching the filter, in the order they were added."""
        where, params = self._where(flt)
        rows = self._execute(f"SELECT * FROM documents d WHERE {where} ORDER BY d.rowid", params)
        for row in rows:
            yield _row_document(row)

    def list_documents(
        self, flt: Filter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Metadata (no text) of documents matching the filter, newest date first."""
        where, params = self._where(flt)
        rows = self._execute(
            f"SELECT id, title, source, date, url, words FROM documents d WHERE {where} "
            "ORDER BY d.date DESC, d.rowid LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [dict(row) for row in rows]

    def document_metadata(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Title, source, date and url (no text) of the documents with these ids."""
        ids = list(ids)
        found: dict[str, dict[str, Any]] = {}
        for first in range(0, len(ids), 500):
            chunk = ids[first : first + 500]
            rows = self._execute(
                "SELECT id, title, source, date, url FROM documents "
                f"WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update({row["id"]: dict(row) for row in rows})
        return found

    def sources(self) -> list[tuple[str, int]]:
        """Each source with its number of documents."""
        rows = self._execute(
            "SELECT source, count(*) FROM documents GROUP BY source ORDER BY count(*) DESC"
        )
        return [(row[0], row[1]) for row in rows]

    def search(
        self, query: str, *, flt: Filter | None = None, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        """Full-text search (FTS5 syntax; plain words are ANDed) among the documents matching
        ``flt``. Best matches first."""
        where, params = self._where(flt)
        sql = (
            "SELECT d.id, d.title, d.source, d.date, "
            "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            f"WHERE documents_fts MATCH ? AND {where} ORDER BY rank LIMIT ? OFFSET ?"
        )
        rows = self._match(sql, query, [*params, limit, offset])
        return [SearchHit(**dict(row)) for row in rows]

    def count_matches(self, query: str, *, flt: Filter | None = None) -> int:
        """Number of documents matching ``flt`` that a full-text search finds."""
        where, params = self._where(flt)
        sql = (
            "SELECT count(*) FROM documents_fts JOIN documents d "
            f"ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? AND {where}"
        )
        return int(self._match(sql, query, params)[0][0])

    def _match(self, sql: str, query: str, params: list[Any]) -> list[sqlite3.Row]:
        """Run a MATCH query; a query that is not valid FTS5 is retried as plain words."""
        if not query.strip():
            raise StoreError("search query is empty: give one or more words")
        query = search_query(query)
        try:
            return self.db.execute(sql, (query, *params)).fetchall()
        except sqlite3.OperationalError:
            words = " ".join(_fts_phrase(w) for w in query.split())
            return self._execute(sql, (words, *params)).fetchall()

    # analyses --------------------------------------------------------------------------

    def pending(self, versions: dict[str, str], flt: Filter | None = None) -> list[str]:
        """Ids of documents lacking an analysis by any of ``versions`` (name -> version)."""
        where, params = self._where(flt)
        missing = (
            " OR ".join(
                "NOT EXISTS (SELECT 1 FROM analyses a WHERE a.document_id = d.id "
                "AND a.analyzer = ? AND a.version = ?)"
                for _ in versions
            )
            or "0"
        )
        for name, version in versions.items():
            params.extend([name, version])
        rows = self._execute(
            f"SELECT d.id FROM documents d WHERE {where} AND ({missing}) ORDER BY d.rowid",
            params,
        )
        return [row[0] for row in rows]

    def save_analyses(self, batch: Iterable[tuple[str, dict[str, tuple[str, Any]]]]) -> int:
        """Store ``(document_id, {analyzer: (version, result)})`` pairs in one transaction."""
        saved = 0
        try:
            with self.db:
                for document_id, results in batch:
                    for analyzer, (version, result) in results.items():
                        self.db.execute(
                            "INSERT OR REPLACE INTO analyses (document_id, analyzer, version, "
                            "result, created_at) VALUES (?, ?, ?, ?, ?)",
                            (document_id, analyzer, version, json.dumps(result), _now()),
                        )
                    saved += 1
        except sqlite3.Error as exc:
            raise StoreError(f"corpus {str(self.path)!r}: could not save analyses: {exc}") from exc
        return saved

    def analysis_fields(self, document_id: str) -> tuple[dict[str, Any], dict[str, str]]:
        """The stored analysis fields of a document, and the analyzer versions behind them."""
        rows = self._execute(
            "SELECT a.analyzer, a.version, a.result FROM analyses a WHERE a.document_id = ?",
            (document_id,),
        ).fetchall()
        values: dict[str, Any] = {}
        versions: dict[str, str] = {}
        for row in rows:
            values.update(stored_fields(row["analyzer"], json.loads(row["result"])))
            versions[row["analyzer"]] = row["version"]
        return fields_view(values), versions

    def get_analysis(self, document_id: str) -> Analysis | None:
        """The stored :class:`Analysis` of a document, or None if it was never annotated."""
        document = self.get_document(document_id)
        if document is None:
            return None
        values, versions = self.analysis_fields(document_id)
        if not versions:
            return None
        analysis = Analysis.from_fields(document, values)
        analysis.analyzers = versions
        return analysis

    def iter_analysis_fields(
        self, flt: Filter | None = None, *, analyzers: Iterable[str] | None = None
    ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """Yield ``(document metadata, analysis fields)`` for annotated documents matching
        the filter, without loading texts. This is what compare reads. The metadata has
        ``id``, ``title``, ``source``, ``date``, ``url``, ``words`` and ``analyzers`` (the
        analyzer versions behind the fields)."""
        where, params = self._where(flt)
        names = list(analyzers) if analyzers is not None else None
        name_clause = ""
        if names is not None:
            name_clause = f"AND a.analyzer IN ({', '.join('?' * len(names))})"
            params = [*params, *names]
        rows = self._execute(
            "SELECT d.id, d.title, d.source, d.date, d.url, d.words, a.analyzer, a.version, "
            "a.result "
            f"FROM documents d JOIN analyses a ON a.document_id = d.id WHERE {where} "
            f"{name_clause} ORDER BY d.rowid",
            params,
        )
        current: dict[str, Any] | None = None
        values: dict[str, Any] = {}
        for row in rows:
            if current is None or row["id"] != current["id"]:
                if current is not None:
                    yield current, fields_view(values)
                current = {k: row[k] for k in ("id", "title", "source", "date", "url", "words")}
                current["analyzers"] = {}
                values = {}
            values.update(stored_fields(row["analyzer"], json.loads(row["result"])))
            current["analyzers"][row["analyzer"]] = row["version"]
        if current is not None:
            yield current, fields_view(values)

    def iter_results(
        self, flt: Filter | None = None
    ) -> Iterator[tuple[dict[str, Any], dict[str, tuple[str, dict[str, Any]]]]]:
        """Yield ``(document row, {analyzer: (version, result)})`` for every document matching
        the filter, annotated or not, in the order they were added; results unmerged, each as
        its analyzer stored it (older shapes upgraded). The document row has the columns of
        ``documents`` and ``story``: its story (``id``, ``title``, ``size``, ``first_date``,
        ``last_date``, ``similarity``, ``method``) or None. The tidy tables read this."""
        where, params = self._where(flt)
        rows = self._execute(
            "SELECT d.id, d.title, d.source, d.date, d.url, d.external_id, d.words, d.text, "
            "a.analyzer, a.version, a.result, s.story_id, s.similarity, s.method, "
            "t.title AS story_title, t.size, t.first_date, t.last_date FROM documents d "
            "LEFT JOIN analyses a ON a.document_id = d.id "
            "LEFT JOIN story_documents s ON s.document_id = d.id "
            f"LEFT JOIN stories t ON t.id = s.story_id WHERE {where} "
            "ORDER BY d.rowid, a.analyzer",
            params,
        )
        current: dict[str, Any] | None = None
        results: dict[str, tuple[str, dict[str, Any]]] = {}
        for row in rows:
            if current is None or row["id"] != current["id"]:
                if current is not None:
                    yield current, results
                current = {key: row[key] for key in _DOCUMENT_KEYS}
                current["story"] = _story_of(row)
                results = {}
            if row["analyzer"] is not None:
                result = stored_fields(row["analyzer"], json.loads(row["result"]))
                results[row["analyzer"]] = (row["version"], result)
        if current is not None:
            yield current, results

    def to_pandas(self, table: str, flt: Filter | None = None) -> pandas.DataFrame:
        """One tidy table (``techniques``, ``quotes``, … see ``docs/export.md``) of the
        documents matching ``flt``, as a pandas data frame (needs the ``[export]`` extra).

        >>> Corpus("slant.db").to_pandas("techniques").technique.value_counts()  # doctest: +SKIP
        """
        from .export.read import corpus_frame

        return corpus_frame(self, table, flt)

    def fingerprint(self) -> str:
        """A digest of what readers of the corpus see: the documents (ids and metadata),
        per analyzer and version, the stored analysis rows (how many, the last written, when),
        and the stored stories (how many documents are grouped, the last change).

        Adding documents, changing their metadata, annotating, or re-annotating with a new
        analyzer version changes it (every save writes a new row, and a new version is a new
        group); reading does not. Caches of results computed from the corpus key on it.
        """
        digest = hashlib.blake2b(digest_size=16)
        queries = (
            "SELECT id, title, source, date, url FROM documents ORDER BY rowid",
            "SELECT analyzer, version, count(*), max(rowid), max(created_at) FROM analyses "
            "GROUP BY analyzer, version ORDER BY analyzer, version",
            "SELECT count(*), max(added_at) FROM story_documents",
            "SELECT count(*), max(updated_at) FROM stories",
        )
        for sql in queries:
            for row in self._execute(sql):
                digest.update(json.dumps(tuple(row)).encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def stats(self) -> dict[str, int]:
        """Counts of documents, annotated documents and analysis rows."""
        one = self._execute
        return {
            "documents": one("SELECT count(*) FROM documents").fetchone()[0],
            "annotated": one("SELECT count(DISTINCT document_id) FROM analyses").fetchone()[0],
            "analyses": one("SELECT count(*) FROM analyses").fetchone()[0],
        }

    # stories ---------------------------------------------------------------------------

    def story_methods(self) -> set[str]:
        """The grouping methods (with versions) of the stored stories."""
        return {row[0] for row in self._execute("SELECT DISTINCT method FROM stories")}

    def ungrouped_documents(self, flt: Filter | None = None) -> Iterator[Document]:
        """Yield the documents matching the filter that are in no story yet."""
        where, params = self._where(flt)
        rows = self._execute(
            f"SELECT * FROM documents d WHERE {where} AND NOT EXISTS (SELECT 1 FROM "
            "story_documents s WHERE s.document_id = d.id) ORDER BY d.date, d.rowid",
            params,
        )
        for row in rows:
            yield _row_document(row)

    def stories_between(self, date_from: str, date_to: str) -> dict[str, list[Document]]:
        """The stored stories whose dates overlap ``[date_from, date_to]``, with their
        documents (story id -> documents)."""
        rows = self._execute(
            "SELECT s.story_id, d.* FROM stories t JOIN story_documents s ON s.story_id = t.id "
            "JOIN documents d ON d.id = s.document_id WHERE t.last_date >= ? "
            "AND t.first_date <= ? ORDER BY t.first_date, d.date, d.rowid",
            (date_from, date_to),
        )
        found: dict[str, list[Document]] = {}
        for row in rows:
            found.setdefault(row["story_id"], []).append(_row_document(row))
        return found

    def save_stories(
        self, stories: Iterable[Story], assignments: Iterable[tuple[str, str, float]], method: str
    ) -> None:
        """Store (or update) ``stories`` and add ``(document_id, story_id, similarity)``
        assignments, in one transaction."""
        now = _now()
        try:
            with self.db:
                for story in stories:
                    description = json.dumps(
                        {
                            "terms": list(story.terms),
                            "places": list(story.places),
                            "actors": list(story.actors),
                        }
                    )
                    self.db.execute(
                        # an upsert, not REPLACE: a replaced row would cascade to its members
                        "INSERT INTO stories (id, method, title, first_date, last_date, size, "
                        "description, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (id) DO UPDATE SET method = excluded.method, "
                        "title = excluded.title, first_date = excluded.first_date, "
                        "last_date = excluded.last_date, size = excluded.size, "
                        "description = excluded.description, updated_at = excluded.updated_at",
                        (
                            story.id,
                            method,
                            story.title,
                            story.first_date,
                            story.last_date,
                            len(story.documents),
                            description,
                            now,
                        ),
                    )
                self.db.executemany(
                    "INSERT INTO story_documents (document_id, story_id, method, similarity, "
                    "added_at) VALUES (?, ?, ?, ?, ?)",
                    [(doc, story, method, score, now) for doc, story, score in assignments],
                )
        except sqlite3.Error as exc:
            raise StoreError(f"corpus {str(self.path)!r}: could not save stories: {exc}") from exc

    def clear_stories(self) -> int:
        """Forget every stored story (to regroup from scratch); returns how many there were."""
        try:
            with self.db:
                count = int(self.db.execute("SELECT count(*) FROM stories").fetchone()[0])
                self.db.execute("DELETE FROM story_documents")
                self.db.execute("DELETE FROM stories")
        except sqlite3.Error as exc:
            raise StoreError(f"corpus {str(self.path)!r}: could not clear stories: {exc}") from exc
        return count

    def _stories(self, sql: str, params: list[Any]) -> list[Story]:
        rows = self._execute(sql, params).fetchall()
        members: dict[str, list[tuple[str, str | None]]] = {row["id"]: [] for row in rows}
        if members:
            ids = list(members)
            for first in range(0, len(ids), 500):
                chunk = ids[first : first + 500]
                for member in self._execute(
                    "SELECT s.story_id, d.id, d.source FROM story_documents s JOIN documents d "
                    f"ON d.id = s.document_id WHERE s.story_id IN ({', '.join('?' * len(chunk))}) "
                    "ORDER BY d.date, d.rowid",
                    chunk,
                ):
                    members[member[0]].append((member[1], member[2]))
        stories = []
        for row in rows:
            description = json.loads(row["description"])
            docs = members[row["id"]]
            stories.append(
                Story(
                    id=row["id"],
                    title=row["title"],
                    documents=tuple(d for d, _ in docs),
                    sources=tuple(sorted({s for _, s in docs if s})),
                    first_date=row["first_date"],
                    last_date=row["last_date"],
                    terms=tuple(description.get("terms", ())),
                    places=tuple(description.get("places", ())),
                    actors=tuple(description.get("actors", ())),
                )
            )
        return stories

    def list_stories(
        self,
        flt: Filter | None = None,
        *,
        min_documents: int = 2,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Story]:
        """Stories of at least ``min_documents`` documents that hold a document matching the
        filter, largest first, then by first date."""
        where, params = self._where(flt)
        return self._stories(
            "SELECT t.* FROM stories t WHERE t.size >= ? AND EXISTS (SELECT 1 FROM "
            "story_documents s JOIN documents d ON d.id = s.document_id "
            f"WHERE s.story_id = t.id AND {where}) ORDER BY t.size DESC, t.first_date, t.id "
            "LIMIT ? OFFSET ?",
            [min_documents, *params, -1 if limit is None else limit, offset],
        )

    def count_singletons(self, flt: Filter | None = None) -> int:
        """Number of grouped documents matching the filter that are alone in their story."""
        where, params = self._where(flt)
        row = self._execute(
            "SELECT count(*) FROM documents d JOIN story_documents s ON s.document_id = d.id "
            f"JOIN stories t ON t.id = s.story_id WHERE t.size = 1 AND {where}",
            params,
        ).fetchone()
        return int(row[0])

    def get_story(self, story_id: str) -> Story | None:
        """The stored story with this id, or None."""
        found = self._stories("SELECT t.* FROM stories t WHERE t.id = ?", [story_id])
        return found[0] if found else None

    def story_of(self, document_id: str) -> str | None:
        """The id of the story a document is in, or None."""
        row = self._execute(
            "SELECT story_id FROM story_documents WHERE document_id = ?", (document_id,)
        ).fetchone()
        return row[0] if row else None

    def count_grouped(self) -> int:
        """Number of documents in a story."""
        return int(self._execute("SELECT count(*) FROM story_documents").fetchone()[0])

    def story_assignments(self, flt: Filter | None = None) -> dict[str, str]:
        """Document id -> story id, for the grouped documents matching the filter."""
        where, params = self._where(flt)
        rows = self._execute(
            "SELECT s.document_id, s.story_id FROM story_documents s JOIN documents d "
            f"ON d.id = s.document_id WHERE {where}",
            params,
        )
        return {row[0]: row[1] for row in rows}
