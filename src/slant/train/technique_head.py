"""Refit the technique classifier (the span head) of a trained model on its frozen encoder.

Training (:mod:`slant.train.techniques`) learns the span classifier jointly with the encoder,
in a few epochs with class weights. This step keeps the trained encoder and fits the
classifier again, the way a linear probe is fitted (Alain & Bengio 2016): a multinomial
logistic regression with a strong L2 penalty (:func:`slant.evaluation.logistic.fit_logistic`,
every row weight 1) on the span representation of every gold span of the model's *training*
articles, inputs standardised (the standardisation is folded into the weights, so the runtime
is unchanged: ``head.npz`` holds one weight matrix and one bias). The representation may add
parts the joint head did not see (``tc_parts``; by default the max-pool of the span's states,
as in the max-pooled span representations of Lee et al., EMNLP 2017). The penalty ``C``, with
the prior shift and the Repetition rule (:func:`slant.evaluation.techniques.tune_classifier`),
is chosen by TC micro-F1 on the model's dev articles (``dev_ids``); the test articles of a
cross-validation fold are never read.

Measured on the five folds of a cross-validation (issue 16, docs/techniques.md): pooled TC
micro-F1 on gold spans 0.620 → 0.637, higher on every fold; the technique named on the
tagger's detected spans did not improve, so the shipped model keeps its joint head. It needs
no torch: the encoder runs on onnxruntime, the fit in numpy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..evaluation.folds import split_articles
from ..evaluation.logistic import fit_logistic
from ..evaluation.techniques import tune_classifier
from ..techniques.predict import Progress, encode_all
from ..techniques.runtime import TC_PARTS, ArticleStates, TechniqueModel
from ..techniques.semeval import Label

__all__ = ["REFIT_CS", "REFIT_PARTS", "fit_head", "refit_head", "training_ids"]

#: The representation of a refitted head: the joint head's parts and the span's max-pool.
REFIT_PARTS = ("mean", "first", "cls", "max")
#: The L2 penalties tried (``C`` of :func:`fit_logistic`: smaller is stronger); 0.001 or
#: 0.003 was chosen on the dev articles of every fold measured.
REFIT_CS = (0.001, 0.003, 0.01)

Log = Callable[[str], None]


def training_ids(config: dict[str, Any], article_ids: Sequence[str]) -> list[str]:
    """The ids among ``article_ids`` that the model of ``config`` was trained on.

    Those are all but its dev articles (``dev_ids``) and, for a cross-validation fold model,
    its test fold (``test_fold`` of ``folds``, split as :mod:`slant.train.techniques_cv` did).
    The count must be the model's ``trained_on_articles``, or this is another folder.

    >>> training_ids({"dev_ids": ["b"], "trained_on_articles": 2}, ["a", "b", "c"])
    ['a', 'c']
    """
    held = set(config.get("dev_ids", []))
    if config.get("test_fold") is not None:
        seed = config.get("options", {}).get("seed", 13)
        held |= set(
            split_articles(
                list(article_ids),
                folds=config["folds"],
                test_fold=config["test_fold"],
                dev_articles=0,
                seed=seed,
            )[2]
        )
    train = sorted(a for a in article_ids if a not in held)
    expected = config.get("trained_on_articles", len(train))
    if len(train) != expected:
        raise InputError(
            f"the model was trained on {expected} articles but this folder leaves "
            f"{len(train)} (all but its dev articles and test fold): give the folder it was "
            "trained on",
            argument="data",
        )
    return train


def _span_rows(
    model: TechniqueModel, states: dict[str, ArticleStates], gold: list[Label]
) -> tuple[np.ndarray, np.ndarray]:
    """The span representation (``model.tc_parts``) and technique index of each gold span."""
    index = {t: i for i, t in enumerate(model.techniques)}
    rows = [
        model.span_representation(states[g.article_id], g.start, g.end)
        for g in gold
        if g.article_id in states
    ]
    labels = [index[str(g.technique)] for g in gold if g.article_id in states]
    return np.stack(rows), np.asarray(labels)


def fit_head(
    x: np.ndarray, y: np.ndarray, *, classes: int, c: float
) -> tuple[np.ndarray, np.ndarray]:
    """Fit the head on standardised ``x``; return ``(weight, bias)`` for the raw ``x``.

    With ``z = (x - mu) / sd``, ``z @ W.T + b = x @ (W / sd).T + (b - (W / sd) @ mu)``.

    >>> x = np.array([[0.0, 5.0], [1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    >>> w, b = fit_head(x, np.array([0, 0, 1, 2]), classes=3, c=10.0)
    >>> w.shape, b.shape, int((x @ w.T + b).argmax(1)[0])
    ((3, 2), (3,), 0)
    """
    mu, sd = x.mean(0), x.std(0) + 1e-6
    weight, bias = fit_logistic(
        (x - mu) / sd, y, classes=classes, c=c, balanced=False, tol=1e-4, max_iter=500
    )
    scaled = weight / sd
    return scaled.astype(np.float32), (bias - scaled @ mu).astype(np.float32)


def refit_head(
    model_dir: Path,
    articles: dict[str, str],
    labels: list[Label],
    *,
    train_ids: Sequence[str] | None = None,
    dev_ids: Sequence[str] | None = None,
    parts: Sequence[str] = REFIT_PARTS,
    cs: Sequence[float] = REFIT_CS,
    progress: Progress | None = None,
    log: Log = print,
) -> dict[str, Any]:
    """Refit the head of the model in ``model_dir`` (module docstring) and write it there.

    ``articles`` and ``labels`` are the folder the model was trained on; the training and dev
    articles are ``train_ids`` and ``dev_ids`` when given (a training run knows them), else
    the model's ``dev_ids`` and the rest (:func:`training_ids`). Writes ``head.npz`` and, in
    ``config.json``, ``tc_parts``, the tuned ``tc_prior_shift``, ``repetition_rule`` and
    ``tuned_tc_f1``, and ``tc_head`` (how it was fitted). Returns ``tc_head``.
    """
    unknown = sorted(set(parts) - set(TC_PARTS))
    if unknown or not parts:
        raise InputError(f"parts {list(parts)}: give some of {', '.join(TC_PARTS)}")
    model = TechniqueModel(model_dir)
    dev_ids = sorted(dev_ids if dev_ids is not None else model.config.get("dev_ids", []))
    if not dev_ids:
        raise InputError(f"{model_dir}: the model records no dev articles (dev_ids) to tune on")
    missing = sorted(set(dev_ids) - set(articles))
    if missing:
        raise InputError(
            f"{len(missing)} of the model's dev articles (e.g. {missing[0]}) are not in the "
            "folder: give the folder it was trained on",
            argument="data",
        )
    if train_ids is None:
        train_ids = training_ids(model.config, list(articles))
    wanted = set(train_ids) | set(dev_ids)
    states = encode_all(model, {a: t for a, t in articles.items() if a in wanted}, progress)
    train_states = {a: states[a] for a in train_ids}
    dev_states = {a: states[a] for a in dev_ids}
    dev_gold = [g for g in labels if g.article_id in dev_states]
    joint = tune_classifier(model, dev_states, dev_gold)["tuned_tc_f1"]
    model.tc_parts = tuple(parts)
    x, y = _span_rows(model, train_states, labels)
    log(f"{len(y)} gold spans in {len(train_ids)} training articles; joint head dev TC {joint}")
    best: tuple[float, float, np.ndarray, np.ndarray, dict[str, Any]] | None = None
    for c in cs:
        model.weight, model.bias = fit_head(x, y, classes=len(model.techniques), c=c)
        settings = tune_classifier(model, dev_states, dev_gold)
        log(f"C {c}: dev TC micro-F1 {settings['tuned_tc_f1']}")
        if best is None or settings["tuned_tc_f1"] > best[0]:
            best = (float(settings["tuned_tc_f1"]), c, model.weight, model.bias, settings)
    assert best is not None  # cs is not empty
    dev_f1, c, weight, bias, settings = best
    np.savez(Path(model_dir) / "head.npz", weight=weight, bias=bias)
    head = {
        "method": "refit: L2 multinomial logistic regression on the frozen encoder's states",
        "c": c,
        "train_articles": len(train_ids),
        "train_spans": int(len(y)),
        "dev_tc_f1": dev_f1,
        "joint_dev_tc_f1": joint,
    }
    config_path = Path(model_dir) / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config.update(settings, tc_parts=list(parts), tc_head=head)
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {model_dir}/head.npz: C {c}, dev TC micro-F1 {joint} -> {dev_f1}")
    return head
