"""The shared parts of every ``slant eval``: scores, cross-validation folds, the numpy fit."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from slant.evaluation.folds import grouped_folds, shuffled_folds, split_articles
from slant.evaluation.frames import cross_validate_frames
from slant.evaluation.framing import EmbeddedArticle
from slant.evaluation.logistic import balanced_weights, fit_logistic
from slant.evaluation.roles import CLASSES, cross_validate_roles
from slant.evaluation.scoring import Scores, accuracy, f1, f1_per_class, precision_recall_f1


@pytest.mark.parametrize(
    ("precise", "predicted", "recalled", "gold", "expected"),
    [
        (3, 4, 3, 6, (0.75, 0.5, 0.6)),
        (0, 0, 0, 5, (0.0, 0.0, 0.0)),
        (2, 2, 0, 0, (1.0, 0.0, 0.0)),
        (1.5, 3, 1.0, 2, (0.5, 0.5, 0.5)),
    ],
)
def test_precision_recall_f1(precise, predicted, recalled, gold, expected) -> None:
    assert precision_recall_f1(precise, predicted, recalled, gold) == pytest.approx(expected)


def test_scores_keep_their_counts_and_round_in_json() -> None:
    scores = Scores.of(1, 3, 1, 2)
    assert (scores.predicted, scores.gold) == (3, 2)
    assert scores.as_dict()["f1"] == round(f1(1 / 3, 1 / 2), 4)


def test_f1_per_class_is_one_vs_rest() -> None:
    gold = np.array([0, 0, 1, 1, 2])
    predicted = np.array([0, 1, 1, 1, 0])
    # class 0: tp 1, fp 1, fn 1; class 1: tp 2, fp 1, fn 0; class 2: tp 0.
    assert f1_per_class(gold, predicted, [0, 1, 2]) == pytest.approx([0.5, 0.8, 0.0])
    assert f1_per_class(gold == 1, predicted == 1, [True]) == pytest.approx([0.8])
    assert accuracy(gold, predicted) == pytest.approx(0.6)


@pytest.mark.parametrize(("rows", "folds", "seed"), [(10, 3, 0), (341, 5, 1), (7, 7, 4)])
def test_shuffled_folds_hold_every_row_out_once(rows: int, folds: int, seed: int) -> None:
    split = list(shuffled_folds(rows, folds, seed=seed))
    held = np.concatenate([h for _, h in split])
    assert sorted(held.tolist()) == list(range(rows))
    assert {len(h) for _, h in split} <= {rows // folds, rows // folds + 1}
    for train, h in split:
        assert not set(train.tolist()) & set(h.tolist())
        assert len(train) + len(h) == rows
    assert [h.tolist() for _, h in split] == [
        h.tolist() for _, h in shuffled_folds(rows, folds, seed=seed)
    ]


def test_grouped_folds_keep_a_group_on_one_side() -> None:
    groups = np.array(list("aaaabbbccd") + ["e"] * 5)
    split = list(grouped_folds(groups, 3))
    for train, held in split:
        assert not set(groups[train]) & set(groups[held])
    assert sorted(np.concatenate([h for _, h in split]).tolist()) == list(range(len(groups)))
    # Largest group first, each into the lightest fold: e (5) | a (4) | b (3), then c, d.
    assert [sorted(set(groups[h])) for _, h in split] == [["e"], ["a", "d"], ["b", "c"]]


def test_too_many_folds_is_an_input_error() -> None:
    from slant.errors import InputError

    with pytest.raises(InputError, match="3 folds over 2 groups"):
        list(grouped_folds(np.array(["a", "b"]), 3))


def test_split_articles_is_the_technique_split() -> None:
    train, dev, test = split_articles(
        [str(i) for i in range(20)], folds=5, test_fold=2, dev_articles=3
    )
    assert (len(train), len(dev), len(test)) == (13, 3, 4)
    assert not set(train) & set(dev) | set(train) & set(test) | set(dev) & set(test)


def test_balanced_weights_give_every_class_the_same_total() -> None:
    labels = np.array([0, 0, 0, 1, 2, 2])
    weights = balanced_weights(labels, 3)
    assert [weights[labels == k].sum() for k in range(3)] == pytest.approx([2.0, 2.0, 2.0])


def _objective_gradient(x, y, w, b, classes, c):
    """The gradient of the module's objective, written out independently of the fit."""
    s = balanced_weights(y, classes)
    if classes == 2:
        p = 1 / (1 + np.exp(-(x @ w[0] + b[0])))
        r = s * (p - y)
        return np.concatenate([(r @ x + w[0] / c), [r.sum()]]) / s.sum()
    z = x @ w.T + b
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    r = s[:, None] * (p - np.eye(classes)[y])
    return np.concatenate([(r.T @ x + w / c).ravel(), r.sum(0)]) / s.sum()


@pytest.mark.parametrize("classes", [2, 4])
def test_fit_logistic_reaches_the_minimum(classes: int) -> None:
    rng = np.random.default_rng(0)
    y = rng.integers(0, classes, size=300)
    x = rng.normal(size=(300, 20)) + np.eye(classes)[y] @ rng.normal(size=(classes, 20))
    weights, bias = fit_logistic(x, y, classes=classes, c=2.0)
    assert weights.shape == ((1 if classes == 2 else classes), 20)
    gradient = _objective_gradient(x, y, weights, bias, classes, 2.0)
    assert np.abs(gradient).max() < 1e-5
    scores = x @ weights.T + bias
    predicted = (scores[:, 0] > 0).astype(int) if classes == 2 else scores.argmax(1)
    assert accuracy(y, predicted) > 0.8


def _article(index: int, vectors: np.ndarray) -> EmbeddedArticle:
    return EmbeddedArticle(str(index), "", [(0, 1)] * len(vectors), vectors)


def test_frames_cross_validation_beats_always_present_on_learnable_labels() -> None:
    rng = np.random.default_rng(1)
    labels = rng.random((60, 5)) < 0.4
    direction = rng.normal(size=(5, 384))
    articles = [
        _article(i, rng.normal(size=(3, 384)) * 0.3 + labels[i] @ direction * 0.2)
        for i in range(60)
    ]
    scores = cross_validate_frames(articles, labels, folds=3)
    assert scores.articles == 60 and scores.folds == 3
    assert scores.macro_f1 > scores.baseline_macro_f1 + 0.2


def test_roles_cross_validation_groups_by_article() -> None:
    rng = np.random.default_rng(2)
    labels = rng.integers(0, len(CLASSES), size=200)
    entity = rng.normal(size=(200, 384)) * 0.3 + np.eye(len(CLASSES))[labels] @ rng.normal(
        size=(len(CLASSES), 384)
    )
    context = rng.normal(size=(200, 384))
    features = np.hstack([entity, context, entity - context])
    groups = np.array([f"article{i // 4}" for i in range(200)])
    scores = cross_validate_roles(features, labels, groups, folds=5)
    assert scores.with_none.macro_f1 > scores.with_none.baseline_macro_f1 + 0.3
    assert sum(scores.with_none.support.values()) == 200


def test_eval_frames_and_roles_need_no_training_extra() -> None:
    code = (
        "import sys, slant.cli, slant.evaluation.frames, slant.evaluation.roles, "
        "slant.train.frames, slant.train.roles; "
        "print(sorted(m for m in ('sklearn', 'torch', 'transformers') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
