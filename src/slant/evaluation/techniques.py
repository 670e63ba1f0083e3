"""Score the technique model in the SemEval-2020 formats, and tune its decision thresholds.

- :func:`evaluate_folder` scores a model on a SemEval folder against a gold labels file (all
  articles, one test fold, or the articles it held out): what ``slant eval techniques`` runs;
- :func:`evaluate` scores SI and TC with :mod:`slant.evaluation.semeval` and adds the
  organisers' style baselines on the same articles: SI "every sentence (line) is one span",
  TC "every span gets the most frequent technique of the training data";
- :func:`tune` picks the SI threshold, gap and line splitting (of the threshold decoder; the
  Viterbi decoder of :mod:`slant.techniques.viterbi` is scored apart, by
  ``scripts/technique_decoding.py``), and the TC prior shift and Repetition rule
  (:func:`tune_classifier`, alone), that score best on *held-out articles that the model did
  not train on* (never the test articles).

It does not retrain anything; cross-validation lives in :mod:`slant.train.techniques_cv`, and
the split by article in :func:`slant.evaluation.folds.split_articles`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from ..techniques import get_model
from ..techniques.predict import SpanDecoding, encode_all, predict_spans, predict_techniques
from ..techniques.runtime import ArticleStates, TechniqueModel
from ..techniques.semeval import Label, read_articles, read_labels
from .folds import split_articles
from .semeval import score_si, score_tc

__all__ = [
    "MOST_FREQUENT_TECHNIQUE",
    "evaluate",
    "evaluate_folder",
    "score_predictions",
    "sentence_spans",
    "tune",
    "tune_classifier",
]

#: The most frequent technique of the PTC training split (2,123 of 6,128 spans).
MOST_FREQUENT_TECHNIQUE = "Loaded_Language"

_THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
_GAPS = (0, 1, 2, 3, 5, 8)
_PRIOR_SHIFTS = (0.0, 0.15, 0.3, 0.5)


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
    candidates: list[SpanDecoding] = [
        {"threshold": t, "max_gap": g, "split_lines": s, "min_chars": c}
        for t in _THRESHOLDS
        for g in _GAPS
        for s in (False, True)
        for c in (1, 4)
    ]
    scored = [(score_si(predict_spans(model, states, **c), gold).f1, c) for c in candidates]
    best_f1, best = max(scored, key=lambda pair: pair[0])
    return {
        "si_threshold": best["threshold"],
        "si_max_gap": best["max_gap"],
        "si_split_lines": best["split_lines"],
        "si_min_chars": best["min_chars"],
        **tune_classifier(model, states, gold),
        "tuned_si_f1": round(best_f1, 4),
    }


def tune_classifier(
    model: TechniqueModel, states: dict[str, ArticleStates], gold: list[Label]
) -> dict[str, float | bool]:
    """Return the TC prior shift and Repetition rule that score best on these held-out
    articles (gold spans given, TC micro-F1), and that score; ``model.config`` keeps them."""
    template = [Label(g.article_id, g.start, g.end, "?") for g in gold]
    accuracy = {}
    for rule in (False, True):
        for shift in _PRIOR_SHIFTS:
            model.config.update(repetition_rule=rule, tc_prior_shift=shift)
            tc = score_tc(predict_techniques(model, states, template), gold)[0]
            accuracy[(rule, shift)] = tc.f1
    (rule, shift), tc_f1 = max(accuracy.items(), key=lambda pair: pair[1])
    model.config.update(repetition_rule=rule, tc_prior_shift=shift)
    return {"repetition_rule": rule, "tc_prior_shift": shift, "tuned_tc_f1": round(tc_f1, 4)}


def evaluate(
    model: TechniqueModel,
    articles: dict[str, str],
    gold: list[Label],
    *,
    states: dict[str, ArticleStates] | None = None,
    most_frequent: str = MOST_FREQUENT_TECHNIQUE,
) -> dict[str, Any]:
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
) -> dict[str, Any]:
    """Score SI ``spans`` and TC ``techniques`` against ``gold``, with the two baselines."""
    report: dict[str, Any] = {
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


def evaluate_folder(
    articles_dir: Path,
    labels_file: Path,
    *,
    test_fold: int | None = None,
    held_out: bool = False,
    model: TechniqueModel | None = None,
) -> dict[str, Any]:
    """Score the model on a SemEval folder against a gold SI or TC labels file.

    Every article of the folder is scored (one without gold lines has no propaganda spans,
    so whatever is found there costs precision); with ``test_fold``, only that fold of the
    5-fold split by article (seed 13) that :mod:`slant.train.techniques_cv` uses, for a model
    trained with that fold held out (``test_fold`` in its ``config.json``); with ``held_out``,
    only the articles the model held out of training to tune its thresholds (``dev_ids``).
    """
    if held_out and test_fold is not None:
        raise InputError("score either the held-out articles or a test fold, not both")
    articles = read_articles(articles_dir)
    gold = read_labels(labels_file)
    if not {g.article_id for g in gold} & set(articles):
        raise InputError(f"{labels_file}: none of its article ids has a file in {articles_dir}")
    model = model or get_model()
    config_file = model.folder / "config.json"
    if test_fold is not None:
        seed = model.config.get("options", {}).get("seed")
        if (model.config.get("test_fold"), model.config.get("folds"), seed) != (test_fold, 5, 13):
            raise InputError(
                f"{config_file}: this model was not trained with fold {test_fold} held out; "
                f"score the model of fold {test_fold} of a 5-fold cross-validation instead",
                argument="model",
            )
        test_ids = split_articles(list(articles), folds=5, test_fold=test_fold, dev_articles=0)[2]
        articles = {a: articles[a] for a in test_ids}
    if held_out:
        dev_ids = set(model.config.get("dev_ids", []))
        if not dev_ids:
            raise InputError(f"{config_file}: the model records no held-out articles (dev_ids)")
        if not dev_ids & set(articles):
            raise InputError(
                f"{articles_dir}: none of the articles held out from the model's training "
                f"(dev_ids in {config_file}) is in this folder"
            )
        articles = {a: t for a, t in articles.items() if a in dev_ids}
    gold = [g for g in gold if g.article_id in articles]
    return evaluate(model, articles, gold)
