"""Score actor descriptors against the hand-annotated gold set of (actor, descriptor) pairs.

The gold set (``slant/data/gold/descriptors.jsonl``, guidelines in the README beside it) holds
one line per pair: the article id, the offsets of one mention of the actor, the offsets of the
descriptor, its relation and its split; never the article text, which is read from the articles
directories (``<id>.txt``) or, for the news set (``descriptors-news.jsonl``: framing articles,
``framing:<id>``), from the framing TSV, by :class:`~.gold.GoldArticles`. Split
``dev`` holds the articles the rules were written against; ``heldout`` articles were never used
to change them, so their score is the honest one (the news set adds ``heldout2``, a batch
annotated before the rules of ``actors.v4`` and scored once with them, and ``dev2``,
``dev3``, ``dev4``, batches for rule work). ``split`` scores one split's articles alone, so
rule work on ``dev`` never shows a held-out number.

Matching, per article: gold pairs are taken in order and each is paired with the first unpaired
system pair whose actor has a mention overlapping the gold actor mention and whose descriptor
overlaps the gold descriptor (``lenient``); ``exact`` also asks for the same descriptor
offsets. The relation is not needed for a match; ``relation agreement`` is the share of
lenient matches whose relations agree. Precision = matched system pairs / system pairs in the
gold articles; recall = matched gold pairs / gold pairs. Per relation, precision counts system
pairs by their relation and recall counts gold pairs by theirs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .gold import GoldArticles, gold_records
from .scoring import precision_recall_f1

__all__ = [
    "GOLD_SETS",
    "RELATIONS",
    "DescriptorScore",
    "GoldPair",
    "evaluate_descriptors",
    "load_gold",
]

#: The packaged descriptor gold sets: ``ptc`` (PTC and sample articles), ``news`` (framing).
GOLD_SETS = {"ptc": "descriptors.jsonl", "news": "descriptors-news.jsonl"}

RELATIONS = ("modifier", "apposition", "predicate", "scare_quote", "label")


@dataclass(frozen=True)
class GoldPair:
    """One annotated pair: a mention of the actor and a descriptor the text applies to it."""

    article: str
    actor_start: int
    actor_end: int
    descriptor_start: int
    descriptor_end: int
    relation: str
    split: str = "dev"


@dataclass(frozen=True)
class SystemPair:
    """One pair the system found: every mention of its actor, and the descriptor."""

    mentions: tuple[tuple[int, int], ...]
    start: int
    end: int
    relation: str


@dataclass
class DescriptorScore:
    """Counts behind precision, recall and F1 (lenient and exact), overall and per relation."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    same_relation: int = 0
    gold_by_relation: Counter[str] = field(default_factory=Counter)
    predicted_by_relation: Counter[str] = field(default_factory=Counter)
    matched_gold_by_relation: Counter[str] = field(default_factory=Counter)
    matched_predicted_by_relation: Counter[str] = field(default_factory=Counter)

    _prf = staticmethod(precision_recall_f1)

    @property
    def lenient(self) -> tuple[float, float, float]:
        return self._prf(self.matched, self.predicted, self.matched, self.gold)

    @property
    def exact_match(self) -> tuple[float, float, float]:
        return self._prf(self.exact, self.predicted, self.exact, self.gold)

    def by_relation(self, relation: str) -> tuple[float, float, float]:
        return self._prf(
            self.matched_predicted_by_relation[relation],
            self.predicted_by_relation[relation],
            self.matched_gold_by_relation[relation],
            self.gold_by_relation[relation],
        )

    @property
    def relation_agreement(self) -> float:
        return self.same_relation / self.matched if self.matched else 0.0


def load_gold(path: Path | None = None, *, gold_set: str = "ptc") -> list[GoldPair]:
    """Read the gold pairs (default: the packaged set ``gold_set``, ``ptc`` or ``news``)."""
    if path is None and gold_set not in GOLD_SETS:
        raise InputError(f"gold set {gold_set!r} is not one of: {', '.join(GOLD_SETS)}")
    return gold_records(
        path,
        GoldPair,
        packaged=GOLD_SETS.get(gold_set, ""),
        what="gold pair (article, actor_start, actor_end, descriptor_start, descriptor_end, "
        "relation)",
    )


def system_pairs(text: str) -> list[SystemPair]:
    """Run the ``actors`` analyzer on ``text`` and flatten its (actor, descriptor) pairs."""
    from ..pipeline import analyze

    analysis = analyze(text, analyzers=["actors"])
    return [
        SystemPair(tuple((s, e) for s, e in actor.mentions), d.start, d.end, d.relation)
        for actor in analysis.actors
        for d in actor.descriptors
    ]


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_article(
    gold: list[GoldPair], predicted: list[SystemPair], score: DescriptorScore
) -> None:
    """Match one article's gold and system pairs and add the counts to ``score``."""
    score.articles += 1
    score.gold += len(gold)
    score.predicted += len(predicted)
    score.gold_by_relation.update(g.relation for g in gold)
    score.predicted_by_relation.update(p.relation for p in predicted)
    used: set[int] = set()
    for g in gold:
        for index, p in enumerate(predicted):
            if index in used or not _overlaps(p.start, p.end, g.descriptor_start, g.descriptor_end):
                continue
            if not any(_overlaps(s, e, g.actor_start, g.actor_end) for s, e in p.mentions):
                continue
            used.add(index)
            score.matched += 1
            score.exact += (p.start, p.end) == (g.descriptor_start, g.descriptor_end)
            score.same_relation += p.relation == g.relation
            score.matched_gold_by_relation[g.relation] += 1
            score.matched_predicted_by_relation[p.relation] += 1
            break


def evaluate_descriptors(
    *,
    gold_path: Path | None = None,
    article_dirs: Iterable[Path] = (),
    gold_set: str = "ptc",
    articles: GoldArticles | None = None,
    split: str | None = None,
) -> dict[str, DescriptorScore]:
    """Score the ``actors`` analyzer's descriptors on every article of the gold set, or only on
    the articles of ``split`` (InputError naming the splits there when it has none).

    Returns the score over the scored articles (key ``"all"``) and over each split's articles.
    """
    articles = articles or GoldArticles(directories=list(article_dirs))
    by_article: dict[str, list[GoldPair]] = {}
    pairs = load_gold(gold_path, gold_set=gold_set)
    if split is not None and split not in {p.split for p in pairs}:
        names = ", ".join(sorted({p.split for p in pairs}))
        raise InputError(f"--split {split!r} is not a split of this gold set: {names}")
    for pair in pairs:
        if split is None or pair.split == split:
            by_article.setdefault(pair.article, []).append(pair)
    scores: dict[str, DescriptorScore] = {"all": DescriptorScore()}
    for article, gold in by_article.items():
        predicted = system_pairs(articles.text(article))
        score_article(gold, predicted, scores["all"])
        split = gold[0].split
        score_article(gold, predicted, scores.setdefault(split, DescriptorScore()))
    return scores


def score_rows(score: DescriptorScore) -> list[tuple[str, Any, Any, float, float, float]]:
    """Rows ``(what, system pairs, gold pairs, P, R, F1)`` for a report table."""
    rows: list[tuple[str, Any, Any, float, float, float]] = [
        ("all (lenient)", score.predicted, score.gold, *score.lenient),
        ("all (exact span)", score.predicted, score.gold, *score.exact_match),
    ]
    for relation in RELATIONS:
        rows.append(
            (
                relation,
                score.predicted_by_relation[relation],
                score.gold_by_relation[relation],
                *score.by_relation(relation),
            )
        )
    return rows
