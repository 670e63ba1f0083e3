"""Options shared by the ``slant eval`` commands that score a packaged gold set against the
articles it was annotated on (``eval quotes``, ``eval descriptors``).

The gold JSON lines are packaged under ``slant/data/gold/``; the article texts are not (their
licences keep them in ``../shared/data``), so :data:`DEFAULT_ARTICLES` points beside the repo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

__all__ = ["DEFAULT_ARTICLES", "articles_option", "gold_option", "table_options"]

#: Where the gold sets' articles are read from when ``--articles`` is not given.
DEFAULT_ARTICLES = (
    Path("../shared/data/ptc-train/articles"),
    Path("../shared/data/samples"),
)


def gold_option(gold_file: str) -> Any:
    """``--gold PATH``, defaulting to the packaged ``slant/data/gold/<gold_file>``."""
    return typer.Option(
        None, "--gold", help=f"Gold JSON lines (default: the packaged slant/data/gold/{gold_file})."
    )


def articles_option() -> Any:
    """``--articles DIR`` (repeatable), defaulting to :data:`DEFAULT_ARTICLES`."""
    return typer.Option(
        None,
        "--articles",
        help="Directory of <id>.txt articles; repeat for several "
        "(default: ../shared/data/ptc-train/articles and ../shared/data/samples).",
    )


def table_options() -> tuple[Any, Any]:
    """``--fakes CSV`` and ``--framing TSV``: where ``fakes:<id>`` and ``framing:<id>`` gold
    articles are read from (defaults beside the repo, in ``../shared/data``)."""
    from ..evaluation.gold_articles import DEFAULT_FAKES, DEFAULT_FRAMING

    return (
        typer.Option(DEFAULT_FAKES, "--fakes", help="FA-KES CSV of the fakes:<id> articles."),
        typer.Option(
            DEFAULT_FRAMING, "--framing", help="Framing TSV of the framing:<id> articles."
        ),
    )
