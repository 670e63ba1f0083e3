"""slant export: every tidy table in all three formats, read back with pandas and DuckDB,
the documented columns, the SQL views inside slant.db, and bad input (issue 18)."""

import json
import re
import sqlite3
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import slant
from slant.cli import app
from slant.demo import load_demo
from slant.errors import ExtraMissing
from slant.export import FORMATS, TABLES, TableFiles, export_corpus
from slant.filters import parse_filter
from slant.store import Corpus
from slant.stories import group_stories

DOCS = Path(__file__).resolve().parents[1] / "docs" / "export.md"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "demo.db"
    with Corpus(path) as corpus:
        load_demo(corpus)
        group_stories(corpus)
    return path


@pytest.fixture(scope="module")
def exported(demo_db, tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tables")
    with Corpus(demo_db) as corpus:
        for format in FORMATS:
            export_corpus(corpus, root / format, format=format)
    return {format: root / format for format in FORMATS}


def documented_columns() -> dict[str, list[tuple[str, str]]]:
    """The column tables of docs/export.md: ``### `name``` then ``| `column` | type | … |``."""
    tables: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if heading := re.fullmatch(r"### `(\w+)`", line):
            current = tables.setdefault(heading.group(1), [])
        elif current is not None and (row := re.match(r"\| `(\w+)` \| (\w+) \|", line)):
            current.append((row.group(1), row.group(2)))
    return tables


def test_every_table_and_column_is_documented() -> None:
    common = [(c.name, c.type) for c in TABLES["techniques"].columns[:4]]
    documented = documented_columns()
    assert set(documented) == set(TABLES)
    for name, table in TABLES.items():
        expected = [(c.name, c.type) for c in table.columns]
        prefix = [] if name == "documents" else common
        assert prefix + documented[name] == expected, name


def test_cli_writes_every_table_in_each_format(demo_db, tmp_path, runner) -> None:
    for format in FORMATS:
        out = tmp_path / format
        result = runner.invoke(
            app, ["export", "--corpus", str(demo_db), "--format", format, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert "12 documents" in result.output and "techniques " in result.output
        assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.{format}" for t in TABLES)


def test_the_three_formats_read_back_the_same(exported) -> None:
    frames = {format: slant.read_export(folder) for format, folder in exported.items()}
    assert set(frames["parquet"]) == set(TABLES)
    for name, frame in frames["parquet"].items():
        assert list(frame.columns) == [c.name for c in TABLES[name].columns]
        for other in ("csv", "jsonl"):
            pd.testing.assert_frame_equal(frame, frames[other][name], obj=f"{other} {name}")
    assert len(frames["parquet"]["documents"]) == 12
    assert len(frames["parquet"]["stories"]) == 12
    assert str(frames["parquet"]["quotes"]["speaker_start"].dtype) == "Int64"
    assert str(frames["parquet"]["claims"]["approximate"].dtype) == "boolean"


def test_rows_are_findings_with_offsets_into_the_text(demo_db, exported) -> None:
    frames = slant.read_export(exported["parquet"])
    texts = frames["documents"].set_index("document_id")["text"]
    spans = {
        "techniques": ("start", "end", "text"),
        "citations": ("start", "end", "text"),
        "scare_quotes": ("start", "end", "text"),
        "mentions": ("start", "end", "text"),
        "descriptors": ("start", "end", "text"),
        "claims": ("start", "end", "text"),
        "frame_evidence": ("start", "end", "text"),
        "tone": ("start", "end", "text"),
        "quotes": ("content_start", "content_end", "content"),
    }
    for name, (start, end, text) in spans.items():
        frame = frames[name]
        assert len(frame), name
        for row in frame.itertuples():
            document = texts[row.document_id]
            assert document[getattr(row, start) : getattr(row, end)] == getattr(row, text), name
    with Corpus(demo_db) as corpus:
        analysis = corpus.get_analysis(frames["documents"].document_id[0])
    versions = set(frames["techniques"].analyzer_version)
    assert versions == {analysis.analyzers["techniques"]}
    herald = frames["quotes"][frames["quotes"].document_id == analysis.document.id]
    assert list(herald.content) == [q.content for q in analysis.quotes]


def test_to_pandas_matches_the_export(demo_db, exported) -> None:
    frames = slant.read_export(exported["parquet"])
    with Corpus(demo_db) as corpus:
        for name in ("documents", "techniques", "casualties", "roles", "stories"):
            pd.testing.assert_frame_equal(corpus.to_pandas(name), frames[name])
        herald = corpus.to_pandas("quotes", parse_filter("source:herald"))
    assert set(herald.source) == {"herald"} and len(herald) < len(frames["quotes"])


def test_where_filter_selects_documents(demo_db, tmp_path, runner) -> None:
    out = tmp_path / "herald"
    result = runner.invoke(
        app,
        ["export", "-c", str(demo_db), "--where", "source:herald", "-f", "csv", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    frames = slant.read_export(out)
    assert set(frames["documents"].source) == {"herald"}
    assert set(frames["techniques"].source) <= {"herald"}


def test_docs_examples_run(exported, monkeypatch, capsys) -> None:
    monkeypatch.chdir(exported["parquet"].parent)
    (exported["parquet"].parent / "tables").symlink_to(exported["parquet"])
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 2
    for block in blocks:
        exec(compile(block, str(DOCS), "exec"), {})
    printed = capsys.readouterr().out
    assert "Loaded_Language" in printed and "technique" in printed


def test_duckdb_reads_every_parquet_table(exported) -> None:
    frames = slant.read_export(exported["parquet"])
    for name in TABLES:
        path = exported["parquet"] / f"{name}.parquet"
        ((count,),) = duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()
        assert count == len(frames[name]), name


def _view_rows(db: Path, name: str, columns: list[str]) -> list[tuple]:
    connection = sqlite3.connect(db)
    quoted = ", ".join(f'"{c}"' for c in columns)
    rows = connection.execute(f"SELECT {quoted} FROM {name}_v").fetchall()
    connection.close()
    return rows


def _normal(value, kind: str):
    if value is None or value is pd.NA:
        return None
    if kind == "json":
        return json.loads(value)
    if kind == "bool":
        return bool(value)
    if kind == "float64":
        return round(float(value), 6)
    return value


def test_views_hold_the_same_rows_as_the_export(demo_db, exported) -> None:
    frames = slant.read_export(exported["parquet"])
    for name, table in TABLES.items():
        connection = sqlite3.connect(demo_db)
        view_columns = [r[1] for r in connection.execute(f"PRAGMA table_info({name}_v)")]
        connection.close()
        assert view_columns, f"no view {name}_v"
        assert set(view_columns) <= {c.name for c in table.columns}, name
        kinds = {c.name: c.type for c in table.columns}

        def key(row: tuple) -> str:
            return json.dumps(row, sort_keys=True, default=str)

        from_view = sorted(
            (
                tuple(_normal(v, kinds[c]) for v, c in zip(row, view_columns, strict=True))
                for row in _view_rows(demo_db, name, view_columns)
            ),
            key=key,
        )
        frame = frames[name][view_columns].astype(object)
        from_export = sorted(
            (
                tuple(_normal(v, kinds[c]) for v, c in zip(row, view_columns, strict=True))
                for row in frame.itertuples(index=False)
            ),
            key=key,
        )
        assert from_view == from_export, name


def test_views_are_a_recorded_migration(demo_db) -> None:
    connection = sqlite3.connect(demo_db)
    names = [row[0] for row in connection.execute("SELECT name FROM migrations ORDER BY id")]
    views = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='view'")
    }
    connection.close()
    assert any("tidy views" in name for name in names)
    assert {f"{name}_v" for name in TABLES} <= views


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "unknown export format 'xlsx'"),
        (["--where", "colour:red"], "unknown key 'colour'"),
    ],
)
def test_bad_options_are_one_line_errors_and_write_nothing(
    demo_db, tmp_path, runner, args, message
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", "-c", str(demo_db), "--out", str(out), *args])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0]
    assert not out.exists() or not list(out.iterdir())


def test_missing_corpus_is_refused(tmp_path, runner) -> None:
    result = runner.invoke(app, ["export", "-c", str(tmp_path / "no.db"), "--out", str(tmp_path)])
    assert result.exit_code == 1 and "does not exist" in result.output


def test_failed_export_leaves_the_previous_tables(tmp_path) -> None:
    with TableFiles(tmp_path, "csv") as files:
        files.add("frames", {c.name: None for c in TABLES["frames"].columns})
    before = (tmp_path / "frames.csv").read_text()
    with pytest.raises(RuntimeError), TableFiles(tmp_path, "csv") as files:
        files.add("frames", {c.name: "x" for c in TABLES["frames"].columns})
        raise RuntimeError("disk full")
    assert (tmp_path / "frames.csv").read_text() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_parquet_without_the_extra_says_what_to_install(demo_db, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with Corpus(demo_db) as corpus, pytest.raises(ExtraMissing, match=r"slant\[export\]"):
        export_corpus(corpus, tmp_path / "out", format="parquet")
    with Corpus(demo_db) as corpus:
        report = export_corpus(corpus, tmp_path / "csv", format="csv")
    assert report.rows["documents"] == 12


def test_hostile_text_survives_csv(tmp_path) -> None:
    text = 'He said "no",\nthen\r\n<script>alert(1)</script>, and left; =cmd|x'
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add_documents([slant.Document(text=text, source="x")])
        export_corpus(corpus, tmp_path / "out", format="csv")
    frame = slant.read_export(tmp_path / "out")["documents"]
    assert frame.text[0] == text
