"""A model's second span classifier, for the spans it detects (``detected_head.npz``)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from slant.errors import ModelError
from slant.techniques.detect import detect
from slant.techniques.runtime import DETECTED_HEAD_FILE, TechniqueModel

from .conftest import copy_technique_model

TEXT = (
    "They call it a peace plan.\n"
    "It is a lie, a shameful lie, and everyone knows it.\n"
    "The brutal, bloodthirsty thugs stormed the quiet town."
)


def _with_detected_head(tmp_path, technique: str, **settings: object):
    """A copy of the shipped model whose detected-span head always names ``technique``."""
    folder = copy_technique_model(tmp_path)
    shipped = TechniqueModel(folder)
    weight = np.zeros_like(shipped.weight)
    bias = np.full(len(shipped.techniques), -10.0, np.float32)
    bias[shipped.techniques.index(technique)] = 10.0
    np.savez(folder / DETECTED_HEAD_FILE, weight=weight, bias=bias)
    config = json.loads((folder / "config.json").read_text())
    config["detected_head"] = {"tc_prior_shift": 0.0, "repetition_rule": False, **settings}
    (folder / "config.json").write_text(json.dumps(config))
    return folder


def test_the_shipped_model_has_two_heads() -> None:
    model = TechniqueModel()
    assert model.detected_head is not None
    assert model.detected_head[0].shape == model.weight.shape
    assert {"tc_prior_shift", "repetition_rule", "c"} <= set(model.config["detected_head"])


def test_detections_are_named_by_the_detected_head_and_given_spans_by_the_other(tmp_path):
    plain = TechniqueModel(copy_technique_model(tmp_path / "plain"))
    model = TechniqueModel(_with_detected_head(tmp_path, "Flag-Waving"))
    states = model.encode_article(TEXT)
    spans = [(s, e) for s, e, _ in model.find_spans(states)]
    assert spans, "the shipped tagger finds the loaded phrases of TEXT"
    found = [d for d in detect(model, states) if d.technique != "Slogans" or d.score < 1]
    assert {d.technique for d in found} == {"Flag-Waving"}
    given = model.classify(states, spans)
    assert np.allclose(given, plain.classify(states, spans))
    assert np.allclose(model.classify(states, spans, detected=True)[:, 0].sum(), 0, atol=1e-6)


def test_without_a_detected_head_one_head_names_both(tmp_path):
    folder = copy_technique_model(tmp_path)
    (folder / DETECTED_HEAD_FILE).unlink()  # the shipped model has one
    model = TechniqueModel(folder)
    assert model.detected_head is None
    states = model.encode_article(TEXT)
    spans = [(s, e) for s, e, _ in model.find_spans(states)]
    assert np.allclose(model.classify(states, spans, detected=True), model.classify(states, spans))


def test_the_detected_head_has_its_own_repetition_rule(tmp_path):
    text = "Never again. We said it then. Never again, we say now."
    start = text.rindex("Never again")
    shares = []
    for rule in (False, True):
        folder = _with_detected_head(tmp_path / str(rule), "Doubt", repetition_rule=rule)
        model = TechniqueModel(folder)
        model.config["repetition_rule"] = not rule  # the given head's rule is not the one read
        probs = model.classify(model.encode_article(text), [(start, start + 11)], detected=True)
        shares.append(float(probs[0, model.techniques.index("Repetition")]))
    assert shares[0] < 0.01 and abs(shares[1] - 0.5) < 0.01  # the phrase recurs


def test_a_detected_head_of_another_width_is_a_clear_error(tmp_path):
    folder = _with_detected_head(tmp_path, "Doubt")
    np.savez(folder / DETECTED_HEAD_FILE, weight=np.zeros((14, 5), np.float32), bias=np.zeros(14))
    model = TechniqueModel(folder)
    with pytest.raises(ModelError, match=f"{DETECTED_HEAD_FILE} takes 5 inputs"):
        model.classify(model.encode_article(TEXT), [(27, 38)], detected=True)
