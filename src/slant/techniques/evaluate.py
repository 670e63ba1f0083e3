"""Predict in the SemEval-2020 formats, tune decision thresholds, and score against gold.

- :func:`predict_spans` / :func:`predict_techniques` run a :class:`TechniqueModel` over a folder
  of articles and return SemEval labels (SI lines, or TC lines for the spans of a template).
- :func:`tune` picks the SI threshold, gap and line splitting, and the TC prior shift and
  Repetition rule, that score best on *held-out articles that the model did not train on*
  (never the test articles).
- :func:`evaluate` scores SI and TC with :mod:`slant.techniques.semeval` and adds the
  organisers' style baselines on the same articles: SI "every sentence (line) is one span",
  TC "every span gets the most frequent technique of the training data".

- :func:`split_articles` deals articles into cross-validation folds (by article, never by
  sentence), with a dev set for tuning.

It does not retrain anything; cross-validation lives in :mod:`slant.train.techniques_cv`.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from .runtime import ArticleStates, TechniqueModel
from .semeval import Label, score_si, score_tc

__all__ = [
    "MOST_FREQUENT_TECHNIQUE",
    "encode_all",
    "evaluate",
    "predict_spans",
    "predict_techniques",
    "score_predictions",
    "split_articles",
    "sentence_spans",
    "tune",
]

#: The most frequent technique of the PTC training split (2,123 of 6,128 spans).
MOST_FREQUENT_TECHNIQUE = "Loaded_Language"

_THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
_GAPS = (0, 1, 2, 3, 5, 8)
_PRIOR_SHIFTS = (0.0, 0.15, 0.3, 0.5)

Progress = Callable[[int, int], None]


def encode_all(
    model: TechniqueModel, articles: dict[str, str], progress: Progress | None = None
) -> dict[str, ArticleStates]:
    """Encode every article once (the expensive step), keyed by article id."""
    states = {}
    for done, (article_id, text) in enumerate(sorted(articles.items()), start=1):
        states[article_id] = model.encode_article(text)
        if progress:
            progress(done, len(articles))
    return states


def predict_spans(
    model: TechniqueModel, states: dict[str, ArticleStates], **decode: float | int | bool
) -> list[Label]:
    """Detect spans in every article (SI lines, sorted)."""
    return sorted(
        Label(article_id, start, end)
        for article_id, article in states.items()
        for start, end, _ in model.find_spans(article, **decode)
    )


def predict_techniques(
    model: TechniqueModel, states: dict[str, ArticleStates], template: list[Label]
) -> list[Label]:
    """Label exactly the spans of ``template``; a span listed k times gets its top-k techniques."""
    by_article: dict[str, Counter] = {}
    for label in template:
        by_article.setdefault(label.article_id, Counter())[(label.start, label.end)] += 1
    predictions = []
    for article_id, spans in sorted(by_article.items()):
        if article_id not in states:
            continue
        keys = sorted(spans)
        probs = model.classify(states[article_id], keys)
        for (start, end), row in zip(keys, probs, strict=True):
            ranked = row.argsort()[::-1]
            for k in range(spans[(start, end)]):
                technique = model.techniques[ranked[k % len(ranked)]]
                predictions.append(Label(article_id, start, end, technique))
    return predictions


def sentence_spans(articles: dict[str, str]) -> list[Label]:
    """SI baseline: every non-blank line of every article as one span (PTC: a sentence a line)."""
    spans = []
    for article_id, text in articles.items():
        offset = 0
        for line in text.splitlines(keepends=True):
            stripped = line.strip()
            if stripped:
                start = offset + line.index(stripped)
                spans.append(Label(article_id, start, start + len(stripped)))
            offset += len(line)
    return spans


def tune(
    model: TechniqueModel, states: dict[str, ArticleStates], gold: list[Label]
) -> dict[str, float | int | bool]:
    """Return the decoding settings that score best on these held-out articles."""
    candidates = [
        {"threshold": t, "max_gap": g, "split_lines": s, "min_chars": c}
        for t in _THRESHOLDS
        for g in _GAPS
        for s in (False, True)
        for c in (1, 4)
    ]
    scored = [(score_si(predict_spans(model, states, **c), gold).f1, c) for c in candidates]
    best_f1, best = max(scored, key=lambda pair: pair[0])
    template = [Label(g.article_id, g.start, g.end, "?") for g in gold]
    accuracy = {}
    for rule in (False, True):
        for shift in _PRIOR_SHIFTS:
            model.config.update(repetition_rule=rule, tc_prior_shift=shift)
            tc = score_tc(predict_techniques(model, states, template), gold)[0]
            accuracy[(rule, shift)] = tc.f1
    (rule, shift), tc_f1 = max(accuracy.items(), key=lambda pair: pair[1])
    model.config.update(repetition_rule=rule, tc_prior_shift=shift)
    return {
        "si_threshold": best["threshold"],
        "si_max_gap": best["max_gap"],
        "si_split_lines": best["split_lines"],
        "si_min_chars": best["min_chars"],
        "repetition_rule": rule,
        "tc_prior_shift": shift,
        "tuned_si_f1": round(best_f1, 4),
        "tuned_tc_f1": round(tc_f1, 4),
    }


def evaluate(
    model: TechniqueModel,
    articles: dict[str, str],
    gold: list[Label],
    *,
    states: dict[str, ArticleStates] | None = None,
    most_frequent: str = MOST_FREQUENT_TECHNIQUE,
) -> dict:
    """Score SI and TC of ``model`` on ``articles`` against ``gold`` labels, with baselines.

    Only articles that have an ``article<ID>.txt`` are scored; TC is scored when the gold
    labels carry techniques (a TC file), SI always.
    """
    states = states if states is not None else encode_all(model, articles)
    gold = [g for g in gold if g.article_id in articles]
    template = [Label(g.article_id, g.start, g.end, "?") for g in gold]
    techniques = predict_techniques(model, states, template) if _has_techniques(gold) else []
    return score_predictions(
        articles, gold, predict_spans(model, states), techniques, most_frequent=most_frequent
    )


def _has_techniques(gold: list[Label]) -> bool:
    return bool(gold) and all(g.technique for g in gold)


def score_predictions(
    articles: dict[str, str],
    gold: list[Label],
    spans: list[Label],
    techniques: list[Label],
    *,
    most_frequent: str = MOST_FREQUENT_TECHNIQUE,
) -> dict:
    """Score SI ``spans`` and TC ``techniques`` against ``gold``, with the two baselines."""
    report: dict = {
        "articles": len(articles),
        "gold_spans": len(gold),
        "si": score_si(spans, gold).as_dict(),
        "si_baseline_every_sentence": score_si(sentence_spans(articles), gold).as_dict(),
    }
    if _has_techniques(gold):
        tc, per_technique = score_tc(techniques, gold)
        baseline = [Label(g.article_id, g.start, g.end, most_frequent) for g in gold]
        report["tc"] = tc.as_dict()
        report["tc_baseline_most_frequent"] = {
            "technique": most_frequent,
            **score_tc(baseline, gold)[0].as_dict(),
        }
        report["tc_per_technique"] = {k: v.as_dict() for k, v in per_technique.items()}
    return report


def split_articles(
    article_ids: list[str], *, folds: int, test_fold: int | None, dev_articles: int, seed: int = 13
) -> tuple[list[str], list[str], list[str]]:
    """Return ``(train, dev, test)`` article ids.

    Articles are shuffled with ``seed`` and dealt into ``folds`` folds; ``test`` is fold
    ``test_fold`` (empty when None); ``dev`` is the first ``dev_articles`` of the rest.
    """
    order = sorted(article_ids)
    random.Random(seed).shuffle(order)
    test = [a for i, a in enumerate(order) if test_fold is not None and i % folds == test_fold]
    held = set(test)
    pool = [a for a in order if a not in held]
    return sorted(pool[dev_articles:]), sorted(pool[:dev_articles]), sorted(test)
