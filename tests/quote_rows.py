"""The quotes of a one-liner as rows, for the quotes.v4 and quotes.v5 regression tests."""

from __future__ import annotations

from slant.analyzers.quotes import extract_quotes
from slant.nlp import parse


def quote_rows(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, content, speaker, mention words) of each quote of ``text``."""
    out = []
    for q in extract_quotes(parse(text)):
        assert text[q.content_start : q.content_end] == q.content
        mention = None
        if q.speaker_mention_start is not None and q.speaker_mention_end is not None:
            mention = text[q.speaker_mention_start : q.speaker_mention_end]
        out.append((q.kind, q.content, q.speaker, mention))
    return out
