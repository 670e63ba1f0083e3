"""What characterises a story: a representative headline, its terms, places and actors.

The headline is that of the member closest to the story's centroid (by sentence vector when
there are vectors, else by lead words) — a medoid, as newsLens (Laban & Hearst 2017) names a
story by one of its own headlines rather than generating one. Terms are the words with the
largest weight in the centroid of the members' TF-IDF vectors (numbers left out); places and
actors are the named places and the other named entities found in most members' leads.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date

import numpy as np

from .cluster import Cluster
from .model import Story

__all__ = ["TERMS", "describe", "story_id"]

#: How many terms, places and actors a story lists.
TERMS = 8
_NAMES = 5


def story_id(method: str, first_document: str) -> str:
    """The id of a new story: stable for the same method and first document.

    >>> story_id("stories.v1", "0123456789abcdef")
    's-a80ed84e494f'
    """
    return "s-" + hashlib.sha256(f"{method}:{first_document}".encode()).hexdigest()[:12]


def _representative(cluster: Cluster) -> str:
    members = cluster.members
    if cluster.vector is not None and all(m.vector is not None for m in members):
        scores = [float(m.vector @ cluster.vector) for m in members]
    else:
        scores = [sum(cluster.words.get(t, 0.0) for t in m.words) for m in members]
    return members[int(np.argmax(scores))].title


def _most_common(counters: list[Counter[str]]) -> tuple[str, ...]:
    seen: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for counter in counters:
        for name in counter:
            key = name.lower()
            seen[key] += 1
            shown.setdefault(key, name)
    return tuple(shown[k] for k, _ in seen.most_common(_NAMES))


def describe(cluster: Cluster, story: str) -> Story:
    """The :class:`Story` of a cluster, with id ``story``."""
    members = sorted(cluster.members, key=lambda m: (m.day, m.id))
    terms = sorted(
        (t for t in cluster.words if t[0].isalpha()), key=lambda t: (-cluster.words[t], t)
    )
    sources = tuple(sorted({m.source for m in members if m.source}))
    return Story(
        id=story,
        title=_representative(cluster),
        documents=tuple(m.id for m in members),
        sources=sources,
        first_date=date.fromordinal(cluster.first_day).isoformat(),
        last_date=date.fromordinal(cluster.last_day).isoformat(),
        terms=tuple(terms[:TERMS]),
        places=_most_common([m.places for m in members]),
        actors=_most_common([m.actors for m in members]),
    )
