"""Hostile input (issue 13, security): uploads and files whose *content* spells a path, special
files given as inputs, and what the readers may open. Each case goes through the CLI and the
web upload, and checks that nothing is stored and no file outside the input is read."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from slant.cli import app
from slant.ingest import IngestFailure, read_path
from slant.store import Corpus
from slant.web import create_app
from tests.test_web_api import ANALYZERS, CLIENT_HEADERS

SECRET_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Server-side feed</title>
<item><title>Private entry</title><description>Only on the server's disk.</description></item>
</channel></rss>"""


@pytest.fixture
def secret_feed(tmp_path: Path) -> Path:
    path = tmp_path / "private" / "secret.xml"
    path.parent.mkdir()
    path.write_text(SECRET_FEED, encoding="utf-8")
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    yield path
    # A reader stuck on the FIFO (the defect) would be released by a writer; never block here.
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


def _path_contents(secret_feed: Path, fifo: Path) -> dict[str, bytes]:
    return {
        "an existing feed": str(secret_feed).encode(),
        "a missing file": str(secret_feed.with_name("nothing.xml")).encode(),
        "/dev/zero": b"/dev/zero",
        "a FIFO": str(fifo).encode(),
        "a file URL": f"file://{secret_feed}".encode(),
    }


def _messages(items: list[object]) -> list[str]:
    return [item.message for item in items if isinstance(item, IngestFailure)]


def test_feed_whose_content_is_a_path_is_not_opened(tmp_path, secret_feed, fifo) -> None:
    """Before: the content ``/path/secret.xml`` ingested that file, ``/dev/zero`` filled the
    memory, a FIFO path hung, and a missing path gave another message than an existing one."""
    messages = set()
    for content in _path_contents(secret_feed, fifo).values():
        upload = tmp_path / "upload.xml"
        upload.write_bytes(content)
        items = list(read_path(upload))
        assert not [i for i in items if not isinstance(i, IngestFailure)], content
        (message,) = _messages(items)
        messages.add(message.split(" (")[0])
    assert messages == {"not a valid RSS/Atom feed"}


def test_cli_ingest_of_a_path_feed_stores_nothing(
    tmp_path, runner, corpus_path, secret_feed, fifo
) -> None:
    for content in _path_contents(secret_feed, fifo).values():
        upload = tmp_path / "evil.xml"
        upload.write_bytes(content)
        result = runner.invoke(app, ["ingest", str(upload), "--corpus", str(corpus_path)])
        assert result.exit_code == 1, result.output
        assert "evil.xml" in result.output and "not a valid RSS/Atom feed" in result.output
        assert "0 added" in result.output
    with Corpus(corpus_path) as corpus:
        assert corpus.stats()["documents"] == 0


