"""What counts as speech: the cue lexicons and the event record shared by the quote finders.

The quote analyzer (:mod:`.quotes`) gathers *speech events* from three finders —
:mod:`.direct_speech` (quotation marks), :mod:`.indirect_speech` (``X said that …``,
``according to X``) — each a :class:`SpeechEvent` with the content span, the cue and the
token or name of the speaker, before speakers are resolved in reading order. The verb lists
are hand-made from the attribution cues most frequent in news (Pareti, *Attribution: A
Computational Approach*, 2015, ch. 4); they are lemmas, so ``said``, ``says`` and ``saying``
all count. Thought verbs (``believe``, ``fear``) are left out on purpose: they report no
speech.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .speakers import Speaker

__all__ = [
    "DIRECT_CUES",
    "MIN_QUOTE_WORDS",
    "SPEECH_VERBS",
    "SpeechEvent",
    "covers",
    "paragraph_bounds",
]

#: Lemmas of verbs that report speech with a clause (indirect speech) or a quotation.
SPEECH_VERBS = frozenset(
    """say tell add warn claim state announce insist argue explain note declare write report
    allege suggest confirm admit assert reveal tweet mention stress acknowledge caution promise
    deny reply respond recall complain contend emphasize emphasise observe predict testify urge
    vow concede maintain remark agree post testify""".split()
)
#: Lemmas that introduce a direct quote but not indirect speech (``he continued``).
DIRECT_CUES = SPEECH_VERBS | frozenset(
    "continue conclude detail call describe speak ask yell shout scream quip begin".split()
)
#: Quoted stretches shorter than this are quotes only when a speech verb governs them.
MIN_QUOTE_WORDS = 5


@dataclass
class SpeechEvent:
    """One act of reported speech before its speaker is resolved.

    ``subject`` is the spaCy token that names or stands for the speaker (resolved later, in
    reading order); ``speaker`` is set instead when the finder already knows the name.
    """

    kind: str
    content_start: int
    content_end: int
    cue: Any = None
    subject: Any = None
    speaker: Speaker | None = None
    cue_text: str | None = None


def covers(spans: list[tuple[int, int]], start: int, end: int, share: float) -> bool:
    """True when one of ``spans`` overlaps at least ``share`` of ``[start, end)``.

    >>> covers([(0, 10)], 5, 15, 0.5), covers([(0, 10)], 8, 18, 0.5)
    (True, False)
    """
    width = max(1, end - start)
    return any(min(end, e) - max(start, s) >= share * width for s, e in spans)


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """``[start, end)`` of the paragraph (text between blank lines) around ``offset``.

    >>> paragraph_bounds("a\\n\\nbc\\n\\nd", 4)
    (3, 5)
    """
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return (0 if start == -1 else start + 2), (len(text) if end == -1 else end)
