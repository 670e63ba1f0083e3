"""Calibrated technique scores: what fraction of spans with a given score overlap a gold span.

The model's raw score (mean inside-probability of the span × probability of its technique)
ranks spans poorly and is not a probability: on the 30 held-out articles, spans scored
0.1–0.2 overlap a gold span as often as spans scored 0.3–0.4 (MODEL.md). A
:class:`Calibration` maps a detection to the probability that a gold propaganda span
overlaps it, by logistic regression on three numbers the detector already has — the logit of
the span probability, the logit of the technique probability and the log of the span's
length in characters — fitted on articles the model never trained on. This is Platt scaling
(J. Platt, *Probabilistic outputs for support vector machines*, 1999) with two more inputs;
the fit is the shared L2-penalised logistic regression of
:func:`slant.evaluation.logistic.fit_logistic`, with every span weighted 1.

``min_score`` is the default operating point: what slant shows unless asked for more
(``--min-score``, the web's slider), chosen for precision on the held-out articles.

:func:`expected_calibration_error` and :func:`reliability` measure a calibration
(M. P. Naeini, G. Cooper, M. Hauskrecht, *Obtaining well calibrated probabilities using
Bayesian binning*, AAAI 2015: ECE over equal-width bins). The map is fitted by
``scripts/calibrate_techniques.py``; it is a post-processing step over the detector's
outputs and does not depend on how the encoder is run.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import ModelError

__all__ = [
    "CALIBRATION_FILE",
    "FEATURES",
    "Calibration",
    "ReliabilityBin",
    "expected_calibration_error",
    "UNCALIBRATED_VERSIONS",
    "features",
    "fit_logistic",
    "load_calibration",
    "default_min_score",
    "min_score_for",
    "reliability",
]

#: The calibration map's file in a model folder.
CALIBRATION_FILE = "calibration.json"
#: The inputs of the map, in order.
FEATURES = ("logit_span_score", "logit_technique_score", "log_characters")

_EPS = 1e-4


def features(span_score: float, technique_score: float, characters: int) -> np.ndarray:
    """The calibration inputs of one detection.

    >>> features(0.5, 0.5, 1).tolist()
    [0.0, 0.0, 0.0]
    """
    span = min(max(span_score, _EPS), 1 - _EPS)
    technique = min(max(technique_score, _EPS), 1 - _EPS)
    return np.array(
        [np.log(span / (1 - span)), np.log(technique / (1 - technique)), np.log(max(characters, 1))]
    )


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0) -> tuple[np.ndarray, float]:
    """Weights and bias of the calibration map: the logistic regression of ``y`` (0/1) on
    ``x`` (rows: examples) minimising ``sum_i loss_i + l2 * ||w||^2 / 2`` (bias not
    penalised), by :func:`slant.evaluation.logistic.fit_logistic` (unweighted rows,
    ``C = 1 / l2``, tolerance tight enough to give the weights to 1e-6).

    >>> w, b = fit_logistic(np.array([[0.0], [0.0], [1.0], [1.0]]), np.array([0, 1, 1, 1]))
    >>> bool(w[0] > 0)
    True
    """
    from ..evaluation.logistic import fit_logistic as fit

    c = 1.0 / l2 if l2 > 0 else float("inf")
    labels = np.asarray(y).astype(int)
    weights, bias = fit(np.asarray(x, dtype=np.float64), labels, c=c, tol=1e-10, balanced=False)
    return weights[0], float(bias[0])


@dataclass(frozen=True)
class Calibration:
    """A fitted calibration map and the default operating point (see module docstring)."""

    weights: tuple[float, ...]
    bias: float
    min_score: float
    fitted_on: str = ""

    def probability(self, span_score: float, technique_score: float, characters: int) -> float:
        """The calibrated score of one detection, rounded to 4 places."""
        z = float(features(span_score, technique_score, characters) @ np.asarray(self.weights))
        return round(float(1.0 / (1.0 + np.exp(-(z + self.bias)))), 4)

    def to_json(self) -> str:
        """The map as JSON, as ``calibration.json`` stores it."""
        return json.dumps({"features": list(FEATURES), **asdict(self)}, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Calibration:
        """Read a map written by :meth:`to_json`."""
        data = json.loads(text)
        if tuple(data.get("features", ())) != FEATURES:
            raise ValueError(f"expected the features {list(FEATURES)}, got {data.get('features')}")
        return cls(
            weights=tuple(float(w) for w in data["weights"]),
            bias=float(data["bias"]),
            min_score=float(data["min_score"]),
            fitted_on=str(data.get("fitted_on", "")),
        )


@lru_cache(maxsize=8)
def load_calibration(folder: Path) -> Calibration | None:
    """The calibration map of a model folder, or None when it has none (raw scores)."""
    path = Path(folder) / CALIBRATION_FILE
    if not path.is_file():
        return None
    try:
        return Calibration.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(
            f"{path}: cannot read the calibration map ({exc}); reinstall slant or refit it "
            "with scripts/calibrate_techniques.py"
        ) from exc


def default_min_score() -> float:
    """The operating point of the shipped model: the score below which findings are not shown
    by default (0.0 when the model has no calibration map)."""
    from .runtime import default_model_dir

    calibration = load_calibration(default_model_dir())
    return calibration.min_score if calibration is not None else 0.0


#: Analyzer versions whose stored technique scores are raw model probabilities, not calibrated.
UNCALIBRATED_VERSIONS = frozenset({"techniques.v1", "techniques.v2"})


def min_score_for(min_score: float | None, version: str | None) -> float:
    """The lowest score shown of findings stored by analyzer ``version``: ``min_score`` when
    given, else the operating point (:func:`default_min_score`) — 0 for an older analyzer
    whose scores were not calibrated (the threshold means nothing on them).

    >>> min_score_for(None, "techniques.v2"), min_score_for(0.3, "techniques.v2")
    (0.0, 0.3)
    """
    if min_score is not None:
        return min_score
    return 0.0 if version in UNCALIBRATED_VERSIONS else default_min_score()


@dataclass(frozen=True)
class ReliabilityBin:
    """One bin of a reliability diagram: scores in ``[low, high)``."""

    low: float
    high: float
    count: int
    mean_score: float
    observed: float


def reliability(
    scores: np.ndarray, outcomes: np.ndarray, *, bins: int = 10
) -> list[ReliabilityBin]:
    """Equal-width bins of ``scores`` with their mean score and observed rate (empty bins
    left out).

    >>> [b.count for b in reliability(np.array([0.05, 0.15, 0.95]), np.array([0, 0, 1]))]
    [1, 1, 1]
    """
    scores, outcomes = np.asarray(scores, dtype=np.float64), np.asarray(outcomes, dtype=np.float64)
    index = np.minimum((scores * bins).astype(int), bins - 1)
    rows = []
    for i in range(bins):
        mask = index == i
        if mask.any():
            rows.append(
                ReliabilityBin(
                    i / bins,
                    (i + 1) / bins,
                    int(mask.sum()),
                    float(scores[mask].mean()),
                    float(outcomes[mask].mean()),
                )
            )
    return rows


def expected_calibration_error(
    scores: np.ndarray, outcomes: np.ndarray, *, bins: int = 10
) -> float:
    """Mean |observed rate - mean score| over equal-width bins, weighted by bin size.

    >>> expected_calibration_error(np.array([0.2, 0.2, 0.8, 0.8]), np.array([0, 0, 1, 1]))
    0.2
    """
    rows = reliability(scores, outcomes, bins=bins)
    total = sum(r.count for r in rows)
    return round(sum(r.count * abs(r.observed - r.mean_score) for r in rows) / total, 4)
