"""``slant eval …``: every measurement of slant's analyzers against gold data.

Each command is one library call of :mod:`slant.evaluation` and a table of
:mod:`.scores`. ``eval techniques --folds N`` trains models and needs the ``[train]`` extra;
every other command runs on the core install.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from ..errors import InputError
from ..evaluation.casualties import PARTS, evaluate_casualties
from ..evaluation.frames import evaluate_frames
from ..evaluation.roles import evaluate_roles
from ..evaluation.techniques import evaluate_folder
from ..techniques import TechniqueModel
from ..train.runs import cross_validate_techniques
from .app import console, err_console, eval_app, fail, fail_on_errors
from .scores import casualty_table, print_frame_scores, print_role_scores, print_technique_report

__all__ = ["eval_casualties", "eval_frames", "eval_roles", "eval_techniques"]

ArticlesOption = Annotated[
    Path, typer.Option("--articles", help="Folder of articleID.txt files (SemEval layout).")
]
FramingOption = Annotated[
    Path,
    typer.Option(
        "--data", help="Framing data TSV (Frermann et al. 2023: ID, text, RE, HI, CO, MO, EC)."
    ),
]
RolesOption = Annotated[
    Path, typer.Option("--data", help="Narrative roles TSV (ID, entity, group, role).")
]
RoleArticlesOption = Annotated[
    Path | None,
    typer.Option("--articles", help="The framing TSV whose articles the roles annotate."),
]
#: Library arguments of the role commands, and their options.
ROLE_FLAGS = {"articles_path": "--articles FILE"}
DEV_FLAGS = {"dev_articles": "--dev-articles"}


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

    Example: `slant eval techniques --articles DIR/articles --labels DIR/train-task-flc-tc.labels`
    """
    with fail_on_errors({"model": "--model WORK_DIR/foldN of --folds 5", **DEV_FLAGS}):
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
    with fail_on_errors():
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Annotating articles", total=None)
            result = evaluate_casualties(
                csv, part=part, progress=lambda n: progress.advance(task, n)
            )
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
    with fail_on_errors(ROLE_FLAGS):
        scores = evaluate_roles(data, articles_path=articles)
    print_role_scores(scores)
