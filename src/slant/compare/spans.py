"""Character spans a comparison works with: subject windows and evidence sentences.

In subject mode (``--subject-a Aleppo --subject-b Mosul``) a side is not whole documents but
the sentences that mention its subject, optionally widened by ``window`` neighbouring
sentences. Sentence boundaries come from the stored ``tone.sentences`` (spaCy's sentences,
as the tone analyzer saw them); a document annotated without tone falls back to a plain
punctuation rule. A subject matches case-insensitively as whole words ("Aleppo" matches
"Aleppo's" but not "Aleppoan"). Findings (techniques, quotes, descriptors, claims) belong to
a window when their span overlaps it. Nothing here re-parses text.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "Span",
    "context_around",
    "inside",
    "sentence_spans",
    "subject_pattern",
    "subject_windows",
]

Span = tuple[int, int]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
#: Longest evidence context shown on each side of a finding (characters).
_CONTEXT_CHARS = 240


def sentence_spans(text: str) -> list[Span]:
    """Sentences by a punctuation rule (a fallback when the tone sentences are not stored).

    >>> sentence_spans("One. Two!  Three")
    [(0, 4), (5, 9), (11, 16)]
    """
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def subject_pattern(subject: str) -> re.Pattern[str]:
    """The case-insensitive whole-word pattern of a subject (white space in it is flexible)."""
    words = [re.escape(word) for word in subject.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def subject_windows(
    text: str,
    pattern: re.Pattern[str],
    *,
    sentences: list[dict[str, Any]] | None = None,
    window: int = 0,
) -> list[Span]:
    """The sentences (and ``window`` neighbours each side) that mention the subject, merged.

    >>> subject_windows("Rain fell. Aleppo was hit. Calm.", subject_pattern("aleppo"))
    [(11, 26)]
    """
    hits = [m.start() for m in pattern.finditer(text)]
    if not hits:
        return []
    spans = [(s["start"], s["end"]) for s in sentences] if sentences else sentence_spans(text)
    chosen: set[int] = set()
    for position in hits:
        for index, (start, end) in enumerate(spans):
            if start <= position < end:
                chosen.update(range(max(0, index - window), min(len(spans), index + window + 1)))
                break
    merged: list[Span] = []
    for index in sorted(chosen):
        start, end = spans[index]
        if merged and start <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def inside(start: int, end: int, windows: list[Span] | None) -> bool:
    """Whether ``[start, end)`` overlaps any window (None: the whole document counts)."""
    if windows is None:
        return True
    return any(start < w_end and w_start < end for w_start, w_end in windows)


def context_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence(s) around ``[start, end)``, cut at a few hundred characters.

    >>> text = "First one. The rebels shelled it. Last."
    >>> s, e = context_around(text, 15, 21)
    >>> text[s:e]
    'The rebels shelled it.'
    """
    low = max(0, start - _CONTEXT_CHARS)
    before = [m.end() for m in _SENTENCE_END.finditer(text, low, start)]
    context_start = before[-1] if before else low
    after = _SENTENCE_END.search(text, end, min(len(text), end + _CONTEXT_CHARS))
    context_end = after.start() if after else min(len(text), end + _CONTEXT_CHARS)
    return context_start, max(context_end, end)
