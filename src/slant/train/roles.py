"""Train and cross-validate the narrative role model (hero, villain, victim, none).

Method: :mod:`slant.analyzers.roles` describes the model (entity vector, mean vector of the
sentences mentioning it, their difference; multinomial logistic regression). Training examples
are the 1,580 entity mentions of Frermann et al. (*Conflicts, Villains, Resolutions: Towards
models of Narrative Media Framing*, ACL 2023; MIT licence), whose context sentences are found in
the article text of ``framing-train.tsv`` by :func:`~slant.analyzers.roles.entity_sentences`,
exactly as :func:`slant.cast_roles` finds them at run time; a fourth class, "none", is learnt from
the actors that slant's ``actors`` analyzer finds in the same articles and that match no annotated
entity. Cross-validation groups rows by article, so no article has rows on both sides of a
split. The stakeholder ``group`` column is not used: users give free entity strings, not groups.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..analyzers.roles import (
    NO_ROLE,
    ROLES,
    RoleModel,
    context_vectors,
    entity_mentions,
    entity_sentences,
    role_features,
    sentences_with,
)
from ..errors import InputError
from .frames import EmbeddedArticle, embed_articles, read_framing

__all__ = [
    "CLASSES",
    "ClassScores",
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

#: The model's classes: the three roles and "no role".
CLASSES = (*ROLES, NO_ROLE)
#: Inverse regularisation strength of the regression (chosen by grouped 5-fold CV).
REGULARISATION_C = 3.0


@dataclass(frozen=True)
class RoleMention:
    """One annotated entity: the article it is in, its string and its role."""

    article_id: str
    entity: str
    role: str


@dataclass(frozen=True)
class ClassScores:
    """F1 per class, accuracy, and the same for always predicting the majority class."""

    f1: dict[str, float]
    baseline_f1: dict[str, float]
    support: dict[str, int]
    majority: str
    accuracy: float
    baseline_accuracy: float

    @property
    def macro_f1(self) -> float:
        return float(np.mean(list(self.f1.values())))

    @property
    def baseline_macro_f1(self) -> float:
        return float(np.mean(list(self.baseline_f1.values())))


@dataclass(frozen=True)
class RoleScores:
    """Grouped cross-validation of the role model, read two ways.

    ``annotated``: the annotated mentions only, the best of the three roles (the task as
    Frermann et al. pose it). ``with_none``: all rows, the four classes including "no role".
    """

    annotated: ClassScores
    with_none: ClassScores
    folds: int


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


def _unannotated_actors(article: EmbeddedArticle, entities: list[str]) -> list[tuple[str, list]]:
    """Actors (as the ``actors`` analyzer finds them) that overlap no annotated entity."""
    from ..analyzers.actors.mentions import find_actor_clusters

    annotated = [span for entity in entities for span in entity_mentions(entity, article.text)]
    return [
        (cluster.name, list(cluster.mentions))
        for cluster in find_actor_clusters(article.doc)
        if not any(s < f and b < e for s, e in cluster.mentions for b, f in annotated)
    ]


def role_examples(
    mentions: Sequence[RoleMention], articles_path: Path
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, class indices and article ids: the annotated mentions, then "no role" rows.

    "No role" rows are the actors that slant finds in an annotated article and that overlap
    none of its annotated entities; annotators marked the salient entities only, so these are
    mostly (not all) actors without a narrative role.
    """
    from ..encoder import encode

    texts = {a.id: a.text for a in read_framing(articles_path)}
    absent = sorted({m.article_id for m in mentions} - set(texts))
    if absent:
        raise InputError(
            f"{len(absent)} role article ids are not in {articles_path} (first: {absent[0]}); "
            "pass the framing-train.tsv that goes with the role file"
        )
    ids = sorted({m.article_id for m in mentions}, key=lambda i: (len(i), i))
    articles = embed_articles([(i, texts[i]) for i in ids], keep_docs=True)
    examples: list[tuple[str, str, list[int], int]] = []
    for article in articles:
        annotated = [m for m in mentions if m.article_id == article.id]
        for mention in annotated:
            group = entity_sentences(mention.entity, article.text, article.spans)
            examples.append((article.id, mention.entity, group, CLASSES.index(mention.role)))
        for name, spans in _unannotated_actors(article, [m.entity for m in annotated]):
            group = sentences_with(spans, article.spans)
            examples.append((article.id, name, group, CLASSES.index(NO_ROLE)))
    by_id = {a.id: a for a in articles}
    names = sorted({name for _, name, _, _ in examples})
    name_vectors = dict(zip(names, encode(names), strict=True))
    rows = [
        role_features(
            name_vectors[name][None, :], context_vectors(by_id[article_id].vectors, [group])
        )[0]
        for article_id, name, group, _ in examples
    ]
    labels = np.array([label for *_, label in examples])
    return np.array(rows), labels, np.array([article_id for article_id, *_ in examples])


def fit_roles(features: np.ndarray, labels: np.ndarray) -> RoleModel:
    """Fit the multinomial logistic regression of the role model."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=REGULARISATION_C, class_weight="balanced", max_iter=3000)
    fitted.fit(features, labels)
    return RoleModel(
        roles=CLASSES,
        weights=fitted.coef_.astype(np.float32),
        bias=fitted.intercept_.astype(np.float32),
    )


def _class_scores(gold: np.ndarray, predicted: np.ndarray, names: Sequence[str]) -> ClassScores:
    from sklearn.metrics import accuracy_score, f1_score

    majority = Counter(gold.tolist()).most_common(1)[0][0]
    constant = np.full_like(gold, majority)
    classes = list(range(len(names)))
    f1 = f1_score(gold, predicted, labels=classes, average=None, zero_division=0)
    base = f1_score(gold, constant, labels=classes, average=None, zero_division=0)
    return ClassScores(
        f1={n: float(v) for n, v in zip(names, f1, strict=True)},
        baseline_f1={n: float(v) for n, v in zip(names, base, strict=True)},
        support={n: int((gold == i).sum()) for i, n in enumerate(names)},
        majority=names[majority],
        accuracy=float(accuracy_score(gold, predicted)),
        baseline_accuracy=float(accuracy_score(gold, constant)),
    )


def cross_validate_roles(
    features: np.ndarray, labels: np.ndarray, groups: np.ndarray, *, folds: int = 5
) -> RoleScores:
    """Grouped K-fold scores of the role model against always predicting the majority class."""
    from sklearn.model_selection import GroupKFold

    probabilities = np.zeros((len(labels), len(CLASSES)))
    dimensions = features.shape[1] // 3
    for train, held in GroupKFold(folds).split(features, labels, groups):
        model = fit_roles(features[train], labels[train])
        entity, context = features[held, :dimensions], features[held, dimensions : 2 * dimensions]
        probabilities[held] = model.scores(entity, context)
    has_role = labels < len(ROLES)
    best_role = probabilities[has_role, : len(ROLES)].argmax(axis=1)
    return RoleScores(
        annotated=_class_scores(labels[has_role], best_role, ROLES),
        with_none=_class_scores(labels, probabilities.argmax(axis=1), CLASSES),
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
