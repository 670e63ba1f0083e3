"""The shared sentence encoder: shapes, normalisation, similarity, batching, load errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from slant.encoder import DIMENSIONS, SentenceEncoder, encode
from slant.errors import ModelError


def test_empty_input_gives_empty_matrix() -> None:
    assert encode([]).shape == (0, DIMENSIONS)


def test_vectors_are_unit_length_float32() -> None:
    vectors = encode(["The siege of the city ended.", "Markets rallied on Friday.", "x"])
    assert vectors.shape == (3, DIMENSIONS)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    ("anchor", "near", "far"),
    [
        ("Rebels shelled the city.", "Artillery fire hit the town.", "The central bank cut rates."),
        ("Wind farms cut emissions.", "Solar power reduces carbon output.", "The striker scored."),
    ],
)
def test_paraphrase_is_closer_than_unrelated(anchor: str, near: str, far: str) -> None:
    a, n, f = encode([anchor, near, far])
    assert float(a @ n) > float(a @ f) + 0.2


def test_batching_changes_vectors_only_slightly() -> None:
    # Dynamic int8 quantization scales activations per batch, so neighbours matter a little.
    sentences = ["short one", "a somewhat longer sentence about the election results", "mid size"]
    together = encode(sentences)
    one_by_one = np.vstack([encode([s]) for s in sentences])
    assert (together * one_by_one).sum(axis=1).min() > 0.98
    np.testing.assert_allclose(encode(sentences), together)


def test_long_text_is_truncated_not_rejected() -> None:
    assert encode(["word " * 2000]).shape == (1, DIMENSIONS)


def test_missing_model_folder_gives_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        SentenceEncoder(tmp_path)


def test_corrupt_model_gives_model_error(tmp_path: Path) -> None:
    (tmp_path / "model.onnx").write_bytes(b"not an onnx model")
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(ModelError, match="cannot load"):
        SentenceEncoder(tmp_path)
