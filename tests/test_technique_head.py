"""Refitting the technique classifier on a model's frozen encoder (slant.train.technique_head)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from slant.cli import app
from slant.errors import InputError
from slant.evaluation.folds import split_articles
from slant.techniques.features import FEATURE_NAMES
from slant.techniques.runtime import DETECTED_HEAD_FILE, TechniqueModel, default_model_dir
from slant.techniques.semeval import Label
from slant.train.technique_head import (
    DETECTED_CS,
    detected_spans,
    fit_head,
    named_right,
    refit_head,
    training_ids,
)

from .conftest import copy_technique_model

LINES = {
    "Doubt": "Is this really the truth we were promised by them?",
    "Loaded_Language": "The brutal, bloodthirsty thugs stormed the quiet town.",
    "Flag-Waving": "For our great nation and our glorious flag we stand.",
}


def _folder(tmp_path: Path, articles: int = 6) -> tuple[dict[str, str], list[Label]]:
    """``articles`` small articles, each with one gold span per technique of LINES."""
    texts, labels = {}, []
    for n in range(articles):
        text, offset = "", 0
        for technique, line in LINES.items():
            sentence = f"{line} Report {n}.\n"
            labels.append(Label(f"10{n}", offset, offset + len(line), technique))
            text += sentence
            offset += len(sentence)
        texts[f"10{n}"] = text
    root = tmp_path / "ptc"
    (root / "articles").mkdir(parents=True)
    for article_id, text in texts.items():
        (root / "articles" / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    (root / "train-task-flc-tc.labels").write_text(
        "".join(f"{g.article_id}\t{g.technique}\t{g.start}\t{g.end}\n" for g in labels)
    )
    return texts, labels


def test_the_training_articles_leave_out_the_dev_articles_and_the_test_fold() -> None:
    ids = [f"a{i}" for i in range(10)]
    config = {"dev_ids": ["a0"], "test_fold": 1, "folds": 5, "options": {"seed": 13}}
    test = split_articles(ids, folds=5, test_fold=1, dev_articles=0)[2]
    train = training_ids({**config, "trained_on_articles": 8}, ids)
    assert len(test) == 2 and sorted(train) == sorted(set(ids) - set(test) - {"a0"})
    with pytest.raises(InputError, match="trained on 9 articles but this folder leaves 8"):
        training_ids({**config, "trained_on_articles": 9}, ids)


def test_the_fitted_head_scores_raw_inputs_as_the_standardised_fit_does() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(5.0, 3.0, (60, 4))
    y = (x[:, 0] > 5).astype(int) + (x[:, 1] > 5).astype(int)
    weight, bias = fit_head(x, y, classes=3, c=1.0)
    assert weight.dtype == np.float32 and weight.shape == (3, 4)
    assert ((x @ weight.T + bias).argmax(1) == y).mean() > 0.8


def test_a_refit_writes_a_wider_head_that_the_runtime_loads(tmp_path) -> None:
    texts, labels = _folder(tmp_path)
    folder = copy_technique_model(tmp_path, dev_ids=["104", "105"], trained_on_articles=4)
    logged: list[str] = []
    fitted = refit_head(folder, texts, labels, cs=(0.01, 1.0), log=logged.append)
    head, detected = fitted["tc_head"], fitted["detected_head"]
    assert head["train_articles"] == 4 and head["train_spans"] == 12 and head["c"] in (0.01, 1.0)
    config = json.loads((folder / "config.json").read_text())
    assert config["tc_parts"] == ["mean", "first", "cls", "max"]
    assert config["tc_head"] == head and config["tuned_tc_f1"] == head["dev_tc_f1"]
    # the detected-span head: the gold spans plus the tagger's detections that overlap one
    assert detected is not None and config["detected_head"] == detected
    assert detected["gold_spans"] == 12 and detected["detected_spans"] > 0
    assert detected["c"] in DETECTED_CS and (folder / DETECTED_HEAD_FILE).is_file()
    model = TechniqueModel(folder)
    states = model.encode_article(texts["105"])
    size = states.hidden.shape[2]
    assert model.weight.shape == (len(model.techniques), 4 * size + len(FEATURE_NAMES))
    probs = model.classify(states, [(g.start, g.end) for g in labels if g.article_id == "105"])
    predicted = [model.techniques[i] for i in probs.argmax(1)]
    assert predicted == list(LINES)  # three easy, distinct techniques: learnt from four articles
    assert any("dev TC micro-F1" in line for line in logged)
    assert any("dev detected spans named right" in line for line in logged)
    found = detected_spans(model, {"105": states}, labels)
    right = named_right(model, {"105": states}, found)
    assert right.shape == (len(found),) and right.mean() > 0.5


def test_detected_spans_carry_the_gold_techniques_they_overlap(tmp_path) -> None:
    texts, labels = _folder(tmp_path, articles=1)
    model = TechniqueModel()
    states = {"100": model.encode_article(texts["100"])}
    found = detected_spans(model, states, labels)
    loose = detected_spans(model, states, labels, threshold=0.05)
    assert found and len(loose) >= 1
    gold = [g for g in labels if g.article_id == "100"]
    for span in found + loose:
        overlapping = {g.technique for g in gold if g.start < span.end and span.start < g.end}
        assert span.overlapped == overlapping
        assert (span.closest is None) == (not overlapping) and (
            span.closest is None or span.closest in overlapping
        )


def test_a_refit_without_a_detected_head_removes_an_old_one(tmp_path) -> None:
    texts, labels = _folder(tmp_path)
    folder = copy_technique_model(tmp_path, dev_ids=["104", "105"], trained_on_articles=4)
    assert (folder / DETECTED_HEAD_FILE).is_file()  # the shipped model has one
    fitted = refit_head(folder, texts, labels, cs=(0.01,), detected_cs=(), log=lambda _: None)
    assert fitted["detected_head"] is None and not (folder / DETECTED_HEAD_FILE).exists()
    assert "detected_head" not in json.loads((folder / "config.json").read_text())
    assert TechniqueModel(folder).detected_head is None


def test_a_folder_without_the_models_dev_articles_is_a_clear_error(tmp_path) -> None:
    texts, labels = _folder(tmp_path, articles=3)
    folder = copy_technique_model(tmp_path, dev_ids=["104", "999"], trained_on_articles=3)
    with pytest.raises(InputError, match="2 of the model's dev articles"):
        refit_head(folder, texts, labels)
    assert (folder / "head.npz").read_bytes() == (default_model_dir() / "head.npz").read_bytes()


def test_the_command_refits_and_says_how_much_dev_gained(tmp_path) -> None:
    _folder(tmp_path)
    folder = copy_technique_model(tmp_path, dev_ids=["104", "105"], trained_on_articles=4)
    result = CliRunner().invoke(
        app,
        ["train", "techniques-head", "--data", str(tmp_path / "ptc"), "--model", str(folder)],
    )
    assert result.exit_code == 0, result.output
    assert "dev TC micro-F1" in result.output and "Refitted" in result.output
    assert "Fitted" in result.output and "named right" in result.output
    bad = CliRunner().invoke(
        app, ["train", "techniques-head", "--data", str(tmp_path / "none"), "--model", str(folder)]
    )
    assert bad.exit_code != 0 and "Traceback" not in bad.output
