""" "A says X where B says Y": pairs of distinctive terms that the two sides use for the same
thing, found from the contexts each side uses them in.

Method (distributional, no word lists): each candidate — a distinctive term of one side — gets
a context vector built on its own side's texts only: the content words within
:data:`WINDOW` words of each use (not across a sentence end), weighted by positive pointwise
mutual information with the term on that side (Church & Hanks 1990). The two sides' vectors
are compared only over *anchor* words: words both sides use at least :data:`MIN_ANCHOR`
times that are not distinctive of either (|z| < :data:`ANCHOR_Z`). This is the assumption
that makes embedding spaces of two corpora comparable in Hamilton et al. (2016, "Diachronic
word embeddings reveal statistical laws of semantic change": most words keep their meaning,
so they can align the spaces), and the one Gonen et al. (2020, "Simple, interpretable and
stable method for detecting words with usage change across corpora") rely on when they
compare a word's nearest neighbours in each corpus: here the neighbours are the shared
words around a term. When stories are grouped, a term's vector also counts the stories it
is used in, so two terms used about the same events score higher: the cosine of their story
counts weighs :data:`STORY_WEIGHT` · n / (n + :data:`STORY_SHRINK`), n the number of stories
both are used in.

The score of a pair is that cosine shrunk by how many anchor words the two share, ``s``:
``cosine * s / (s + SHRINK)`` (a pair resting on one or two shared words is weak evidence,
as a descriptor resting on one use is in :mod:`.actors`); fewer than :data:`MIN_SHARED`
shared words is no pair. A term of A and a term of B are paired when each is the other's
best-scoring candidate (mutual nearest neighbours, as in bilingual lexicon induction) and
the score reaches :data:`MIN_SCORE`; pairs are ranked by it. ``shared_contexts`` are the
anchor words that contribute most to the score. It does not tell synonyms from antonyms used
in the same slots ("killed" / "injured" can pair), and a term used a handful of times has a
thin vector: candidates need :data:`MIN_COUNT` uses.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..words import STOP_WORDS, tokenise
from .result import AlignedTerm, Example

__all__ = [
    "ANCHOR_Z",
    "MIN_ANCHOR",
    "MIN_COUNT",
    "MIN_SCORE",
    "MIN_SHARED",
    "SHRINK",
    "STORY_SHRINK",
    "STORY_WEIGHT",
    "WINDOW",
    "ContextCounts",
    "align_terms",
]

WINDOW = 4
MIN_ANCHOR = 2
ANCHOR_Z = 2.0
MIN_COUNT = 3
MIN_SCORE = 0.1
MIN_SHARED = 2
SHRINK = 3.0
STORY_WEIGHT = 0.3
STORY_SHRINK = 10.0
_SENTENCE_END = frozenset(".!?;")


@dataclass
class ContextCounts:
    """The contexts of one side's candidate terms, counted over its texts."""

    candidates: frozenset[str]
    contexts: dict[str, Counter[str]] = field(default_factory=dict)
    stories: dict[str, Counter[str]] = field(default_factory=dict)
    uses: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)

    def add_text(self, text: str, story: str | None = None) -> None:
        """Count the uses and contexts of the candidates in one (masked) text."""
        sentence: list[str] = []
        for token in [*tokenise(text), "."]:
            if token in _SENTENCE_END:
                self._add_sentence(sentence, story)
                sentence = []
            elif token[0].isalpha() and token not in STOP_WORDS:
                sentence.append(token)

    def _add_sentence(self, words: list[str], story: str | None) -> None:
        self.words.update(words)
        for i, word in enumerate(words):
            for term, span in ((word, 1), (" ".join(words[i : i + 2]), 2)):
                if term not in self.candidates or (span == 2 and i + 1 >= len(words)):
                    continue
                self.uses[term] += 1
                around = words[max(0, i - WINDOW) : i] + words[i + span : i + span + WINDOW]
                self.contexts.setdefault(term, Counter()).update(around)
                if story is not None:
                    self.stories.setdefault(term, Counter())[story] += 1


def _ppmi(counts: ContextCounts, term: str, anchors: frozenset[str]) -> dict[str, float]:
    """PPMI weights of a term's anchor contexts on its side."""
    context = counts.contexts.get(term) or Counter()
    pairs = sum(context.values())
    total = sum(counts.words.values())
    if not pairs or not total:
        return {}
    weights = {}
    for word, n in context.items():
        if word not in anchors:
            continue
        pmi = math.log((n / pairs) / (counts.words[word] / total))
        if pmi > 0:
            weights[word] = pmi
    return weights


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def align_terms(
    side_a: ContextCounts,
    side_b: ContextCounts,
    *,
    anchors: Iterable[str],
    top: int = 10,
    examples_a: Mapping[str, tuple[Example, ...]] | None = None,
    examples_b: Mapping[str, tuple[Example, ...]] | None = None,
) -> list[AlignedTerm]:
    """Pairs of A's and B's candidates used for the same thing (see the module docstring).

    ``anchors`` are the words shared by both sides and distinctive of neither;
    ``examples_a``/``examples_b`` map a term to its examples on that side.
    """
    own_words = {w for side in (side_a, side_b) for t in side.candidates for w in t.split()}
    anchor_set = frozenset(anchors) - own_words
    vectors = []
    for side in (side_a, side_b):
        chosen = [t for t in sorted(side.candidates) if side.uses[t] >= MIN_COUNT]
        vectors.append({t: _ppmi(side, t, anchor_set) for t in chosen})
    scores: dict[tuple[str, str], float] = {}
    for a, va in vectors[0].items():
        for b, vb in vectors[1].items():
            if set(a.split()) & set(b.split()):
                continue  # "regime" and "regime forces" share a word, not a meaning
            shared = len(set(va) & set(vb))
            if shared < MIN_SHARED:
                continue
            score = _cosine(va, vb) * shared / (shared + SHRINK)
            stories_a, stories_b = side_a.stories.get(a), side_b.stories.get(b)
            common = len(set(stories_a or ()) & set(stories_b or ()))
            if common and stories_a and stories_b:
                # few shared stories say little: their weight grows with their number
                weight = STORY_WEIGHT * common / (common + STORY_SHRINK)
                score = (1 - weight) * score + weight * _cosine(stories_a, stories_b)
            scores[(a, b)] = score
    best_a: dict[str, tuple[float, str]] = {}
    best_b: dict[str, tuple[float, str]] = {}
    for (a, b), score in scores.items():
        if score > best_a.get(a, (-1.0, ""))[0]:
            best_a[a] = (score, b)
        if score > best_b.get(b, (-1.0, ""))[0]:
            best_b[b] = (score, a)
    pairs = []
    for a, (score, b) in best_a.items():
        if best_b.get(b, (0.0, ""))[1] != a or score < MIN_SCORE:
            continue
        va, vb = vectors[0][a], vectors[1][b]
        contexts = sorted(set(va) & set(vb), key=lambda w: (-va[w] * vb[w], w))[:5]
        pairs.append(
            AlignedTerm(
                a=a,
                b=b,
                score=round(score, 3),
                count_a=side_a.uses[a],
                count_b=side_b.uses[b],
                shared_contexts=tuple(contexts),
                examples_a=tuple((examples_a or {}).get(a, ())),
                examples_b=tuple((examples_b or {}).get(b, ())),
            )
        )
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))
    return pairs[:top]
