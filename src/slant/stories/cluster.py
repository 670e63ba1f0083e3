"""Online single-pass clustering of documents into stories, in date order, within a window.

Method: the streaming clustering of Miranda et al. (2018, "Multilingual clustering of
streaming news", EMNLP): each document, taken in date order, is compared with the centroids
of the stories still open and joins the most similar one if the similarity reaches a
threshold, else it starts a new story. The similarity of a document and a story is a
weighted sum of the cosines of their views (:mod:`slant.stories.features`): TF-IDF of the
lead's words, TF-IDF of its named entities, and the MiniLM sentence vector — Miranda et al.
learn those weights; here they were chosen on the labelled development stories
(``slant/data/gold/README.md``, ``docs/stories.md``). As in newsLens (Laban & Hearst 2017,
"newsLens: building and visualizing long-ranging news stories"), time blocks the comparison:
a document is compared only with stories whose dates lie within :attr:`Settings.window_days`
of its own, so the cost grows with the number of documents times the stories of a few days,
never with all pairs of the corpus.

Blocking works in two steps: an inverted index from each word and name to the open stories
that contain it gives the candidates (a story sharing nothing with the document is never
scored), and only the :attr:`Settings.candidates` best by the sparse views are scored with
the vectors. Stories whose last date falls out of the window are dropped from the index as
the stream moves on. A story never splits or merges once formed (single pass): what the
first documents of a story say shapes what joins it later.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from .features import DocumentFeatures
from .tfidf import Idf

__all__ = ["Settings", "StoryClusterer", "Cluster"]


@dataclass(frozen=True)
class Settings:
    """The knobs of the clusterer; the defaults are ``stories.v1``'s, chosen on the dev
    stories (see ``docs/stories.md`` for how sensitive the result is to each)."""

    #: A story stays open for documents dated up to this many days after its last one.
    window_days: int = 3
    #: Similarity a document needs to join a story.
    threshold: float = 0.4
    weight_words: float = 0.3
    weight_names: float = 0.3
    weight_vector: float = 0.4
    #: Taken off the similarity per window's worth of days between the document and the
    #: story's mean date (Miranda et al.'s timestamp feature, made linear).
    weight_gap: float = 0.1
    #: Taken off when the story already has a report by the same source on another day (an
    #: outlet's daily reports of like incidents are different events more often than not).
    weight_same_source: float = 0.3
    #: Stories scored with the sentence vectors, the best by words and names.
    candidates: int = 20


@dataclass
class Cluster:
    """A story being built: its members and the sums of their vectors."""

    key: str
    first_day: int
    last_day: int
    members: list[DocumentFeatures] = field(default_factory=list)
    #: Similarity of each member that joined an existing story when it joined.
    similarity: dict[str, float] = field(default_factory=dict)
    words: dict[str, float] = field(default_factory=dict)
    words_norm2: float = 0.0
    names: dict[str, float] = field(default_factory=dict)
    names_norm2: float = 0.0
    vector: np.ndarray | None = None
    day_sum: int = 0
    source_days: dict[str | None, set[int]] = field(default_factory=dict)

    @property
    def mean_day(self) -> float:
        return self.day_sum / max(len(self.members), 1)


def _add_sparse(total: dict[str, float], norm2: float, vector: dict[str, float]) -> float:
    """Add ``vector`` into ``total`` in place; return the new squared norm of ``total``."""
    cross = sum(w * total.get(t, 0.0) for t, w in vector.items())
    for term, weight in vector.items():
        total[term] = total.get(term, 0.0) + weight
    return norm2 + 2 * cross + sum(w * w for w in vector.values())


class StoryClusterer:
    """Single-pass clustering; feed documents in date order with :meth:`add`.

    ``word_idf`` and ``name_idf`` weigh the sparse views; existing stories are given first
    with :meth:`seed`, so a new run extends a stored grouping instead of redoing it.
    """

    def __init__(self, word_idf: Idf, name_idf: Idf, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._word_idf = word_idf
        self._name_idf = name_idf
        self.clusters: dict[str, Cluster] = {}
        self._word_index: dict[str, set[str]] = {}
        self._name_index: dict[str, set[str]] = {}
        self._closing: list[tuple[int, str]] = []
        self._serial = 0

    def seed(self, key: str, members: Iterable[DocumentFeatures]) -> None:
        """Open an existing story ``key`` with its members (any date order)."""
        for features in sorted(members, key=lambda f: f.day):
            self._join(key, features)

    def add(self, features: DocumentFeatures) -> tuple[str, float, bool]:
        """Place one document: ``(story key, similarity, new story?)``."""
        self._close_before(features.day - self.settings.window_days)
        words = self._word_idf.weigh(features.words)
        names = self._name_idf.weigh(features.names)
        best_key, best_score = None, -math.inf
        for key, score in self._score(features, words, names):
            if score > best_score:
                best_key, best_score = key, score
        if best_key is not None and best_score >= self.settings.threshold:
            self._join(best_key, features, words, names)
            self.clusters[best_key].similarity[features.id] = best_score
            return best_key, best_score, False
        self._serial += 1
        key = f"new-{self._serial}"
        self._join(key, features, words, names)
        return key, 0.0 if best_key is None else max(best_score, 0.0), True

    def _score(
        self, features: DocumentFeatures, words: dict[str, float], names: dict[str, float]
    ) -> list[tuple[str, float]]:
        s = self.settings
        window = s.window_days
        sparse: dict[str, float] = {}
        for view, index, weight, attr in (
            (words, self._word_index, s.weight_words, "words"),
            (names, self._name_index, s.weight_names, "names"),
        ):
            dots: dict[str, float] = {}
            for term, w in view.items():
                for key in index.get(term, ()):
                    dots[key] = dots.get(key, 0.0) + w * getattr(self.clusters[key], attr)[term]
            for key, value in dots.items():
                norm2 = getattr(self.clusters[key], attr + "_norm2")
                sparse[key] = sparse.get(key, 0.0) + weight * value / math.sqrt(max(norm2, 1e-12))
        in_window = [
            (score, key)
            for key, score in sparse.items()
            if self.clusters[key].first_day - window <= features.day
            and features.day <= self.clusters[key].last_day + window
        ]
        if s.weight_gap:
            span = max(window, 1)
            in_window = [
                (score - s.weight_gap * abs(features.day - self.clusters[key].mean_day) / span, key)
                for score, key in in_window
            ]
        if s.weight_same_source and features.source:
            in_window = [
                (score - s.weight_same_source * self._other_day(key, features), key)
                for score, key in in_window
            ]
        best = heapq.nlargest(s.candidates, in_window)
        if features.vector is None or not s.weight_vector:
            return [(key, score) for score, key in best]
        scored = []
        for score, key in best:
            total = self.clusters[key].vector
            if total is not None:
                norm = float(np.linalg.norm(total))
                score += s.weight_vector * float(features.vector @ total) / max(norm, 1e-12)
            scored.append((key, score))
        return scored

    def _other_day(self, key: str, features: DocumentFeatures) -> bool:
        days = self.clusters[key].source_days.get(features.source, ())
        return any(day != features.day for day in days)

    def _join(
        self,
        key: str,
        features: DocumentFeatures,
        words: dict[str, float] | None = None,
        names: dict[str, float] | None = None,
    ) -> None:
        words = self._word_idf.weigh(features.words) if words is None else words
        names = self._name_idf.weigh(features.names) if names is None else names
        cluster = self.clusters.get(key)
        if cluster is None:
            cluster = self.clusters[key] = Cluster(key, features.day, features.day)
        cluster.members.append(features)
        cluster.day_sum += features.day
        cluster.source_days.setdefault(features.source, set()).add(features.day)
        cluster.first_day = min(cluster.first_day, features.day)
        cluster.last_day = max(cluster.last_day, features.day)
        cluster.words_norm2 = _add_sparse(cluster.words, cluster.words_norm2, words)
        cluster.names_norm2 = _add_sparse(cluster.names, cluster.names_norm2, names)
        if features.vector is not None:
            if cluster.vector is None:
                cluster.vector = features.vector.astype(np.float32).copy()
            else:
                cluster.vector += features.vector
        for term in words:
            self._word_index.setdefault(term, set()).add(key)
        for term in names:
            self._name_index.setdefault(term, set()).add(key)
        heapq.heappush(self._closing, (cluster.last_day, key))

    def _close_before(self, day: int) -> None:
        """Drop from the index the stories whose last date is before ``day``."""
        while self._closing and self._closing[0][0] < day:
            last_day, key = heapq.heappop(self._closing)
            cluster = self.clusters[key]
            if cluster.last_day != last_day:
                continue  # it grew since; a later entry of the heap stands for it
            for term in cluster.words:
                self._word_index.get(term, set()).discard(key)
            for term in cluster.names:
                self._name_index.get(term, set()).discard(key)
