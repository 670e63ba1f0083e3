"""The TC head refit of ``scripts/technique_head_refit.py``: how it decides and scores."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from .conftest import load_script

TECHNIQUES = ("Doubt", "Repetition", "Slogans")


@pytest.fixture(scope="module")
def refit():
    return load_script("technique_head_refit")


def _model() -> SimpleNamespace:
    return SimpleNamespace(techniques=TECHNIQUES, config={"class_counts": [8, 1, 1]})


def _row(article: str, start: int, technique: str, repeated: float = 0.0) -> tuple:
    return (article, start, start + 5, technique, {"feat": np.array([repeated, 0.0, 0.0])})


def test_a_span_listed_twice_gets_its_two_best_techniques(refit) -> None:
    rows = [_row("1", 0, "Doubt"), _row("1", 0, "Slogans"), _row("2", 3, "Repetition")]
    probs = np.array([[0.6, 0.1, 0.3], [0.6, 0.1, 0.3], [0.2, 0.7, 0.1]])
    assert refit.tc_f1(_model(), rows, probs) == 1.0
    wrong = np.array([[0.6, 0.3, 0.1], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1]])
    assert refit.tc_f1(_model(), rows, wrong) == pytest.approx(2 / 3)


def test_the_prior_shift_favours_the_frequent_technique_and_the_rule_repetition(refit) -> None:
    rows = [_row("1", 0, "Doubt"), _row("1", 9, "Repetition", repeated=1.0)]
    flat = np.zeros((2, 3))
    assert refit.decide(_model(), rows, flat, 0.0, False)[0].tolist() == pytest.approx([1 / 3] * 3)
    shifted = refit.decide(_model(), rows, flat, 0.5, False)
    assert shifted[0].argmax() == 0
    ruled = refit.decide(_model(), rows, flat, 0.0, True)
    assert ruled[1].argmax() == 1 and ruled[0].tolist() == pytest.approx([1 / 3] * 3)
