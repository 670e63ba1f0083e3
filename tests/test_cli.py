"""The CLI in-process: analyze in every format, annotate (resumable), search, help texts."""

import json

import pytest

from slant.annotate import annotate_corpus
from slant.cli import app
from slant.store import Corpus

HOSTILE = (
    'The minister said: "</span><script>alert(1)</script> is a lie." '
    '<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">link</a>'
)


def test_analyze_text_summary(tmp_path, runner) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Talks collapsed\n\nThe talks collapsed on Monday, officials said.")
    result = runner.invoke(app, ["analyze", str(path), "--analyzers", "tone"])
    assert result.exit_code == 0, result.output
    assert "Talks collapsed" in result.output and "Tone" in result.output


def test_analyze_json_from_stdin(runner) -> None:
    result = runner.invoke(
        app, ["analyze", "-", "--format", "json", "-a", "tone"], input="A calm day."
    )
    data = json.loads(result.output)
    assert data["schema"] == "slant.analysis/1" and data["document"]["length"] == 11


def test_analyze_html_escapes_hostile_text(tmp_path, runner) -> None:
    path = tmp_path / "x.txt"
    path.write_text(HOSTILE)
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["analyze", str(path), "-f", "html", "-o", str(out), "-a", "tone"])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and 'href="javascript' not in page
    assert "Content-Security-Policy" in page and "<script" not in page
    assert '<article class="slant-text">' in page and "&amp;lt;" not in page
    assert 'font: 16px/1.55 system-ui, -apple-system, "Segoe UI"' in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "missing.txt"], "missing.txt: no such file or folder"),
        (["analyze", "-"], "stdin: no text given"),
        (["analyze", "x.txt", "--format", "pdf"], "--format 'pdf' is not one of"),
        (["analyze", "gopher://old/x"], "only http and https"),
        (["analyze", "-", "-a", "nope"], "unknown analyzer 'nope'"),
    ],
)
def test_analyze_errors_are_one_line(runner, args, message) -> None:
    result = runner.invoke(app, args, input="Some text." if "nope" in args else "")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_annotate_is_resumable_after_interruption(tmp_path, runner, corpus_path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Article {i}: the siege went on for {i + 2} days.")
    runner.invoke(app, ["ingest", str(tmp_path), "--corpus", str(corpus_path)])

    def crash(_n: int) -> None:
        raise KeyboardInterrupt

    with Corpus(corpus_path) as corpus, pytest.raises(KeyboardInterrupt):
        annotate_corpus(corpus, analyzers=["tone"], batch_size=2, progress=crash)
    with Corpus(corpus_path) as corpus:
        assert corpus.stats()["annotated"] == 2
    result = runner.invoke(app, ["annotate", "--corpus", str(corpus_path), "-a", "tone"])
    assert result.exit_code == 0 and "3 analyzed" in result.output
    again = runner.invoke(app, ["annotate", "--corpus", str(corpus_path), "-a", "tone"])
    assert "0 analyzed" in again.output
    with Corpus(corpus_path) as corpus:
        assert corpus.stats() == {"documents": 5, "annotated": 5, "analyses": 5}


def test_search_and_missing_corpus(tmp_path, runner, corpus_path) -> None:
    (tmp_path / "a.txt").write_text("The siege of the old city ended.")
    runner.invoke(app, ["ingest", str(tmp_path), "--corpus", str(corpus_path)])
    result = runner.invoke(app, ["search", "siege", "--corpus", str(corpus_path)])
    assert "[siege]" in result.output and "1 result(s)" in result.output
    missing = runner.invoke(app, ["search", "x", "--corpus", str(tmp_path / "no.db")])
    assert missing.exit_code == 1 and "does not exist" in missing.output


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def test_every_command_has_help_with_an_example() -> None:
    import typer.main

    root = typer.main.get_command(app)
    for path, command in _commands(root):
        assert command.help, f"slant {' '.join(path)} has no help"
        if path[0] not in ("analyzers", "eval", "train"):
            assert "Example" in command.help, f"slant {' '.join(path)} has no example"


def test_annotate_with_worker_processes(tmp_path, runner, corpus_path) -> None:
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(f"Report {i}: {i + 3} people were injured.")
    runner.invoke(app, ["ingest", str(tmp_path), "--corpus", str(corpus_path)])
    args = ["annotate", "--corpus", str(corpus_path), "-a", "tone", "--workers", "2"]
    result = runner.invoke(app, [*args, "--batch-size", "1"])
    assert result.exit_code == 0 and "4 analyzed" in result.output
    with Corpus(corpus_path) as corpus:
        assert corpus.stats() == {"documents": 4, "annotated": 4, "analyses": 4}


def test_annotate_progress_shows_docs_per_second_and_time_left() -> None:
    from rich.progress import Progress, TimeRemainingColumn

    from slant.cli.options import RateColumn, progress_bar

    kinds = [type(c) for c in progress_bar(rate="docs").columns]
    assert RateColumn in kinds and TimeRemainingColumn in kinds
    now = [0.0]
    progress = Progress(RateColumn("docs"), get_time=lambda: now[0])
    task = progress.add_task("Annotating", total=100)
    assert str(RateColumn("docs").render(progress.tasks[0])) == "… docs/s"
    for _ in range(3):  # a batch of 16 every 4 s
        progress.advance(task, 16)
        now[0] += 4.0
    assert str(RateColumn("docs").render(progress.tasks[0])) == "4.00 docs/s"
