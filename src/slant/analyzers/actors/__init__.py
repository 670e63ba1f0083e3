"""Actors: who is named in a text, what the text calls them, their tone and how often quoted.

This module is the thin analyzer layer over two pure steps: :mod:`.mentions` finds and merges
the mentions of each person, organisation, group (NORP) and place (GPE, LOC) — the ``type`` is
spaCy's entity label — and :mod:`.descriptors` finds the words the text applies to each one
(modifier, apposition, predicate, scare_quote, label). On top of them:

- ``tone`` is the mean VADER compound score of the sentences that mention the actor
  (:func:`slant.analyzers.tone.tone_at` over the ``tone`` analyzer's sentence scores);
- ``label`` descriptors (``the terrorists`` for al-Nusra, ``the state`` for California) are
  linked by :func:`.labels.link_labels`: the one actor the text has already called N, or the
  one actor of the kind N names, named within three sentences (precision over recall: a wrong
  link puts words in the text's mouth);
- ``times_quoted`` counts the quotes of the ``quotes`` analyzer whose speaker resolves to the
  actor: the head word of the speaker span (its last word before a preposition, so
  "commentator on RT" is not RT and "Russian defence minister" is not "Russian") lies in one
  of its mentions or ``label`` descriptors, or the speaker's name equals a form of the
  actor's name (full name, surname, acronym, case ignored).

``role`` and ``role_score`` are left ``None`` for the ``roles`` analyzer. It does not resolve
pronouns, so a sentence that names an actor only as "he" does not count toward its tone.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

from ...analysis import Actor, Descriptor, Quote, ScareQuote, SentenceTone, Tone
from ...pipeline import Context, analyzer
from ..quotes.docindex import doc_text
from ..tone import tone_at
from .descriptors import find_descriptors
from .labels import link_labels
from .mentions import ActorCluster, find_actor_clusters

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["actors", "find_actors", "link_labels"]


_PREPOSITION = re.compile(r"\s(?:of|on|at|in|for|from|with)\s")


def _speaker_head(text: str, start: int, end: int) -> tuple[int, int]:
    """The head word of a speaker phrase: its last word before any preposition.

    >>> _speaker_head("a commentator on RT", 0, 19)
    (2, 13)
    """
    phrase = text[start:end]
    cut = _PREPOSITION.search(phrase)
    phrase = phrase[: cut.start()] if cut else phrase
    words = phrase.split()
    if not words:
        return start, end
    head_start = start + phrase.rindex(words[-1])
    return head_start, head_start + len(words[-1])


def _speaker_keys(quotes: Sequence[Quote], text: str) -> list[tuple[tuple[int, int] | None, str]]:
    """For each quote, the head word span of its speaker (None without one) and the speaker's
    name lower-cased: what :func:`_times_quoted` compares with each actor."""
    keys: list[tuple[tuple[int, int] | None, str]] = []
    for quote in quotes:
        start, end = quote.speaker_start, quote.speaker_end
        head = None
        if start is not None and end is not None and end > start:
            head = _speaker_head(text, start, end)
        keys.append((head, (quote.speaker or "").strip().lower()))
    return keys


def _times_quoted(
    keys: list[tuple[tuple[int, int] | None, str]],
    cluster: ActorCluster,
    labels: list[Descriptor],
) -> int:
    """How many quotes resolve to the actor (module doc): the speaker's head word lies in one
    of its mentions or ``label`` descriptors, or the speaker's name is a form of its name."""
    spans = sorted([*cluster.mentions, *((d.start, d.end) for d in labels)])
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end so far
    name = cluster.name.lower()
    count = 0
    for head, speaker in keys:
        if head is not None:
            before = bisect_left(starts, head[1])  # the spans that start before the head ends
            if before and reach[before - 1] > head[0]:
                count += 1
                continue
        if not speaker:
            continue
        if speaker in cluster.forms or speaker == name:
            count += 1
        elif " " not in speaker and cluster.type == "PERSON" and name.endswith(f" {speaker}"):
            count += 1
    return count


def find_actors(
    doc: Doc,
    *,
    sentence_tones: Sequence[SentenceTone] = (),
    quotes: Sequence[Quote] = (),
    scare_spans: Sequence[tuple[int, int]] = (),
) -> list[Actor]:
    """Return the actors of a parsed document with descriptors, tone and times quoted.

    ``sentence_tones`` and ``quotes`` are the ``tone`` and ``quotes`` analyzers' outputs;
    ``scare_spans`` the ``[start, end)`` of scare-quoted words.

    >>> from slant.nlp import parse
    >>> found = find_actors(parse("Bashar al-Assad, the brutal dictator, spoke."))
    >>> [(a.name, [d.text for d in a.descriptors]) for a in found]
    [('Bashar al-Assad', ['brutal dictator'])]
    """
    clusters = find_actor_clusters(doc)
    descriptors = find_descriptors(doc, clusters, scare_spans=list(scare_spans))
    link_labels(doc, clusters, descriptors)
    keys = _speaker_keys(quotes, doc_text(doc))
    return [
        Actor(
            name=cluster.name,
            type=cluster.type,
            mentions=list(cluster.mentions),
            descriptors=found,
            tone=tone_at(sentence_tones, cluster.mentions),
            times_quoted=_times_quoted(keys, cluster, [d for d in found if d.relation == "label"]),
        )
        for cluster, found in zip(clusters, descriptors, strict=True)
    ]


@analyzer(
    "actors",
    version="actors.v6",
    sets=("actors",),
    requires=("tone", "quotes", "scare_quotes"),
)
def actors(ctx: Context) -> dict[str, list[Actor]]:
    """People, organisations, groups and places, with descriptors, tone and times quoted."""
    tone: Tone = ctx.output("tone")
    scare: list[ScareQuote] = ctx.output("scare_quotes")
    found = find_actors(
        ctx.doc,
        sentence_tones=tone.sentences,
        quotes=ctx.output("quotes"),
        scare_spans=[(s.start, s.end) for s in scare],
    )
    return {"actors": found}
