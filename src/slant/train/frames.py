"""Train and cross-validate the frame model on the narrative framing data of Frermann et al.

Method: :mod:`slant.analyzers.frames` describes the model (MiniLM sentence vectors, mean + max
pooled over the article, one logistic regression per frame). Training uses scikit-learn
(``[train]`` extra): ``class_weight="balanced"`` because human interest and morality are rare
(about 11 % of articles); the decision threshold of each frame is the one that maximises F1 on
out-of-fold predictions *inside the training data*, and is folded into the bias so that 0.5 is
the threshold at run time. Cross-validation (:func:`cross_validate_frames`) repeats all of this
inside each training fold, so thresholds never see the fold they are scored on. The data is
L. Frermann, J. Li, S. Khanehzar, G. Mikolajczak, *Conflicts, Villains, Resolutions: Towards
models of Narrative Media Framing*, ACL 2023 (MIT licence); the loaders are shared with
:mod:`slant.train.roles`.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..analyzers.frames import FRAMES, FrameModel, pool_sentences
from ..errors import InputError
from ..spans import sentences as article_sentences

__all__ = [
    "FRAME_COLUMNS",
    "POOLINGS",
    "EmbeddedArticle",
    "FrameScores",
    "FramingArticle",
    "cross_validate_frames",
    "embed_articles",
    "evaluate_frames",
    "fit_frames",
    "read_framing",
    "save_frame_model",
    "train_and_score_frames",
]

#: Column of the training file for each frame of :data:`~slant.analyzers.frames.FRAMES`.
FRAME_COLUMNS = ("RE", "HI", "CO", "MO", "EC")
POOLINGS = ("mean", "max")
#: Inverse regularisation strength of the per-frame regressions (chosen by 5-fold CV).
REGULARISATION_C = 3.0
_THRESHOLDS = np.linspace(0.1, 0.9, 81)


@dataclass(frozen=True)
class FramingArticle:
    """One article of the framing data: its id, text and frame labels (None when missing)."""

    id: str
    text: str
    labels: tuple[bool, ...] | None


@dataclass(frozen=True)
class EmbeddedArticle:
    """An article's sentence offsets and their MiniLM vectors (and its parse, when kept)."""

    id: str
    text: str
    spans: list[tuple[int, int]]
    vectors: np.ndarray
    doc: Any = field(default=None, repr=False)


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


def read_framing(path: Path) -> list[FramingArticle]:
    """Read ``framing-train.tsv`` (ID, text, RE, HI, CO, MO, EC); labels None if any is blank."""
    csv.field_size_limit(sys.maxsize)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except OSError as exc:
        raise InputError(f"cannot read framing data {path}: {exc.strerror}") from exc
    missing = {"ID", "text", *FRAME_COLUMNS} - set(rows[0] if rows else ())
    if missing:
        raise InputError(
            f"{path} is not the framing data: missing columns {sorted(missing)}; "
            "expected a TSV with ID, text, RE, HI, CO, MO, EC"
        )
    articles = []
    for row in rows:
        values = [row[c].strip() for c in FRAME_COLUMNS]
        # One row of the release reads "False)"; the prefix is the label.
        labels = None if not all(values) else tuple(v.startswith("True") for v in values)
        articles.append(FramingArticle(id=row["ID"], text=row["text"], labels=labels))
    return articles


def embed_articles(
    texts: Sequence[tuple[str, str]], *, keep_docs: bool = False
) -> list[EmbeddedArticle]:
    """Split ``(id, text)`` pairs into sentences as the analyzer does and embed every sentence."""
    from ..encoder import encode
    from ..nlp import get_nlp

    docs = list(get_nlp().pipe((text for _, text in texts), batch_size=16))
    spans = [article_sentences(doc) for doc in docs]
    sentences = [text[s:e] for (_, text), found in zip(texts, spans, strict=True) for s, e in found]
    vectors = encode(sentences)
    out, first = [], 0
    for (article_id, text), found, doc in zip(texts, spans, docs, strict=True):
        article_vectors = vectors[first : first + len(found)]
        out.append(
            EmbeddedArticle(article_id, text, found, article_vectors, doc if keep_docs else None)
        )
        first += len(found)
    return out


