"""Grouped cross-validation of the narrative role model (hero, villain, victim, none).

Method: :mod:`slant.analyzers.roles` describes the model (entity vector, mean vector of the
sentences mentioning it, their difference; multinomial logistic regression). Examples are the
1,580 entity mentions of Frermann et al. 2023 (:mod:`.framing`), whose context sentences are
found in the article text of ``framing-train.tsv`` by
:func:`~slant.analyzers.roles.entity_sentences`, exactly as :func:`slant.cast_roles` finds them
at run time; a fourth class, "none", is learnt from the actors that slant's ``actors`` analyzer
finds in the same articles and that match no annotated entity. :func:`fit_roles` is a
multinomial L2 logistic regression with balanced class weights
(:func:`slant.evaluation.logistic.fit_logistic`, ``C`` = :data:`REGULARISATION_C`).
Cross-validation groups rows by article (:func:`slant.evaluation.folds.grouped_folds`), so no
article has rows on both sides of a split. The stakeholder ``group`` column is not used: users
give free entity strings, not groups. It needs no extra: numpy only.
"""

from __future__ import annotations

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
from .folds import grouped_folds
from .framing import EmbeddedArticle, RoleMention, embed_articles, read_framing, read_roles
from .logistic import fit_logistic
from .scoring import accuracy, f1_per_class

__all__ = [
    "CLASSES",
    "REGULARISATION_C",
    "ClassScores",
    "RoleScores",
    "cross_validate_roles",
    "evaluate_roles",
    "fit_roles",
    "role_examples",
]

#: The model's classes: the three roles and "no role".
CLASSES = (*ROLES, NO_ROLE)
#: Inverse regularisation strength of the regression (chosen by grouped 5-fold CV).
REGULARISATION_C = 3.0


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


def _unannotated_actors(
    article: EmbeddedArticle, entities: list[str]
) -> list[tuple[str, list[tuple[int, int]]]]:
    """Actors (as the ``actors`` analyzer finds them) that overlap no annotated entity."""
    from ..analyzers.actors.mentions import find_actor_clusters

    if article.doc is None:
        raise ValueError(f"article {article.id} was embedded without its parse (keep_docs)")
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
    from ..vectors import text_vectors

    texts = {a.id: a.text for a in read_framing(articles_path)}
    absent = sorted({m.article_id for m in mentions} - set(texts))
    if absent:
        raise InputError(
            f"{len(absent)} role article ids are not in {articles_path} (first: {absent[0]}); "
            "give the framing-train.tsv that goes with the role file"
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
    name_vectors = dict(zip(names, text_vectors(names), strict=True))
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
    weights, bias = fit_logistic(features, labels, classes=len(CLASSES), c=REGULARISATION_C)
    return RoleModel(
        roles=CLASSES, weights=weights.astype(np.float32), bias=bias.astype(np.float32)
    )


def _class_scores(gold: np.ndarray, predicted: np.ndarray, names: Sequence[str]) -> ClassScores:
    majority = Counter(gold.tolist()).most_common(1)[0][0]
    constant = np.full_like(gold, majority)
    classes = list(range(len(names)))
    f1 = f1_per_class(gold, predicted, classes)
    base = f1_per_class(gold, constant, classes)
    return ClassScores(
        f1={n: float(v) for n, v in zip(names, f1, strict=True)},
        baseline_f1={n: float(v) for n, v in zip(names, base, strict=True)},
        support={n: int((gold == i).sum()) for i, n in enumerate(names)},
        majority=names[majority],
        accuracy=accuracy(gold, predicted),
        baseline_accuracy=accuracy(gold, constant),
    )


def cross_validate_roles(
    features: np.ndarray, labels: np.ndarray, groups: np.ndarray, *, folds: int = 5
) -> RoleScores:
    """Grouped K-fold scores of the role model against always predicting the majority class."""
    probabilities = np.zeros((len(labels), len(CLASSES)))
    dimensions = features.shape[1] // 3
    for train, held in grouped_folds(groups, folds):
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


def examples_of(path: Path, articles_path: Path | None) -> tuple[np.ndarray, ...]:
    """:func:`role_examples` of the role file ``path`` over the articles of ``articles_path``."""
    mentions = read_roles(path)
    if articles_path is None:
        raise InputError(
            f"{path}: the role data needs the framing articles it annotates "
            "(framing-train.tsv): give their path",
            argument="articles_path",
        )
    return role_examples(mentions, articles_path)


def evaluate_roles(path: Path, *, articles_path: Path | None, folds: int = 5) -> RoleScores:
    """Build the examples of ``path`` and cross-validate the role model on them."""
    features, labels, groups = examples_of(path, articles_path)
    return cross_validate_roles(features, labels, groups, folds=folds)
