"""Persuasion techniques at span level (SemEval-2020 Task 11): model runtime and formats.

The library surface behind ``slant techniques`` (``slant eval techniques`` is
:func:`slant.evaluation.techniques.evaluate_folder`):

>>> labels = label_articles(Path("articles"))  # doctest: +SKIP

The model is loaded lazily, once per process (:func:`get_model`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from .detect import detect
from .labels import DEFINITIONS, TECHNIQUES, explain
from .predict import encode_all, predict_techniques
from .runtime import TechniqueModel
from .semeval import Label, read_articles, read_labels

__all__ = [
    "DEFINITIONS",
    "TECHNIQUES",
    "TechniqueModel",
    "explain",
    "get_model",
    "label_articles",
]


@lru_cache(maxsize=1)
def get_model() -> TechniqueModel:
    """Return the technique model shipped with slant, loaded on first use."""
    return TechniqueModel()


def label_articles(
    articles_dir: Path, *, spans_file: Path | None = None, model: TechniqueModel | None = None
) -> list[Label]:
    """Return TC labels for a SemEval folder: detected spans, or exactly the template's spans."""
    model = model or get_model()
    articles = read_articles(articles_dir)
    if spans_file is None:
        return sorted(
            Label(article_id, d.start, d.end, d.technique)
            for article_id, states in encode_all(model, articles).items()
            for d in detect(model, states)
        )
    template = read_labels(spans_file)
    missing = sorted({t.article_id for t in template} - set(articles))
    if missing:
        raise InputError(
            f"{spans_file}: spans refer to articles not in {articles_dir}: "
            f"{', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}"
        )
    wanted = {t.article_id for t in template}
    states = encode_all(model, {a: t for a, t in articles.items() if a in wanted})
    return predict_techniques(model, states, template)
