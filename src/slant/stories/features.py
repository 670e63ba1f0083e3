"""What a document brings to story grouping: its date, the words and names of its lead, and
a sentence vector of it.

The *lead* is the headline and the first :data:`LEAD_WORDS` words of the text: news writing
puts the event (who, what, where, how many) there, and the rest of an article drifts into
background that many stories share. From the lead come three views, as in Miranda et al.
(2018, "Multilingual clustering of streaming news", EMNLP), who combine several TF-IDF
views of a document (words, named entities) with its timestamp:

- ``words``: counts of its content words (the tokenizer of :mod:`slant.compare.terms`, stop
  words out) plus its numbers other than years — tolls ("35", "43") are strong cues that two
  reports tell the same incident;
- ``names``: counts of its named entities (people, organisations, groups, places, events;
  spaCy ``en_core_web_sm``'s recogniser), lower-cased;
- ``vector``: the shared MiniLM sentence encoder (:mod:`slant.encoder`) run on the lead.

Documents without a date cannot be placed in time and are not grouped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..words import STOP_WORDS, tokenise

__all__ = [
    "ENTITY_LABELS",
    "LEAD_WORDS",
    "PLACE_LABELS",
    "DocumentFeatures",
    "extract_features",
    "lead_of",
    "lead_words",
]

#: Words of the text that make the lead, after the headline.
LEAD_WORDS = 60
#: spaCy entity labels kept as names.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT"})
#: The labels of those that are places (the rest are actors).
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_YEAR = re.compile(r"^(19|20)\d\d$")
_BATCH = 64


@dataclass(frozen=True)
class DocumentFeatures:
    """The features of one document (see the module docstring)."""

    id: str
    day: int
    title: str
    source: str | None
    words: Counter[str]
    names: Counter[str]
    places: Counter[str]
    actors: Counter[str]
    vector: np.ndarray | None


def lead_of(title: str | None, text: str, *, words: int = LEAD_WORDS) -> str:
    """The headline and the first ``words`` words of the text, as one string.

    >>> lead_of("Blast in Homs", "Two car bombs exploded on Wednesday in the city.", words=3)
    'Blast in Homs. Two car bombs'
    """
    body = " ".join(text.split()[:words])
    return f"{title.strip()}. {body}" if title and title.strip() else body


def lead_words(lead: str) -> Counter[str]:
    """Content words and non-year numbers of a lead, with their counts.

    >>> sorted(lead_words("US-led raids kill 35 jihadists in 2014, raids say").items())
    [('35', 1), ('jihadists', 1), ('kill', 1), ('raids', 2), ('say', 1), ('us-led', 1)]
    """
    counts: Counter[str] = Counter()
    for token in tokenise(lead):
        if token in STOP_WORDS:
            continue
        if token[0].isalpha() or (token.isdigit() and not _YEAR.match(token)):
            counts[token] += 1
    return counts


def _day(iso: str) -> int:
    return date.fromisoformat(iso[:10]).toordinal()


def extract_features(
    documents: Sequence[tuple[str, str | None, str | None, str | None, str]],
    *,
    use_vectors: bool = True,
) -> list[DocumentFeatures]:
    """Features of ``(id, title, source, date, text)`` tuples that have a date, in input order.

    Named entities come from one batched pass of the entity recogniser over the leads, the
    vectors from one batched pass of the sentence encoder (skipped when ``use_vectors`` is
    false, e.g. for the TF-IDF baseline).
    """
    from ..nlp import get_entity_recognizer

    dated = [(i, t, s, d, x) for i, t, s, d, x in documents if d]
    leads = [lead_of(title, text) for _, title, _, _, text in dated]
    names: list[Counter[str]] = []
    places: list[Counter[str]] = []
    actors: list[Counter[str]] = []
    for parsed in get_entity_recognizer().pipe(leads, batch_size=_BATCH):
        found: Counter[str] = Counter()
        where: Counter[str] = Counter()
        who: Counter[str] = Counter()
        for entity in parsed.ents:
            if entity.label_ not in ENTITY_LABELS:
                continue
            name = " ".join(entity.text.lower().split()).removeprefix("the ")
            found[name] += 1
            shown = " ".join(entity.text.split()).removeprefix("the ")
            (where if entity.label_ in PLACE_LABELS else who)[shown] += 1
        names.append(found)
        places.append(where)
        actors.append(who)
    vectors: list[np.ndarray | None] = [None] * len(dated)
    if use_vectors and dated:
        from ..encoder import encode

        vectors = list(encode(leads))
    return [
        DocumentFeatures(
            id=doc_id,
            day=_day(day or ""),
            title=(title or "").strip() or lead.split(". ", 1)[0][:120],
            source=source,
            words=lead_words(lead),
            names=names[i],
            places=places[i],
            actors=actors[i],
            vector=vectors[i],
        )
        for i, ((doc_id, title, source, day, _), lead) in enumerate(zip(dated, leads, strict=True))
    ]
