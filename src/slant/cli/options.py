"""Options and the progress bar shared by the commands that work on a stored corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .app import err_console

__all__ = ["AnalyzersOption", "CorpusOption", "analyzer_names", "progress_bar"]

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


def progress_bar() -> Progress:
    """A progress bar on stderr, shown only when stderr is a terminal."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
        disable=not err_console.is_terminal,
    )
