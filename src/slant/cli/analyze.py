"""``slant analyze`` (one article, shown) and ``slant analyzers`` (what analyzes it)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from ..ingest import load_document
from ..pipeline import analyze as analyze_document
from ..pipeline import available_analyzers
from ..report import techniques_shown
from ..report.console import SafeConsole
from ..report.html import render_page
from ..report.terminal import print_summary
from .app import app, check_out, console, fail, fail_on_errors, say, write_json
from .options import AnalyzersOption, analyzer_names

__all__ = ["analyze", "list_analyzers"]

_HINTS = {
    "stdin": "pipe an article into `slant analyze -`",
    "spec": "`slant ingest` then `slant annotate` take many",
}


@app.command()
def analyze(
    input: Annotated[
        str, typer.Argument(help="A .txt or .html file, an http(s) URL, or - for stdin.")
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or html.")] = "text",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
    analyzers: AnalyzersOption = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow URLs on private, loopback or link-local addresses.")
    ] = False,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            help="Show techniques scored at least this (calibrated probability). Text and "
            "HTML default to the model's operating point (MODEL.md); JSON keeps every "
            "finding unless this is given.",
        ),
    ] = None,
) -> None:
    """Analyze one article and show what slant finds.

    Examples:

        slant analyze article.txt

        slant analyze article.txt --min-score 0     # every technique span, however unsure

        slant analyze page.html --format html --out report.html

        curl -s https://example.org/story | slant analyze - --format json
    """
    if format not in ("text", "json", "html"):
        raise fail(f"--format {format!r} is not one of text, json, html")
    check_out(out)
    with fail_on_errors(_HINTS):
        stdin = sys.stdin.buffer.read() if input == "-" else None
        document = load_document(input, allow_private=allow_private, stdin=stdin)
        for warning in document.warnings:
            say("Warning", warning)
        analysis = analyze_document(document, analyzers=analyzer_names(analyzers))
        skipped = (analysis.language or {}).get("reason")
        if skipped:
            say("Warning", f"{input}: {skipped}")
    if format == "json":
        if min_score is not None:
            analysis = replace(analysis, techniques=techniques_shown(analysis, min_score))
        write_json(analysis.to_json(), out)
    elif format == "html":
        target = out or Path(f"slant-report-{document.id}.html")
        target.write_text(render_page(analysis, min_score=min_score), encoding="utf-8")
        console.print(f"Wrote {target}", markup=False)
    elif out is not None:
        with out.open("w", encoding="utf-8") as handle:
            print_summary(analysis, SafeConsole(file=handle, width=120), min_score=min_score)
    else:
        print_summary(analysis, console, min_score=min_score)


@app.command("analyzers")
def list_analyzers() -> None:
    """List the analyzers slant runs, with their versions and what they fill."""
    with fail_on_errors():
        specs = available_analyzers()
    for spec in specs.values():
        needs = f" (after {', '.join(spec.requires)})" if spec.requires else ""
        console.print(
            f"{spec.version:<20} {', '.join(spec.sets):<24} {spec.description}{needs}",
            markup=False,
        )
