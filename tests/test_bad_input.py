"""The bad-input suite: one case per class of bad input (this round's and the previous one's).

Every case asserts the three rules of bad input: a non-zero exit, one ``Error:`` line naming
the input and the problem, and nothing stored changed (the corpus holds what it held before,
plus the good file given beside the bad one). Add a class as one line of a table below.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from slant.cli import app
from slant.store import Corpus

GOOD = "Aid trucks reached the city on Monday, the Red Crescent said."
FEED_WITHOUT_ENTRIES = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
)

#: (class, file name, content, what the error says)
BAD_FILES = [
    ("empty", "empty.txt", b"", "file is empty"),
    ("blank", "blank.txt", b"  \n\t\n", "file is empty"),
    ("binary", "blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file"),
    ("NUL after 8 KB", "late.txt", b"A" * 9000 + b"\x00", "looks like a binary file"),
    (
        "random high bytes",
        "noise.txt",
        bytes(b | 0x80 for b in os.urandom(20_000)),
        "does not look like text",
    ),
    ("bad UTF-16", "u16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),
    ("unknown extension", "data.weird", b"text", "cannot tell the format"),
    ("not a feed", "feed.xml", b"this is not xml <", "not a valid RSS/Atom feed"),
    ("a path as a feed", "path.xml", b"/etc/passwd", "not a valid RSS/Atom feed"),
    ("feed without entries", "none.rss", FEED_WITHOUT_ENTRIES.encode(), "feed has no entries"),
    (
        "HTML without article",
        "page.html",
        b"<html><body><script>x()</script></body></html>",
        "no article text",
    ),
    ("CSV without text column", "t.csv", b"headline,source\nA,b\n", "no text column"),
    ("CSV repeated header", "dup.csv", b"text,text\nA,B\n", "repeats the column 'text'"),
    ("CSV header only", "head.csv", b"text,source\n", "no rows after the header"),
    ("CSV unclosed quote", "q.csv", b'text\n"never closed\nnext\n', "unclosed quote"),
    ("JSONL not objects", "t.jsonl", b"[1, 2]\n", "not a JSON object"),
    ("JSONL bad line", "bad.jsonl", b"{not json\n", "invalid JSON"),
    ("JSONL text a number", "num.jsonl", b'{"text": 12345}\n', "holds a number"),
]


def _rows(path: Path) -> str:
    """A digest of what the corpus stores (documents and analyses)."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT id, title, source, text FROM documents ORDER BY id").fetchall()
        rows += db.execute(
            "SELECT document_id, analyzer, result FROM analyses ORDER BY 1, 2"
        ).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture
def stocked(tmp_path: Path, runner) -> Path:
    """A corpus holding one document already."""
    corpus = tmp_path / "corpus.db"
    first = tmp_path / "first.txt"
    first.write_text("Talks collapsed in the capital, officials said.", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(first), "--corpus", str(corpus)]).exit_code == 0
    return corpus


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("Error:")]


@pytest.mark.parametrize(
    ("kind", "name", "content", "message"), BAD_FILES, ids=[c[0] for c in BAD_FILES]
)
def test_ingest_of_a_bad_file(tmp_path, runner, stocked, kind, name, content, message) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    with Corpus(stocked) as corpus:
        before = {d.id for d in corpus.iter_documents()}
    result = runner.invoke(app, ["ingest", str(bad), str(good), "--corpus", str(stocked)])
    assert result.exit_code == 1, result.output
    (error,) = _errors(result.output)
    assert name in error and message in error, error
    with Corpus(stocked) as corpus:
        after = {d.id: d.text for d in corpus.iter_documents()}
    assert set(after) - before == {d for d, text in after.items() if text == GOOD}
    assert len(after) == len(before) + 1


