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
tagger's detected spans did not improve.

So a second head is fitted for the spans the tagger finds (``detected_head.npz``, the two
heads of :mod:`slant.techniques.runtime`): the same regression on the gold spans plus every
span the model detects in its training articles, at its tuned threshold and at
:data:`LOW_THRESHOLD`, that overlaps a gold span, labelled with the technique of the gold span
it overlaps most. This trains the classifier on the inputs it meets at run time, boundaries
and all (cf. scheduled sampling, Bengio et al., NeurIPS 2015). Its ``C`` is chosen by the
share of the dev articles' detected spans named with the technique of a gold span they
overlap; its prior shift and Repetition rule by TC micro-F1 on their gold spans. It needs no
torch: the encoder runs on onnxruntime, the fits in numpy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..evaluation.folds import split_articles
from ..evaluation.logistic import fit_logistic
from ..evaluation.techniques import tune_classifier
from ..techniques.predict import Progress, encode_all
from ..techniques.runtime import DETECTED_HEAD_FILE, TC_PARTS, ArticleStates, TechniqueModel
from ..techniques.semeval import Label

__all__ = [
    "DETECTED_CS",
    "LOW_THRESHOLD",
    "REFIT_CS",
    "REFIT_PARTS",
    "DetectedSpan",
    "detected_spans",
    "fit_head",
    "named_right",
    "refit_head",
    "training_ids",
]

#: The representation of a refitted head: the joint head's parts and the span's max-pool.
REFIT_PARTS = ("mean", "first", "cls", "max")
#: The L2 penalties tried (``C`` of :func:`fit_logistic`: smaller is stronger); 0.001 or
#: 0.003 was chosen on the dev articles of every fold measured.
REFIT_CS = (0.001, 0.003, 0.01)
#: The penalties tried for the detected-span head: its rows are noisier (boundaries, labels
#: borrowed from the gold span overlapped), and 0.0003 or 0.001 was chosen on every fold.
DETECTED_CS = (0.0003, 0.001, 0.003)
#: The second, looser tagger threshold whose detections train the detected-span head.
LOW_THRESHOLD = 0.2

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


@dataclass(frozen=True)
class DetectedSpan:
    """A span the model detected, with the techniques of the gold spans it overlaps and the
    technique of the one it overlaps most (``None``: it overlaps none)."""

    article_id: str
    start: int
    end: int
    overlapped: frozenset[str]
    closest: str | None


def detected_spans(
    model: TechniqueModel,
    states: dict[str, ArticleStates],
    labels: list[Label],
    *,
    threshold: float | None = None,
) -> list[DetectedSpan]:
    """The spans ``model`` detects in each article of ``states`` (its tuned decoding, or the
    threshold decoder at ``threshold``), matched with the gold ``labels`` they overlap."""
    by_article: dict[str, list[Label]] = {}
    for g in labels:
        by_article.setdefault(g.article_id, []).append(g)
    decode = {} if threshold is None else {"threshold": threshold, "decoder": "threshold"}
    found = []
    for article_id, article in sorted(states.items()):
        gold = by_article.get(article_id, [])
        for start, end, _ in model.find_spans(article, **decode):  # type: ignore[arg-type]
            hits = [g for g in gold if g.start < end and start < g.end]
            most = max(hits, key=lambda g: min(end, g.end) - max(start, g.start), default=None)
            found.append(
                DetectedSpan(
                    article_id,
                    start,
                    end,
                    frozenset(str(g.technique) for g in hits),
                    None if most is None else str(most.technique),
                )
            )
    return found


