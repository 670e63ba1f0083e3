"""Ingest reads what it is given: same-named and alias columns by default, the mapping
printed, empty columns warned about, and re-ingest repairing empty metadata (issue 18)."""

import json
from pathlib import Path

import pytest

from slant.annotate import annotate_corpus
from slant.cli import app
from slant.document import Document
from slant.ingest import ColumnMap, IngestNote, read_path
from slant.store import Corpus

ROWS = [
    {
        "title": "Siege ends",
        "source": "fox",
        "date": "2016-11-09",
        "url": "https://example.org/1",
        "text": "The siege ended on Monday, officials said.",
    },
    {
        "title": "Talks resume",
        "source": "cnn",
        "date": "11/10/16",
        "url": "https://example.org/2",
        "text": "Talks resumed in Geneva after a week of fighting.",
    },
]


def jsonl(tmp_path: Path, rows: list[dict], name: str = "news.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def ingest(runner, corpus_path, *args):
    return runner.invoke(app, ["ingest", *map(str, args), "--corpus", str(corpus_path)])


def stored(corpus_path) -> list[tuple]:
    with Corpus(corpus_path) as corpus:
        return [(d.title, d.source, d.date, d.url, d.external_id) for d in corpus.iter_documents()]


def test_jsonl_same_named_columns_are_used_without_flags(tmp_path, runner, corpus_path) -> None:
    result = ingest(runner, corpus_path, jsonl(tmp_path, ROWS))
    assert result.exit_code == 0, result.output
    assert "Columns: " in result.output
    assert "text ← text, title ← title, source ← source, date ← date, url ← url" in result.output
    assert stored(corpus_path) == [
        ("Siege ends", "fox", "2016-11-09", "https://example.org/1", None),
        ("Talks resume", "cnn", "2016-11-10", "https://example.org/2", None),
    ]
    with Corpus(corpus_path) as corpus:
        assert dict(corpus.sources()) == {"fox": 1, "cnn": 1}


def test_csv_aliases_are_used_and_printed(tmp_path, runner, corpus_path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        "Headline,Body,outlet,published,link,id\n"
        'Siege ends,"The siege ended, officials said.",rt,9 November 2016,https://e.org/a,7\n',
        encoding="utf-8",
    )
    result = ingest(runner, corpus_path, table)
    assert result.exit_code == 0, result.output
    assert (
        "text ← Body, title ← Headline, source ← outlet, date ← published, url ← link, id ← id"
        in result.output
    )
    assert stored(corpus_path) == [("Siege ends", "rt", "2016-11-09", "https://e.org/a", "7")]


@pytest.mark.parametrize(
    ("header", "columns", "expected"),
    [
        (["text", "title"], ColumnMap(), {"text": "text", "title": "title"}),
        (["content", "headline"], ColumnMap(), {"text": "content", "title": "headline"}),
        (["text", "body"], ColumnMap(), {"text": "text"}),
        (["TEXT", "Source"], ColumnMap(), {"text": "TEXT", "source": "Source"}),
        (["text", "body"], ColumnMap(title="text"), {"text": "body", "title": "text"}),
        (["article", "title"], ColumnMap(text="article"), {"text": "article", "title": "title"}),
        (["body", "published", "date"], ColumnMap(), {"text": "body", "date": "date"}),
    ],
)
def test_column_resolution(header, columns, expected) -> None:
    assert columns.resolve(header, "t.csv") == expected


def test_table_without_a_text_column_is_refused(tmp_path, runner, corpus_path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("article,title\nSome words.,A title\n", encoding="utf-8")
    result = ingest(runner, corpus_path, table)
    assert result.exit_code == 1
    assert "t.csv: no text column (looked for text, body, content)" in result.output
    assert "--text-col" in result.output and "article, title" in result.output
    assert stored(corpus_path) == []


def test_mapped_column_empty_in_every_row_is_warned_about(tmp_path, runner, corpus_path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("text,title,date\nFirst text.,One,\nSecond text.,Two,soon\n", "utf-8")
    result = ingest(runner, corpus_path, table)
    assert result.exit_code == 0, result.output
    assert "Warning: " in result.output
    assert "column 'date' (date) is empty or not a date in every row" in result.output
    assert "'title'" not in result.output.split("Warning:")[1]


def test_notes_go_to_the_callback_not_the_documents(tmp_path) -> None:
    notes: list[IngestNote] = []
    items = list(read_path(jsonl(tmp_path, [{"body": "Only a body."}]), on_note=notes.append))
    assert [type(i).__name__ for i in items] == ["Document"]
    assert [(n.kind, n.message) for n in notes] == [("columns", "text ← body")]


def test_source_option_replaces_the_source_column(tmp_path, runner, corpus_path) -> None:
    result = ingest(runner, corpus_path, jsonl(tmp_path, ROWS), "--source", "wire")
    assert result.exit_code == 0, result.output
    assert "source ← source" not in result.output
    assert [row[1] for row in stored(corpus_path)] == ["wire", "wire"]


def test_reingest_fills_empty_metadata_and_keeps_analyses(tmp_path, runner, corpus_path) -> None:
    bare = [{"text": row["text"]} for row in ROWS]
    ingest(runner, corpus_path, jsonl(tmp_path, bare, "bare.jsonl"))
    with Corpus(corpus_path) as corpus:
        annotate_corpus(corpus, analyzers=["tone"])
        before = corpus.stats()
    result = ingest(runner, corpus_path, jsonl(tmp_path, ROWS))
    assert result.exit_code == 0, result.output
    assert "0 added, 2 already present (2 with metadata filled), 0 failed" in result.output
    assert stored(corpus_path)[0] == (
        "Siege ends",
        "fox",
        "2016-11-09",
        "https://example.org/1",
        None,
    )
    with Corpus(corpus_path) as corpus:
        assert corpus.stats() == before
        assert [hit.title for hit in corpus.search("siege")] == ["Siege ends"]
        assert all(corpus.get_analysis(d.id) for d in corpus.iter_documents())


def test_reingest_never_overwrites_unless_update(tmp_path, runner, corpus_path) -> None:
    ingest(runner, corpus_path, jsonl(tmp_path, ROWS))
    changed = [dict(ROWS[0], source="bbc", title="")]
    again = ingest(runner, corpus_path, jsonl(tmp_path, changed, "changed.jsonl"))
    assert "0 added, 1 already present, 0 failed" in again.output
    assert stored(corpus_path)[0][:2] == ("Siege ends", "fox")
    forced = ingest(runner, corpus_path, jsonl(tmp_path, changed, "changed.jsonl"), "--update")
    assert forced.exit_code == 0, forced.output
    assert "(1 with metadata updated)" in forced.output
    assert stored(corpus_path)[0][:2] == ("Siege ends", "bbc")


@pytest.mark.parametrize(
    ("stored_title", "new_title", "update", "expected", "updated"),
    [
        (None, "New", False, "New", 1),
        ("Old", "New", False, "Old", 0),
        ("Old", "New", True, "New", 1),
        ("Old", None, True, "Old", 0),
        ("Same", "Same", True, "Same", 0),
    ],
)
def test_add_documents_metadata_merge(
    corpus_path, stored_title, new_title, update, expected, updated
) -> None:
    text = "Residents said the shelling had stopped."
    with Corpus(corpus_path) as corpus:
        corpus.add_documents([Document(text=text, title=stored_title)])
        result = corpus.add_documents([Document(text=text, title=new_title)], update=update)
        (document,) = corpus.iter_documents()
    assert (result.added, result.present, result.updated) == (0, 1, updated)
    assert document.title == expected
