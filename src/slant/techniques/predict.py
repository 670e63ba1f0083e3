"""Run the technique model over a folder's articles and return SemEval labels.

- :func:`encode_all` encodes every article once (the expensive step);
- :func:`predict_spans` detects spans (SI lines);
- :func:`predict_techniques` labels exactly the spans of a template (TC lines).

``slant techniques`` and the evaluations (:mod:`slant.evaluation.techniques`) use them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TypedDict, Unpack

from .runtime import ArticleStates, TechniqueModel
from .semeval import Label

__all__ = ["Progress", "SpanDecoding", "encode_all", "predict_spans", "predict_techniques"]

Progress = Callable[[int, int], None]


class SpanDecoding(TypedDict, total=False):
    """Settings of :meth:`TechniqueModel.find_spans`; a missing one takes the tuned value."""

    threshold: float
    max_gap: int
    split_lines: bool
    min_chars: int
    decoder: str
    o_bias: float


def encode_all(
    model: TechniqueModel, articles: dict[str, str], progress: Progress | None = None
) -> dict[str, ArticleStates]:
    """Encode every article once (the expensive step), keyed by article id."""
    states = {}
    for done, (article_id, text) in enumerate(sorted(articles.items()), start=1):
        states[article_id] = model.encode_article(text)
        if progress:
            progress(done, len(articles))
    return states


def predict_spans(
    model: TechniqueModel, states: dict[str, ArticleStates], **decode: Unpack[SpanDecoding]
) -> list[Label]:
    """Detect spans in every article (SI lines, sorted); ``decode``: ``find_spans`` settings."""
    return sorted(
        Label(article_id, start, end)
        for article_id, article in states.items()
        for start, end, _ in model.find_spans(article, **decode)
    )


def predict_techniques(
    model: TechniqueModel, states: dict[str, ArticleStates], template: list[Label]
) -> list[Label]:
    """Label exactly the spans of ``template``; a span listed k times gets its top-k techniques."""
    by_article: dict[str, Counter[tuple[int, int]]] = {}
    for label in template:
        by_article.setdefault(label.article_id, Counter())[(label.start, label.end)] += 1
    predictions = []
    for article_id, spans in sorted(by_article.items()):
        if article_id not in states:
            continue
        keys = sorted(spans)
        probs = model.classify(states[article_id], keys)
        for (start, end), row in zip(keys, probs, strict=True):
            ranked = row.argsort()[::-1]
            for k in range(spans[(start, end)]):
                technique = model.techniques[ranked[k % len(ranked)]]
                predictions.append(Label(article_id, start, end, technique))
    return predictions
