"""The numbered, recorded migrations of the corpus store schema (see :mod:`slant.store`).

A migration is never edited once released: a schema change is a new entry at the end.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

# Migration 2: one view per tidy table of slant.export (same names and columns, minus any
# column added to a finding after it), so sqlite3 and datasette users get tables without
# exporting. Each reads the stored JSON of the one analyzer that owns the table.
_TIDY_VIEWS = [
    """CREATE VIEW documents_v AS
SELECT d.id AS document_id, d.external_id AS external_id, d.title AS title,
       d.source AS source, d.date AS date, d.url AS url, d.words AS words,
       length(d.text) AS characters,
       (SELECT group_concat(version, ',') FROM
           (SELECT a.version FROM analyses a WHERE a.document_id = d.id ORDER BY a.analyzer)
       ) AS analyzers,
       d.text AS text
FROM documents d""",
    """CREATE VIEW techniques_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.technique') AS technique,
       json_extract(j.value, '$.start') AS start,
       json_extract(j.value, '$.end') AS "end",
       json_extract(j.value, '$.text') AS text,
       json_extract(j.value, '$.score') AS score,
       json_extract(j.value, '$.explanation') AS explanation
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.techniques') j
WHERE a.analyzer = 'techniques'""",
    """CREATE VIEW quotes_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.kind') AS kind,
       json_extract(j.value, '$.speaker') AS speaker,
       json_extract(j.value, '$.speaker_start') AS speaker_start,
       json_extract(j.value, '$.speaker_end') AS speaker_end,
       json_extract(j.value, '$.cue') AS cue,
       json_extract(j.value, '$.content') AS content,
       json_extract(j.value, '$.content_start') AS content_start,
       json_extract(j.value, '$.content_end') AS content_end
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.quotes') j
WHERE a.analyzer = 'quotes'""",
    """CREATE VIEW citations_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.title') AS title,
       json_extract(j.value, '$.author') AS author,
       json_extract(j.value, '$.outlet') AS outlet,
       json_extract(j.value, '$.date') AS citation_date,
       json_extract(j.value, '$.start') AS start,
       json_extract(j.value, '$.end') AS "end",
       substr(d.text, json_extract(j.value, '$.start') + 1,
              json_extract(j.value, '$.end') - json_extract(j.value, '$.start')) AS text
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.citations') j
WHERE a.analyzer = 'citations'""",
    """CREATE VIEW scare_quotes_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.text') AS text,
       json_extract(j.value, '$.start') AS start,
       json_extract(j.value, '$.end') AS "end"
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.scare_quotes') j
WHERE a.analyzer = 'scare_quotes'""",
    """CREATE VIEW actors_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.name') AS actor,
       json_extract(j.value, '$.type') AS type,
       json_extract(j.value, '$.mentions[0][0]') AS start,
       json_extract(j.value, '$.mentions[0][1]') AS "end",
       json_array_length(j.value, '$.mentions') AS mentions,
       json_array_length(j.value, '$.descriptors') AS descriptors,
       json_extract(j.value, '$.tone') AS tone,
       coalesce(json_extract(j.value, '$.times_quoted'), 0) AS times_quoted
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.actors') j
WHERE a.analyzer = 'actors'""",
    """CREATE VIEW mentions_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.name') AS actor,
       json_extract(j.value, '$.type') AS type,
       json_extract(m.value, '$[0]') AS start,
       json_extract(m.value, '$[1]') AS "end",
       substr(d.text, json_extract(m.value, '$[0]') + 1,
              json_extract(m.value, '$[1]') - json_extract(m.value, '$[0]')) AS text
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.actors') j, json_each(j.value, '$.mentions') m
WHERE a.analyzer = 'actors'""",
    """CREATE VIEW descriptors_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.name') AS actor,
       json_extract(j.value, '$.type') AS actor_type,
       json_extract(k.value, '$.text') AS text,
       json_extract(k.value, '$.start') AS start,
       json_extract(k.value, '$.end') AS "end",
       json_extract(k.value, '$.relation') AS relation
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.actors') j, json_each(j.value, '$.descriptors') k
WHERE a.analyzer = 'actors'""",
    """CREATE VIEW claims_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.value') AS value,
       json_extract(j.value, '$.text') AS text,
       json_extract(j.value, '$.start') AS start,
       json_extract(j.value, '$.end') AS "end",
       json_extract(j.value, '$.category') AS category,
       json_extract(j.value, '$.event') AS event,
       json_extract(j.value, '$.place') AS place,
       json_extract(j.value, '$.date') AS claim_date,
       json_extract(j.value, '$.approximate') AS approximate,
       json_extract(j.value, '$.bound') AS bound
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.claims') j
WHERE a.analyzer = 'claims'""",
    """CREATE VIEW casualties_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       e.key AS event,
       c.key AS category,
       c.value AS number
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.casualties') e, json_each(e.value) c
WHERE a.analyzer = 'claims'""",
    """CREATE VIEW frames_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       f.key AS frame,
       f.value AS score
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.frames') f
WHERE a.analyzer = 'frames'""",
    """CREATE VIEW frame_evidence_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       f.key AS frame,
       s.key + 1 AS rank,
       json_extract(s.value, '$.start') AS start,
       json_extract(s.value, '$.end') AS "end",
       json_extract(s.value, '$.score') AS score,
       substr(d.text, json_extract(s.value, '$.start') + 1,
              json_extract(s.value, '$.end') - json_extract(s.value, '$.start')) AS text
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.frame_evidence') f, json_each(f.value) s
WHERE a.analyzer = 'frames'""",
    """CREATE VIEW roles_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.actor') AS actor,
       json_extract(j.value, '$.role') AS role,
       json_extract(j.value, '$.score') AS score,
       coalesce(json_extract(j.value, '$.evidence'), '[]') AS evidence
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.roles') j
WHERE a.analyzer = 'roles'
UNION ALL
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.name') AS actor,
       json_extract(j.value, '$.role') AS role,
       json_extract(j.value, '$.role_score') AS score,
       '[]' AS evidence
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.actors') j
WHERE a.analyzer = 'roles' AND json_type(a.result, '$.roles') IS NULL
  AND json_extract(j.value, '$.role_score') IS NOT NULL""",
    """CREATE VIEW tone_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.start') AS start,
       json_extract(j.value, '$.end') AS "end",
       json_extract(j.value, '$.compound') AS compound,
       substr(d.text, json_extract(j.value, '$.start') + 1,
              json_extract(j.value, '$.end') - json_extract(j.value, '$.start')) AS text
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.tone.sentences') j
WHERE a.analyzer = 'tone'""",
]

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
    (2, "tidy views of the findings (documents_v, techniques_v, quotes_v, ...)", _TIDY_VIEWS),
    (
        3,
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
    (
        4,
        "stories_v: the tidy view of story membership",
        [
            """CREATE VIEW stories_v AS
