"""Sentence tone with VADER, and the document's mean tone.

Method: VADER (Hutto & Gilbert, ICWSM 2014), a lexicon and rule-based sentiment model; the
compound score of each spaCy sentence, and their mean for the document. It measures the
valence of the words, not the stance of the writer: "rebels were killed" and "terrorists
were killed" both read as negative. Other analyzers (``actors``) read the sentence scores
from this one to give the tone of the sentences that mention each actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..analysis import SentenceTone, Tone
from ..pipeline import Context, analyzer
from ..spans import overlaps_any

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

__all__ = ["sentence_tones", "tone_at", "tone"]

#: Sentences longer than this are scored on their first part (VADER is quadratic-ish).
_MAX_SENTENCE_CHARS = 2000


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_tones(doc: Doc) -> list[SentenceTone]:
    """Return the VADER compound score of each non-blank sentence of a spaCy ``Doc``."""
    vader = _vader()
    out = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not any(ch.isalpha() for ch in text):
            continue
        score = vader.polarity_scores(text[:_MAX_SENTENCE_CHARS])["compound"]
        out.append(SentenceTone(start=sent.start_char, end=sent.end_char, compound=score))
    return out


def tone_at(sentences: Sequence[SentenceTone], spans: Sequence[tuple[int, int]]) -> float | None:
    """Mean compound score of the sentences (the ``tone`` output) overlapping any span.

    This is the hook other analyzers use for the tone around an actor or a subject.

    >>> tone_at([SentenceTone(start=0, end=10, compound=0.5)], [(2, 4)])
    0.5
    """
    hits = [s.compound for s in sentences if overlaps_any((s.start, s.end), spans)]
    return round(sum(hits) / len(hits), 4) if hits else None


@analyzer("tone", version="tone.v1", sets=("tone",))
def tone(ctx: Context) -> dict[str, Tone]:
    """Sentence and document tone (VADER compound, -1 to 1)."""
    sentences = sentence_tones(ctx.doc)
    mean = sum(s.compound for s in sentences) / len(sentences) if sentences else 0.0
    return {"tone": Tone(compound=round(mean, 4), sentences=sentences)}