def _features(articles: Sequence[EmbeddedArticle]) -> np.ndarray:
    return np.array([pool_sentences(a.vectors, POOLINGS) for a in articles])


def _best_threshold(probabilities: np.ndarray, gold: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    scores = [f1_score(gold, probabilities >= t, zero_division=0) for t in _THRESHOLDS]
    return float(_THRESHOLDS[int(np.argmax(scores))])


def _regression(features: np.ndarray, gold: np.ndarray):  # noqa: ANN202 (sklearn estimator)
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=REGULARISATION_C, class_weight="balanced", max_iter=3000)
    return model.fit(features, gold)


def fit_frames(features: np.ndarray, labels: np.ndarray, *, seed: int = 0) -> FrameModel:
    """Fit one regression per frame and fold its CV-chosen threshold into the bias."""
    from sklearn.model_selection import KFold

    weights, bias = [], []
    for column in range(labels.shape[1]):
        gold = labels[:, column]
        out_of_fold = np.zeros(len(gold))
        for train, held in KFold(5, shuffle=True, random_state=seed).split(features):
            fitted = _regression(features[train], gold[train])
            out_of_fold[held] = fitted.predict_proba(features[held])[:, 1]
        threshold = _best_threshold(out_of_fold, gold)
        fitted = _regression(features, gold)
        weights.append(fitted.coef_[0])
        bias.append(fitted.intercept_[0] - np.log(threshold / (1 - threshold)))
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
    from sklearn.metrics import f1_score
    from sklearn.model_selection import KFold

    features = _features(articles)
    predicted = np.zeros_like(labels, dtype=bool)
    for train, held in KFold(folds, shuffle=True, random_state=seed).split(features):
        model = fit_frames(features[train], labels[train], seed=seed + 1)
        for index in held:
            predicted[index] = model.article_scores(articles[index].vectors) >= 0.5
    f1 = {f: float(f1_score(labels[:, i], predicted[:, i])) for i, f in enumerate(FRAMES)}
    always = np.ones(len(labels), dtype=bool)
    baseline = {f: float(f1_score(labels[:, i], always)) for i, f in enumerate(FRAMES)}
    positives = {f: int(labels[:, i].sum()) for i, f in enumerate(FRAMES)}
    return FrameScores(
        f1=f1, baseline_f1=baseline, articles=len(labels), positives=positives, folds=folds
    )


def save_frame_model(model: FrameModel, path: Path) -> None:
    """Write ``model`` as the small ``.npz`` that :meth:`FrameModel.load` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        frames=np.array(model.frames),
        poolings=np.array(model.poolings),
        weights=model.weights,
        bias=model.bias,
    )


def _labelled(path: Path) -> tuple[list[EmbeddedArticle], np.ndarray]:
    articles = [a for a in read_framing(path) if a.labels is not None]
    if len(articles) < 10:
        raise InputError(f"{path} has {len(articles)} labelled articles; at least 10 are needed")
    embedded = embed_articles([(a.id, a.text) for a in articles])
    return embedded, np.array([a.labels for a in articles], dtype=bool)


def evaluate_frames(path: Path, *, folds: int = 5) -> FrameScores:
    """Embed the labelled articles of ``path`` and cross-validate the frame model on them."""
    embedded, labels = _labelled(path)
    return cross_validate_frames(embedded, labels, folds=folds)


def train_and_score_frames(
    path: Path, *, out: Path | None = None, folds: int = 5
) -> tuple[Path, FrameScores]:
    """Cross-validate, then fit on all of ``path`` and write the model (default: packaged)."""
    from ..analyzers.frames import MODEL_PATH

    embedded, labels = _labelled(path)
    scores = cross_validate_frames(embedded, labels, folds=folds)
    target = out or MODEL_PATH
    save_frame_model(fit_frames(_features(embedded), labels), target)
    return target, scores
