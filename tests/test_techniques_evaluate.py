"""Predictions in SemEval formats, baselines and scoring, with a fake model behind the seam."""

from __future__ import annotations

import numpy as np
import pytest

from slant.evaluation.techniques import score_predictions, sentence_spans
from slant.techniques.labels import DEFINITIONS, TECHNIQUES, explain
from slant.techniques.predict import predict_techniques
from slant.techniques.semeval import Label


class FakeModel:
    """Ranks techniques by a fixed order; stands in for TechniqueModel.classify."""

    techniques = ["Doubt", "Slogans", "Loaded_Language"]

    def classify(self, states, spans):
        return np.tile(np.asarray([0.2, 0.5, 0.3]), (len(spans), 1))


def test_template_spans_listed_twice_get_two_techniques():
    template = [Label("1", 0, 4, "?"), Label("1", 0, 4, "?"), Label("1", 5, 9, "?")]
    predicted = predict_techniques(FakeModel(), {"1": object()}, template)
    assert predicted == [
        Label("1", 0, 4, "Slogans"),
        Label("1", 0, 4, "Loaded_Language"),
        Label("1", 5, 9, "Slogans"),
    ]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("One.\n\nTwo two.\n", [(0, 4), (6, 14)]),
        ("  Indented line  \r\nnext", [(2, 15), (19, 23)]),
        ("\n\n", []),
    ],
)
def test_sentence_baseline_spans_are_lines(text, spans):
    labels = sentence_spans({"9": text})
    assert [(lab.start, lab.end) for lab in labels] == spans
    assert all(text[lab.start : lab.end].strip() == text[lab.start : lab.end] for lab in labels)


def test_score_predictions_reports_model_and_baselines():
    articles = {"1": "Lies.\nMore lies everywhere."}
    gold = [Label("1", 0, 4, "Loaded_Language"), Label("1", 11, 15, "Repetition")]
    spans = [Label("1", 0, 4), Label("1", 11, 15)]
    techniques = [Label("1", 0, 4, "Loaded_Language"), Label("1", 11, 15, "Repetition")]
    report = score_predictions(articles, gold, spans, techniques)
    assert report["si"]["f1"] == 1.0
    assert report["tc"]["f1"] == 1.0
    assert report["tc_baseline_most_frequent"]["f1"] == 0.5
    # lines (0, 5) and (6, 27): P = (4/5 + 4/21) / 2, R = 1
    assert report["si_baseline_every_sentence"]["precision"] == pytest.approx(0.4952, abs=1e-4)
    assert set(report["tc_per_technique"]) == {"Loaded_Language", "Repetition"}


def test_si_only_gold_has_no_tc_scores():
    report = score_predictions({"1": "abc def"}, [Label("1", 0, 3)], [Label("1", 0, 3)], [])
    assert "tc" not in report and report["si"]["recall"] == 1.0


def test_every_technique_is_explained():
    assert len(TECHNIQUES) == 14 == len(DEFINITIONS)
    for technique in TECHNIQUES:
        assert explain(technique).endswith(".") and len(explain(technique)) > 30
