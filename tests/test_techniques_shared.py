"""The shipped technique model on the shared data: the sample article and unseen PTC articles."""

from __future__ import annotations

import pytest

import slant
from slant.evaluation.semeval import score_si
from slant.evaluation.techniques import evaluate_folder
from slant.techniques.semeval import read_labels

from .conftest import SHARED

PTC = SHARED / "data" / "ptc-train"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def sample_findings():
    text = (SHARED / "data" / "samples" / "aleppo-and-mosul.txt").read_text(encoding="utf-8")
    return text, slant.analyze(text, analyzers=["techniques"]).techniques


@pytest.mark.parametrize(
    ("phrase", "techniques"),
    [
        ("jihadi thugs", {"Name_Calling,Labeling", "Loaded_Language"}),
        ("disgusting propaganda lies", {"Name_Calling,Labeling", "Loaded_Language"}),
        ("Victory to the Syrian president", {"Slogans"}),
    ],
)
def test_sample_article_highlights(sample_findings, phrase, techniques):
    text, findings = sample_findings
    start = text.index(phrase)
    covering = [t for t in findings if t.start <= start and start + len(phrase) <= t.end]
    assert {t.technique for t in covering} & techniques, [t.text for t in findings][:20]


def test_gold_against_itself_scores_one():
    gold = read_labels(PTC / "train-task-si.labels")
    scores = score_si(gold, gold)
    assert (scores.precision, scores.recall) == (1.0, 1.0)


def test_held_out_articles_beat_the_baselines():
    """The shipped model on the 30 PTC articles it held out of training (to tune on)."""
    report = evaluate_folder(PTC / "articles", PTC / "train-task-flc-tc.labels", held_out=True)
    assert report["articles"] == 30
    assert report["si"]["f1"] > report["si_baseline_every_sentence"]["f1"] + 0.1
    assert report["tc"]["f1"] > report["tc_baseline_most_frequent"]["f1"] + 0.1