def named_right(
    model: TechniqueModel, states: dict[str, ArticleStates], spans: list[DetectedSpan]
) -> np.ndarray:
    """Per detected span: is the technique the model names for it (its detected-span head,
    if it has one) that of a gold span it overlaps?"""
    right = np.zeros(len(spans), dtype=bool)
    rows: dict[str, list[int]] = {}
    for i, span in enumerate(spans):
        rows.setdefault(span.article_id, []).append(i)
    for article_id, chosen in rows.items():
        keys = [(spans[i].start, spans[i].end) for i in chosen]
        probs = model.classify(states[article_id], keys, detected=True)
        for i, row in zip(chosen, probs, strict=True):
            right[i] = model.techniques[int(row.argmax())] in spans[i].overlapped
    return right


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
    detected_cs: Sequence[float] = DETECTED_CS,
    progress: Progress | None = None,
    log: Log = print,
) -> dict[str, Any]:
    """Refit the heads of the model in ``model_dir`` (module docstring) and write them there.

    ``articles`` and ``labels`` are the folder the model was trained on; the training and dev
    articles are ``train_ids`` and ``dev_ids`` when given (a training run knows them), else
    the model's ``dev_ids`` and the rest (:func:`training_ids`). Writes ``head.npz`` and, in
    ``config.json``, ``tc_parts``, the tuned ``tc_prior_shift``, ``repetition_rule`` and
    ``tuned_tc_f1``, and ``tc_head`` (how it was fitted); then, unless ``detected_cs`` is
    empty or the model detects nothing to fit on, ``detected_head.npz`` and ``detected_head``
    (how it was fitted, with its own prior shift and Repetition rule). Returns
    ``{"tc_head": …, "detected_head": … or None}``.
    """
    unknown = sorted(set(parts) - set(TC_PARTS))
    if unknown or not parts:
        raise InputError(f"parts {list(parts)}: give some of {', '.join(TC_PARTS)}")
    model = TechniqueModel(model_dir)
    model.detected_head = None  # an older one would name the spans while the new one is fitted
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
    config.pop("detected_head", None)
    (Path(model_dir) / DETECTED_HEAD_FILE).unlink(missing_ok=True)
    log(f"wrote {model_dir}/head.npz: C {c}, dev TC micro-F1 {joint} -> {dev_f1}")
    detected = None
    if detected_cs:
        model.weight, model.bias = weight, bias
        model.config.update(settings)
        detected = _fit_detected_head(
            model, train_states, dev_states, labels, x, y, detected_cs, log
        )
    if detected is not None:
        np.savez(
            Path(model_dir) / DETECTED_HEAD_FILE,
            weight=detected.pop("weight"),
            bias=detected.pop("bias"),
        )
        config["detected_head"] = detected
        log(
            f"wrote {model_dir}/{DETECTED_HEAD_FILE}: C {detected['c']}, dev detected spans "
            f"named right {detected['given_head_dev_named_right']} -> {detected['dev_named_right']}"
        )
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return {"tc_head": head, "detected_head": detected}


def _fit_detected_head(
    model: TechniqueModel,
    train_states: dict[str, ArticleStates],
    dev_states: dict[str, ArticleStates],
    labels: list[Label],
    x_gold: np.ndarray,
    y_gold: np.ndarray,
    cs: Sequence[float],
    log: Log,
) -> dict[str, Any] | None:
    """Fit the detected-span head (module docstring) beside ``model``'s refitted head;
    return how it was fitted, with its ``weight`` and ``bias`` (None: nothing to fit on)."""
    index = {t: i for i, t in enumerate(model.techniques)}
    extra = [
        span
        for threshold in (None, LOW_THRESHOLD)
        for span in detected_spans(model, train_states, labels, threshold=threshold)
        if span.closest is not None
    ]
    if not extra:
        log("the model detects no span that overlaps a gold training span: no detected head")
        return None
    x_detected = [
        model.span_representation(train_states[s.article_id], s.start, s.end) for s in extra
    ]
    x = np.vstack([x_gold, np.stack(x_detected)])
    y = np.concatenate([y_gold, [index[str(s.closest)] for s in extra]])
    dev_spans = detected_spans(model, dev_states, labels)
    dev_gold = [g for g in labels if g.article_id in dev_states]
    given_head = float(named_right(model, dev_states, dev_spans).mean()) if dev_spans else 0.0
    given = (model.weight, model.bias, dict(model.config))
    best: tuple[float, float, np.ndarray, np.ndarray, dict[str, Any]] | None = None
    for c in cs:
        model.weight, model.bias = fit_head(x, y, classes=len(model.techniques), c=c)
        settings = tune_classifier(model, dev_states, dev_gold)
        right = float(named_right(model, dev_states, dev_spans).mean()) if dev_spans else 0.0
        log(f"detected-span head, C {c}: dev detected spans named right {right:.4f}")
        if best is None or right > best[0]:
            best = (right, c, model.weight, model.bias, settings)
    assert best is not None  # cs is not empty
    model.weight, model.bias, model.config = given
    right, c, weight, bias, settings = best
    return {
        "method": "refit on gold spans and the model's detections in its training articles "
        f"(tuned threshold and {LOW_THRESHOLD}) that overlap one, labelled by the one "
        "overlapped most",
        "c": c,
        "gold_spans": int(len(y_gold)),
        "detected_spans": len(extra),
        "dev_detected_spans": len(dev_spans),
        "dev_named_right": round(right, 4),
        "given_head_dev_named_right": round(given_head, 4),
        "tc_prior_shift": settings["tc_prior_shift"],
        "repetition_rule": settings["repetition_rule"],
        "weight": weight,
        "bias": bias,
    }
