"""Cross-validated F1 of the frame model, per frame, beside an always-present baseline.

Method: :mod:`slant.analyzers.frames` describes the model (MiniLM sentence vectors, mean + max
pooled over the article, one logistic regression per frame). :func:`fit_frames` is its whole
training procedure: per frame, an L2 logistic regression with balanced class weights
(:func:`slant.evaluation.logistic.fit_logistic`, ``C`` = :data:`REGULARISATION_C`), because
human interest and morality are rare (about 11 % of articles); the decision threshold is the one
that maximises F1 on 5-fold out-of-fold predictions *inside the training data*, folded into the
bias so that 0.5 is the threshold at run time. :func:`cross_validate_frames` repeats all of this
inside each training fold (:func:`slant.evaluation.folds.shuffled_folds`), so thresholds never
see the fold they are scored on. The data is Frermann et al. 2023 (:mod:`.framing`).
It needs no extra: numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..analyzers.frames import FRAMES, FrameModel, pool_sentences
from ..errors import InputError
from .folds import shuffled_folds
from .framing import EmbeddedArticle, embed_articles, read_framing
from .logistic import fit_logistic
from .scoring import f1_per_class

__all__ = [
    "POOLINGS",
    "REGULARISATION_C",
    "FrameScores",
    "article_features",
    "cross_validate_frames",
    "evaluate_frames",
    "fit_frames",
    "labelled_articles",
]

POOLINGS = ("mean", "max")
#: Inverse regularisation strength of the per-frame regressions (chosen by 5-fold CV).
REGULARISATION_C = 3.0
_THRESHOLDS = np.linspace(0.1, 0.9, 81)


@dataclass(frozen=True)
class FrameScores:
    """Cross-validated F1 per frame, their mean, and the always-present baseline."""

    f1: dict[str, float]
    baseline_f1: dict[str, float]
    articles: int
    positives: dict[str, int]
    folds: int

    @property
    def macro_f1(self) -> float:
        return float(np.mean(list(self.f1.values())))

    @property
    def baseline_macro_f1(self) -> float:
        return float(np.mean(list(self.baseline_f1.values())))


def article_features(articles: Sequence[EmbeddedArticle]) -> np.ndarray:
    """One row per article: its pooled sentence vectors (:data:`POOLINGS`)."""
    return np.array([pool_sentences(a.vectors, POOLINGS) for a in articles])


def _f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    return float(f1_per_class(gold, predicted, [True])[0])


def _best_threshold(probabilities: np.ndarray, gold: np.ndarray) -> float:
    scores = [_f1(gold, probabilities >= t) for t in _THRESHOLDS]
    return float(_THRESHOLDS[int(np.argmax(scores))])


def _regression(features: np.ndarray, gold: np.ndarray) -> tuple[np.ndarray, float]:
    weights, bias = fit_logistic(features, gold.astype(int), c=REGULARISATION_C)
    return weights[0], float(bias[0])


def fit_frames(features: np.ndarray, labels: np.ndarray, *, seed: int = 0) -> FrameModel:
    """Fit one regression per frame and fold its CV-chosen threshold into the bias."""
    weights, bias = [], []
    for column in range(labels.shape[1]):
        gold = labels[:, column]
        out_of_fold = np.zeros(len(gold))
        for train, held in shuffled_folds(len(gold), 5, seed=seed):
            w, b = _regression(features[train], gold[train])
            out_of_fold[held] = 1.0 / (1.0 + np.exp(-(features[held] @ w + b)))
        threshold = _best_threshold(out_of_fold, gold)
        w, b = _regression(features, gold)
        weights.append(w)
        bias.append(b - np.log(threshold / (1 - threshold)))
    return FrameModel(
        frames=FRAMES,
        poolings=POOLINGS,
        weights=np.array(weights, dtype=np.float32),
        bias=np.array(bias, dtype=np.float32),
    )


def cross_validate_frames(
    articles: Sequence[EmbeddedArticle], labels: np.ndarray, *, folds: int = 5, seed: int = 0
) -> FrameScores:
    """K-fold F1 of the whole training procedure (thresholds included) per frame."""
    features = article_features(articles)
    predicted = np.zeros_like(labels, dtype=bool)
    for train, held in shuffled_folds(len(labels), folds, seed=seed):
        model = fit_frames(features[train], labels[train], seed=seed + 1)
        for index in held:
            predicted[index] = model.article_scores(articles[index].vectors) >= 0.5
    always = np.ones(len(labels), dtype=bool)
    f1 = {f: _f1(labels[:, i], predicted[:, i]) for i, f in enumerate(FRAMES)}
    baseline = {f: _f1(labels[:, i], always) for i, f in enumerate(FRAMES)}
    positives = {f: int(labels[:, i].sum()) for i, f in enumerate(FRAMES)}
    return FrameScores(
        f1=f1, baseline_f1=baseline, articles=len(labels), positives=positives, folds=folds
    )


def labelled_articles(path: Path) -> tuple[list[EmbeddedArticle], np.ndarray]:
    """The embedded articles of ``path`` that have all five labels, and their label matrix."""
    articles = [a for a in read_framing(path) if a.labels is not None]
    if len(articles) < 10:
        raise InputError(f"{path} has {len(articles)} labelled articles; at least 10 are needed")
    embedded = embed_articles([(a.id, a.text) for a in articles])
    return embedded, np.array([a.labels for a in articles], dtype=bool)


def evaluate_frames(path: Path, *, folds: int = 5) -> FrameScores:
    """Embed the labelled articles of ``path`` and cross-validate the frame model on them."""
    embedded, labels = labelled_articles(path)
    return cross_validate_frames(embedded, labels, folds=folds)