@pytest.mark.parametrize(
    ("kind", "args", "message"),
    [
        ("missing file", ["analyze", "nowhere.txt"], "nowhere.txt: no such file"),
        ("folder", ["analyze", "."], "is a folder"),
        ("device", ["analyze", "/dev/zero"], "not a regular file"),
        ("ftp URL", ["analyze", "ftp://example.org/a"], "only http and https"),
        ("port out of range", ["analyze", "http://example.com:99999/"], "not a valid URL"),
        ("broken IPv6 URL", ["analyze", "http://[::1/"], "not a valid URL"),
        ("private address", ["analyze", "http://127.0.0.1:9/"], "non-public address"),
        ("empty stdin", ["analyze", "-"], "no text given"),
        ("bad output format", ["analyze", "-", "--format", "pdf"], "is not one of"),
        (
            "out into a missing folder",
            ["analyze", "-", "-o", "no/such/dir/x.json"],
            "does not exist",
        ),
        ("empty search", ["search", "  "], "search query is empty"),
        ("oversized search", ["search", "a " * 100], "terms; the limit is"),
        ("bad filter", ["compare", "--a", "colour:red", "--b", "source:x"], "unknown key"),
        ("unknown analyzer", ["analyze", "-", "-a", "nope"], "nope"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_commands_with_a_bad_argument(
    tmp_path, runner, stocked, monkeypatch, kind, args, message
) -> None:
    before = _rows(stocked)
    needs_corpus = args[0] in ("search", "compare")
    full = [*args, "--corpus", str(stocked)] if needs_corpus else args
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, full, input="" if kind == "empty stdin" else "Talks failed.")
    assert result.exit_code == 1, result.output
    (error,) = _errors(result.output)
    assert message in error, error
    assert "Traceback" not in result.output
    assert _rows(stocked) == before


def test_serve_with_a_port_out_of_range_is_a_usage_error(runner) -> None:
    """Before: a traceback from the socket layer."""
    result = runner.invoke(app, ["serve", "--port", "99999"])
    assert result.exit_code == 2 and "65535" in result.output and "Traceback" not in result.output


def test_a_full_disk_says_what_was_already_stored(tmp_path, monkeypatch) -> None:
    """Before: the error did not say how many documents were already stored."""
    from slant.errors import StoreError
    from slant.load import ingest_paths

    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(f"Article {n}: talks failed, aides said.", "utf-8")
    real = Corpus.add_documents
    calls = []

    def add_documents(self, documents, **kwargs):
        calls.append(1)
        if len(calls) > 2:
            raise StoreError(f"corpus {str(self.path)!r}: could not add documents: disk is full")
        return real(self, documents, **kwargs)

    monkeypatch.setattr(Corpus, "add_documents", add_documents)
    with Corpus(tmp_path / "c.db") as corpus, pytest.raises(StoreError) as full:
        ingest_paths(corpus, [tmp_path], batch_size=1)
    assert "disk is full" in str(full.value)
    assert "2 new document(s) of this ingest were stored before it" in str(full.value)


def test_analyze_a_file_without_extension_reads_it(tmp_path, runner) -> None:
    """Before: 'give --format' — but analyze's --format is the output format."""
    path = tmp_path / "ARTICLE"
    path.write_text("Talks failed in the capital on Monday, officials said.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "-a", "tone"])
    assert result.exit_code == 0, result.output
    assert "Talks failed" in result.output


def test_web_size_limits_are_one_status(tmp_path) -> None:
    """Before: 400 for a long pasted text or a 10 MB upload, 413 for a 1 MB one."""
    import io

    from fastapi.testclient import TestClient

    from slant.web import create_app
    from tests.test_web_api import BASE_URL, CLIENT_HEADERS

    application = create_app(tmp_path / "w.db", workers=1, analyzers=["tone"])
    with TestClient(application, base_url=BASE_URL, headers=CLIENT_HEADERS) as client:
        pasted = client.post("/analyze", data={"text": "word " * 300_000})
        assert pasted.status_code == 413 and "larger than 1 MiB" in pasted.text
        for size in (200_000, 2_200_000):
            upload = {"file": ("long.txt", io.BytesIO(b"word " * size))}
            response = client.post("/analyze/upload", files=upload)
            assert response.status_code == 413, size
            assert "long.txt has" in response.text and "limit of 500,000" in response.text
        api = client.post("/api/analyze", json={"text": "word " * 300_000})
        assert api.status_code == 413 and "limit of 500,000" in api.json()["error"]
