"""The numbered, recorded migrations of the corpus store schema (see :mod:`slant.store`).

A migration is never edited once released: a schema change is a new entry at the end.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "documents, analyses and full-text index",
        [
            "CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT, source TEXT, date TEXT, "
            "url TEXT, external_id TEXT, text TEXT NOT NULL, words INTEGER NOT NULL, "
            "added_at TEXT NOT NULL)",
            "CREATE INDEX documents_source ON documents (lower(source))",
            "CREATE INDEX documents_date ON documents (date)",
            "CREATE TABLE analyses (document_id TEXT NOT NULL REFERENCES documents (id) "
            "ON DELETE CASCADE, analyzer TEXT NOT NULL, version TEXT NOT NULL, "
            "result TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (document_id, analyzer))",
            "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
            "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
            "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts (rowid, title, text) "
            "VALUES (new.rowid, new.title, new.text); END",
            "CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts (documents_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); END",
            "CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN "
            "INSERT INTO documents_fts (documents_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); "
            "INSERT INTO documents_fts (rowid, title, text) "
            "VALUES (new.rowid, new.title, new.text); END",
        ],
    ),
    (
        2,
        "stories: documents grouped by the event they report",
        [
            "CREATE TABLE stories (id TEXT PRIMARY KEY, method TEXT NOT NULL, "
            "title TEXT NOT NULL, first_date TEXT NOT NULL, last_date TEXT NOT NULL, "
            "size INTEGER NOT NULL, description TEXT NOT NULL, updated_at TEXT NOT NULL)",
            "CREATE INDEX stories_dates ON stories (first_date, last_date)",
            "CREATE TABLE story_documents (document_id TEXT PRIMARY KEY REFERENCES "
            "documents (id) ON DELETE CASCADE, story_id TEXT NOT NULL REFERENCES stories (id) "
            "ON DELETE CASCADE, method TEXT NOT NULL, similarity REAL NOT NULL, "
            "added_at TEXT NOT NULL)",
            "CREATE INDEX story_documents_story ON story_documents (story_id)",
        ],
    ),
]
