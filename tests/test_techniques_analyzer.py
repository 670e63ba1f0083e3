"""The `techniques` analyzer with the shipped model: exact offsets, explanations, one load."""

from __future__ import annotations

import pytest

import slant
from slant.errors import ModelError
from slant.techniques import TECHNIQUES, explain, get_model
from slant.techniques.runtime import TechniqueModel, default_model_dir

TEXT = (
    "The jihadi thugs spread their disgusting propaganda lies again.\n"
    "Our brave soldiers will never surrender to these cowards. Victory to the people!\n"
)


@pytest.fixture(scope="module")
def found():
    return slant.analyze(TEXT, analyzers=["techniques"]).techniques


def test_findings_point_at_the_text(found):
    assert found
    for t in found:
        assert TEXT[t.start : t.end] == t.text
        assert t.technique in TECHNIQUES
        assert t.explanation == explain(t.technique)
        assert 0.0 < t.score <= 1.0


def test_loaded_words_are_found(found):
    covered = " ".join(t.text for t in found)
    assert "thugs" in covered or "disgusting" in covered


def test_model_is_loaded_once():
    slant.analyze("A calm sentence about the weather.", analyzers=["techniques"])
    before = get_model.cache_info().misses
    slant.analyze("Another calm sentence.", analyzers=["techniques"])
    assert get_model.cache_info().misses == before <= 1


def test_json_has_the_contract_keys(found):
    data = slant.analyze(TEXT, analyzers=["techniques"]).to_dict()
    assert set(data["techniques"][0]) >= {"technique", "start", "end", "text", "score"}


def test_rule_slogan_is_not_reported_twice():
    found = slant.analyze("Victory to us!", analyzers=["techniques"]).techniques
    slogans = [t for t in found if t.technique == "Slogans"]
    assert len(slogans) == 1 and slogans[0].text.startswith("Victory to us")


@pytest.mark.parametrize("broken", ["missing", "corrupt"])
def test_broken_model_folder_is_a_model_error(tmp_path, broken):
    if broken == "corrupt":
        for name in ("config.json", "head.npz", "tokenizer.json"):
            (tmp_path / name).write_bytes((default_model_dir() / name).read_bytes())
        (tmp_path / "model.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot load the technique model"):
        TechniqueModel(tmp_path / "missing" if broken == "missing" else tmp_path)
