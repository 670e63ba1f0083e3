"""Train the frame model on the narrative framing data of Frermann et al., and write it.

The training procedure and its cross-validation are :mod:`slant.evaluation.frames` (numpy
only); this module runs both on all labelled articles and writes the fitted model as the small
``.npz`` that :meth:`slant.analyzers.frames.FrameModel.load` reads.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..analyzers.frames import FrameModel
from ..evaluation.frames import (
    FrameScores,
    article_features,
    cross_validate_frames,
    fit_frames,
    labelled_articles,
)
from ..vectors import encoder_id

__all__ = ["save_frame_model", "train_and_score_frames"]


def save_frame_model(model: FrameModel, path: Path) -> None:
    """Write ``model`` as the small ``.npz`` that :meth:`FrameModel.load` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        frames=np.array(model.frames),
        poolings=np.array(model.poolings),
        weights=model.weights,
        bias=model.bias,
        encoder=np.array(encoder_id()),
    )


def train_and_score_frames(
    path: Path, *, out: Path | None = None, folds: int = 5
) -> tuple[Path, FrameScores]:
    """Cross-validate, then fit on all of ``path`` and write the model (default: packaged)."""
    from ..analyzers.frames import MODEL_PATH

    embedded, labels = labelled_articles(path)
    scores = cross_validate_frames(embedded, labels, folds=folds)
    target = out or MODEL_PATH
    save_frame_model(fit_frames(article_features(embedded), labels), target)
    return target, scores
