"""Sparse TF-IDF vectors as ``{term: weight}`` dicts, and the cosine of two of them.

Weights are sublinear term frequency times smoothed inverse document frequency,
``(1 + ln tf) * (1 + ln((n + 1) / (df + 1)))`` (Salton & Buckley 1988; the smoothing of
scikit-learn), L2-normalised, so the dot product of two vectors is their cosine. The
document frequencies are those of the documents being grouped together, so the weights of a
corpus's commonplace words ("syria", "killed") fall without a stop list written for it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = ["Idf", "dot"]


class Idf:
    """Inverse document frequencies of the terms of a collection of count vectors.

    >>> idf = Idf([Counter(a=1, b=1), Counter(a=2)])
    >>> sorted(idf.weigh(Counter(a=1, b=1)), key=str)
    ['a', 'b']
    >>> round(dot(idf.weigh(Counter(b=1)), idf.weigh(Counter(b=3))), 3)
    1.0
    """

    def __init__(self, counts: Iterable[Mapping[str, int]]) -> None:
        frequencies: Counter[str] = Counter()
        size = 0
        for vector in counts:
            frequencies.update(vector.keys())
            size += 1
        self._weights = {
            term: 1.0 + math.log((size + 1) / (df + 1)) for term, df in frequencies.items()
        }
        self._unseen = 1.0 + math.log(size + 1)

    def weigh(self, counts: Mapping[str, int]) -> dict[str, float]:
        """The L2-normalised TF-IDF vector of a count vector (empty if it has no terms)."""
        weights = {
            term: (1.0 + math.log(tf)) * self._weights.get(term, self._unseen)
            for term, tf in counts.items()
            if tf > 0
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {term: w / norm for term, w in weights.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors (iterating over the shorter one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(term, 0.0) for term, w in a.items())
