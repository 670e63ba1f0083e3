"""``slant train|eval frames`` and ``slant train|eval roles``: the framing models' commands.

Each command is a thin layer over :mod:`slant.train.frames` / :mod:`slant.train.roles` (they need
the ``[train]`` extra: scikit-learn) and prints the cross-validated scores as a table.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from .app import console, eval_app, fail_on_errors, train_app

if TYPE_CHECKING:
    from ..train.frames import FrameScores
    from ..train.roles import RoleScores

__all__ = ["eval_frames", "eval_roles", "train_frames", "train_roles"]

_FRAMES_DATA = Path("../shared/data/framing-train.tsv")
_ROLES_DATA = Path("../shared/data/framing-roles-train.tsv")

_DATA_HELP = "Framing data TSV (Frermann et al. 2023: ID, text, RE, HI, CO, MO, EC)."
_ROLES_HELP = "Narrative roles TSV (ID, entity, group, role)."


def _print_frame_scores(scores: FrameScores) -> None:
    table = Table(title=f"Frames: {scores.folds}-fold cross-validation, {scores.articles} articles")
    for name in ("frame", "articles with it", "F1", "always-present F1"):
        table.add_column(name, justify="left" if name == "frame" else "right")
    for frame, f1 in scores.f1.items():
        table.add_row(
            frame, str(scores.positives[frame]), f"{f1:.3f}", f"{scores.baseline_f1[frame]:.3f}"
        )
    table.add_row("macro", "", f"{scores.macro_f1:.3f}", f"{scores.baseline_macro_f1:.3f}")
    console.print(table)


def _print_role_scores(scores: RoleScores) -> None:
    views = [
        (scores.annotated, "annotated mentions, best of the three roles"),
        (scores.with_none, "annotated mentions and unannotated actors (none)"),
    ]
    for part, what in views:
        table = Table(title=f"Roles: {scores.folds}-fold CV grouped by article; {what}")
        for name in ("class", "rows", "F1", f"majority ({part.majority}) F1"):
            table.add_column(name, justify="left" if name == "class" else "right")
        for role, f1 in part.f1.items():
            baseline = f"{part.baseline_f1[role]:.3f}"
            table.add_row(role, str(part.support[role]), f"{f1:.3f}", baseline)
        table.add_row("macro", "", f"{part.macro_f1:.3f}", f"{part.baseline_macro_f1:.3f}")
        table.add_row("accuracy", "", f"{part.accuracy:.3f}", f"{part.baseline_accuracy:.3f}")
        console.print(table)


@train_app.command("frames")
def train_frames(
    data: Path = typer.Option(_FRAMES_DATA, "--data", help=_DATA_HELP),
    out: Path | None = typer.Option(None, "--out", help="Model file (default: the packaged one)."),
) -> None:
    """Train the frame model, write it, and print its 5-fold CV scores.

    Example: `slant train frames --data ../shared/data/framing-train.tsv`
    """
    from ..train.frames import train_and_score_frames

    with fail_on_errors():
        path, scores = train_and_score_frames(data, out=out)
    _print_frame_scores(scores)
    console.print(f"Wrote {path}")


@eval_app.command("frames")
def eval_frames(
    data: Path = typer.Option(_FRAMES_DATA, "--data", help=_DATA_HELP),
) -> None:
    """Rerun the 5-fold cross-validation of the frame model and print F1 per frame.

    Example: `slant eval frames --data ../shared/data/framing-train.tsv`
    """
    from ..train.frames import evaluate_frames

    with fail_on_errors():
        scores = evaluate_frames(data)
    _print_frame_scores(scores)


@train_app.command("roles")
def train_roles(
    data: Path = typer.Option(_ROLES_DATA, "--data", help=_ROLES_HELP),
    articles: Path = typer.Option(_FRAMES_DATA, "--articles", help=_DATA_HELP),
    out: Path | None = typer.Option(None, "--out", help="Model file (default: the packaged one)."),
) -> None:
    """Train the narrative role model, write it, and print its 5-fold CV scores.

    Example: `slant train roles --data ../shared/data/framing-roles-train.tsv`
    """
    from ..train.roles import train_and_score_roles

    with fail_on_errors():
        path, scores = train_and_score_roles(data, articles_path=articles, out=out)
    _print_role_scores(scores)
    console.print(f"Wrote {path}")


@eval_app.command("roles")
def eval_roles(
    data: Path = typer.Option(_ROLES_DATA, "--data", help=_ROLES_HELP),
    articles: Path = typer.Option(_FRAMES_DATA, "--articles", help=_DATA_HELP),
) -> None:
    """Rerun the article-grouped 5-fold cross-validation of the role model.

    Example: `slant eval roles --data ../shared/data/framing-roles-train.tsv`
    """
    from ..train.roles import evaluate_roles

    with fail_on_errors():
        scores = evaluate_roles(data, articles_path=articles)
    _print_role_scores(scores)
