"""The frames analyzer: scores, evidence offsets, model loading, CLI errors, and its CV score."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import slant
from slant.analyzers.frames import (
    FRAMES,
    MODEL_PATH,
    FrameModel,
    find_frames,
    get_frame_model,
)
from slant.cli import app
from slant.errors import ModelError
from slant.nlp import parse
from slant.spans import sentences as article_sentences

from .conftest import SHARED

ECONOMIC = (
    "The new carbon tax will cost households an extra 400 dollars a year, the treasury said. "
    "Business groups warned that energy prices would rise and thousands of jobs could be lost. "
    "Economists expect the levy to raise 12 billion dollars in revenue by 2025. "
    "Shares in coal companies fell sharply on the news."
)
HUMAN_INTEREST = (
    "Maria Lopez still remembers the night the water came. "
    "She grabbed her two daughters and climbed onto the roof of the family home. "
    '"I thought we were going to die," she said, her voice breaking. '
    "Her husband's photographs, her mother's letters, everything was lost."
)


def test_committed_model_matches_the_frames() -> None:
    model = get_frame_model()
    assert model.frames == FRAMES
    assert model.weights.shape[0] == len(FRAMES)
    assert MODEL_PATH.stat().st_size < 1_000_000


@pytest.mark.parametrize("text", [ECONOMIC, HUMAN_INTEREST])
def test_scores_and_evidence_are_well_formed(text: str) -> None:
    scores, evidence = find_frames(parse(text))
    assert set(scores) == set(FRAMES) == set(evidence)
    assert all(0.0 <= p <= 1.0 for p in scores.values())
    sentences = article_sentences(parse(text))
    for items in evidence.values():
        assert 1 <= len(items) <= 3
        assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
        for item in items:
            assert (item["start"], item["end"]) in sentences
            assert text[item["start"] : item["end"]].strip() == text[item["start"] : item["end"]]
            assert 0.0 <= item["score"] <= 1.0


@pytest.mark.parametrize(
    ("text", "frame", "other"),
    [(ECONOMIC, "economic", "human_interest"), (HUMAN_INTEREST, "human_interest", "economic")],
)
def test_obvious_frame_scores_above_the_other(text: str, frame: str, other: str) -> None:
    scores, evidence = find_frames(parse(text))
    assert scores[frame] >= 0.5 > scores[other]


def test_money_sentence_is_the_top_economic_evidence() -> None:
    text = HUMAN_INTEREST + " The repairs will cost 80,000 dollars, and insurance pays nothing."
    _, evidence = find_frames(parse(text))
    top = evidence["economic"][0]
    assert "80,000 dollars" in text[top["start"] : top["end"]]


def test_text_without_sentences_scores_zero() -> None:
    scores, evidence = find_frames(parse("... -- 123"))
    assert scores == dict.fromkeys(FRAMES, 0.0)
    assert evidence == {frame: [] for frame in FRAMES}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("  Lead in.\n\n  Next line here.  ", ["Lead in.", "Next line here."]),
        ("Yes.   \n", ["Yes."]),
    ],
)
def test_article_sentences_are_trimmed_and_have_letters(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in article_sentences(parse(text))] == expected


def test_analyzer_fills_frames_and_evidence() -> None:
    analysis = slant.analyze(ECONOMIC, analyzers=["frames"])
    assert set(analysis.frames) == set(FRAMES)
    data = analysis.to_dict()
    assert data["frames"] == analysis.frames
    for items in data["frame_evidence"].values():
        for item in items:
            assert ECONOMIC[item["start"] : item["end"]]
    assert analysis.analyzers["frames"] == "frames.v2"


def test_missing_model_file_gives_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot read the frame model"):
        FrameModel.load(tmp_path / "missing.npz")


def test_corrupt_model_file_gives_model_error(tmp_path: Path) -> None:
    path = tmp_path / "frames.npz"
    path.write_bytes(b"garbage")
    with pytest.raises(ModelError):
        FrameModel.load(path)


def test_model_of_the_wrong_shape_gives_model_error(tmp_path: Path) -> None:
    path = tmp_path / "frames.npz"
    np.savez(
        path,
        frames=np.array(FRAMES),
        poolings=np.array(["mean"]),
        weights=np.zeros((5, 7)),
        bias=np.zeros(5),
    )
    with pytest.raises(ModelError, match="does not match"):
        FrameModel.load(path)


@pytest.mark.parametrize("command", ["eval", "train"])
def test_cli_reports_missing_data_in_one_line(command: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, [command, "frames", "--data", str(tmp_path / "none.tsv")])
    assert result.exit_code == 1
    assert "cannot read framing data" in result.output


def test_cli_rejects_a_file_without_frame_columns(tmp_path: Path) -> None:
    path = tmp_path / "wrong.tsv"
    path.write_text("ID\ttext\n1\tsome text\n")
    result = CliRunner().invoke(app, ["eval", "frames", "--data", str(path)])
    assert result.exit_code == 1
    assert "missing columns" in result.output


@pytest.mark.shared
def test_cross_validated_f1_beats_always_present(tmp_path: Path) -> None:
    from slant.train.frames import train_and_score_frames

    data = SHARED / "data" / "framing-train.tsv"
    path, scores = train_and_score_frames(data, out=tmp_path / "frames.npz")
    assert scores.articles == 341
    assert scores.macro_f1 > scores.baseline_macro_f1 + 0.1
    assert FrameModel.load(path).frames == FRAMES
