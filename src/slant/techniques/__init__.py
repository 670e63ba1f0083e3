"""Persuasion techniques at span level (SemEval-2020 Task 11): formats, scorer, model runtime.

The library surface behind ``slant techniques`` and ``slant eval techniques``:

>>> labels = label_articles(Path("articles"))                      # doctest: +SKIP
>>> report = evaluate_folder(Path("articles"), Path("gold.labels"))  # doctest: +SKIP

The model is loaded lazily, once per process (:func:`get_model`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from .detect import detect
from .evaluate import encode_all, evaluate, predict_techniques, split_articles
from .labels import DEFINITIONS, TECHNIQUES, explain
from .runtime import TechniqueModel
from .semeval import Label, read_articles, read_labels

__all__ = [
    "DEFINITIONS",
    "TECHNIQUES",
    "TechniqueModel",
    "evaluate_folder",
    "explain",
    "get_model",
    "label_articles",
]


@lru_cache(maxsize=1)
def get_model() -> TechniqueModel:
    """Return the technique model shipped with slant, loaded on first use."""
    return TechniqueModel()


def label_articles(
    articles_dir: Path, *, spans_file: Path | None = None, model: TechniqueModel | None = None
) -> list[Label]:
    """Return TC labels for a SemEval folder: detected spans, or exactly the template's spans."""
    model = model or get_model()
    articles = read_articles(articles_dir)
    if spans_file is None:
        return sorted(
            Label(article_id, d.start, d.end, d.technique)
            for article_id, states in encode_all(model, articles).items()
            for d in detect(model, states)
        )
    template = read_labels(spans_file)
    missing = sorted({t.article_id for t in template} - set(articles))
    if missing:
        raise InputError(
            f"{spans_file}: spans refer to articles not in {articles_dir}: "
            f"{', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}"
        )
    wanted = {t.article_id for t in template}
    states = encode_all(model, {a: t for a, t in articles.items() if a in wanted})
    return predict_techniques(model, states, template)


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
                f"score the fold model of `slant eval techniques --folds 5` instead "
                f"(--model WORK_DIR/fold{test_fold})"
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
