"""Whose voice a technique span is in: the author's, or a quoted speaker's.

A span is **quoted** when at least half of its characters lie inside the content of one quote
of the ``quotes`` analyzer (direct, indirect or ``according to``: reported speech is the
speaker's claim even when the author paraphrases it); it then carries the index of that
quote in ``Analysis.quotes`` and the quote's resolved speaker (``None`` when the quote has
none). Otherwise it is in the **author**'s voice. When quotes overlap (a quotation inside a
reported clause), the one that covers most of the span wins, the shorter on a tie, so a span
inside a verbatim fragment belongs to that fragment.

This is the distinction media analysts draw by hand when they separate an outlet's own
rhetoric from the rhetoric of the sources it quotes (e.g. van Dijk, *News as Discourse*,
1988, on reported speech). What it does not do: decide whether the author endorses a quote,
or see quotes the quotes analyzer missed (a missed quote leaves its spans in the author's
voice).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..analysis import Quote, TechniqueVoice

__all__ = ["Voice", "voice_of"]


class Voice(NamedTuple):
    """Whose words a span is: ``voice``, and for a quoted span its quote index and speaker."""

    voice: TechniqueVoice
    quote: int | None = None
    speaker: str | None = None


def voice_of(start: int, end: int, quotes: Sequence[Quote]) -> Voice:
    """Return the :class:`Voice` of the span ``[start, end)`` among ``quotes``.

    >>> q = Quote("direct", "Ann Lee", 0, 7, "said", "They are thugs", 14, 28)
    >>> voice_of(23, 28, [q])
    Voice(voice='quoted', quote=0, speaker='Ann Lee')
    >>> voice_of(0, 7, [q])
    Voice(voice='author', quote=None, speaker=None)
    """
    length = max(end - start, 1)
    best: tuple[int, int, int] | None = None  # (overlap, -content length, -index)
    for index, quote in enumerate(quotes):
        overlap = min(end, quote.content_end) - max(start, quote.content_start)
        if overlap * 2 < length or overlap <= 0:
            continue
        key = (overlap, -(quote.content_end - quote.content_start), -index)
        if best is None or key > best:
            best = key
    if best is None:
        return Voice("author")
    index = -best[2]
    return Voice("quoted", index, quotes[index].speaker)
