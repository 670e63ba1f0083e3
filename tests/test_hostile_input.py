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
