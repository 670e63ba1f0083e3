"""Calibrated technique scores: the map, its fit and measures, the shipped artefact, and the
default operating point applied to what is shown."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from rich.console import Console
from typer.testing import CliRunner

from slant import Analysis, Document
from slant.analysis import Technique
from slant.cli import app
from slant.errors import ModelError
from slant.report.html import render_page
from slant.report.terminal import print_summary
from slant.techniques import get_model
from slant.techniques.calibration import (
    CALIBRATION_FILE,
    Calibration,
    default_min_score,
    expected_calibration_error,
    fit_logistic,
    load_calibration,
    reliability,
)
from slant.techniques.detect import detect
from slant.techniques.runtime import default_model_dir


def test_fit_recovers_a_known_logistic_model() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4000, 2))
    p = 1 / (1 + np.exp(-(1.5 * x[:, 0] - 0.5 * x[:, 1] + 0.3)))
    y = (rng.random(4000) < p).astype(float)
    w, b = fit_logistic(x, y, l2=0.0)
    assert w == pytest.approx([1.5, -0.5], abs=0.15) and b == pytest.approx(0.3, abs=0.15)


@pytest.mark.parametrize("l2", [0.0, 1.0, 10.0])
def test_fit_is_the_minimum_of_the_unweighted_penalised_likelihood(l2: float) -> None:
    """The map's fit (the shared logistic regression, rows unweighted) sets the gradient of
    ``sum_i loss_i + l2 * ||w||^2 / 2`` to zero: base rates are kept, not balanced."""
    rng = np.random.default_rng(11)
    x = rng.normal(size=(500, 3)) + [0.0, 0.0, 3.0]
    y = (rng.random(500) < 1 / (1 + np.exp(-(x @ [1.3, 0.1, 0.7] - 3.5)))).astype(float)
    w, b = fit_logistic(x, y, l2=l2)
    residual = 1 / (1 + np.exp(-(x @ w + b))) - y
    assert np.abs(x.T @ residual + l2 * w).max() < 1e-6
    assert abs(residual.sum()) < 1e-6  # the mean score equals the base rate
    assert y.mean() < 0.5


def test_ece_of_a_perfectly_calibrated_score_is_small_and_of_a_bad_one_large() -> None:
    rng = np.random.default_rng(5)
    scores = rng.random(20000)
    outcomes = (rng.random(20000) < scores).astype(float)
    assert expected_calibration_error(scores, outcomes) < 0.02
    assert expected_calibration_error(np.full(20000, 0.9), outcomes) > 0.35
    bins = reliability(scores, outcomes)
    assert len(bins) == 10 and sum(b.count for b in bins) == 20000


def test_map_round_trips_and_is_monotone_in_the_span_score() -> None:
    calibration = Calibration(weights=(1.3, 0.1, 0.7), bias=-1.8, min_score=0.6)
    again = Calibration.from_json(calibration.to_json())
    assert again == calibration
    low, high = again.probability(0.2, 0.5, 10), again.probability(0.6, 0.5, 10)
    assert 0.0 < low < high < 1.0


def test_shipped_map_is_read_and_sets_the_operating_point() -> None:
    shipped = load_calibration(default_model_dir())
    assert shipped is not None and "held-out" in shipped.fitted_on
    assert default_min_score() == shipped.min_score and 0.0 < shipped.min_score < 1.0


def test_broken_map_is_a_model_error(tmp_path) -> None:
    (tmp_path / CALIBRATION_FILE).write_text(json.dumps({"features": ["other"]}))
    with pytest.raises(ModelError, match="cannot read the calibration map"):
        load_calibration(tmp_path)


def test_a_model_folder_without_a_map_keeps_raw_scores(tmp_path) -> None:
    assert load_calibration(tmp_path) is None


def test_detect_scores_are_the_map_applied_to_the_raw_probabilities() -> None:
    model = get_model()
    states = model.encode_article("The jihadi thugs spread their disgusting propaganda lies.")
    calibration = load_calibration(model.folder)
    raw = detect(model, states, calibrated=False)
    calibrated = detect(model, states)
    assert raw and len(raw) == len(calibrated)
    for r, c in zip(raw, calibrated, strict=True):
        if r.span_score is None:  # the slogan rule keeps its fixed score
            assert c.score == r.score
            continue
        assert r.score == pytest.approx(r.span_score * r.technique_score, abs=1e-3)
        # span_score and technique_score are rounded to 4 places, so the map applied to them
        # may differ from the score (made from the unrounded ones) in the last place.
        expected = calibration.probability(r.span_score, r.technique_score, r.end - r.start)
        assert c.score == pytest.approx(expected, abs=2e-4)


TEXT = "A vile plan and a fine day."


def _analysis() -> Analysis:
    return Analysis(
        document=Document(text=TEXT),
        techniques=[
            Technique("Loaded_Language", 2, 6, "vile", 0.9, voice="author"),
            Technique("Loaded_Language", 18, 22, "fine", 0.2, voice="author"),
        ],
    )


def test_html_highlights_only_what_reaches_the_operating_point() -> None:
    html = render_page(_analysis(), min_score=0.5)
    assert 'data-score="0.9000"' in html and 'data-score="0.2000"' in html
    low = html[html.index('data-score="0.2000"') - 120 : html.index('data-score="0.2000"')]
    assert "t-low" in low
    assert "1 scored ≥ 0.50; 1 more below" in html and 'class="show-low"' in html
    assert "t-low" not in render_page(_analysis(), min_score=0.0).split("<article")[1]


def test_terminal_shows_what_reaches_the_operating_point() -> None:
    out = io.StringIO()
    print_summary(_analysis(), Console(file=out, width=160), min_score=0.5)
    printed = out.getvalue()
    assert "1 at score ≥ 0.50" in printed and "vile" in printed and "fine" not in printed
    assert "1 more technique spans scored below 0.50" in printed


def test_cli_min_score_filters_json_only_when_asked(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The jihadi thugs spread their disgusting propaganda lies again.\n")
    runner = CliRunner()
    args = ["analyze", str(article), "--format", "json", "--analyzers", "techniques"]
    every = json.loads(runner.invoke(app, args).output)["techniques"]
    assert every
    none = json.loads(runner.invoke(app, [*args, "--min-score", "1"]).output)["techniques"]
    assert none == [t for t in every if t["score"] >= 1.0]
    bad = runner.invoke(app, [*args, "--min-score", "2"])
    assert bad.exit_code != 0


def test_analyses_stored_before_calibration_show_every_finding_by_default() -> None:
    old = _analysis()
    old.analyzers["techniques"] = "techniques.v2"
    assert "t-low" not in render_page(old).split("<article")[1]
    current = _analysis()
    current.analyzers["techniques"] = "techniques.v3"
    assert "t-low" in render_page(current).split("<article")[1]
