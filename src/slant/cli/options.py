"""Options and the progress bar shared by the commands that work on a stored corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from .app import err_console

__all__ = ["AnalyzersOption", "CorpusOption", "RateColumn", "analyzer_names", "progress_bar"]

CorpusOption = Annotated[
    Path, typer.Option("--corpus", "-c", help="SQLite corpus file.", show_default=True)
]
AnalyzersOption = Annotated[
    str | None,
    typer.Option("--analyzers", "-a", help="Comma-separated analyzers to run (default: all)."),
]


def analyzer_names(value: str | None) -> list[str] | None:
    """The analyzer names of ``--analyzers a,b`` (None: all)."""
    return [n.strip() for n in value.split(",") if n.strip()] if value else None


class RateColumn(ProgressColumn):
    """Throughput of a task in ``unit``/s, as Rich estimates it (the last 60 s of updates)."""

    def __init__(self, unit: str = "docs") -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        shown = "…" if speed is None else f"{speed:.2f}" if speed < 10 else f"{speed:,.0f}"
        return Text(f"{shown} {self.unit}/s", style="progress.data.speed")


def progress_bar(*, rate: str | None = None) -> Progress:
    """A progress bar on stderr, shown only when stderr is a terminal; with ``rate`` (a
    unit, e.g. ``"docs"``) it also shows the throughput and the time left."""
    columns: list[ProgressColumn] = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    if rate:
        columns += [RateColumn(rate), TextColumn("ETA"), TimeRemainingColumn()]
    return Progress(
        *columns,
        console=err_console,
        transient=False,
        disable=not err_console.is_terminal,
        speed_estimate_period=60.0,
    )
