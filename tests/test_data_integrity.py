"""Data that must not be lost or corrupted silently (issue 13): CSV quotes that swallow rows,
JSONL optional keys, encodings, unreadable folders, foreign SQLite files, annotate runs."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from slant.cli import app
from slant.errors import InputError
from slant.ingest import ColumnMap, IngestFailure, read_path
from slant.ingest.files import decode
from slant.store import Corpus


def _split(items) -> tuple[list, list[str]]:
    items = list(items)
    documents = [i for i in items if not isinstance(i, IngestFailure)]
    return documents, [str(i) for i in items if isinstance(i, IngestFailure)]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# --- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "table",
    [
        # Before: "3 added, 0 failed": the unclosed quote swallowed rows three and four.
        'text,source\n"Row one.",a\n"Row two, never closed,b\n"Row three.",c\n"Row four.",d\n',
        'text,source\n"Row one.",a\n"Row two, never closed,b\nRow three.,c\nRow four.,d\n',
    ],
)
def test_an_unclosed_quote_is_reported_not_swallowing_rows(tmp_path, table) -> None:
    documents, failures = _split(read_path(write(tmp_path, "t.csv", table)))
    assert [d.text for d in documents][0] == "Row one."
    assert all("never closed" not in d.text or "\n" not in d.text for d in documents)
    assert len(failures) == 1 and "malformed CSV" in failures[0]
    assert "t.csv line" in failures[0] and "from line 3 on: an unclosed quote?" in failures[0]


def test_multi_line_quoted_fields_still_read(tmp_path) -> None:
    table = 'text,source\n"First paragraph, with commas, here.\n\nSecond, also.",a\n"Next.",b\n'
    documents, failures = _split(read_path(write(tmp_path, "t.csv", table)))
    assert not failures and [d.source for d in documents] == ["a", "b"]
    assert documents[0].text.endswith("Second, also.")


def test_duplicated_header_is_named(tmp_path) -> None:
    """Before: every row failed with 'expected 3 fields'."""
    table = "text,source,text\nA.,a,B.\n"
    documents, failures = _split(read_path(write(tmp_path, "t.csv", table)))
    assert not documents and failures == [
        f"{tmp_path / 't.csv'}: the header repeats the column 'text'; column names must be unique"
    ]


def test_header_only_csv_says_so(tmp_path, runner, corpus_path) -> None:
    """Before: '0 added' and exit 0, with no word about why."""
    path = write(tmp_path, "t.csv", "text,source\n")
    result = runner.invoke(app, ["ingest", str(path), "--corpus", str(corpus_path)])
    assert result.exit_code == 1 and "t.csv: no rows after the header" in result.output


# --- JSONL ----------------------------------------------------------------------------------


def test_jsonl_optional_keys_are_optional_per_line(tmp_path) -> None:
    """Before: a first line without ``title`` refused the file (with --title-col) or dropped
    every later title (without)."""
    lines = [{"text": "No title here."}, {"text": "A titled one.", "title": "Titled"}]
    path = write(tmp_path, "t.jsonl", "\n".join(json.dumps(line) for line in lines))
    for columns in (ColumnMap(), ColumnMap(title="title")):
        documents, failures = _split(read_path(path, columns=columns))
        assert not failures and [d.title for d in documents] == [None, "Titled"]


def test_jsonl_named_key_missing_everywhere_is_still_an_error(tmp_path) -> None:
    path = write(tmp_path, "t.jsonl", '{"text": "A."}\n{"text": "B."}\n')
    _, failures = _split(read_path(path, columns=ColumnMap(title="headline")))
    assert len(failures) == 1 and "no column --title-col 'headline'" in failures[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [("12345", "'text' holds a number (12345), not text"), ('["a"]', "holds a list")],
)
def test_jsonl_text_of_the_wrong_type_says_so(tmp_path, value, message) -> None:
    """Before: ``{"text": 12345}`` was reported as empty."""
    path = write(tmp_path, "t.jsonl", f'{{"text": {value}}}\n{{"text": "Fine."}}\n')
    documents, failures = _split(read_path(path))
    assert len(documents) == 1 and len(failures) == 1 and message in failures[0]


# --- encodings ------------------------------------------------------------------------------

LATIN = "Café owners in Montréal said the naïve façade of the crème brûlée shop stays."


@pytest.mark.parametrize(
    ("data", "text", "said"),
    [
        (LATIN.encode("utf-8"), LATIN, None),
        (codecs.BOM_UTF8 + LATIN.encode("utf-8"), LATIN, None),
        (LATIN.encode("utf-16"), LATIN, "UTF-16 (byte-order mark)"),  # before: "binary"
        (codecs.BOM_UTF16_BE + LATIN.encode("utf-16-be"), LATIN, "UTF-16"),
        (LATIN.encode("utf-32"), LATIN, "UTF-32"),
        (LATIN.encode("cp1252"), LATIN, "cp1252"),  # before: every accent became U+FFFD
        (LATIN.encode("latin-1"), LATIN, "cp1252"),
        ("Café".encode("latin-1"), "Café", "cp1252"),
        (("Российские войска вошли в город в понедельник. " * 4).encode("cp1251"), None, "cp1251"),
        (("Zażółć gęślą jaźń, powiedział minister. " * 3).encode("cp1250"), None, "cp1250"),
    ],
)
def test_encodings_are_detected_and_named(data, text, said) -> None:
    decoded, warnings = decode(data, "in.txt")
    if text is not None:
        assert decoded == text
    assert "\ufffd" not in decoded
    if said is None:
        assert warnings == ()
    else:
        assert len(warnings) == 1 and said in warnings[0] and warnings[0].startswith("in.txt")


def test_stray_bytes_in_utf8_stay_utf8() -> None:
    data = ("Déjà vu — “quoted” text, officials said. " * 5).encode() + b"\xff"
    decoded, warnings = decode(data, "page.html")
    assert decoded.startswith("Déjà vu — “quoted”") and decoded.endswith("\ufffd")
    assert "1 replacement character" in warnings[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(b | 0x80 for b in os.urandom(50_000)), "does not look like text"),
        (b"A" * 9000 + b"\x00" + b"B" * 100, "looks like a binary file"),  # NUL after 8 KB
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),
    ],
)
def test_not_text_is_refused(data, message) -> None:
    """Before: NUL bytes after the first 8 KB were stored; random high bytes were a document."""
    with pytest.raises(InputError, match=message):
        decode(data, "blob.txt")


# --- folders --------------------------------------------------------------------------------


def test_an_unreadable_subfolder_is_reported(tmp_path, runner, corpus_path, monkeypatch) -> None:
    """Before: skipped silently, exit 0. (Tests run as root, where chmod 000 does not stop
    reading, so the folder's listing is made to fail as it does for a user without rights.)"""
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "a.txt", "Troops entered the city on Monday, residents said.")
    locked = tmp_path / "in" / "locked"
    locked.mkdir()
    write(locked, "b.txt", "Never read.")
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--corpus", str(corpus_path)])
    assert result.exit_code == 1, result.output
    assert f"Error: {locked}: cannot read folder: Permission denied" in result.output
    assert "1 added" in result.output


