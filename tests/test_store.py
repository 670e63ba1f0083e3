import sqlite3

import pytest

from slant import Document, StoreError
from slant.filters import parse_filter
from slant.migrations import MIGRATIONS
from slant.store import Corpus


def docs() -> list[Document]:
    return [
        Document(text="The siege of eastern Aleppo continued.", source="SANA", date="2016-11-01"),
        Document(text="The battle for Mosul began.", source="rt", date="2016-10-17"),
        Document(text="Talks in Geneva stalled.", source="sana", date="2017-02-01"),
    ]


def test_add_is_idempotent(corpus_path) -> None:
    with Corpus(corpus_path) as corpus:
        assert corpus.add_documents(docs()).added == 3
        again = corpus.add_documents(docs())
        assert (again.added, again.present) == (0, 3)
        assert corpus.stats()["documents"] == 3


@pytest.mark.parametrize(
    ("expression", "count"),
    [
        ("", 3),
        ("source:sana", 2),
        ("source:SANA,rt", 3),
        ("date:2016-01-01..2016-12-31", 2),
        ("date:2017", 1),
        ('text:"eastern Aleppo"', 1),
        ("source:sana text:geneva", 1),
        ("source:nobody", 0),
    ],
)
def test_filters_select(corpus_path, expression: str, count: int) -> None:
    with Corpus(corpus_path) as corpus:
        corpus.add_documents(docs())
        assert corpus.count_documents(parse_filter(expression)) == count
        assert len(list(corpus.iter_documents(parse_filter(expression)))) == count


def test_search_finds_and_marks(corpus_path) -> None:
    with Corpus(corpus_path) as corpus:
        corpus.add_documents(docs())
        hits = corpus.search("mosul")
        assert [h.source for h in hits] == ["rt"]
        assert "[Mosul]" in hits[0].snippet
        assert corpus.search('unbalanced "quote') == []
        with pytest.raises(StoreError, match="empty"):
            corpus.search("  ")


def test_analyses_round_trip_and_pending(corpus_path) -> None:
    with Corpus(corpus_path) as corpus:
        corpus.add_documents(docs())
        ids = corpus.pending({"tone": "tone.v1"})
        assert len(ids) == 3
        corpus.save_analyses([(ids[0], {"tone": ("tone.v1", {"tone": {"compound": 0.5}})})])
        assert corpus.pending({"tone": "tone.v1"}) == ids[1:]
        assert len(corpus.pending({"tone": "tone.v2"})) == 3
        analysis = corpus.get_analysis(ids[0])
        assert analysis is not None and analysis.tone.compound == 0.5
        assert analysis.analyzers == {"tone": "tone.v1"}
        assert corpus.get_analysis(ids[1]) is None
        rows = list(corpus.iter_analysis_fields())
        assert [meta["id"] for meta, _ in rows] == [ids[0]]


def test_schema_is_documented_and_migrated_once(corpus_path) -> None:
    Corpus(corpus_path).close()
    Corpus(corpus_path).close()
    db = sqlite3.connect(corpus_path)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "analyses", "documents_fts", "migrations"} <= tables
    # Opened twice, each numbered migration is recorded once.
    applied = [r[0] for r in db.execute("SELECT id FROM migrations ORDER BY id")]
    assert applied == [number for number, _, _ in MIGRATIONS]
    columns = {r[1] for r in db.execute("PRAGMA table_info(documents)")}
    assert {"id", "title", "source", "date", "url", "text", "external_id"} <= columns


