"""L2-regularised logistic regression in numpy: the fit behind the frame and role models and
the technique score calibration (:mod:`slant.techniques.calibration`).

Method: maximum likelihood with an L2 penalty on the weights (not the bias), each row weighted
so that every class carries the same total weight ("balanced": ``n / (classes * count)``, as
in King & Zeng 2001 and scikit-learn's ``class_weight="balanced"``), or every row weight 1
(``balanced=False``: a calibration map must keep the base rate). The objective

    J(W, b) = (1 / S) * [ sum_i s_i * loss_i(W, b) + ||W||^2 / (2 C) ],   S = sum_i s_i

is the one scikit-learn's ``LogisticRegression(C=C, class_weight="balanced")`` minimises, so
the minimiser is the same; ``loss_i`` is the binary log loss for two classes (one weight
vector, a sigmoid) and the multinomial log loss for more (one row per class, a softmax). It is
strictly convex, and minimised by L-BFGS (Nocedal & Wright, *Numerical Optimization*, 2nd ed.
2006, Algorithm 7.4, ten stored pairs) with a backtracking line search for the Armijo condition
(their Algorithm 3.1), from zero, until the largest gradient component is below ``tol``.
It has no other solvers, penalties or sparse input.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["balanced_weights", "fit_logistic"]

_MEMORY = 10
_ARMIJO = 1e-4

Objective = Callable[[np.ndarray], tuple[float, np.ndarray]]


def balanced_weights(labels: np.ndarray, classes: int) -> np.ndarray:
    """Row weights ``n / (classes * count of the row's class)``.

    >>> balanced_weights(np.array([0, 0, 0, 1]), 2).tolist()
    [0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 2.0]
    """
    counts = np.bincount(labels, minlength=classes).astype(float)
    weights: np.ndarray = (len(labels) / (classes * np.maximum(counts, 1)))[labels]
    return weights


def fit_logistic(
    features: np.ndarray,
    labels: np.ndarray,
    *,
    classes: int = 2,
    c: float = 1.0,
    tol: float = 1e-6,
    max_iter: int = 3000,
    balanced: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Fit the model of the module docstring; return ``(weights, bias)``.

    ``labels`` are class indices ``0 … classes - 1``; ``balanced=False`` weights every row 1
    (then the minimiser is that of ``sum_i loss_i + ||W||^2 / (2 C)``; ``c`` may be ``inf``,
    no penalty). Two classes give weights ``(1, d)`` and
    bias ``(1,)`` (the score of class 1 is ``sigmoid(x @ w + b)``); more give ``(classes, d)``
    and ``(classes,)`` (scores ``softmax(x @ W.T + b)``).

    >>> x = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> w, b = fit_logistic(x, np.array([0, 0, 1, 1]), c=100.0)
    >>> bool(w[0, 0] > 0), float(np.round(-b[0] / w[0, 0], 2))
    (True, 1.5)
    """
    features = np.asarray(features, dtype=float)
    labels = np.asarray(labels, dtype=int)
    rows, dims = features.shape
    weights = balanced_weights(labels, classes) if balanced else np.ones(rows)
    total = weights.sum()
    outputs = 1 if classes == 2 else classes
    target = labels[:, None].astype(float) if outputs == 1 else np.eye(classes)[labels]

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: outputs * dims].reshape(outputs, dims)
        b = theta[outputs * dims :]
        logits = features @ w.T + b
        if outputs == 1:
            loss = np.logaddexp(0.0, logits) - target * logits
            residual = 1.0 / (1.0 + np.exp(-logits)) - target
        else:
            shifted = logits - logits.max(axis=1, keepdims=True)
            log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
            loss = -(target * (shifted - log_norm)).sum(axis=1, keepdims=True)
            residual = np.exp(shifted - log_norm) - target
        residual *= weights[:, None]
        value = (float((weights[:, None] * loss).sum()) + 0.5 / c * float((w * w).sum())) / total
        grad_w = (residual.T @ features + w / c) / total
        grad_b = residual.sum(axis=0) / total
        return value, np.concatenate([grad_w.ravel(), grad_b])

    theta = _lbfgs(objective, np.zeros(outputs * (dims + 1)), tol=tol, max_iter=max_iter)
    return theta[: outputs * dims].reshape(outputs, dims), theta[outputs * dims :]


def _lbfgs(objective: Objective, theta: np.ndarray, *, tol: float, max_iter: int) -> np.ndarray:
    """Minimise a smooth convex ``objective`` (value, gradient) from ``theta`` by L-BFGS."""
    value, grad = objective(theta)
    pairs: list[tuple[np.ndarray, np.ndarray, float]] = []
    for _ in range(max_iter):
        if np.max(np.abs(grad)) <= tol:
            break
        direction = _two_loop(grad, pairs)
        slope = float(grad @ direction)
        if slope >= 0:  # not a descent direction (rounding): restart from the gradient
            pairs.clear()
            direction, slope = -grad, -float(grad @ grad)
        step = 1.0
        while True:
            candidate = theta + step * direction
            new_value, new_grad = objective(candidate)
            if new_value <= value + _ARMIJO * step * slope or step < 1e-12:
                break
            step *= 0.5
        s, y = candidate - theta, new_grad - grad
        curvature = float(s @ y)
        if curvature > 1e-12:
            pairs.append((s, y, 1.0 / curvature))
            del pairs[:-_MEMORY]
        theta, value, grad = candidate, new_value, new_grad
    return theta


def _two_loop(grad: np.ndarray, pairs: list[tuple[np.ndarray, np.ndarray, float]]) -> np.ndarray:
    """The L-BFGS direction ``-H grad`` from the stored ``(s, y, 1 / s.y)`` pairs."""
    if not pairs:
        return -grad / max(1.0, float(np.linalg.norm(grad)))
    q = grad.copy()
    alphas = []
    for s, y, rho in reversed(pairs):
        alpha = rho * float(s @ q)
        q -= alpha * y
        alphas.append(alpha)
    s, y, _ = pairs[-1]
    q *= float(s @ y) / float(y @ y)
    for (s, y, rho), alpha in zip(pairs, reversed(alphas), strict=True):
        q += (alpha - rho * float(y @ q)) * s
    return -q
