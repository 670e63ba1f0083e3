"""Plain-text articles: the whole file is the text; a short first line is taken as the title."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document

__all__ = ["read_text", "title_from_first_line"]

_MAX_TITLE = 200


def title_from_first_line(text: str) -> str | None:
    """The first non-blank line when it is short enough to be a headline."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= _MAX_TITLE else None
    return None


def read_text(
    text: str, *, name: str, source: str | None = None, warnings: tuple[str, ...] = ()
) -> Iterator[Document]:
    """Yield the one document of a plain-text file."""
    yield Document(
        text=text,
        title=title_from_first_line(text),
        source=source,
        external_id=name,
        warnings=warnings,
    )