def _wait(client: TestClient, job: dict[str, object]) -> dict[str, object]:
    for _ in range(300):
        job = client.get(f"/api/ingest/{job['id']}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"the ingest job did not end: {job}")


def test_web_upload_of_a_path_feed_stores_nothing(tmp_path, secret_feed, fifo) -> None:
    corpus = tmp_path / "web.db"
    application = create_app(corpus, workers=1, analyzers=ANALYZERS)
    with TestClient(application, base_url="http://127.0.0.1", headers=CLIENT_HEADERS) as client:
        failures = set()
        for content in _path_contents(secret_feed, fifo).values():
            files = {"file": ("feed.xml", io.BytesIO(content))}
            job = _wait(client, client.post("/api/ingest", files=files).json())
            assert job["state"] == "done" and job["added"] == 0 and job["failed"] == 1, job
            failures.add(job["failures"][0].split(" (")[0])
        assert failures == {"not a valid RSS/Atom feed"}
        assert client.get("/api/health").json()["documents"] == 0


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_special_files_are_refused_not_read(runner, corpus_path, fifo, special) -> None:
    """Before: ``slant ingest /dev/zero --format text`` read forever, a FIFO hung."""
    target = {"/dev/zero": Path("/dev/zero"), "fifo": fifo}[special]
    result = runner.invoke(
        app, ["ingest", str(target), "--format", "text", "--corpus", str(corpus_path)]
    )
    assert result.exit_code == 1, result.output
    assert str(target) in result.output and "not a regular file" in result.output
    analyze = runner.invoke(app, ["analyze", str(target), "--format", "json"])
    assert analyze.exit_code == 1 and "not a regular file" in analyze.output


def test_size_cap_is_enforced_while_reading(tmp_path) -> None:
    from slant.errors import InputError
    from slant.ingest.files import read_bytes

    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(InputError, match="file is 4.9 KiB, more than the limit of 1 KiB"):
        read_bytes(path, max_bytes=1024)
    assert read_bytes(path, max_bytes=5000) == b"word " * 1000


# --- search cost (item 7) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("siege aleppo siege", "siege aleppo"),
        ("a " * 60, "a"),
        ("Siege siege SIEGE", "siege"),
        ('"eastern aleppo" siege "eastern aleppo"', '"eastern aleppo" siege "eastern aleppo"'),
        ("siege OR siege", "siege OR siege"),  # FTS5 syntax is run as written (within the caps)
    ],
)
def test_repeated_words_are_searched_once(query, expected) -> None:
    from slant.store import search_query

    assert search_query(query) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (" ".join("a" for _ in range(400)), "has 400 terms; the limit is 64"),
        (" ".join("a" for _ in range(1000)), "1,999 characters long; the limit is 1,000"),
        ("x" * 1001, "1,001 characters long; the limit is 1,000"),
    ],
)
def test_oversized_search_is_a_clear_400(tmp_path, runner, query, message) -> None:
    """Before: 1,000 one-letter terms cost over a minute of CPU per request, from a 4 KB URL."""
    application = create_app(tmp_path / "s.db", workers=1, analyzers=ANALYZERS)
    with TestClient(application, base_url="http://127.0.0.1", headers=CLIENT_HEADERS) as client:
        response = client.get("/api/documents", params={"q": query})
        assert response.status_code == 400 and message in response.json()["error"]
        page = client.get("/corpus", params={"q": query})
        assert page.status_code == 400 and message in page.text
    result = runner.invoke(app, ["search", query, "--corpus", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and message in result.output


# --- terminal output (item 8) ---------------------------------------------------------------

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b2J\u202e"


def test_article_text_cannot_control_the_terminal(tmp_path, runner) -> None:
    """Before: a title with ``ESC ]0;…BEL`` set the window title, ``ESC [2J`` cleared it."""
    article = tmp_path / "evil.txt"
    article.write_text(
        f"Siege {ESCAPES} ends\n\nOfficials said the {ESCAPES} siege had ended on Monday.",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", str(article), "--analyzers", "tone,quotes"])
    assert result.exit_code == 0, result.output
    assert "Siege" in result.output
    for char in "\x1b\x07\x9b\u202e":
        assert char not in result.output
    assert "\ufffd]0;pwned\ufffd" in result.output
    out = tmp_path / "summary.txt"
    runner.invoke(app, ["analyze", str(article), "-a", "tone", "--out", str(out)])
    assert "\x1b" not in out.read_text(encoding="utf-8")


def test_json_on_a_terminal_escapes_c1_controls(tmp_path, runner) -> None:
    import json

    article = tmp_path / "evil.txt"
    article.write_text(f"Talks {ESCAPES} failed, officials said.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(article), "-a", "tone", "--format", "json"])
    assert result.exit_code == 0 and "\x9b" not in result.output
    assert "\u202e" not in result.output and "\\u009b" in result.output
    assert ESCAPES in json.loads(result.output)["document"]["title"]  # the data is unchanged


def test_safe_console_keeps_rich_styling() -> None:
    from rich.text import Text

    from slant.report.console import SafeConsole

    console = SafeConsole(force_terminal=True, color_system="standard", width=80)
    with console.capture() as captured:
        console.print(Text("red \x1b[2J text", style="red"))
    shown = captured.get()
    assert "\x1b[31m" in shown and "\x1b[2J" not in shown and "\ufffd[2J" in shown


@pytest.mark.parametrize("command", ["analyze", "compare"])
def test_out_into_a_missing_folder_fails_before_the_work(tmp_path, runner, command) -> None:
    """Before: a traceback, after the whole analysis had run."""
    article = tmp_path / "a.txt"
    article.write_text("Talks failed, officials said.", encoding="utf-8")
    out = tmp_path / "missing" / "report.html"
    args = {
        "analyze": ["analyze", str(article), "--format", "html", "--out", str(out)],
        "compare": [
            "compare",
            "--corpus",
            str(tmp_path / "none.db"),
            "--a",
            "x",
            "--b",
            "y",
            "--out",
            str(out),
        ],
    }[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and result.output.startswith("Error: --out")
    assert "does not exist" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "none.db").exists()
