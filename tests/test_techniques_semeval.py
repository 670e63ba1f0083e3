"""SemEval-2020 Task 11 formats and measures, checked against values computed by hand."""

from __future__ import annotations

import pytest

from slant.errors import InputError
from slant.evaluation.semeval import score_si, score_tc
from slant.techniques.semeval import (
    Label,
    merge_spans,
    read_articles,
    read_labels,
    write_labels,
)


def si(*spans: tuple[str, int, int]) -> list[Label]:
    return [Label(a, s, e) for a, s, e in spans]


@pytest.mark.parametrize(
    ("predicted", "gold", "precision", "recall"),
    [
        # half of each span overlaps: |s∩t|/|s| = 5/10, |s∩t|/|t| = 5/10
        (si(("1", 0, 10)), si(("1", 5, 15)), 0.5, 0.5),
        # two exact pieces of one gold span: P = (4/4 + 10/10) / 2, R = (4 + 10) / 20
        (si(("1", 0, 4), ("1", 10, 20)), si(("1", 0, 20)), 1.0, 0.7),
        # spans only meet within their article
        (si(("1", 0, 10)), si(("2", 0, 10)), 0.0, 0.0),
        # overlapping predictions are merged first: (0, 10) against (0, 10)
        (si(("1", 0, 5), ("1", 3, 10)), si(("1", 0, 10)), 1.0, 1.0),
        # one prediction covering two gold spans: P = (2 + 3) / 10, R = (2/2 + 3/3) / 2
        (si(("1", 0, 10)), si(("1", 0, 2), ("1", 7, 10)), 0.5, 1.0),
        # nothing predicted
        ([], si(("1", 0, 10)), 0.0, 0.0),
    ],
)
def test_si_partial_overlap_credit(predicted, gold, precision, recall):
    scores = score_si(predicted, gold)
    assert scores.precision == pytest.approx(precision)
    assert scores.recall == pytest.approx(recall)
    expected_f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert scores.f1 == pytest.approx(expected_f1)


def test_tc_micro_and_per_technique():
    gold = [
        Label("1", 0, 5, "Loaded_Language"),
        Label("1", 0, 5, "Name_Calling,Labeling"),
        Label("1", 6, 9, "Doubt"),
    ]
    predicted = [
        Label("1", 0, 5, "Name_Calling,Labeling"),
        Label("1", 0, 5, "Loaded_Language"),
        Label("1", 6, 9, "Loaded_Language"),
    ]
    micro, per_technique = score_tc(predicted, gold)
    assert (micro.precision, micro.recall) == pytest.approx((2 / 3, 2 / 3))
    loaded = per_technique["Loaded_Language"]
    assert (loaded.precision, loaded.recall, loaded.predicted, loaded.gold) == (0.5, 1.0, 2, 1)
    assert per_technique["Doubt"].f1 == 0.0
    assert per_technique["Name_Calling,Labeling"].f1 == 1.0


def test_tc_gold_line_matched_once():
    gold = [Label("1", 0, 5, "Doubt")]
    micro, _ = score_tc([Label("1", 0, 5, "Doubt")] * 2, gold)
    assert (micro.precision, micro.recall) == (0.5, 1.0)


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        ([(5, 9), (0, 3), (2, 4)], [(0, 4), (5, 9)]),
        ([(0, 3), (3, 5)], [(0, 3), (3, 5)]),
        ([(0, 10), (2, 3)], [(0, 10)]),
        ([], []),
    ],
)
def test_merge_spans(spans, merged):
    assert merge_spans(spans) == merged


def test_labels_round_trip(tmp_path):
    labels = [Label("7", 3, 9, "Doubt"), Label("7", 10, 12, "Slogans")]
    write_labels(labels, tmp_path / "tc.labels")
    assert (tmp_path / "tc.labels").read_text() == "7\tDoubt\t3\t9\n7\tSlogans\t10\t12\n"
    assert read_labels(tmp_path / "tc.labels") == labels
    write_labels([Label("7", 3, 9)], tmp_path / "si.labels")
    assert read_labels(tmp_path / "si.labels") == [Label("7", 3, 9)]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("7\t3\n", "columns"),
        ("7\tDoubt\tx\t9\n", "line 1"),
        ("7\tDoubt\t9\t9\n", "empty"),
    ],
)
def test_bad_label_lines_are_named(tmp_path, line, message):
    path = tmp_path / "bad.labels"
    path.write_text(line)
    with pytest.raises(InputError, match=message):
        read_labels(path)


def test_read_articles_keeps_exact_text(tmp_path):
    (tmp_path / "article42.txt").write_bytes("Caf\u00e9 line\r\nnext\n".encode())
    (tmp_path / "notes.md").write_text("ignored")
    assert read_articles(tmp_path) == {"42": "Caf\u00e9 line\r\nnext\n"}


def test_read_articles_refuses_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no article"):
        read_articles(tmp_path)
