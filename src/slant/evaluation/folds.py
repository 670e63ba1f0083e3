"""Cross-validation splits: which items each fold trains on and which it holds out.

Three splitters, each the one its evaluation has always used, so scores stay comparable:

- :func:`split_articles`: the technique model's split by article id (``random.Random(seed)``
  shuffle, article ``i`` in fold ``i % folds``), with a dev set taken from the training pool;
- :func:`shuffled_folds`: k-fold over rows after a ``numpy.random.RandomState(seed)`` shuffle,
  the first ``n % k`` folds one row larger (the frames model; the same folds as scikit-learn's
  ``KFold(k, shuffle=True, random_state=seed)``);
- :func:`grouped_folds`: k-fold that keeps each group (an article's rows) on one side: groups
  are taken largest first and each goes to the fold with the fewest rows so far (the roles
  model; the same folds as scikit-learn's ``GroupKFold(k)``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import numpy as np

from ..errors import InputError

__all__ = ["Fold", "grouped_folds", "shuffled_folds", "split_articles"]

#: ``(train, held)`` row indices of one fold.
Fold = tuple[np.ndarray, np.ndarray]


def split_articles(
    article_ids: list[str], *, folds: int, test_fold: int | None, dev_articles: int, seed: int = 13
) -> tuple[list[str], list[str], list[str]]:
    """Return ``(train, dev, test)`` article ids.

    Articles are shuffled with ``seed`` and dealt into ``folds`` folds; ``test`` is fold
    ``test_fold`` (empty when None); ``dev`` is the first ``dev_articles`` of the rest.

    >>> train, dev, test = split_articles(list("abcdef"), folds=3, test_fold=0, dev_articles=1)
    >>> len(train), len(dev), len(test), sorted(train + dev + test) == list("abcdef")
    (3, 1, 2, True)
    """
    order = sorted(article_ids)
    random.Random(seed).shuffle(order)
    test = [a for i, a in enumerate(order) if test_fold is not None and i % folds == test_fold]
    held = set(test)
    pool = [a for a in order if a not in held]
    return sorted(pool[dev_articles:]), sorted(pool[:dev_articles]), sorted(test)


def _check(rows: int, folds: int, what: str) -> None:
    if folds < 2 or folds > rows:
        raise InputError(f"{folds} folds over {rows} {what}: give between 2 and {rows} folds")


def shuffled_folds(rows: int, folds: int, *, seed: int) -> Iterator[Fold]:
    """K-fold over ``rows`` rows shuffled with ``seed``; every row is held out once.

    >>> [held.tolist() for _, held in shuffled_folds(5, 2, seed=1)]
    [[1, 2, 4], [0, 3]]
    """
    _check(rows, folds, "rows")
    order = np.arange(rows)
    np.random.RandomState(seed).shuffle(order)
    sizes = np.full(folds, rows // folds)
    sizes[: rows % folds] += 1
    start = 0
    for size in sizes:
        held = np.sort(order[start : start + size])
        yield np.setdiff1d(order, held), held
        start += size


def grouped_folds(groups: np.ndarray, folds: int) -> Iterator[Fold]:
    """K-fold in which all rows of a group fall in the same fold (balanced by row count).

    >>> [held.tolist() for _, held in grouped_folds(np.array(["a", "a", "a", "b", "c"]), 2)]
    [[0, 1, 2], [3, 4]]
    """
    names, group_of_row = np.unique(groups, return_inverse=True)
    _check(len(names), folds, "groups")
    sizes = np.bincount(group_of_row)
    order = np.argsort(sizes, kind="stable")[::-1]
    fold_rows = np.zeros(folds)
    fold_of_group = np.zeros(len(names), dtype=int)
    for group in order:
        lightest = int(np.argmin(fold_rows))
        fold_rows[lightest] += sizes[group]
        fold_of_group[group] = lightest
    fold_of_row = fold_of_group[group_of_row]
    for fold in range(folds):
        yield np.flatnonzero(fold_of_row != fold), np.flatnonzero(fold_of_row == fold)
