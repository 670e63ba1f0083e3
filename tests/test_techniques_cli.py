"""`slant techniques` and `slant eval techniques` on a tiny SemEval folder (shipped model)."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from slant.cli import app
from slant.techniques.labels import TECHNIQUES
from slant.techniques.runtime import default_model_dir
from slant.techniques.semeval import read_labels

ARTICLES = {
    "101": (
        "Senator Blake called the protesters a disgusting mob of traitors.\n\n"
        "Only a fool would believe their lies. Make our country great again!\n"
    ),
    "102": (
        "The council met on Tuesday to discuss the budget.\n\n"
        "Critics said the evil regime of cowards is destroying everything we love.\n"
    ),
}

runner = CliRunner()
EVAL_GOLD = ["eval", "techniques", "--articles", "{tmp}/articles", "--labels", "{tmp}/gold.labels"]


@pytest.fixture
def folder(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for article_id, text in ARTICLES.items():
        (articles / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.labels"
    start = ARTICLES["101"].index("disgusting mob of traitors")
    slogan = ARTICLES["101"].index("Make our country great again")
    evil = ARTICLES["102"].index("evil regime of cowards")
    gold.write_text(
        f"101\tLoaded_Language\t{start}\t{start + 26}\n"
        f"101\tName_Calling,Labeling\t{start}\t{start + 26}\n"
        f"101\tSlogans\t{slogan}\t{slogan + 28}\n"
        f"102\tName_Calling,Labeling\t{evil}\t{evil + 22}\n"
    )
    return tmp_path


def test_detect_and_label_spans(folder):
    out = folder / "pred.labels"
    result = runner.invoke(
        app, ["techniques", "--articles", str(folder / "articles"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    labels = read_labels(out)
    assert labels, "the model should find something in this loaded text"
    for label in labels:
        assert label.technique in TECHNIQUES
        assert 0 <= label.start < label.end <= len(ARTICLES[label.article_id])


def test_label_exactly_the_template_spans(folder):
    template = folder / "template.labels"
    gold = read_labels(folder / "gold.labels")
    template.write_text("".join(f"{g.article_id}\t?\t{g.start}\t{g.end}\n" for g in gold))
    result = runner.invoke(
        app, ["techniques", "--articles", str(folder / "articles"), "--spans", str(template)]
    )
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert sorted((a, int(s), int(e)) for a, _, s, e in lines) == sorted(
        (g.article_id, g.start, g.end) for g in gold
    )
    doubled = [(a, t) for a, t, s, _ in lines if int(s) == gold[0].start]
    assert len(set(doubled)) == 2, "a span listed twice gets two different techniques"


def test_eval_prints_scores_and_baselines(folder):
    result = runner.invoke(
        app,
        [
            "eval",
            "techniques",
            "--articles",
            str(folder / "articles"),
            "--labels",
            str(folder / "gold.labels"),
            "--json",
            str(folder / "report.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    for row in (
        "SI (span identification)",
        "SI baseline: every sentence",
        "TC micro (gold spans)",
        "TC baseline: majority class",
    ):
        assert row in result.stdout
    report = (folder / "report.json").read_text()
    assert '"si_baseline_every_sentence"' in report and '"Loaded_Language"' in report


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["techniques", "--articles", "{tmp}/nowhere"], "not a folder"),
        (
            ["techniques", "--articles", "{tmp}/articles", "--spans", "{tmp}/unknown.labels"],
            "not in",
        ),
        (
            ["eval", "techniques", "--articles", "{tmp}/articles", "--labels", "{tmp}/none"],
            "no such labels file",
        ),
        (
            [*EVAL_GOLD, "--held-out"],
            "held out from the model's training",
        ),
        (
            [*EVAL_GOLD, "--held-out", "--test-fold", "0"],
            "not both",
        ),
        (
            [*EVAL_GOLD, "--test-fold", "0"],
            "not trained with fold 0 held out",
        ),
        (
            [*EVAL_GOLD, "--folds", "5", "--held-out"],
            "--folds trains its own models; drop --held-out",
        ),
        (
            [*EVAL_GOLD, "--model", "{tmp}/nowhere"],
            "cannot load the technique model",
        ),
    ],
)
def test_bad_input_is_one_line_error(folder, args, message):
    (folder / "unknown.labels").write_text("999\t?\t0\t4\n")
    result = runner.invoke(app, [a.format(tmp=folder) for a in args])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and message in result.stderr


def test_fold_model_scores_its_own_test_fold(folder):
    """A cross-validation fold model (test_fold in its config) scores the fold it held out."""
    model = folder / "fold0"
    shutil.copytree(default_model_dir(), model)
    config = json.loads((model / "config.json").read_text())
    config.update(test_fold=0, folds=5)
    (model / "config.json").write_text(json.dumps(config))
    args = ["eval", "techniques", "--articles", str(folder / "articles")]
    args += ["--labels", str(folder / "gold.labels"), "--model", str(model), "--test-fold", "0"]
    result = runner.invoke(app, [*args, "--json", str(folder / "report.json")])
    assert result.exit_code == 0, result.output
    report = json.loads((folder / "report.json").read_text())
    assert report["articles"] == 1, "fold 0 of a 5-fold split of two articles is one article"
