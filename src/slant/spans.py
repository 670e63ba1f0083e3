"""Character spans: the offsets every finding is made of, and the sentences of a parse.

Offsets ``[start, end)`` into ``Document.text`` are the only durable coordinates in slant
(see :mod:`slant.document`). This module is the one place that says when two spans overlap,
when one contains another, how a span is trimmed of white space, how a character span is
mapped onto spaCy tokens, and which sentences a parsed document has.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["Span", "char_span", "overlaps_any", "sentences"]


class Span(NamedTuple):
    """A half-open character span ``[start, end)`` of a text.

    A ``Span`` is a tuple, so ``(0, 4) == Span(0, 4)`` and it unpacks as ``start, end``.

    >>> Span(0, 5).overlaps(Span(4, 9)), Span(0, 5).overlaps(Span(5, 9))
    (True, False)
    >>> Span(0, 10).contains(Span(2, 5))
    True
    >>> Span(0, 9).strip("  Hello  ")
    Span(start=2, end=7)
    """

    start: int
    end: int

    def overlaps(self, other: tuple[int, int]) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other[1] and other[0] < self.end

    def contains(self, other: tuple[int, int]) -> bool:
        """True when ``other`` lies wholly inside this span."""
        return self.start <= other[0] and other[1] <= self.end

    def strip(self, text: str) -> Span:
        """This span without the white space at either end of ``text[start:end]``."""
        start, end = self.start, self.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(start, end)


def overlaps_any(span: tuple[int, int], others: Iterable[tuple[int, int]]) -> bool:
    """True when ``span`` overlaps any of ``others``.

    >>> overlaps_any((3, 6), [(0, 2), (5, 8)])
    True
    """
    return any(Span(*span).overlaps(other) for other in others)


def char_span(doc: Doc, start: int, end: int) -> SpacySpan | None:
    """The spaCy span of the tokens that cover ``[start, end)`` (spaCy's ``expand`` mode), or
    None when the span is empty or outside the text."""
    if not 0 <= start < end <= len(doc.text):
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def sentences(doc: Doc) -> list[Span]:
    """The sentences of a spaCy ``Doc`` that contain a letter, trimmed of white space.

    ``doc.text[start:end]`` is each sentence; this is the one sentence list the analyzers
    share (through :attr:`slant.pipeline.Context.sentences`).
    """
    text = doc.text
    out = []
    for sent in doc.sents:
        span = Span(sent.start_char, sent.end_char).strip(text)
        if any(ch.isalpha() for ch in text[span.start : span.end]):
            out.append(span)
    return out
