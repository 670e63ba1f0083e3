"""The parts of the technique classifier's span representation (``tc_parts`` of a model)."""

from __future__ import annotations

import numpy as np
import pytest

from slant.errors import ModelError
from slant.techniques.features import FEATURE_NAMES
from slant.techniques.runtime import TechniqueModel, default_model_dir

from .conftest import copy_technique_model

TEXT = "They call it a peace plan.\nIt is a lie, a shameful lie, and everyone knows it."


@pytest.fixture(scope="module")
def shipped() -> TechniqueModel:
    return TechniqueModel()


def test_the_parts_are_read_in_the_configs_order(shipped, tmp_path) -> None:
    assert shipped.tc_parts == ("mean", "first", "cls", "max")  # the refitted head
    states = shipped.encode_article(TEXT)
    spans = [(8, 25), (33, 36), (40, 53)]
    before = shipped.classify(states, spans)
    size = states.hidden.shape[2]
    row = shipped.span_representation(states, 40, 53)
    assert row.shape == (4 * size + len(FEATURE_NAMES),)
    assert not np.allclose(row[3 * size : 4 * size], 0)  # the max-pooled states are there
    folder = copy_technique_model(tmp_path, tc_parts=["max", "mean", "first", "cls"])
    w = shipped.weight
    moved = np.concatenate([w[:, 3 * size : 4 * size], w[:, : 3 * size], w[:, 4 * size :]], 1)
    np.savez(folder / "head.npz", weight=moved, bias=shipped.bias)
    reordered = TechniqueModel(folder)
    assert np.allclose(reordered.classify(states, spans), before, atol=1e-6)
    without_max = w.copy()
    without_max[:, 3 * size : 4 * size] = 0
    np.savez(folder / "head.npz", weight=without_max, bias=shipped.bias)
    (folder / "config.json").write_text(
        (default_model_dir() / "config.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert not np.allclose(TechniqueModel(folder).classify(states, spans), before, atol=1e-3)


def test_a_head_of_another_width_is_a_clear_error(shipped, tmp_path) -> None:
    model = TechniqueModel(copy_technique_model(tmp_path, tc_parts=["mean", "max"]))
    with pytest.raises(ModelError, match="head.npz takes"):
        model.classify(model.encode_article(TEXT), [(8, 25)])


def test_an_unknown_part_is_refused_at_load(tmp_path) -> None:
    with pytest.raises(ModelError, match="tc_parts"):
        TechniqueModel(copy_technique_model(tmp_path, tc_parts=["mean", "last"]))
