"""Wordpiece encoding of whole articles, fixed-size windows, and token <-> character mapping.

An article is tokenized once with the encoder's own ``tokenizers`` WordPiece model (no special
tokens, no truncation), which keeps each wordpiece's character offsets into the exact article
text. Windows of at most ``size`` wordpieces slide over it with a stride; each window is framed
by ``[CLS] … [SEP]`` for the encoder, and per-token scores from overlapping windows are
averaged. Training and inference share this module, so spans found by the model map back to
characters through one path (:func:`char_span`). It does not split sentences: windows cut
across them, and the encoder sees the neighbouring sentences as context.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

__all__ = [
    "Encoded",
    "batch_inputs",
    "char_span",
    "encode_text",
    "load_tokenizer",
    "token_range",
    "token_tags",
    "window_ranges",
]

OUTSIDE, BEGIN, INSIDE = 0, 1, 2


@dataclass(frozen=True)
class Encoded:
    """The wordpieces of one article: ids and ``[start, end)`` character offsets."""

    text: str
    ids: np.ndarray
    offsets: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def load_tokenizer(path: Path) -> Tokenizer:
    """Load a ``tokenizer.json`` with truncation and padding switched off."""
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def encode_text(tokenizer: Tokenizer, text: str) -> Encoded:
    """Tokenize a whole article, keeping character offsets."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    ids = np.asarray(enc.ids, dtype=np.int64)
    offsets = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
    return Encoded(text=text, ids=ids, offsets=offsets)


def window_ranges(n_tokens: int, *, size: int, stride: int) -> list[tuple[int, int]]:
    """Return ``[start, end)`` token ranges of windows covering ``n_tokens`` tokens.

    >>> window_ranges(10, size=4, stride=3)
    [(0, 4), (3, 7), (6, 10)]
    """
    if n_tokens <= size:
        return [(0, n_tokens)]
    ranges = []
    start = 0
    while True:
        end = min(start + size, n_tokens)
        ranges.append((start, end))
        if end == n_tokens:
            return ranges
        start += stride


def batch_inputs(
    encoded: Encoded, ranges: list[tuple[int, int]], *, cls_id: int, sep_id: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``input_ids`` and ``attention_mask`` for the windows, padded to one length."""
    width = max(end - start for start, end in ranges) + 2
    input_ids = np.zeros((len(ranges), width), dtype=np.int64)
    mask = np.zeros((len(ranges), width), dtype=np.int64)
    for row, (start, end) in enumerate(ranges):
        n = end - start
        input_ids[row, 0] = cls_id
        input_ids[row, 1 : n + 1] = encoded.ids[start:end]
        input_ids[row, n + 1] = sep_id
        mask[row, : n + 2] = 1
    return input_ids, mask


def token_tags(encoded: Encoded, spans: list[tuple[int, int]]) -> np.ndarray:
    """Return B/I/O tags (``BEGIN``, ``INSIDE``, ``OUTSIDE``) of the tokens for char spans.

    A token is inside a span when their character ranges overlap; the first such token of
    each span is tagged ``BEGIN``.
    """
    tags = np.full(len(encoded), OUTSIDE, dtype=np.int64)
    starts, ends = encoded.offsets[:, 0], encoded.offsets[:, 1]
    for start, end in sorted(spans):
        inside = np.nonzero((starts < end) & (ends > start))[0]
        if len(inside) == 0:
            continue
        tags[inside] = np.where(tags[inside] == BEGIN, BEGIN, INSIDE)
        tags[inside[0]] = BEGIN
    return tags


def token_range(encoded: Encoded, start: int, end: int) -> tuple[int, int]:
    """Return the ``[first, last + 1)`` tokens overlapping characters ``[start, end)``."""
    starts, ends = encoded.offsets[:, 0], encoded.offsets[:, 1]
    inside = np.nonzero((starts < end) & (ends > start))[0]
    if len(inside) == 0:
        nearest = int(np.searchsorted(starts, start).clip(0, len(encoded) - 1))
        return nearest, nearest + 1
    return int(inside[0]), int(inside[-1]) + 1


def char_span(encoded: Encoded, first: int, last: int) -> tuple[int, int]:
    """Return the character span of tokens ``first..last`` (inclusive), widened to whole words.

    A run of wordpieces can start or stop inside a word (``##ing``); the span is widened to
    the word's edges so ``text[start:end]`` never cuts a word in two.
    """
    text = encoded.text
    start = int(encoded.offsets[first, 0])
    end = int(encoded.offsets[last, 1])
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end
