"""Ingest: every reader, and every kind of bad input of the foundation issue."""

import json
from pathlib import Path

import pytest

from slant.cli import app
from slant.ingest import ColumnMap, IngestFailure, load_document, read_path
from slant.store import Corpus

ARTICLE = "Troops entered the city on Monday.\n\nResidents said the shelling had stopped."

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Herald feed</title>
<item><title>Siege ends</title><link>https://example.org/1</link>
<pubDate>Wed, 09 Nov 2016 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The siege ended, officials said.&lt;/p&gt;</description></item>
<item><title>Empty</title><description></description></item>
</channel></rss>"""

HTML = """<html><head><title>Shelling stops</title><script>alert('head')</script></head>
<body><nav>Home | World</nav><article><h1>Shelling stops</h1>
<p>Residents of the old city said on Monday that the shelling had stopped after three weeks
of fighting, and that food was reaching the market again for the first time.</p>
<script>document.write('<b>injected</b>')</script>
<p>"We can finally sleep," said one shopkeeper, who asked not to be named, adding that
many families had left during the siege and few had returned so far.</p></article></body></html>"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def ingest(runner, corpus_path, *args):
    return runner.invoke(app, ["ingest", *map(str, args), "--corpus", str(corpus_path)])


def count(corpus_path) -> int:
    with Corpus(corpus_path) as corpus:
        return corpus.stats()["documents"]


def test_text_files_and_folders_recursively(tmp_path, runner, corpus_path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.txt", "Another article about the talks.")
    write(tmp_path / "sub", "notes.bin", b"\x00\x01")
    result = ingest(runner, corpus_path, tmp_path)
    assert result.exit_code == 0, result.output
    assert "2 added, 0 already present, 0 failed" in result.output
    again = ingest(runner, corpus_path, tmp_path)
    assert "0 added, 2 already present" in again.output


def test_html_keeps_article_and_drops_scripts(tmp_path) -> None:
    (doc,) = read_path(write(tmp_path, "page.html", HTML))
    assert "shelling had stopped" in doc.text
    assert "alert" not in doc.text and "injected" not in doc.text and "<" not in doc.text
    assert doc.title == "Shelling stops"


def test_feed_entries_and_failures(tmp_path) -> None:
    items = list(read_path(write(tmp_path, "feed.xml", FEED)))
    documents = [i for i in items if not isinstance(i, IngestFailure)]
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert len(documents) == 1 and documents[0].date == "2016-11-09"
    assert documents[0].source == "Herald feed" and "officials said" in documents[0].text
    assert len(failures) == 1 and "entry 2" in failures[0].input


def test_csv_with_column_mapping(tmp_path) -> None:
    csv_text = 'id,body,outlet,day\n1,"First, with a comma.",sana,4/9/14\n2,Second text.,rt,\n'
    items = list(
        read_path(
            write(tmp_path, "t.csv", csv_text),
            columns=ColumnMap(text="body", source="outlet", date="day", id="id"),
        )
    )
    assert [(d.text, d.source, d.date, d.external_id) for d in items] == [
        ("First, with a comma.", "sana", "2014-04-09", "1"),
        ("Second text.", "rt", None, "2"),
    ]


def test_jsonl_with_a_bad_line(tmp_path) -> None:
    lines = [json.dumps({"text": "One."}), "{not json", json.dumps({"text": ""}), "[1]"]
    items = list(read_path(write(tmp_path, "t.jsonl", "\n".join(lines))))
    assert [type(i).__name__ for i in items] == [
        "Document",
        "IngestFailure",
        "IngestFailure",
        "IngestFailure",
    ]


def test_ptc_folder(tmp_path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "article111.txt", "Title line\n\nBody of the article.")
    write(folder, "article2.txt", "Second\n\nBody two.")
    items = list(read_path(folder))
    assert [(d.external_id, d.title) for d in items] == [("2", "Second"), ("111", "Title line")]


# ---- bad input: one-line error naming the input, non-zero exit, store unchanged for it ----


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", "", "file is empty"),
        ("blank.txt", "  \n\n ", "file is empty"),
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 50, "binary"),
        ("feed.xml", "this is not xml at all <", "not a valid RSS/Atom feed"),
        ("noarticle.html", "<html><body><script>x()</script></body></html>", "no article text"),
        ("data.weird", "text", "cannot tell the format"),
    ],
)
def test_bad_file_is_reported_and_others_go_through(
    tmp_path, runner, corpus_path, name, content, message
) -> None:
    bad = write(tmp_path, name, content)
    good = write(tmp_path, "good.txt", ARTICLE)
    result = ingest(runner, corpus_path, bad, good)
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1 and name in error_lines[0] and message in error_lines[0]
    assert "1 added" in result.output
    assert count(corpus_path) == 1


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path, runner, corpus_path) -> None:
    path = write(tmp_path, "latin1.txt", "Caf\xe9 owners said prices rose.".encode("latin-1"))
    result = ingest(runner, corpus_path, path)
    assert result.exit_code == 0
    assert "not valid UTF-8" in result.output and "latin1.txt" in result.output
    with Corpus(corpus_path) as corpus:
        (doc,) = corpus.iter_documents()
    assert doc.text == "Café owners said prices rose."  # issue 13: the é is kept (was U+FFFD)


def test_huge_html_page_is_refused(tmp_path, runner, corpus_path) -> None:
    page = tmp_path / "huge.html"
    with page.open("w") as handle:
        handle.write("<html><body><p>")
        for _ in range(50):
            handle.write("word " * 200_000)
        handle.write("</p></body></html>")
    result = ingest(runner, corpus_path, page)
    assert result.exit_code == 1
    assert "huge.html" in result.output and "more than the limit" in result.output
    assert count(corpus_path) == 0


def test_malformed_csv_rows_are_skipped(tmp_path, runner, corpus_path) -> None:
    csv_text = 'text,source\n"Good row.",a\n"Too many",b,extra\n"Also good.",c\n"unterminated,d\n'
    result = ingest(runner, corpus_path, write(tmp_path, "rows.csv", csv_text))
    assert result.exit_code == 1
    assert "malformed CSV row" in result.output and "rows.csv line 3" in result.output
    assert count(corpus_path) == 2


def test_missing_column_stores_nothing_of_that_file(tmp_path, runner, corpus_path) -> None:
    table = write(tmp_path, "t.csv", "body,source\nSome text.,a\n")
    good = write(tmp_path, "good.txt", ARTICLE)
    result = ingest(
        runner, corpus_path, table, good, "--text-col", "body", "--title-col", "headline"
    )
    assert result.exit_code == 1
    assert "no column --title-col 'headline'" in result.output and "body, source" in result.output
    assert count(corpus_path) == 1


def test_store_unchanged_by_failed_reingest(tmp_path, runner, corpus_path) -> None:
    good = write(tmp_path, "good.txt", ARTICLE)
    ingest(runner, corpus_path, good)
    before = corpus_path.read_bytes() if corpus_path.exists() else b""
    ingest(runner, corpus_path, write(tmp_path, "empty.txt", ""))
    with Corpus(corpus_path) as corpus:
        (doc,) = corpus.iter_documents()
    assert doc.text == ARTICLE and before


def test_load_document_refuses_tables_with_many_rows(tmp_path) -> None:
    path = write(tmp_path, "t.jsonl", '{"text": "a"}\n{"text": "b"}\n')
    with pytest.raises(Exception, match="holds 2 documents"):
        load_document(str(path))
