"""Documents: immutable text plus metadata, identified by a hash of their normalised text.

Every finding in slant points into ``Document.text`` by character offsets ``[start, end)``;
the text is never changed after a document is made, so those offsets stay valid in the
store, the reports and the web app.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TypedDict, Unpack

from .errors import InputError, TooLarge

__all__ = ["Document", "document_id", "normalise_text", "MAX_TEXT_CHARS"]

#: Longest text accepted as one document (characters). Longer input is refused, not cut.
MAX_TEXT_CHARS = 5_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")

_SPACE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u3000]+")
_NEWLINES = re.compile(r"\s*\n\s*")


def normalise_text(text: str) -> str:
    """Return the form of ``text`` used to identify it: NFC, collapsed white space, lower case.

    >>> normalise_text("  Hello\u00a0 World\\n\\n")
    'hello world'
    """
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _SPACE.sub(" ", text)
    return text.strip().lower().replace("\n", " ")


def document_id(text: str) -> str:
    """Return the id of a document: the first 16 hex digits of SHA-256 of its normalised text.

    Two texts that differ only in white space or case get the same id, so re-ingesting a
    document adds nothing.
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


class Metadata(TypedDict, total=False):
    """What :meth:`Document.with_metadata` may replace: everything known about a text but it."""

    title: str | None
    source: str | None
    date: str | None
    url: str | None
    external_id: str | None


@dataclass(frozen=True)
class Document:
    """An article: its exact text and what is known about it.

    ``id`` is computed from the text when not given. ``external_id`` keeps the id the text
    had in its source (a CSV column, a PTC article number).
    """

    text: str
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    external_id: str | None = None
    id: str = field(default="")
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise InputError(f"document text must be str, got {type(self.text).__name__}")
        if not self.text.strip():
            raise InputError("document text is empty: nothing to analyze")
        for name in ("text", "title", "source", "date", "url", "external_id"):
            value = getattr(self, name)
            found = _SURROGATE.search(value) if isinstance(value, str) else None
            if found:  # JSON can spell one ("\ud800"); no UTF-8 text can hold it
                raise InputError(
                    f"document {name} contains a lone surrogate (U+{ord(found.group()):04X}) "
                    f"at character {found.start()}: not valid Unicode text"
                )
        if len(self.text) > MAX_TEXT_CHARS:
            raise TooLarge(
                f"document text has {len(self.text):,} characters, more than the limit of "
                f"{MAX_TEXT_CHARS:,}: split it into several documents"
            )
        if not self.id:
            object.__setattr__(self, "id", document_id(self.text))

    def with_metadata(self, **changes: Unpack[Metadata]) -> Document:
        """Return a copy with some metadata replaced (never the text, so the id is kept)."""
        if "text" in changes or "id" in changes:
            raise ValueError("with_metadata cannot change text or id")
        return replace(self, **changes)

    @property
    def words(self) -> int:
        """Number of white-space separated words in the text."""
        return len(self.text.split())
