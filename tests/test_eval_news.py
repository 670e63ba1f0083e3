"""``slant eval quotes`` and ``eval descriptors`` on the news gold sets: the mention score."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from slant.cli import app
from slant.evaluation.quotes import GoldQuote, Prediction, SystemScore, _score_article

from .conftest import SHARED

FAKES = ["--fakes", str(SHARED / "data" / "fakes-dev.csv")]
FRAMING = ["--framing", str(SHARED / "data" / "framing-train.tsv")]


def _gold(mention: tuple[int, int] | None) -> GoldQuote:
    start, end = mention or (None, None)
    return GoldQuote(
        "a",
        "direct",
        1,
        20,
        30,
        37,
        split="dev",
        speaker_mention_start=start,
        speaker_mention_end=end,
    )


def test_mention_is_right_when_it_overlaps_the_gold_mention() -> None:
    text = '"We will win this war," she said. Ann Lee.'
    score = SystemScore("s")
    _score_article(score, text, [_gold((24, 27))], [Prediction("direct", "Ann Lee", 1, 20, 24, 27)])
    assert score.mention == pytest.approx((1.0, 1.0, 1.0))
    wrong = SystemScore("s")
    _score_article(wrong, text, [_gold((24, 27))], [Prediction("direct", "Ann Lee", 1, 20, 34, 41)])
    assert wrong.mention == pytest.approx((0.0, 0.0, 0.0))
    assert wrong.speaker_matches == 1  # resolution is scored apart from the mention


def test_a_mention_for_an_event_with_none_is_neither_right_nor_wrong() -> None:
    score = SystemScore("s")
    text = '"We will win this war," she said. Ann Lee.'
    _score_article(
        score,
        text,
        [_gold(None), _gold((24, 27))],
        [
            Prediction("direct", "Ann Lee", 1, 20, 24, 27),
            Prediction("direct", "Ann Lee", 1, 20, 24, 27),
        ],
    )
    assert (score.predicted_with_mention, score.gold_with_mention) == (1, 1)


def test_gold_without_mentions_has_no_mention_score() -> None:
    score = SystemScore("s")
    _score_article(score, "x" * 40, [_gold(None)], [Prediction("direct", None, 1, 20)])
    assert score.mention is None


@pytest.mark.shared
def test_eval_quotes_news_prints_mention_and_resolution() -> None:
    result = CliRunner().invoke(
        app,
        ["eval", "quotes", "--set", "news", "--split", "heldout", *FAKES, *FRAMING],
        terminal_width=160,
    )
    assert result.exit_code == 0, result.output
    assert "155 gold quotes (heldout)" in result.output
    assert "speaker mention F1" in result.output and "speaker F1" in result.output
    assert "textacy direct_quotations" in result.output


def test_eval_quotes_splits_are_those_of_the_gold_file() -> None:
    result = CliRunner().invoke(app, ["eval", "quotes", "--set", "news", "--split", "dev5"])
    assert result.exit_code == 1
    names = "dev, dev3, dev4, heldout, heldout2"
    assert f"--split 'dev5' is not a split of this gold set: {names}" in result.output


def test_eval_bad_set_is_a_one_line_error() -> None:
    for command in ("quotes", "descriptors"):
        result = CliRunner().invoke(app, ["eval", command, "--set", "tabloids"])
        assert result.exit_code == 1
        assert "--set 'tabloids' is not one of" in result.output


@pytest.mark.shared
def test_eval_descriptors_news() -> None:
    result = CliRunner().invoke(
        app, ["eval", "descriptors", "--set", "news", *FRAMING], terminal_width=160
    )
    assert result.exit_code == 0, result.output
    # the gold grew from 48 pairs in 8 articles (4 held out) to three batches (issue 14),
    # then a fourth, all held out as heldout2, and three more for rule work, dev2, dev3, dev4
    assert "474 gold pairs in 63 articles" in result.output
    assert "split heldout (14 articles)" in result.output
    assert "split heldout2 (7 articles)" in result.output
    assert "split dev2 (8 articles)" in result.output
    assert "split dev3 (8 articles)" in result.output
    assert "split dev4 (12 articles)" in result.output


@pytest.mark.shared
def test_eval_descriptors_one_split_scores_only_its_articles() -> None:
    args = ["eval", "descriptors", "--set", "news", *FRAMING, "--split", "dev"]
    result = CliRunner().invoke(app, args, terminal_width=160)
    assert result.exit_code == 0, result.output
    assert "90 gold pairs in 14 articles" in result.output
    assert "heldout" not in result.output
    result = CliRunner().invoke(app, [*args[:-1], "heldout3"])
    assert result.exit_code == 1
    splits = "dev, dev2, dev3, dev4, heldout, heldout2"
    assert f"--split 'heldout3' is not a split of this gold set: {splits}" in result.output
