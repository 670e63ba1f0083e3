"""The parts of the technique classifier's span representation (``tc_parts`` of a model)."""

from __future__ import annotations

import numpy as np
import pytest

from slant.errors import ModelError
from slant.techniques.features import FEATURE_NAMES
from slant.techniques.runtime import TechniqueModel

from .conftest import copy_technique_model

TEXT = "They call it a peace plan.\nIt is a lie, a shameful lie, and everyone knows it."


@pytest.fixture(scope="module")
def shipped() -> TechniqueModel:
    return TechniqueModel()


def test_a_max_part_with_zero_weights_leaves_the_techniques_unchanged(shipped, tmp_path) -> None:
    states = shipped.encode_article(TEXT)
    spans = [(8, 25), (33, 36), (40, 53)]
    before = shipped.classify(states, spans)
    folder = copy_technique_model(tmp_path, tc_parts=["mean", "first", "cls", "max"])
    size = (shipped.weight.shape[1] - len(FEATURE_NAMES)) // 3
    weight = np.concatenate(
        [
            shipped.weight[:, : 3 * size],
            np.zeros((len(shipped.techniques), size), np.float32),
            shipped.weight[:, 3 * size :],
        ],
        axis=1,
    )
    np.savez(folder / "head.npz", weight=weight, bias=shipped.bias)
    widened = TechniqueModel(folder)
    row = widened.span_representation(states, 40, 53)
    assert row.shape == (4 * size + len(FEATURE_NAMES),)
    assert not np.allclose(row[3 * size : 4 * size], 0)  # the max-pooled states are there
    assert np.allclose(widened.classify(states, spans), before, atol=1e-6)


def test_a_head_of_another_width_is_a_clear_error(shipped, tmp_path) -> None:
    model = TechniqueModel(copy_technique_model(tmp_path, tc_parts=["mean", "max"]))
    with pytest.raises(ModelError, match="head.npz takes"):
        model.classify(model.encode_article(TEXT), [(8, 25)])


def test_an_unknown_part_is_refused_at_load(tmp_path) -> None:
    with pytest.raises(ModelError, match="tc_parts"):
        TechniqueModel(copy_technique_model(tmp_path, tc_parts=["mean", "last"]))
