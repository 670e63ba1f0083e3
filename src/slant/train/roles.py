"""Train and cross-validate the narrative role model (hero, villain, victim).

Method: :mod:`slant.analyzers.roles` describes the model (entity vector, mean vector of the
sentences mentioning it, their difference; multinomial logistic regression). Training examples
are the 1,580 entity mentions of Frermann et al. (*Conflicts, Villains, Resolutions: Towards
models of Narrative Media Framing*, ACL 2023; MIT licence), whose context sentences are found in
the article text of ``framing-train.tsv`` by :func:`~slant.analyzers.roles.entity_sentences`,
exactly as :func:`slant.cast_roles` finds them at run time. Cross-validation groups mentions by
article, so no article has mentions on both sides of a split. The stakeholder ``group`` column is
not used: users give free entity strings, not groups.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..analyzers.roles import ROLES, RoleModel, context_vectors, entity_sentences, role_features
from ..errors import InputError
from .frames import embed_articles, read_framing

__all__ = [
    "RoleMention",
    "RoleScores",
    "cross_validate_roles",
    "evaluate_roles",
    "fit_roles",
    "read_roles",
    "role_examples",
    "save_role_model",
    "train_and_score_roles",
]

#: Inverse regularisation strength of the regression (chosen by grouped 5-fold CV).
REGULARISATION_C = 3.0


@dataclass(frozen=True)
class RoleMention:
    """One annotated entity: the article it is in, its string and its role."""

    article_id: str
    entity: str
    role: str


@dataclass(frozen=True)
class RoleScores:
    """Grouped cross-validated F1 per role, accuracy, and the majority-class baseline."""

    f1: dict[str, float]
    baseline_f1: dict[str, float]
    support: dict[str, int]
    majority: str
    accuracy: float
    baseline_accuracy: float
    mentions: int
    folds: int

    @property
    def macro_f1(self) -> float:
        return float(np.mean(list(self.f1.values())))

    @property
    def baseline_macro_f1(self) -> float:
        return float(np.mean(list(self.baseline_f1.values())))


def read_roles(path: Path) -> list[RoleMention]:
    """Read ``framing-roles-train.tsv`` (ID, entity, role, …)."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except OSError as exc:
        raise InputError(f"cannot read role data {path}: {exc.strerror}") from exc
    missing = {"ID", "entity", "role"} - set(rows[0] if rows else ())
    if missing:
        raise InputError(
            f"{path} is not the role data: missing columns {sorted(missing)}; "
            "expected a TSV with ID, entity, role"
        )
    unknown = sorted({r["role"] for r in rows} - set(ROLES))
    if unknown:
        raise InputError(f"{path} has unknown roles {unknown}; expected {list(ROLES)}")
    return [RoleMention(r["ID"], r["entity"].strip(), r["role"]) for r in rows]


def role_examples(
    mentions: Sequence[RoleMention], articles_path: Path
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, role indices and article ids of ``mentions`` (articles embedded once)."""
    from ..encoder import encode

    texts = {a.id: a.text for a in read_framing(articles_path)}
    absent = sorted({m.article_id for m in mentions} - set(texts))
    if absent:
        raise InputError(
            f"{len(absent)} role article ids are not in {articles_path} (first: {absent[0]}); "
            "pass the framing-train.tsv that goes with the role file"
        )
    ids = sorted({m.article_id for m in mentions}, key=lambda i: (len(i), i))
    embedded = {a.id: a for a in embed_articles([(i, texts[i]) for i in ids])}
    entities = sorted({m.entity for m in mentions})
    entity_vectors = dict(zip(entities, encode(entities), strict=True))
    rows = []
    for mention in mentions:
        article = embedded[mention.article_id]
        group = entity_sentences(mention.entity, article.text, article.spans)
        context = context_vectors(article.vectors, [group])
        rows.append(role_features(entity_vectors[mention.entity][None, :], context)[0])
    labels = np.array([ROLES.index(m.role) for m in mentions])
    return np.array(rows), labels, np.array([m.article_id for m in mentions])


def fit_roles(features: np.ndarray, labels: np.ndarray) -> RoleModel:
    """Fit the multinomial logistic regression of the role model."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=REGULARISATION_C, class_weight="balanced", max_iter=3000)
    fitted.fit(features, labels)
    return RoleModel(
        roles=ROLES,
        weights=fitted.coef_.astype(np.float32),
        bias=fitted.intercept_.astype(np.float32),
    )


def cross_validate_roles(
    features: np.ndarray, labels: np.ndarray, groups: np.ndarray, *, folds: int = 5
) -> RoleScores:
    """Grouped K-fold scores of the role model against always predicting the majority role."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold

    predicted = np.zeros_like(labels)
    dimensions = features.shape[1] // 3
    for train, held in GroupKFold(folds).split(features, labels, groups):
        model = fit_roles(features[train], labels[train])
        entity, context = features[held, :dimensions], features[held, dimensions : 2 * dimensions]
        predicted[held] = model.scores(entity, context).argmax(axis=1)
    majority = Counter(labels.tolist()).most_common(1)[0][0]
    constant = np.full_like(labels, majority)
    classes = list(range(len(ROLES)))
    f1 = f1_score(labels, predicted, labels=classes, average=None, zero_division=0)
    base = f1_score(labels, constant, labels=classes, average=None, zero_division=0)
    return RoleScores(
        f1={r: float(v) for r, v in zip(ROLES, f1, strict=True)},
        baseline_f1={r: float(v) for r, v in zip(ROLES, base, strict=True)},
        support={r: int((labels == i).sum()) for i, r in enumerate(ROLES)},
        majority=ROLES[majority],
        accuracy=float(accuracy_score(labels, predicted)),
        baseline_accuracy=float(accuracy_score(labels, constant)),
        mentions=len(labels),
        folds=folds,
    )


def save_role_model(model: RoleModel, path: Path) -> None:
    """Write ``model`` as the small ``.npz`` that :meth:`RoleModel.load` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, roles=np.array(model.roles), weights=model.weights, bias=model.bias)


def evaluate_roles(path: Path, *, articles_path: Path, folds: int = 5) -> RoleScores:
    """Build the examples of ``path`` and cross-validate the role model on them."""
    features, labels, groups = role_examples(read_roles(path), articles_path)
    return cross_validate_roles(features, labels, groups, folds=folds)


def train_and_score_roles(
    path: Path, *, articles_path: Path, out: Path | None = None, folds: int = 5
) -> tuple[Path, RoleScores]:
    """Cross-validate, then fit on all mentions and write the model (default: packaged)."""
    from ..analyzers.roles import MODEL_PATH

    features, labels, groups = role_examples(read_roles(path), articles_path)
    scores = cross_validate_roles(features, labels, groups, folds=folds)
    target = out or MODEL_PATH
    save_role_model(fit_roles(features, labels), target)
    return target, scores
