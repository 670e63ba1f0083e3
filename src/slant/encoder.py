"""The base sentence encoder: all-MiniLM-L6-v2, int8 ONNX, run with onnxruntime (no torch).

It embeds texts read alone, outside an article's analysis: the leads of :mod:`slant.stories`.
(The analyzers ``frames`` and ``roles`` read vectors from the technique model's pass over the
article instead, :mod:`slant.vectors`.)

Method: the sentence-transformers model all-MiniLM-L6-v2 (Reimers & Gurevych, *Sentence-BERT*,
EMNLP 2019; Wang et al., *MiniLM*, NeurIPS 2020), exported once to ONNX and quantized to int8
per channel by :mod:`slant.train.export_encoder`. A sentence's vector is the mean of its
wordpiece states (padding masked out), L2-normalised, so a dot product is a cosine. Texts are
truncated at :data:`MAX_WORDPIECES` wordpieces, as in the original model; the encoder does not
split long texts itself (callers pass sentences). It is loaded lazily, once per process, and
runs with the thread budget of :mod:`slant.inference`.
Dynamic quantization scales activations per batch, so a sentence's vector varies slightly with
the other sentences of its batch (cosine > 0.98); the same input always gives the same output.

>>> vectors = encode(["The siege ended.", "Talks failed."])
>>> vectors.shape
(2, 384)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ModelError
from .inference import session

__all__ = [
    "DIMENSIONS",
    "MAX_WORDPIECES",
    "MODEL_DIR",
    "SentenceEncoder",
    "encode",
    "get_encoder",
]

MODEL_DIR = Path(__file__).resolve().parent / "models" / "minilm"
#: Length of the sentence vectors.
DIMENSIONS = 384
#: Longest input in wordpieces (the model was trained with 256); longer texts are cut.
MAX_WORDPIECES = 256
_BATCH_SIZE = 32


class SentenceEncoder:
    """An ONNX sentence encoder and its tokenizer, loaded from ``model_dir``."""

    def __init__(self, model_dir: Path = MODEL_DIR, *, threads: int | None = None) -> None:
        model_path = Path(model_dir) / "model.onnx"
        tokenizer_path = Path(model_dir) / "tokenizer.json"
        for path in (model_path, tokenizer_path):
            if not path.is_file():
                raise ModelError(
                    f"sentence encoder file {path} is missing: reinstall slant, or rebuild it "
                    "with `python -m slant.train.export_encoder` (needs the [train] extra)"
                )
        try:
            from tokenizers import Tokenizer

            self._session = session(model_path, intra_threads=threads)
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # onnxruntime and tokenizers raise their own untyped errors
            raise ModelError(
                f"cannot load the sentence encoder from {model_dir}: {exc}; "
                "reinstall slant or rebuild it with `python -m slant.train.export_encoder`"
            ) from exc
        self._tokenizer.enable_truncation(max_length=MAX_WORDPIECES)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._input_names = {i.name for i in self._session.get_inputs()}

    def encode(self, sentences: list[str], *, batch_size: int = _BATCH_SIZE) -> np.ndarray:
        """Return one L2-normalised float32 vector per sentence, shape ``(n, DIMENSIONS)``."""
        out = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
        # Batching sentences of similar length wastes less time on padding.
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        for first in range(0, len(order), batch_size):
            rows = order[first : first + batch_size]
            out[rows] = self._encode_batch([sentences[i] for i in rows])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        try:
            (states,) = self._session.run(["last_hidden_state"], feeds)
        except Exception as exc:  # onnxruntime's errors carry no common base class
            raise ModelError(f"the sentence encoder failed on a batch: {exc}") from exc
        weights = mask[:, :, None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


@lru_cache(maxsize=1)
def get_encoder() -> SentenceEncoder:
    """Return the shared encoder of the committed model (loaded on first use)."""
    return SentenceEncoder(MODEL_DIR)


def encode(sentences: list[str], *, batch_size: int = _BATCH_SIZE) -> np.ndarray:
    """Embed ``sentences`` with the shared encoder: ``(len(sentences), 384)`` unit vectors.

    >>> encode([]).shape
    (0, 384)
    """
    if not sentences:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return get_encoder().encode(list(sentences), batch_size=batch_size)