def test_not_a_database_is_a_clear_error(tmp_path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable slant corpus"):
        Corpus(bogus)


def test_missing_corpus_without_create(tmp_path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Corpus(tmp_path / "none.db", create=False)


def test_search_within_a_filter_with_paging(corpus_path) -> None:
    with Corpus(corpus_path) as corpus:
        corpus.add_documents(docs())
        flt = parse_filter("source:sana")
        assert corpus.count_matches("siege OR geneva OR mosul", flt=flt) == 2
        assert corpus.count_matches("mosul", flt=flt) == 0
        first = corpus.search("siege OR geneva", flt=flt, limit=1)
        second = corpus.search("siege OR geneva", flt=flt, limit=1, offset=1)
        assert len(first) == len(second) == 1 and first[0].id != second[0].id


def test_results_merge_in_pipeline_order(corpus_path) -> None:
    """``roles`` rewrites ``actors``: it wins even when ``actors`` was stored after it."""
    with Corpus(corpus_path) as corpus:
        corpus.add_documents(docs()[:1])
        (doc_id,) = corpus.pending({"actors": "actors.v1"})
        actor = {"name": "Aleppo", "type": "GPE", "mentions": [[25, 31]], "descriptors": []}
        cast = {**actor, "role": "victim", "role_score": 0.9}
        corpus.save_analyses([(doc_id, {"roles": ("roles.v1", {"actors": [cast]})})])
        corpus.save_analyses([(doc_id, {"actors": ("actors.v1", {"actors": [actor]})})])
        values, _ = corpus.analysis_fields(doc_id)
        assert values["actors"][0]["role"] == "victim"
        ((_, streamed),) = list(corpus.iter_analysis_fields())
        assert streamed["actors"][0]["role"] == "victim"


def _old_corpus(path, *, up_to: int) -> sqlite3.Connection:
    """A corpus as an older slant left it: migrations 1..``up_to`` applied, nothing after."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    for number, name, statements in MIGRATIONS[:up_to]:
        for statement in statements:
            db.execute(statement)
        db.execute("INSERT INTO migrations VALUES (?, ?, '2026-01-01')", (number, name))
    return db


def test_an_old_corpus_gains_the_voice_columns_of_techniques_v(corpus_path) -> None:
    import json

    db = _old_corpus(corpus_path, up_to=4)
    text = "The minister said the plan was a disgrace. Critics call it a gift."
    db.execute(
        "INSERT INTO documents (id, source, date, text, words, added_at) "
        "VALUES ('d1', 'rt', '2016-10-17', ?, 13, '2026-01-01')",
        (text,),
    )
    quoted = {
        "technique": "Loaded_Language",
        "start": 32,
        "end": 41,
        "text": "disgrace",
        "score": 0.7,
        "explanation": "x",
        "voice": "quoted",
        "quote": 0,
        "speaker": "The minister",
    }
    own = {
        **quoted,
        "start": 61,
        "end": 65,
        "text": "gift",
        "voice": "author",
        "quote": None,
        "speaker": None,
    }
    old = {k: v for k, v in quoted.items() if k not in ("voice", "quote", "speaker")}
    db.execute(
        "INSERT INTO analyses VALUES ('d1', 'techniques', 'techniques.v3', ?, '2026-01-01')",
        (json.dumps({"techniques": [quoted, own]}),),
    )
    db.execute("INSERT INTO documents (id, text, words, added_at) VALUES ('d2', 'x', 1, 'now')")
    db.execute(
        "INSERT INTO analyses VALUES ('d2', 'techniques', 'techniques.v2', ?, '2026-01-01')",
        (json.dumps({"techniques": [old]}),),
    )
    db.commit()
    assert "voice" not in {r[1] for r in db.execute("PRAGMA table_info(techniques_v)")}
    db.close()
    Corpus(corpus_path).close()  # upgrades the schema
    db = sqlite3.connect(corpus_path)
    rows = db.execute(
        "SELECT document_id, text, score, voice, quote, speaker FROM techniques_v "
        "ORDER BY document_id, start"
    ).fetchall()
    applied = [r[0] for r in db.execute("SELECT id FROM migrations ORDER BY id")]
    db.close()
    assert rows == [
        ("d1", "disgrace", 0.7, "quoted", 0, "The minister"),
        ("d1", "gift", 0.7, "author", None, None),
        ("d2", "disgrace", 0.7, None, None, None),
    ]
    assert applied == [number for number, _, _ in MIGRATIONS]
