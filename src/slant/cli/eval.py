"""``slant eval …``: every measurement of slant's analyzers against gold data.

``techniques``, ``quotes``, ``descriptors``, ``casualties``, ``frames``, ``roles`` and
``stories``: each command is one library call of :mod:`slant.evaluation` and a table of
:mod:`.scores`. ``eval techniques --folds N`` trains models and needs the ``[train]`` extra;
every other command runs on the core install.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from ..errors import InputError
from ..evaluation import descriptors, quotes
from ..evaluation.casualties import PARTS, evaluate_casualties
from ..evaluation.frames import evaluate_frames
from ..evaluation.gold import GoldArticles
from ..evaluation.roles import evaluate_roles
from ..evaluation.stories import evaluate_stories
from ..evaluation.techniques import evaluate_folder
from ..techniques import TechniqueModel
from ..train.runs import cross_validate_techniques, parse_recipe
from .app import console, err_console, eval_app, fail, fail_on_errors
from .gold import GOLD_FLAGS, articles_option, gold_option, table_options
from .scores import (
    casualty_table,
    print_descriptor_scores,
    print_frame_scores,
    print_quote_scores,
    print_role_scores,
    print_story_scores,
    print_technique_report,
)

__all__ = [
    "eval_casualties",
    "eval_descriptors",
    "eval_frames",
    "eval_quotes",
    "eval_roles",
    "eval_stories",
    "eval_techniques",
]

ArticlesOption = Annotated[
    Path, typer.Option("--articles", help="Folder of articleID.txt files (SemEval layout).")
]
FramingOption = Annotated[
    Path,
    typer.Option(
        "--data", help="Framing data TSV (Frermann et al. 2023: ID, text, RE, HI, CO, MO, EC)."
    ),
]
RecipeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--recipe",
        metavar="NAME=VALUE",
        help="A training option of slant.train.techniques.TrainOptions, e.g. "
        "sentence_loss_weight=0.5 or average_last=0.25 (repeatable).",
    ),
]
RolesOption = Annotated[
    Path, typer.Option("--data", help="Narrative roles TSV (ID, entity, group, role).")
]
RoleArticlesOption = Annotated[
    Path | None,
    typer.Option("--articles", help="The framing TSV whose articles the roles annotate."),
]


def _log(message: str) -> None:
    err_console.print(message, markup=False)


@eval_app.command("techniques")
def eval_techniques(
    articles: ArticlesOption,
    labels: Annotated[Path, typer.Option("--labels", help="Gold SI or TC labels file.")],
    folds: Annotated[
        int, typer.Option("--folds", help="Cross-validate: train and test N models ([train]).")
    ] = 0,
    only_fold: Annotated[
        list[int] | None, typer.Option("--only-fold", help="With --folds: run only these folds.")
    ] = None,
    work_dir: Annotated[
        Path, typer.Option("--work-dir", help="With --folds: where fold models are written.")
    ] = Path("techniques-cv"),
    dev_articles: Annotated[
        int,
        typer.Option(
            "--dev-articles",
            min=0,
            help="With --folds: articles of each fold's training pool held out to tune thresholds.",
        ),
    ] = 30,
    epochs: Annotated[
        int | None,
        typer.Option(
            "--epochs", min=1, help="With --folds: training epochs [default: the recipe's]."
        ),
    ] = None,
    recipe: RecipeOption = None,
    test_fold: Annotated[
        int | None,
        typer.Option(
            "--test-fold",
            help="Score only this fold of the 5-fold split by article (seed 13), with the "
            "fold model that held it out (--model WORK_DIR/foldN of --folds 5).",
        ),
    ] = None,
    model_dir: Annotated[
        Path | None,
        typer.Option("--model", help="Model folder to score [default: the shipped model]."),
    ] = None,
    held_out: Annotated[
        bool,
        typer.Option(
            "--held-out",
            help="Score only the articles the model held out of training (its dev articles).",
        ),
    ] = False,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the report here.")
    ] = None,
) -> None:
    """Score the technique model (SI and TC measures of SemEval-2020, with baselines).

    Example: `slant eval techniques --articles DIR/articles --labels DIR/train-task-flc-tc.labels`;
    a recipe on one fold: `… --folds 5 --only-fold 0 --recipe sentence_loss_weight=0.5`
    """
    with fail_on_errors({"model": "--model WORK_DIR/foldN of --folds 5", "recipe": "--recipe"}):
        if recipe and not folds:
            raise InputError("--recipe trains models: give --folds N")
        if folds:
            scoring = {"--test-fold": test_fold is not None, "--held-out": held_out}
            extra = [flag for flag, on in scoring.items() if on]
            extra += ["--model"] if model_dir is not None else []
            if extra:
                raise InputError(f"--folds trains its own models; drop {', '.join(extra)}")
            report = cross_validate_techniques(
                articles,
                labels,
                folds=folds,
                work_dir=work_dir,
                dev_articles=dev_articles,
                epochs=epochs,
                only_folds=only_fold,
                recipe=parse_recipe(recipe),
                log=_log,
            )
            print_technique_report(report["pooled"])
        else:
            model = TechniqueModel(model_dir) if model_dir is not None else None
            report = evaluate_folder(
                articles, labels, test_fold=test_fold, held_out=held_out, model=model
            )
            print_technique_report(report)
        if json_out is not None:
            json_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


@eval_app.command("casualties")
def eval_casualties(
    csv: Path = typer.Option(..., "--csv", help="FA-KES CSV with nb_* gold counts."),
    part: str = typer.Option("all", help=f"Rows to score: {', '.join(PARTS)}."),
    errors: int = typer.Option(0, help="Also list this many articles slant gets wrong."),
) -> None:
    """Score casualties.killed (exact and ±10 %) against the gold counts and two baselines.

    Examples:

        slant eval casualties --csv ../shared/data/fakes-dev.csv

        slant eval casualties --csv ../shared/data/fakes-dev.csv --part second-half --errors 20
    """
    if not csv.is_file():
        raise fail(f"no such CSV file: {csv}; pass a FA-KES CSV such as fakes-dev.csv")
    with fail_on_errors(), Progress(console=console, transient=True) as progress:
        task = progress.add_task("Annotating articles", total=None)
        result = evaluate_casualties(csv, part=part, progress=lambda n: progress.advance(task, n))
    title = f"casualties.killed on {csv.name} ({part}, {result.articles} articles)"
    console.print(casualty_table(result, title=title))
    for error in result.errors[:errors]:
        console.print(f"{error['unit_id']}: gold {error['gold']} predicted {error['predicted']}")


@eval_app.command("frames")
def eval_frames(data: FramingOption) -> None:
    """Rerun the 5-fold cross-validation of the frame model and print F1 per frame.

    Example: `slant eval frames --data ../shared/data/framing-train.tsv`
    """
    with fail_on_errors():
        scores = evaluate_frames(data)
    print_frame_scores(scores)


@eval_app.command("roles")
def eval_roles(data: RolesOption, articles: RoleArticlesOption = None) -> None:
    """Rerun the article-grouped 5-fold cross-validation of the role model.

    Example: `slant eval roles --data ../shared/data/framing-roles-train.tsv
    --articles ../shared/data/framing-train.tsv`
    """
    with fail_on_errors():
        scores = evaluate_roles(data, articles_path=articles)
    print_role_scores(scores)


def _one_of(value: str, choices: Iterable[str], option: str) -> str:
    """``value`` in lower case; InputError naming ``option`` when it is not a choice."""
    names = list(choices)
    if value.lower() not in names:
        raise InputError(f"{option} {value!r} is not one of: {', '.join(names)}")
    return value.lower()


@eval_app.command("quotes")
def eval_quotes(
    gold: Path | None = gold_option("quotes.jsonl"),
    articles: list[Path] | None = articles_option(),
    split: str = typer.Option(
        "all",
        "--split",
        help="Which gold articles: dev, heldout, or all; for news also heldout2 (the batch "
        "annotated before quotes.v4), dev3 and dev4 (the batches annotated before quotes.v5 and "
        "quotes.v6).",
        case_sensitive=False,
    ),
    gold_set: str = typer.Option(
        "ptc",
        "--set",
        help="Packaged gold set when --gold is not given: ptc (PTC articles) or news "
        "(FA-KES and framing articles, with speaker mentions).",
        case_sensitive=False,
    ),
    fakes: Path | None = table_options()[0],
    framing: Path | None = table_options()[1],
) -> None:
    """Score quotes (content, speaker mention and resolved speaker P/R/F1) for slant and
    textacy on a gold set.

    Examples:

        slant eval quotes --split heldout --articles ../shared/data/ptc-train/articles
        --articles ../shared/data/samples

        slant eval quotes --set news --split heldout --fakes ../shared/data/fakes-dev.csv
        --framing ../shared/data/framing-train.tsv
    """
    with fail_on_errors(GOLD_FLAGS):
        split = split.lower()
        gold_set = _one_of(gold_set, quotes.GOLD_SETS, "--set")
        scores = quotes.evaluate_quotes(
            gold_path=gold,
            gold_set=gold_set,
            articles=GoldArticles(list(articles or []), fakes=fakes, framing=framing),
            split=None if split == "all" else split,
        )
    print_quote_scores(scores, split)


@eval_app.command("descriptors")
def eval_descriptors(
    gold: Path | None = gold_option("descriptors.jsonl"),
    articles: list[Path] | None = articles_option(),
    gold_set: str = typer.Option(
        "ptc",
        "--set",
        help="Packaged gold set when --gold is not given: ptc (PTC articles) or news "
        "(mainstream climate news of the framing set).",
        case_sensitive=False,
    ),
    framing: Path | None = table_options()[1],
    split: Annotated[
        str,
        typer.Option(
            "--split",
            help="all (every split, each reported), or one split of the gold set alone: "
            "dev, heldout, and for news heldout2 (held out), dev2, dev3 and dev4 (rule work).",
        ),
    ] = "all",
) -> None:
    """Score (actor, descriptor) pairs: precision, recall, F1 overall and per relation.

    Examples:

        slant eval descriptors --articles ../shared/data/ptc-train/articles
        --articles ../shared/data/samples

        slant eval descriptors --set news --framing ../shared/data/framing-train.tsv --split dev
    """
    with fail_on_errors(GOLD_FLAGS):
        gold_set = _one_of(gold_set, descriptors.GOLD_SETS, "--set")
        scores = descriptors.evaluate_descriptors(
            gold_path=gold,
            gold_set=gold_set,
            articles=GoldArticles(list(articles or []), framing=framing),
            split=None if split.lower() == "all" else split.lower(),
        )
    print_descriptor_scores(scores)


@eval_app.command("stories")
def eval_stories(
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="Gold JSON lines (default: slant/data/gold/stories.jsonl)."),
    ] = None,
    fakes: Annotated[
        Path | None, typer.Option("--fakes", help="The FA-KES sample CSV the gold labels.")
    ] = None,
    split: Annotated[
        str, typer.Option("--split", help="dev, heldout, all, or both (dev and heldout).")
    ] = "both",
) -> None:
    """B-cubed precision, recall and F1 of story grouping (stories.v1 and the baseline:
    same date + TF-IDF of the lead) on the hand-labelled FA-KES and demo stories.

    Example: `slant eval stories --fakes ../shared/data/fakes-dev.csv --split heldout`
    """
    splits = {"both": ("dev", "heldout"), "dev": ("dev",), "heldout": ("heldout",)}
    splits["all"] = ("all",)
    with fail_on_errors():
        if split not in splits:
            raise InputError(f"--split {split!r} is not one of: {', '.join(splits)}")
        scores = evaluate_stories(gold_path=gold, fakes=fakes, splits=splits[split])
    print_story_scores(scores)
