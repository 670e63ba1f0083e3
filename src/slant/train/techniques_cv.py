"""Train-tune-test runs of the technique model, and k-fold cross-validation split by article.

Cross-validation splits by article, never by sentence (a sentence's neighbours would leak its
article's style and topic into training). Every run holds out ``dev_articles`` articles of its
training pool to tune the decision settings (:func:`slant.evaluation.techniques.tune`), so test
articles are used for nothing but the score. :func:`cross_validate` pools the predictions of
all folds and scores them once, SemEval-style, beside the baselines. It does not average
per-fold scores (they are reported too) and does not ensemble the fold models.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..evaluation.folds import split_articles
from ..evaluation.techniques import score_predictions, tune
from ..techniques.predict import encode_all, predict_spans, predict_techniques
from ..techniques.runtime import TechniqueModel
from ..techniques.semeval import Label
from .technique_head import refit_head
from .techniques import TrainOptions, train_model

__all__ = ["cross_validate", "run_split", "tune_and_test"]

Log = Callable[[str], None]


def _subset(
    articles: dict[str, str], labels: list[Label], ids: list[str]
) -> tuple[dict[str, str], list[Label]]:
    keep = set(ids)
    return {a: articles[a] for a in ids}, [g for g in labels if g.article_id in keep]


def _most_frequent(labels: list[Label]) -> str:
    """The most frequent technique of TC ``labels`` (the guess of the most-frequent baseline)."""
    return Counter(g.technique for g in labels if g.technique is not None).most_common(1)[0][0]


def run_split(
    articles: dict[str, str],
    labels: list[Label],
    *,
    train_ids: list[str],
    dev_ids: list[str],
    test_ids: list[str],
    out_dir: Path,
    options: TrainOptions = TrainOptions(),
    test_fold: tuple[int, int] | None = None,
    log: Log = print,
) -> dict[str, Any]:
    """Train on ``train_ids``, tune on ``dev_ids``, write the model; score ``test_ids`` if any.

    Returns ``{"settings", "test", "spans", "techniques", "most_frequent"}`` (the last three
    are test predictions, for pooling across folds); with ``options.keep_last_step`` also
    ``"last_step"``, the settings and test score of the unaveraged weights.
    """
    out_dir = Path(out_dir)
    train_articles, train_labels = _subset(articles, labels, train_ids)
    if not train_labels:
        raise InputError(
            f"{len(articles)} articles leave {len(train_ids)} with labels to train on "
            f"(after {len(dev_ids)} dev and {len(test_ids)} test articles); give more "
            "labelled articles or fewer dev articles",
            argument="dev_articles",
        )
    train_model(train_articles, train_labels, out_dir=out_dir, options=options, log=log)
    if options.refit_head:
        refit_head(out_dir, articles, labels, train_ids=train_ids, dev_ids=dev_ids, log=log)
    result = tune_and_test(
        articles,
        labels,
        out_dir=out_dir,
        dev_ids=dev_ids,
        test_ids=test_ids,
        test_fold=test_fold,
        log=log,
        most_frequent=_most_frequent(train_labels),
    )
    if (out_dir / "last-step").is_dir():  # options.keep_last_step: score the unaveraged model
        log("the last step's weights, unaveraged:")
        last = tune_and_test(
            articles,
            labels,
            out_dir=out_dir / "last-step",
            dev_ids=dev_ids,
            test_ids=test_ids,
            test_fold=test_fold,
            log=log,
            most_frequent=result["most_frequent"],
        )
        result["last_step"] = {"settings": last["settings"], "test": last["test"]}
    return result


def tune_and_test(
    articles: dict[str, str],
    labels: list[Label],
    *,
    out_dir: Path,
    dev_ids: list[str],
    test_ids: list[str],
    most_frequent: str,
    test_fold: tuple[int, int] | None = None,
    log: Log = print,
) -> dict[str, Any]:
    """Tune the model in ``out_dir`` on ``dev_ids`` (saving the settings); score ``test_ids``.

    ``config.json`` records the dev article ids and, for a cross-validation fold model, the
    fold it held out (``test_fold = (fold, folds)``), so ``slant eval techniques`` can check
    what it scores.
    """
    config_path = Path(out_dir) / "config.json"
    model = TechniqueModel(out_dir)
    dev_articles, dev_labels = _subset(articles, labels, dev_ids)
    settings = tune(model, encode_all(model, dev_articles), dev_labels) if dev_ids else {}
    log(f"tuned on {len(dev_ids)} held-out articles: {settings}")
    config = json.loads(config_path.read_text())
    config.update(settings, dev_articles=len(dev_ids), dev_ids=sorted(dev_ids))
    config["trained_on"] = (
        f"{config.get('trained_on_articles', '?')} articles trained, {len(dev_ids)} dev "
        "(tuning; ids in dev_ids)"
    )
    if test_fold is not None:
        config["test_fold"], config["folds"] = test_fold
        config["trained_on"] += f", fold {test_fold[0]} of {test_fold[1]} held out for testing"
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    model.config.update(settings)
    result: dict[str, Any] = {"settings": settings, "most_frequent": most_frequent, "test": None}
    if test_ids:
        test_articles, test_labels = _subset(articles, labels, test_ids)
        states = encode_all(model, test_articles)
        template = [Label(g.article_id, g.start, g.end, "?") for g in test_labels]
        result["spans"] = predict_spans(model, states)
        result["techniques"] = predict_techniques(model, states, template)
        result["test"] = score_predictions(
            test_articles,
            test_labels,
            result["spans"],
            result["techniques"],
            most_frequent=most_frequent,
        )
        log(
            f"test on {len(test_ids)} unseen articles: SI F1 {result['test']['si']['f1']}, "
            f"TC micro-F1 {result['test']['tc']['f1']}"
        )
    return result


def cross_validate(
    articles: dict[str, str],
    labels: list[Label],
    *,
    folds: int = 5,
    dev_articles: int = 30,
    work_dir: Path,
    options: TrainOptions = TrainOptions(),
    only_folds: list[int] | None = None,
    log: Log = print,
) -> dict[str, Any]:
    """Run ``folds``-fold cross-validation (or only the folds listed) and pool the test scores."""
    per_fold, spans, techniques, tested = [], [], [], {}
    for fold in only_folds if only_folds is not None else range(folds):
        train_ids, dev_ids, test_ids = split_articles(
            list(articles),
            folds=folds,
            test_fold=fold,
            dev_articles=dev_articles,
            seed=options.seed,
        )
        log(
            f"fold {fold + 1}/{folds}: train {len(train_ids)}, dev {len(dev_ids)}, "
            f"test {len(test_ids)} articles"
        )
        result = run_split(
            articles,
            labels,
            train_ids=train_ids,
            dev_ids=dev_ids,
            test_ids=test_ids,
            out_dir=Path(work_dir) / f"fold{fold}",
            options=options,
            test_fold=(fold, folds),
            log=log,
        )
        per_fold.append({"fold": fold, "settings": result["settings"], **result["test"]})
        if "last_step" in result:
            per_fold[-1]["last_step"] = result["last_step"]
        spans += result["spans"]
        techniques += result["techniques"]
        tested.update({a: articles[a] for a in test_ids})
    gold = [g for g in labels if g.article_id in tested]
    most_frequent = _most_frequent(labels)
    pooled = score_predictions(tested, gold, spans, techniques, most_frequent=most_frequent)
    return {
        "folds": folds,
        "folds_run": [f["fold"] for f in per_fold],
        "pooled": pooled,
        "per_fold": per_fold,
    }
