"""The statistics of a comparison: weighted log-odds of terms, and bootstrap intervals.

**Distinctive terms** follow Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical
Feature Selection and Evaluation for Identifying the Content of Political Conflict"
(*Political Analysis* 16(4)), section 3.5: the log-odds ratio of a term between two corpora
with an informative Dirichlet prior, divided by its approximate standard deviation::

    delta_w = log((y_aw + α_w) / (n_a + α_0 - y_aw - α_w))
            - log((y_bw + α_w) / (n_b + α_0 - y_bw - α_w))
    var_w  ≈ 1 / (y_aw + α_w) + 1 / (y_bw + α_w)
    z_w    = delta_w / sqrt(var_w)

The prior is the pooled counts of both sides (α_w = y_aw + y_bw, α_0 = n_a + n_b), the
paper's "informative" prior with the whole comparison as background; a positive ``z`` means
the term is characteristic of side A. The z-scores rank terms; they are not calibrated
p-values (tokens of one article are not independent draws).

**Intervals** come from the nonparametric bootstrap over documents (Efron & Tibshirani 1993):
documents are resampled with replacement, a ratio of sums (techniques per 1,000 words, mean
tone, share of articles with a frame) is recomputed on each replicate, and the 2.5th and
97.5th percentiles make the 95 % interval. Replicates are drawn as resampling-count matrices
in chunks, so the work is a few matrix products however many documents there are. The
bootstrap does not model dependence between articles of one outlet or one day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["BootstrapResult", "bootstrap_ratios", "difference_interval", "log_odds_z"]

#: Upper bound on the number of cells of one resampling-count chunk (memory ~ 8 bytes each).
_CHUNK_CELLS = 4_000_000


def log_odds_z(counts_a: np.ndarray, counts_b: np.ndarray) -> np.ndarray:
    """Z-scores of the log-odds ratio with an informative Dirichlet prior (pooled counts).

    ``counts_a`` and ``counts_b`` are the counts of the same vocabulary on each side.

    >>> log_odds_z(np.array([3.0, 1.0]), np.array([1.0, 3.0])).round(4).tolist()
    [1.1493, -1.1493]
    """
    y_a = np.asarray(counts_a, dtype=np.float64)
    y_b = np.asarray(counts_b, dtype=np.float64)
    alpha = y_a + y_b
    alpha_0 = alpha.sum()
    n_a, n_b = y_a.sum(), y_b.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y_a + alpha) / (n_a + alpha_0 - y_a - alpha)) - np.log(
            (y_b + alpha) / (n_b + alpha_0 - y_b - alpha)
        )
        variance = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha)
        z = delta / np.sqrt(variance)
    finite: np.ndarray = np.nan_to_num(z, nan=0.0, posinf=0.0, neginf=0.0)
    return finite


@dataclass(frozen=True)
class BootstrapResult:
    """Point estimates, 95 % intervals and the replicates of ratios of sums over documents."""

    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray
    replicates: np.ndarray

    def interval(self, column: int, *, digits: int = 4) -> list[float | None]:
        """The interval of one column as a JSON-ready pair (None where undefined)."""
        return [_rounded(self.low[column], digits), _rounded(self.high[column], digits)]

    def value(self, column: int, *, digits: int = 4) -> float | None:
        """The point estimate of one column, rounded (None where undefined)."""
        return _rounded(self.estimate[column], digits)


def _rounded(value: float, digits: int) -> float | None:
    return None if not np.isfinite(value) else round(float(value), digits)


def _resampling_counts(n: int, reps: int, rng: np.random.Generator) -> np.ndarray:
    """A ``reps x n`` matrix: how often each document is drawn in each bootstrap replicate."""
    draws = rng.integers(0, n, size=(reps, n), dtype=np.int32)
    counts = np.empty((reps, n), dtype=np.float64)
    for row in range(reps):  # one small bincount per replicate stays in cache
        counts[row] = np.bincount(draws[row], minlength=n)
    return counts


def bootstrap_ratios(
    numerators: np.ndarray,
    denominators: np.ndarray,
    *,
    reps: int = 1000,
    seed: int = 0,
) -> BootstrapResult:
    """Bootstrap ``sum(numerators[:, k]) / sum(denominators[:, k])`` over documents (rows).

    ``numerators`` and ``denominators`` are ``(documents, k)`` arrays; a mean is a ratio whose
    denominator is 1 for every document that has the value (0 for those that lack it). The
    result is deterministic for a given ``seed``. A column whose denominator sums to zero
    gets NaN.

    >>> r = bootstrap_ratios(np.array([[1.0], [3.0]]), np.ones((2, 1)), reps=200)
    >>> float(r.estimate[0])
    2.0
    """
    numerators = np.atleast_2d(np.asarray(numerators, dtype=np.float64))
    denominators = np.atleast_2d(np.asarray(denominators, dtype=np.float64))
    n, k = numerators.shape
    with np.errstate(divide="ignore", invalid="ignore"):
        estimate = numerators.sum(axis=0) / denominators.sum(axis=0)
    if n == 0:
        nan = np.full(k, np.nan)
        return BootstrapResult(estimate=nan, low=nan, high=nan, replicates=np.empty((0, k)))
    rng = np.random.default_rng(seed)
    chunk = max(1, min(reps, _CHUNK_CELLS // n))
    parts = []
    for done in range(0, reps, chunk):
        weights = _resampling_counts(n, min(chunk, reps - done), rng)
        with np.errstate(divide="ignore", invalid="ignore"):
            parts.append((weights @ numerators) / (weights @ denominators))
    replicates = np.vstack(parts)
    low, high = _percentiles(replicates)
    return BootstrapResult(estimate=estimate, low=low, high=high, replicates=replicates)


def _percentiles(replicates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    k = replicates.shape[1]
    low, high = np.full(k, np.nan), np.full(k, np.nan)
    for column in range(k):
        values = replicates[:, column]
        values = values[np.isfinite(values)]
        if values.size:
            low[column], high[column] = np.percentile(values, [2.5, 97.5])
    return low, high


def difference_interval(
    a: BootstrapResult, b: BootstrapResult
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Estimate and 95 % interval of ``a - b`` per column, from independent replicates.

    A difference is "real" at the 95 % level when its interval excludes zero.
    """
    estimate = a.estimate - b.estimate
    reps = min(len(a.replicates), len(b.replicates))
    if reps == 0:
        nan = np.full(estimate.shape, np.nan)
        return estimate, nan, nan
    low, high = _percentiles(a.replicates[:reps] - b.replicates[:reps])
    return estimate, low, high
