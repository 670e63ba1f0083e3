"""Sentence and name vectors from the one encoder pass that ``techniques`` already makes.

The technique model (:mod:`slant.techniques.runtime`) encodes an article in overlapping
windows of wordpieces; its last hidden states, averaged over the windows that see each
wordpiece, are the article's *token states*. A sentence's vector is the mean of the token
states of the wordpieces that start inside it, L2-normalised (so a dot product is a cosine):
mean pooling as in Sentence-BERT (Reimers & Gurevych, EMNLP 2019), but of contextual states —
each sentence is read with its neighbours, as the technique model reads it. ``frames`` and
``roles`` read these vectors (their heads were trained on them: ``slant train frames|roles``),
so the full analysis runs one transformer pass per article instead of two (issue 17). A short
text read alone (an actor's name) gets :func:`text_vectors`: the same encoder over
``[CLS] text [SEP]``.

The vectors depend only on the article's own text: its windows go through the encoder
together and nothing else shares their batch, whatever the run, worker or neighbours.

>>> from slant.techniques import get_model
>>> text = "The siege ended. Talks failed."
>>> sentence_vectors(get_model().encode_article(text), [(0, 16), (17, 30)]).shape
(2, 384)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .errors import ModelError

if TYPE_CHECKING:
    from pathlib import Path

    from .techniques.runtime import ArticleStates, TechniqueModel

__all__ = [
    "BASE_ENCODER",
    "DIMENSIONS",
    "encoder_id",
    "require_encoder",
    "sentence_vectors",
    "text_vectors",
    "token_states",
]

#: Length of the vectors (MiniLM's hidden size).
DIMENSIONS = 384
#: What a frame or role model file without an ``encoder`` entry was trained on (slant 0.1).
BASE_ENCODER = "all-MiniLM-L6-v2 (base)"
#: Longest name read by :func:`text_vectors`, in wordpieces.
MAX_NAME_WORDPIECES = 62


@lru_cache(maxsize=1)
def encoder_id() -> str:
    """Which encoder makes the vectors: the shipped technique model's version and the first 12
    hex digits of the SHA-256 of its ``model.onnx``. The frame and role models record the id
    they were trained on and refuse to load beside another encoder (retrain them instead).
    """
    from .techniques.runtime import default_model_dir

    folder = default_model_dir()
    digest = hashlib.sha256((folder / "model.onnx").read_bytes()).hexdigest()[:12]
    version = json.loads((folder / "config.json").read_text(encoding="utf-8"))["version"]
    return f"{version}:{digest}"


def require_encoder(recorded: str, *, path: Path, model: str, retrain: str) -> None:
    """Refuse a ``model`` (file ``path``) trained on another encoder's vectors than
    :func:`encoder_id`: its weights would read vectors they were not fitted on."""
    if recorded != encoder_id():
        raise ModelError(
            f"the {model} model {path} was trained on the vectors of encoder {recorded!r}, "
            f"not of the installed {encoder_id()!r}: reinstall slant or retrain it with "
            f"`{retrain}`"
        )


def token_states(states: ArticleStates) -> np.ndarray:
    """One state per wordpiece of the article, averaged over the windows that contain it."""
    n = len(states.encoded)
    totals = np.zeros((n, states.hidden.shape[-1] if n else DIMENSIONS), dtype=np.float32)
    counts = np.zeros((n, 1), dtype=np.float32)
    for row, (start, end) in enumerate(states.windows):
        totals[start:end] += states.hidden[row, 1 : end - start + 1]
        counts[start:end] += 1
    return totals / np.maximum(counts, 1.0)


def _normalised(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.asarray(rows / np.maximum(norms, 1e-12), dtype=np.float32)


def sentence_vectors(states: ArticleStates, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Unit vectors of the character ``spans`` (sentences) of the encoded article, ``(n, 384)``.

    A span's vector pools the wordpieces that start inside it; a span with none (only
    characters the tokenizer drops) gets a zero vector.
    """
    out = np.zeros((len(spans), DIMENSIONS), dtype=np.float32)
    if not len(spans) or not len(states.encoded):
        return out
    tokens = token_states(states)
    starts = states.encoded.offsets[:, 0]
    for i, (start, end) in enumerate(spans):
        first, last = np.searchsorted(starts, start), np.searchsorted(starts, end)
        if last > first:
            out[i] = tokens[first:last].mean(axis=0)
    return _normalised(out)


def text_vectors(texts: Sequence[str], *, model: TechniqueModel | None = None) -> np.ndarray:
    """Unit vectors of short texts read alone (names), ``(len(texts), 384)``.

    Each text is one ``[CLS] … [SEP]`` input of the technique encoder (cut at
    :data:`MAX_NAME_WORDPIECES`), run by itself so its vector never depends on the others; so
    the shipped model's vectors of the last :data:`NAME_CACHE` texts are kept and reused (names
    recur across a corpus).

    >>> text_vectors(["Bashar al-Assad", "the regime"]).shape
    (2, 384)
    """
    if not len(texts):
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    if model is None:
        return np.stack([_shipped_text_vector(text) for text in texts])
    return np.stack([_text_vector(model, text) for text in texts])


#: How many name vectors of the shipped model :func:`text_vectors` keeps.
NAME_CACHE = 8192


@lru_cache(maxsize=NAME_CACHE)
def _shipped_text_vector(text: str) -> np.ndarray:
    from .techniques import get_model

    vector = _text_vector(get_model(), text)
    vector.flags.writeable = False
    return vector


def _text_vector(model: TechniqueModel, text: str) -> np.ndarray:
    pieces = model.tokenizer.encode(text, add_special_tokens=False).ids[:MAX_NAME_WORDPIECES]
    ids = np.array([[model.cls_id, *pieces, model.sep_id]], dtype=np.int64)
    hidden = model.hidden_states(ids, np.ones_like(ids))
    pooled = hidden[0, 1:-1].mean(axis=0) if pieces else hidden[0].mean(axis=0)
    return np.asarray(_normalised(pooled[None, :])[0])
