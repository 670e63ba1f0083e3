"""Training recipes by name (`--recipe NAME=VALUE`) and the sentence-level training target.

The recipe parser and the CLI's refusals need no torch; the options' types and the batches
need the ``[train]`` extra and are skipped without it (as the ``train/`` doctests are).
"""

from __future__ import annotations

import warnings

import pytest
from typer.testing import CliRunner

from slant.cli import app
from slant.errors import InputError
from slant.train.runs import parse_recipe

runner = CliRunner()


def test_recipe_items_become_a_dict():
    assert parse_recipe(["a=1", " b = x "]) == {"a": "1", "b": "x"}
    assert parse_recipe(None) == {}


@pytest.mark.parametrize("item", ["average_last", "=0.5", ""])
def test_recipe_item_without_name_or_value_is_refused(item):
    with pytest.raises(InputError, match="NAME=VALUE"):
        parse_recipe([item])


def test_recipe_without_folds_is_refused(tmp_path):
    (tmp_path / "articles").mkdir()
    labels = tmp_path / "gold.labels"
    labels.write_text("")
    args = ["eval", "techniques", "--articles", str(tmp_path / "articles"), "--labels", str(labels)]
    result = runner.invoke(app, [*args, "--recipe", "average_last=0.25"])
    assert result.exit_code != 0
    assert "--folds" in result.output


def test_recipe_values_take_the_options_types():
    torch = pytest.importorskip("torch")
    from slant.train import runs, techniques

    assert torch is not None
    options = runs._options(
        techniques,
        {"average_last": "0.25", "keep_last_step": "true", "epochs": "3"},
        epochs=None,
    )
    assert options.average_last == 0.25 and options.keep_last_step is True
    assert options.epochs == 3
    assert runs._options(techniques, {"epochs": "3"}, epochs=5).epochs == 5  # the flag wins
    with pytest.raises(InputError, match="no training option 'averaging'"):
        runs._options(techniques, {"averaging": "1"})
    with pytest.raises(InputError, match="not a int"):
        runs._options(techniques, {"epochs": "three"})
    with pytest.raises(InputError, match="true or false"):
        runs._options(techniques, {"keep_last_step": "maybe"})


def test_sentence_targets_follow_lines_and_spans():
    pytest.importorskip("torch")
    from slant.techniques.encoding import load_tokenizer
    from slant.techniques.semeval import Label
    from slant.train.technique_batches import make_batch, prepare, windows
    from slant.train.techniques import encoder_path

    text = "The council met on Tuesday.\n\nCritics called them a mob of traitors.\nThey left.\n"
    start = text.index("mob of traitors")
    labels = [Label("1", start, start + 15, "Name_Calling,Labeling")]
    tokenizer = load_tokenizer(encoder_path() / "tokenizer.json")
    (article,) = prepare({"1": text}, labels, tokenizer)
    assert [touched for _, _, touched in article.lines] == [0.0, 1.0, 0.0]  # blank line skipped
    first, end, _ = article.lines[1]
    covered = text[article.encoded.offsets[first][0] : article.encoded.offsets[end - 1][1]]
    assert covered == "Critics called them a mob of traitors."
    batch = make_batch([article], windows([article], 254), 101, 102)
    assert batch["line_labels"].tolist() == [0.0, 1.0, 0.0]
    assert batch["line_firsts"][1].item() == first + 1  # shifted by [CLS]
    small = make_batch([article], [(0, 0, 8)], 101, 102)  # a window cutting line 2
    assert small["line_labels"].tolist() == [0.0]  # only lines wholly inside a window


def test_a_run_with_refit_head_ships_the_refitted_classifier(tmp_path):
    torch = pytest.importorskip("torch")
    from slant.techniques.runtime import TechniqueModel
    from slant.techniques.semeval import Label
    from slant.train.techniques import TrainOptions
    from slant.train.techniques_cv import run_split

    line = "The brutal thugs stormed the town. Is this the truth they promised?\n"
    articles = {f"{n}": line * 2 for n in range(4)}
    labels = [
        Label(a, start + offset, start + offset + length, technique)
        for a in articles
        for offset in (0, len(line))
        for start, length, technique in ((4, 12, "Loaded_Language"), (35, 32, "Doubt"))
    ]
    with warnings.catch_warnings():  # the ONNX export's tracer and opset notices
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        warnings.filterwarnings("ignore", "Exporting aten::", UserWarning)
        result = run_split(
            articles,
            labels,
            train_ids=["0", "1", "2"],
            dev_ids=["3"],
            test_ids=[],
            out_dir=tmp_path / "model",
            options=TrainOptions(epochs=1, refit_head=True),
            log=lambda message: None,
        )
    model = TechniqueModel(tmp_path / "model")
    assert model.config["tc_parts"] == ["mean", "first", "cls", "max"]
    assert model.config["tc_head"]["train_spans"] == 12
    assert model.config["tuned_tc_f1"] == result["settings"]["tuned_tc_f1"]
    probs = model.classify(model.encode_article(articles["3"]), [(4, 16), (35, 67)])
    assert probs.shape == (2, len(model.techniques))
