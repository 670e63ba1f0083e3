"""The decoding recipes of ``scripts/technique_decoding.py`` (Viterbi: test_techniques_viterbi)."""

from __future__ import annotations

import pytest

from slant.techniques.semeval import Label

from .conftest import load_script


@pytest.fixture(scope="module")
def recipes():
    return load_script("technique_decoding")


def test_repetition_needs_the_phrase_recurring_and_tagged_elsewhere(recipes) -> None:
    text = "Build the wall! They said: build the wall. Walls are costly. Build bridges."
    first, second = (0, 14), (27, 41)
    assert text[first[0] : first[1]].lower() == text[second[0] : second[1]].lower()
    assert recipes.repetition_tagged(text, [first, second]) == [True, True]
    assert recipes.repetition_tagged(text, [first]) == [False]  # recurs, tagged once only


def test_paired_bootstrap_of_identical_recipes_is_zero(recipes) -> None:
    gold = [Label("1", 0, 10, "Doubt"), Label("2", 5, 9, "Doubt")]
    pred = [Label("1", 0, 8), Label("2", 0, 9)]
    assert recipes.paired_bootstrap(pred, pred, gold, ["1", "2"], tc=False, reps=50) == (0, 0)
    better = [Label("1", 0, 10), Label("2", 5, 9)]
    low, high = recipes.paired_bootstrap(better, pred, gold, ["1", "2"], tc=False, reps=50)
    assert 0 < low <= high
