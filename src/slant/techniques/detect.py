"""Detect and label technique spans in one article: the model, plus one transparent rule.

:func:`detect` runs span identification and classification of :mod:`.runtime` and adds the
rally-slogan rule :func:`rally_slogans`: a clause that opens with a rallying formula ("Victory
to …", "Long live …", "Death to …", "Down with …", "Glory to …", "Power to …", "Hands off …")
at the start of a sentence, line or quotation is a Slogan (SemEval-2020 Task 11: a brief,
striking phrase that acts as an emotional appeal). On the PTC training articles the rule fires
9 times, 7 of them on annotated slogans. Its findings carry the fixed score :data:`RULE_SCORE`
(about that precision), which calibration leaves alone. It does not find slogans without
such a formula ("Make America great again") — the model has to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..spans import overlaps_any
from .calibration import load_calibration
from .runtime import ArticleStates, TechniqueModel

__all__ = ["RULE_SCORE", "Detection", "detect", "rally_slogans"]

#: Score given to a span found by the slogan rule.
RULE_SCORE = 0.8

_RALLY = re.compile(
    r"(?:victory\s+to|glory\s+to|power\s+to|death\s+to|long\s+live|down\s+with|hands\s+off)"
    r"\s+[^\n.!?”\"]{1,120}[!.]?",
    flags=re.IGNORECASE,
)
_OPENERS = "\n.!?:;“\"‘'(—–"


@dataclass(frozen=True)
class Detection:
    """A technique span: ``[start, end)`` in the article text, with its score.

    ``score`` is calibrated when the model folder has a calibration map
    (:mod:`.calibration`); ``span_score`` and ``technique_score`` are the model's two raw
    probabilities it is computed from (None for a rule finding).
    """

    technique: str
    start: int
    end: int
    score: float
    span_score: float | None = None
    technique_score: float | None = None


def rally_slogans(text: str) -> list[tuple[int, int]]:
    """Return spans of clauses that open with a rallying formula.

    >>> text = "We say it loud. Victory to the workers! Long live the republic."
    >>> [text[s:e] for s, e in rally_slogans(text)]
    ['Victory to the workers!', 'Long live the republic.']
    """
    spans = []
    for match in _RALLY.finditer(text):
        before = text[: match.start()].rstrip(" \t")
        if not before or before[-1] in _OPENERS:
            spans.append((match.start(), match.end()))
    return spans


def detect(
    model: TechniqueModel, states: ArticleStates, *, calibrated: bool = True
) -> list[Detection]:
    """Find the technique spans of an encoded article, in document order.

    Each span found by the model gets its most likely technique (by the model's detected-span
    head when it has one); ``score`` is the calibrated probability that a gold span overlaps
    it (the model folder's calibration map), or, with ``calibrated=False`` or no map, the
    span's probability times the technique's probability.
    A rule slogan that overlaps a slogan the model found is not added again.
    """
    calibration = load_calibration(model.folder) if calibrated else None
    spans = model.find_spans(states)
    probs = model.classify(states, [(start, end) for start, end, _ in spans], detected=True)
    found = []
    for (start, end, span_score), row in zip(spans, probs, strict=True):
        technique_score = float(row.max())
        score = (
            calibration.probability(span_score, technique_score, end - start)
            if calibration is not None
            else round(span_score * technique_score, 4)
        )
        found.append(
            Detection(
                model.techniques[int(row.argmax())],
                start,
                end,
                score,
                span_score=span_score,
                technique_score=round(technique_score, 4),
            )
        )
    slogans = [(d.start, d.end) for d in found if d.technique == "Slogans"]
    for start, end in rally_slogans(states.encoded.text):
        if not overlaps_any((start, end), slogans):
            found.append(Detection("Slogans", start, end, RULE_SCORE))
    return sorted(found, key=lambda d: (d.start, d.end, d.technique))