SELECT s.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       s.method AS analyzer_version,
       s.story_id AS story_id,
       t.title AS story_title,
       t.size AS story_documents,
       t.first_date AS first_date,
       t.last_date AS last_date,
       s.similarity AS similarity
FROM story_documents s JOIN documents d ON d.id = s.document_id
     JOIN stories t ON t.id = s.story_id""",
        ],
    ),
    (
        5,
        "techniques_v: whose voice a finding is in (voice, quote, speaker)",
        [
            "DROP VIEW IF EXISTS techniques_v",
            # Rows stored before techniques.v3 have no voice: json_extract gives NULL.
            """CREATE VIEW techniques_v AS
SELECT a.document_id AS document_id,
       d.source AS source,
       d.date AS date,
       a.version AS analyzer_version,
       json_extract(j.value, '$.technique') AS technique,
       json_extract(j.value, '$.start') AS start,
       json_extract(j.value, '$.end') AS "end",
       json_extract(j.value, '$.text') AS text,
       json_extract(j.value, '$.score') AS score,
       json_extract(j.value, '$.explanation') AS explanation,
       json_extract(j.value, '$.voice') AS voice,
       json_extract(j.value, '$.quote') AS quote,
       json_extract(j.value, '$.speaker') AS speaker
FROM analyses a JOIN documents d ON d.id = a.document_id,
     json_each(a.result, '$.techniques') j
WHERE a.analyzer = 'techniques'""",
        ],
    ),
]