# --- foreign SQLite files -------------------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master")}


@pytest.mark.parametrize("existing", ["users", "documents"])
@pytest.mark.parametrize("command", ["search", "ingest", "annotate", "compare", "export"])
def test_a_foreign_sqlite_file_is_left_untouched(tmp_path, runner, existing, command) -> None:
    """Before: even ``search`` added slant's tables; with a ``documents`` table the command
    failed but left a ``migrations`` table behind."""
    foreign = tmp_path / "app.db"
    with sqlite3.connect(foreign) as db:
        db.execute(f"CREATE TABLE {existing} (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute(f"INSERT INTO {existing} (name) VALUES ('x')")
    before = _digest(foreign)
    article = write(tmp_path, "a.txt", "Talks failed, officials said.")
    args = {
        "search": ["search", "talks"],
        "ingest": ["ingest", str(article)],
        "annotate": ["annotate"],
        "compare": ["compare", "--a", "source:x", "--b", "source:y"],
        "export": ["export", "--format", "jsonl", "--out", str(tmp_path / "out")],
    }[command]
    result = runner.invoke(app, [*args, "--corpus", str(foreign)])
    assert result.exit_code == 1, result.output
    assert "is an SQLite database but not a slant corpus" in result.output
    assert _digest(foreign) == before and _tables(foreign) == {existing}
    assert not Path(f"{foreign}-wal").exists()


def test_a_new_corpus_is_marked_and_an_older_one_still_opens(tmp_path) -> None:
    path = tmp_path / "c.db"
    Corpus(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x736C6E74
        db.execute("PRAGMA application_id = 0")  # as made before the marker
    with Corpus(path, read_only=True) as corpus:
        assert corpus.stats()["documents"] == 0
    Corpus(path).close()  # a write re-marks it
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x736C6E74


def test_read_only_commands_do_not_write(tmp_path, runner) -> None:
    path = tmp_path / "c.db"
    article = write(tmp_path, "a.txt", "Talks failed in the capital, officials said.")
    assert runner.invoke(app, ["ingest", str(article), "--corpus", str(path)]).exit_code == 0
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    before = _digest(path)
    with Corpus(path, read_only=True) as corpus:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            corpus.db.execute("DELETE FROM documents")
    result = runner.invoke(app, ["search", "talks", "--corpus", str(path)])
    assert result.exit_code == 0 and "Talks failed" in result.output
    assert _digest(path) == before


# --- annotate runs --------------------------------------------------------------------------


def test_a_second_annotate_run_is_refused(tmp_path, runner) -> None:
    """Before: two concurrent runs both analyzed every pending document."""
    from slant.annotate import exclusive_run

    path = tmp_path / "c.db"
    article = write(tmp_path, "a.txt", "Talks failed in the capital, officials said.")
    runner.invoke(app, ["ingest", str(article), "--corpus", str(path)])
    with exclusive_run(path):
        result = runner.invoke(app, ["annotate", "--corpus", str(path), "-a", "tone"])
    assert result.exit_code == 1 and "another `slant annotate` is running" in result.output
    with Corpus(path) as corpus:
        assert corpus.stats()["annotated"] == 0
    again = runner.invoke(app, ["annotate", "--corpus", str(path), "-a", "tone"])
    assert again.exit_code == 0, again.output


PARENT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from slant.processes import die_with_parent

if __name__ == "__main__":
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(2, mp_context=context, initializer=die_with_parent,
                               initargs=(os.getpid(),))
    pids = {pool.submit(os.getpid).result() for _ in range(8)}
    print(" ".join(map(str, sorted(pids))), flush=True)
    time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(")")[-1].split()[0] == "Z")


def test_pool_workers_die_with_their_parent(tmp_path) -> None:
    """Before: after ``kill`` of ``annotate --workers 2`` the workers lived on (440-480 MB)."""
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, env=env)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers and all(_alive(pid) for pid in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for _ in range(100):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
