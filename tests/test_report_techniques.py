"""How technique findings are shown: quoted ones marked apart in the HTML and the terminal."""

from __future__ import annotations

import io

from rich.console import Console

from slant import Analysis, Document
from slant.analysis import Quote, Technique
from slant.report.html import render_page
from slant.report.terminal import print_summary

TEXT = 'The vile regime lied. "They are <b>thugs</b>," said Ann Lee.'


def _analysis() -> Analysis:
    document = Document(text=TEXT, title="Test")
    quote_start = TEXT.index("They")
    quote_end = TEXT.index('," said')
    thugs = TEXT.index("<b>thugs</b>")
    return Analysis(
        document=document,
        techniques=[
            Technique("Loaded_Language", 4, 8, "vile", 0.71, voice="author"),
            Technique(
                "Name_Calling,Labeling",
                thugs,
                thugs + 12,
                "<b>thugs</b>",
                0.66,
                voice="quoted",
                quote=0,
                speaker="Ann Lee",
            ),
        ],
        quotes=[
            Quote(
                "direct",
                "Ann Lee",
                52,
                59,
                "said",
                TEXT[quote_start:quote_end],
                quote_start,
                quote_end,
            )
        ],
    )


def test_html_marks_quoted_findings_apart_and_escapes_them() -> None:
    html = render_page(_analysis())
    assert "v-quoted" in html and "quoting Ann Lee" in html
    assert "(1 inside quotes)" in html
    assert "<b>thugs</b>" not in html and "&lt;b&gt;thugs&lt;/b&gt;" in html


def test_terminal_counts_quoted_findings() -> None:
    out = io.StringIO()
    print_summary(_analysis(), Console(file=out, width=160))
    printed = out.getvalue()
    assert "1 inside quotes" in printed and "(quoting Ann Lee)" in printed
