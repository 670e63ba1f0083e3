"""The official measures of SemEval-2020 Task 11, re-implemented.

- **SI** (Da San Martino et al., EMNLP 2019, section 4): precision and recall with credit for
  partial overlap. For a predicted span ``s`` and a gold span ``t`` (sets of character
  positions), ``C(s, t, h) = |s ∩ t| / h``; ``P = Σ_s Σ_t C(s, t, |s|) / |S|`` and
  ``R = Σ_s Σ_t C(s, t, |t|) / |T|`` over all articles (spans only meet within an article);
  ``F1`` is their harmonic mean. As in the official scorer, overlapping spans of one article
  are first merged, on both sides, and techniques are ignored.
- **TC**: micro-averaged F1 over the given spans: a prediction is right when article, span
  and technique match a gold line (each gold line matched at most once), plus precision,
  recall and F1 per technique.

Labels are :class:`slant.techniques.semeval.Label` lines. It does not check that a TC
prediction file covers exactly the template's spans.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..techniques.semeval import Label, merge_spans
from .scoring import Scores

__all__ = ["score_si", "score_tc"]


def _by_article(labels: Iterable[Label]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for label in labels:
        spans.setdefault(label.article_id, []).append((label.start, label.end))
    return {article: merge_spans(s) for article, s in spans.items()}


def score_si(predicted: Iterable[Label], gold: Iterable[Label]) -> Scores:
    """Score span identification with partial-overlap credit (see module docstring).

    >>> score_si([Label("1", 0, 10)], [Label("1", 5, 10)]).as_dict()
    {'precision': 0.5, 'recall': 1.0, 'f1': 0.6667, 'predicted': 1, 'gold': 1}
    """
    pred_spans, gold_spans = _by_article(predicted), _by_article(gold)
    precision_sum = recall_sum = 0.0
    for article, spans in pred_spans.items():
        for s_start, s_end in spans:
            for t_start, t_end in gold_spans.get(article, []):
                overlap = min(s_end, t_end) - max(s_start, t_start)
                if overlap > 0:
                    precision_sum += overlap / (s_end - s_start)
                    recall_sum += overlap / (t_end - t_start)
    n_pred = sum(map(len, pred_spans.values()))
    n_gold = sum(map(len, gold_spans.values()))
    return Scores.of(precision_sum, n_pred, recall_sum, n_gold)


def score_tc(predicted: Iterable[Label], gold: Iterable[Label]) -> tuple[Scores, dict[str, Scores]]:
    """Score technique classification: micro scores and scores per gold or predicted technique.

    >>> micro, _ = score_tc([Label("1", 0, 5, "Doubt")], [Label("1", 0, 5, "Slogans")])
    >>> micro.f1
    0.0
    """
    pred_counts = Counter(predicted)
    gold_counts = Counter(gold)
    hits = pred_counts & gold_counts

    def scores(p: Counter[Label], g: Counter[Label], h: Counter[Label]) -> Scores:
        n_hit = sum(h.values())
        return Scores.of(n_hit, sum(p.values()), n_hit, sum(g.values()))

    def only(counts: Counter[Label], technique: str | None) -> Counter[Label]:
        return Counter({k: v for k, v in counts.items() if k.technique == technique})

    per_technique = {}
    for technique in sorted({lab.technique or "" for lab in (*pred_counts, *gold_counts)}):
        per_technique[technique] = scores(
            only(pred_counts, technique), only(gold_counts, technique), only(hits, technique)
        )
    return scores(pred_counts, gold_counts, hits), per_technique
