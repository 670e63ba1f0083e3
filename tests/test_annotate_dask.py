"""slant annotate on Dask (--scheduler) and into partitioned Parquet (--to-parquet): the same
stored results as the serial run, document by document, through a killed worker and a
killed client (issue 18)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import slant
from slant.annotate import annotate_corpus
from slant.cli import app
from slant.demo import demo_corpus_file, load_demo
from slant.errors import ExtraMissing, SlantError
from slant.load import ingest_paths
from slant.store import Corpus

LIGHT = ["tone", "quotes"]
SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def serial_db(tmp_path_factory) -> Path:
    """The demo corpus annotated by every analyzer in this process: the reference."""
    path = tmp_path_factory.mktemp("serial") / "serial.db"
    with Corpus(path) as corpus:
        load_demo(corpus)
    return path


@pytest.fixture
def fresh_db(tmp_path) -> Path:
    """The demo documents, not annotated."""
    path = tmp_path / "fresh.db"
    with Corpus(path) as corpus:
        ingest_paths(corpus, [demo_corpus_file()])
    return path


def stored_rows(path: Path, analyzers: list[str] | None = None) -> list[tuple]:
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT document_id, analyzer, version, result FROM analyses ORDER BY 1, 2"
    ).fetchall()
    connection.close()
    return [row for row in rows if analyzers is None or row[1] in analyzers]


def test_local_cluster_of_two_workers_matches_the_serial_run(serial_db, fresh_db) -> None:
    with Corpus(fresh_db) as corpus:
        report = annotate_corpus(corpus, scheduler="local", workers=2, batch_size=2)
        assert (report.analyzed, report.failed) == (12, [])
        assert annotate_corpus(corpus, scheduler="local", workers=2).pending == 0
    assert stored_rows(fresh_db) == stored_rows(serial_db)
    with Corpus(fresh_db) as dask_corpus, Corpus(serial_db) as serial_corpus:
        for document_id in serial_corpus.document_ids():
            expected = serial_corpus.get_analysis(document_id).to_dict()
            assert dask_corpus.get_analysis(document_id).to_dict() == expected


def test_a_killed_worker_loses_nothing_and_duplicates_nothing(serial_db, fresh_db) -> None:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        pids = list(client.run(os.getpid).values())
        killed: list[int] = []

        def kill_one_worker(done: int) -> None:
            if not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        with Corpus(fresh_db) as corpus:
            report = annotate_corpus(
                corpus,
                analyzers=LIGHT,
                scheduler=cluster.scheduler_address,
                batch_size=1,
                progress=kill_one_worker,
            )
        assert killed and report.analyzed == 12 and report.failed == []
        assert pids[0] not in client.run(os.getpid).values()
    assert stored_rows(fresh_db) == stored_rows(serial_db, LIGHT)


def test_a_killed_client_keeps_finished_batches_and_the_rerun_does_the_rest(
    serial_db, fresh_db
) -> None:
    command = [
        sys.executable,
        "-m",
        "slant",
        "annotate",
        "--corpus",
        str(fresh_db),
        "-a",
        ",".join(LIGHT),
        "--scheduler",
        "local",
        "--workers",
        "2",
        "--batch-size",
        "1",
    ]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    client = subprocess.Popen(
        command, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 120
        while len(stored_rows(fresh_db)) < 4 and time.monotonic() < deadline:
            assert client.poll() is None, client.stderr.read().decode()
            time.sleep(0.2)
    finally:
        os.killpg(client.pid, signal.SIGKILL)
        client.wait()
        client.stderr.close()
    kept = len(stored_rows(fresh_db))
    assert 4 <= kept < 2 * 12
    with Corpus(fresh_db) as corpus:
        rerun = annotate_corpus(corpus, analyzers=LIGHT)
    assert rerun.pending == 12 - kept // 2 and rerun.failed == []
    assert stored_rows(fresh_db) == stored_rows(serial_db, LIGHT)


def test_to_parquet_writes_partitions_that_read_back(serial_db, fresh_db, tmp_path) -> None:
    out = tmp_path / "results"
    with Corpus(fresh_db) as corpus:
        report = annotate_corpus(corpus, analyzers=LIGHT, batch_size=5, to_parquet=out)
        assert report.analyzed == 12
        assert annotate_corpus(corpus, analyzers=LIGHT, to_parquet=out).pending == 0
        assert stored_rows(fresh_db) == []
    parts = sorted(p.name for p in out.iterdir())
    assert len(parts) == 3 and all(p.startswith("part-") for p in parts)
    (out / ".part-left-by-a-killed-run").mkdir()
    frames = slant.read_export(out)
    assert len(frames["documents"]) == 12 and len(frames["techniques"]) == 0
    with Corpus(serial_db) as corpus:
        for table, key in (
            ("quotes", ["document_id", "content_start"]),
            ("tone", ["document_id", "start"]),
        ):
            expected = corpus.to_pandas(table).sort_values(key, ignore_index=True)
            got = frames[table].sort_values(key, ignore_index=True)
            pd.testing.assert_frame_equal(got, expected)
    ((count,),) = duckdb.sql(f"SELECT count(*) FROM '{out}/part-*/quotes.parquet'").fetchall()
    assert count == len(frames["quotes"])


def test_export_converts_partitions_to_one_file_per_table(fresh_db, tmp_path, runner) -> None:
    out, tables = tmp_path / "results", tmp_path / "tables"
    with Corpus(fresh_db) as corpus:
        annotate_corpus(corpus, analyzers=["tone"], batch_size=5, to_parquet=out)
    args = ["export", "--from-parquet", str(out), "--format", "csv", "--out", str(tables)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "12 documents" in result.output
    converted, parts = slant.read_export(tables), slant.read_export(out)
    for name, frame in parts.items():
        pd.testing.assert_frame_equal(converted[name], frame, obj=name)
    refused = runner.invoke(app, [*args, "--where", "source:herald"])
    assert refused.exit_code == 1 and "does not apply to --from-parquet" in refused.output
    empty = runner.invoke(app, ["export", "--from-parquet", str(tmp_path), "--out", str(tables)])
    assert empty.exit_code == 1 and "holds no partitions" in empty.output


def test_cli_into_parquet(fresh_db, tmp_path, runner) -> None:
    out = tmp_path / "parts"
    args = ["annotate", "-c", str(fresh_db), "-a", "tone"]
    result = runner.invoke(app, [*args, "--to-parquet", str(out)])
    assert result.exit_code == 0, result.output
    assert f"12 analyzed, 0 failed, 0 left → {out}" in result.output
    assert len(slant.read_export(out)["tone"]) > 12


def test_an_unreachable_scheduler_is_a_one_line_error(fresh_db, runner) -> None:
    args = ["annotate", "-c", str(fresh_db), "-a", "tone", "--scheduler", "tcp://127.0.0.1:9"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert (
        len(errors) == 1 and "cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'" in errors[0]
    )
    assert stored_rows(fresh_db) == []


def test_without_dask_the_extra_is_named(fresh_db, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with Corpus(fresh_db) as corpus, pytest.raises(ExtraMissing, match=r"slant\[dask\]"):
        annotate_corpus(corpus, analyzers=["tone"], scheduler="local")
    assert isinstance(ExtraMissing("x"), SlantError)


def test_results_of_other_analyzer_versions_are_refused() -> None:
    from slant.annotate import _check_versions

    _check_versions([("d1", {"tone": ("tone.v1", {})})], {"tone": "tone.v1"})
    # a row that no selected analyzer owns (the language note of a skipped document) is fine
    _check_versions([("d1", {"language": ("language.v1", {})})], {"tone": "tone.v1"})
    with pytest.raises(SlantError, match=r"tone.v0 \(here tone.v1\)"):
        _check_versions([("d1", {"tone": ("tone.v0", {})})], {"tone": "tone.v1"})


def test_a_skipped_language_does_not_look_like_another_version(tmp_path) -> None:
    french = (
        "Le gouvernement a annoncé mardi un nouveau plan pour les hôpitaux de la région, "
        "après des semaines de grèves et de manifestations dans plusieurs grandes villes."
    )
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add_documents([slant.Document(text=french)])
        report = annotate_corpus(corpus, analyzers=["tone"])
    assert (report.analyzed, report.failed) == (1, [])
