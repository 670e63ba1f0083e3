"""Train the narrative role model (hero, villain, victim, none), and write it.

The examples, the fit and the grouped cross-validation are :mod:`slant.evaluation.roles`
(numpy only); this module runs them on all annotated mentions and writes the fitted model as
the small ``.npz`` that :meth:`slant.analyzers.roles.RoleModel.load` reads.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..analyzers.roles import RoleModel
from ..evaluation.roles import RoleScores, cross_validate_roles, examples_of, fit_roles
from ..vectors import encoder_id

__all__ = ["save_role_model", "train_and_score_roles"]


def save_role_model(model: RoleModel, path: Path) -> None:
    """Write ``model`` as the small ``.npz`` that :meth:`RoleModel.load` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        roles=np.array(model.roles),
        weights=model.weights,
        bias=model.bias,
        encoder=np.array(encoder_id()),
    )


def train_and_score_roles(
    path: Path, *, articles_path: Path | None, out: Path | None = None, folds: int = 5
) -> tuple[Path, RoleScores]:
    """Cross-validate, then fit on all mentions and write the model (default: packaged)."""
    from ..analyzers.roles import MODEL_PATH

    features, labels, groups = examples_of(path, articles_path)
    scores = cross_validate_roles(features, labels, groups, folds=folds)
    target = out or MODEL_PATH
    save_role_model(fit_roles(features, labels), target)
    return target, scores
