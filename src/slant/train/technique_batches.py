"""Training data of the technique model: PTC articles as tagged wordpieces, windows, batches.

Each article is tokenized once (:mod:`slant.techniques.encoding`) and carries three targets:
B/I/O tags of the merged gold spans (span identification), per-technique inside tags (the
auxiliary signal), and the gold spans with their technique and article features (technique
classification), and for each line (a PTC sentence) whether a gold span touches it (the
sentence-level auxiliary target). :func:`windows` tiles articles into encoder windows, at a
random offset per article when given a random generator; :func:`make_batch` pads a list of
windows into tensors.
It does not train anything (:mod:`slant.train.techniques`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
import torch
from tokenizers import Tokenizer

from ..techniques.encoding import OUTSIDE, Encoded, encode_text, token_range, token_tags
from ..techniques.features import span_features
from ..techniques.labels import TECHNIQUES
from ..techniques.semeval import Label, merge_spans

__all__ = [
    "Article",
    "class_counts",
    "class_weights",
    "line_targets",
    "make_batch",
    "prepare",
    "windows",
]


@dataclass
class Article:
    """One tokenized training article and its targets."""

    encoded: Encoded
    tags: np.ndarray
    technique_tags: np.ndarray  # (tokens, techniques): inside a span of that technique
    spans: list[tuple[int, int, int, np.ndarray]]  # first token, end token, class, features
    lines: list[tuple[int, int, float]]  # first token, end token, 1.0 if a gold span touches it


def line_targets(encoded: Encoded, spans: list[tuple[int, int]]) -> list[tuple[int, int, float]]:
    """The token range of each non-blank line of the article and whether a gold span overlaps it.

    PTC articles hold one sentence per line, so this is the sentence-level target ("does this
    sentence contain propaganda?") of the auxiliary task.

    >>> from types import SimpleNamespace
    >>> offsets = np.array([[0, 3], [4, 7], [8, 11], [12, 15]])
    >>> line_targets(SimpleNamespace(text="aaa bbb\\nccc ddd", offsets=offsets), [(9, 10)])
    [(0, 2, 0.0), (2, 4, 1.0)]
    """
    lines, start = [], 0
    starts, ends = encoded.offsets[:, 0], encoded.offsets[:, 1]
    for line in encoded.text.split("\n"):
        end = start + len(line)
        inside = np.nonzero((starts >= start) & (ends <= end) & (ends > starts))[0]
        if line.strip() and len(inside):
            touched = any(a < end and b > start for a, b in spans)
            lines.append((int(inside[0]), int(inside[-1]) + 1, float(touched)))
        start = end + 1
    return lines


def prepare(articles: dict[str, str], labels: list[Label], tokenizer: Tokenizer) -> list[Article]:
    """Tokenize each article and derive its targets from its TC ``labels``."""
    by_article: dict[str, list[Label]] = {}
    for label in labels:
        by_article.setdefault(label.article_id, []).append(label)
    prepared = []
    for article_id, text in sorted(articles.items()):
        encoded = encode_text(tokenizer, text)
        gold = by_article.get(article_id, [])
        merged = merge_spans((g.start, g.end) for g in gold)
        tags = token_tags(encoded, merged)
        technique_tags = np.zeros((len(encoded), len(TECHNIQUES)), dtype=np.float32)
        spans = []
        for g in gold:
            if g.technique in TECHNIQUES and len(encoded):
                inside = token_tags(encoded, [(g.start, g.end)]) != OUTSIDE
                technique_tags[inside, TECHNIQUES.index(g.technique)] = 1.0
                first, end = token_range(encoded, g.start, g.end)
                features = span_features(text, g.start, g.end)
                spans.append((first, end, TECHNIQUES.index(g.technique), features))
        lines = line_targets(encoded, merged)
        prepared.append(Article(encoded, tags, technique_tags, spans, lines))
    return prepared


def windows(
    articles: list[Article], size: int, rng: random.Random | None = None
) -> list[tuple[int, int, int]]:
    """Tile each article with windows of ``size`` tokens.

    With ``rng``, each article's tiling starts at a random offset (the tokens before it form a
    short first window), so in each epoch the model sees each sentence in another context and
    at another place in the window: data augmentation at no extra cost.
    """
    tiles = []
    for index, article in enumerate(articles):
        n = len(article.encoded)
        if n == 0:
            continue
        offset = rng.randrange(size) if rng is not None and n > size else 0
        starts = ([0] if offset else []) + list(range(offset, n, size))
        ends = starts[1:] + [n]
        tiles += [(index, a, min(b, a + size)) for a, b in zip(starts, ends, strict=True)]
    return tiles


def make_batch(
    articles: list[Article], windows: list[tuple[int, int, int]], cls_id: int, sep_id: int
) -> dict[str, torch.Tensor]:
    """Pad ``(article, start, end)`` windows into one batch of inputs and targets."""
    width = max(end - start for _, start, end in windows) + 2
    ids = torch.zeros((len(windows), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    tags = torch.full_like(ids, -100)
    technique_tags = torch.zeros((len(windows), width, len(TECHNIQUES)), dtype=torch.float32)
    rows, firsts, ends, classes, features = [], [], [], [], []
    line_rows, line_firsts, line_ends, line_labels = [], [], [], []
    for row, (index, start, end) in enumerate(windows):
        article = articles[index]
        n = end - start
        ids[row, 0], ids[row, n + 1] = cls_id, sep_id
        ids[row, 1 : n + 1] = torch.from_numpy(article.encoded.ids[start:end])
        mask[row, : n + 2] = 1
        tags[row, 1 : n + 1] = torch.from_numpy(article.tags[start:end])
        technique_tags[row, 1 : n + 1] = torch.from_numpy(article.technique_tags[start:end])
        for first, span_end, cls, feats in article.spans:
            if start <= first < end:
                rows.append(row)
                firsts.append(first - start + 1)
                ends.append(min(span_end, end) - start + 1)
                classes.append(cls)
                features.append(feats)
        for first, line_end, touched in article.lines:
            if start <= first and line_end <= end:
                line_rows.append(row)
                line_firsts.append(first - start + 1)
                line_ends.append(line_end - start + 1)
                line_labels.append(touched)
    return {
        "ids": ids,
        "mask": mask,
        "tags": tags,
        "technique_tags": technique_tags,
        "rows": torch.tensor(rows, dtype=torch.long),
        "firsts": torch.tensor(firsts, dtype=torch.long),
        "ends": torch.tensor(ends, dtype=torch.long),
        "classes": torch.tensor(classes, dtype=torch.long),
        "features": torch.from_numpy(np.stack(features)) if features else torch.zeros((0, 3)),
        "line_rows": torch.tensor(line_rows, dtype=torch.long),
        "line_firsts": torch.tensor(line_firsts, dtype=torch.long),
        "line_ends": torch.tensor(line_ends, dtype=torch.long),
        "line_labels": torch.tensor(line_labels, dtype=torch.float32),
    }


def class_counts(articles: list[Article]) -> np.ndarray:
    """Number of gold spans of each technique."""
    counts = np.zeros(len(TECHNIQUES), dtype=np.int64)
    for article in articles:
        for _, _, cls, _ in article.spans:
            counts[cls] += 1
    return counts


def class_weights(articles: list[Article], power: float) -> torch.Tensor:
    """Loss weights ``(n_max / n_class) ** power``, normalised to mean 1."""
    counts = class_counts(articles) + 1.0
    weights = (counts.max() / counts) ** power
    return torch.tensor(weights / weights.mean(), dtype=torch.float32)
