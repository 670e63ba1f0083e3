"""Options shared by the ``slant eval`` commands that score a packaged gold set against the
articles it was annotated on (``eval quotes``, ``eval descriptors``).

The gold JSON lines are packaged under ``slant/data/gold/``; the article texts are not (their
licences keep them out of the repository), so the commands are told where they are.
"""

from __future__ import annotations

from typing import Any

import typer

__all__ = ["GOLD_FLAGS", "articles_option", "gold_option", "table_options"]

#: The options of the gold-set arguments that errors name.
GOLD_FLAGS = {"directories": "--articles DIR"}


def gold_option(gold_file: str) -> Any:
    """``--gold PATH``, defaulting to the packaged ``slant/data/gold/<gold_file>``."""
    return typer.Option(
        None, "--gold", help=f"Gold JSON lines (default: the packaged slant/data/gold/{gold_file})."
    )


def articles_option() -> Any:
    """``--articles DIR`` (repeatable): where the gold set's ``<id>.txt`` articles are."""
    return typer.Option(
        None,
        "--articles",
        help="Directory of <id>.txt articles (e.g. ../shared/data/ptc-train/articles); "
        "repeat for several.",
    )


def table_options() -> tuple[Any, Any]:
    """``--fakes CSV`` and ``--framing TSV``: where ``fakes:<id>`` and ``framing:<id>`` gold
    articles are read from."""
    return (
        typer.Option(None, "--fakes", help="FA-KES CSV of the fakes:<id> articles."),
        typer.Option(None, "--framing", help="Framing TSV of the framing:<id> articles."),
    )
