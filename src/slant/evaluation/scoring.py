"""Precision, recall and F1: the one place every ``slant eval`` computes them.

Precision is the credit of the predictions over their number, recall the credit of the gold
items over theirs, F1 their harmonic mean; each is 0 when its denominator is 0 (the convention
of the SemEval scorers and of scikit-learn's ``zero_division=0``). The credits may differ:
SemEval span identification gives fractional credit for partial overlaps
(:mod:`slant.evaluation.semeval`), and per-relation descriptor scores count predictions and
gold items by their own relation (:mod:`slant.evaluation.descriptors`). For label arrays,
:func:`f1_per_class` and :func:`accuracy` score classifiers (frames, roles).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Scores", "accuracy", "f1", "f1_per_class", "precision_recall_f1"]


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of ``precision`` and ``recall`` (0 when both are 0).

    >>> f1(0.5, 1.0)
    0.6666666666666666
    >>> f1(0.0, 0.0)
    0.0
    """
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def precision_recall_f1(
    precise: float, predicted: int, recalled: float, gold: int
) -> tuple[float, float, float]:
    """``(P, R, F1)`` from the credit of the predictions and of the gold items.

    >>> precision_recall_f1(3, 4, 3, 6)
    (0.75, 0.5, 0.6)
    >>> precision_recall_f1(0, 0, 0, 5)
    (0.0, 0.0, 0.0)
    """
    precision = precise / predicted if predicted else 0.0
    recall = recalled / gold if gold else 0.0
    return precision, recall, f1(precision, recall)


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 (0 when undefined), with the counts they came from."""

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int

    @classmethod
    def of(cls, precise: float, predicted: int, recalled: float, gold: int) -> Scores:
        """The scores of :func:`precision_recall_f1`, keeping the counts.

        >>> Scores.of(2, 4, 2, 2).as_dict()
        {'precision': 0.5, 'recall': 1.0, 'f1': 0.6667, 'predicted': 4, 'gold': 2}
        """
        return cls(*precision_recall_f1(precise, predicted, recalled, gold), predicted, gold)

    def as_dict(self) -> dict[str, float | int]:
        """The scores rounded to 4 decimals, and the counts (the JSON report's shape)."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.predicted,
            "gold": self.gold,
        }


def f1_per_class(gold: np.ndarray, predicted: np.ndarray, classes: Sequence[object]) -> np.ndarray:
    """F1 of each of ``classes`` (one-vs-rest) for two label arrays; 0 for a class never seen.

    Works on class indices as on booleans (``classes=[True]`` is the binary F1).

    >>> f1_per_class(np.array([0, 0, 1, 2]), np.array([0, 1, 1, 1]), [0, 1, 2]).round(3).tolist()
    [0.667, 0.5, 0.0]
    """
    out = []
    for label in classes:
        hits = int(np.sum((gold == label) & (predicted == label)))
        out.append(
            precision_recall_f1(
                hits, int(np.sum(predicted == label)), hits, int(np.sum(gold == label))
            )[2]
        )
    return np.array(out)


def accuracy(gold: np.ndarray, predicted: np.ndarray) -> float:
    """Share of positions where the two label arrays agree.

    >>> accuracy(np.array([1, 2, 3]), np.array([1, 2, 0]))
    0.6666666666666666
    """
    return float(np.mean(gold == predicted)) if len(gold) else 0.0
