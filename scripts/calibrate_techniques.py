"""Fit the technique score calibration on the model's held-out articles, and measure it honestly.

The shipped technique model never trained on its 30 dev articles (``dev_ids`` in its
``config.json``). This script runs the detector on them with raw scores, marks each detected
span 1 when it overlaps a gold span of any technique, and then:

1. **cross-fits** the calibration (:mod:`slant.techniques.calibration`): the articles are cut
   into two halves by the SHA-256 of their ids; a map fitted on one half scores the other,
   and the halves swap, so every span gets a calibrated score from a map that never saw its
   article; the expected calibration error (ECE, 10 bins) and the reliability table are
   measured on those scores, raw scores alongside; an isotonic map of the raw score
   (pool-adjacent-violators, Zadrozny & Elkan, KDD 2002) is cross-fitted the same way for
   comparison;
2. picks the **operating point**: the lowest threshold of a 0.05 grid at which at least
   ``--precision`` of the cross-fitted spans at or above it overlap a gold span, and reports
   SemEval SI precision and recall (partial credit) there;
3. fits the map on all the articles and writes it (``--out``), with that operating point.

Run from the repository root (the PTC is in ``../shared/data``)::

    python scripts/calibrate_techniques.py --out src/slant/models/techniques/calibration.json

It prints the tables of ``docs/techniques.md`` (markdown). The thresholds were tuned on the
same articles (MODEL.md), so these numbers are somewhat optimistic for other articles.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from slant.evaluation.semeval import score_si  # noqa: E402
from slant.techniques.calibration import (  # noqa: E402
    Calibration,
    expected_calibration_error,
    features,
    fit_logistic,
    reliability,
)
from slant.techniques.detect import detect  # noqa: E402
from slant.techniques.runtime import TechniqueModel  # noqa: E402
from slant.techniques.semeval import Label, read_articles, read_labels  # noqa: E402

PTC = Path("../shared/data/ptc-train")
GRID = [round(0.30 + 0.05 * i, 2) for i in range(13)]


@dataclass
class Spans:
    """The detected spans of the held-out articles, with their raw inputs and outcomes."""

    article: list[str]
    label: list[Label]
    x: np.ndarray  # calibration features
    raw: np.ndarray  # the raw score
    hit: np.ndarray  # overlaps a gold span of any technique
    same: np.ndarray  # overlaps a gold span of the same technique


def collect(model: TechniqueModel, articles: dict[str, str], gold: list[Label]) -> Spans:
    """Detect (raw scores, model spans only) and mark each span against the gold."""
    by_article: dict[str, list[Label]] = {}
    for g in gold:
        by_article.setdefault(g.article_id, []).append(g)
    rows: list[tuple] = []
    for article_id, text in sorted(articles.items()):
        for d in detect(model, model.encode_article(text), calibrated=False):
            if d.span_score is None or d.technique_score is None:
                continue  # a rule finding keeps its fixed score
            golds = by_article.get(article_id, [])
            hit = any(g.start < d.end and d.start < g.end for g in golds)
            same = any(
                g.start < d.end and d.start < g.end and g.technique == d.technique for g in golds
            )
            rows.append(
                (
                    article_id,
                    Label(article_id, d.start, d.end, d.technique),
                    features(d.span_score, d.technique_score, d.end - d.start),
                    d.score,
                    hit,
                    same,
                )
            )
    return Spans(
        article=[r[0] for r in rows],
        label=[r[1] for r in rows],
        x=np.array([r[2] for r in rows]),
        raw=np.array([r[3] for r in rows]),
        hit=np.array([r[4] for r in rows], dtype=np.float64),
        same=np.array([r[5] for r in rows], dtype=np.float64),
    )


def isotonic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pool-adjacent-violators: breakpoints and the non-decreasing fit of ``y`` on ``x``."""
    order = np.argsort(x, kind="stable")
    blocks: list[list[float]] = []  # [sum, count, max x]
    for xi, yi in zip(x[order], y[order], strict=True):
        blocks.append([float(yi), 1.0, float(xi)])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count, high = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
            blocks[-1][2] = high
    return np.array([b[2] for b in blocks]), np.array([b[0] / b[1] for b in blocks])


def halves(article_ids: list[str]) -> dict[str, int]:
    """Each article's half (0 or 1): the articles sorted by the SHA-256 of their id, cut in two."""
    ordered = sorted(set(article_ids), key=lambda a: hashlib.sha256(a.encode()).hexdigest())
    return {a: int(i >= len(ordered) / 2) for i, a in enumerate(ordered)}


def cross_fit(spans: Spans, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-half calibrated scores: the logistic map, and the isotonic map of the raw score."""
    half = np.array([halves(spans.article)[a] for a in spans.article])
    logistic, iso = np.zeros(len(half)), np.zeros(len(half))
    for h in (0, 1):
        train, test = half != h, half == h
        w, b = fit_logistic(spans.x[train], spans.hit[train], l2=l2)
        logistic[test] = 1.0 / (1.0 + np.exp(-(spans.x[test] @ w + b)))
        knots, values = isotonic(spans.raw[train], spans.hit[train])
        position = np.searchsorted(knots, spans.raw[test], side="left")
        iso[test] = values[np.minimum(position, len(values) - 1)]
    return logistic, iso


def auc(scores: np.ndarray, outcomes: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney, ties counted half)."""
    pos, neg = scores[outcomes == 1], scores[outcomes == 0]
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def table(name: str, scores: np.ndarray, spans: Spans) -> None:
    print(
        f"\n{name}: ECE {expected_calibration_error(scores, spans.hit):.3f}, "
        f"AUC {auc(scores, spans.hit):.3f}\n"
    )
    print("| score bin | spans | mean score | overlap a gold span | … of the same technique |")
    print("|---|---:|---:|---:|---:|")
    same = {(b.low, b.high): b for b in reliability(scores, spans.same)}
    for b in reliability(scores, spans.hit):
        same_rate = same[(b.low, b.high)].observed
        print(
            f"| {b.low:.1f}–{b.high:.1f} | {b.count} | {b.mean_score:.2f} | {b.observed:.2f} "
            f"| {same_rate:.2f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=PTC / "articles")
    parser.add_argument("--labels", type=Path, default=PTC / "train-task-flc-tc.labels")
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: shipped)")
    parser.add_argument("--out", type=Path, default=None, help="write the fitted map here")
    parser.add_argument("--precision", type=float, default=0.7, help="operating point target")
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args()

    model = TechniqueModel(args.model)
    dev_ids = set(model.config["dev_ids"])
    articles = {a: t for a, t in read_articles(args.articles).items() if a in dev_ids}
    gold = [g for g in read_labels(args.labels) if g.article_id in articles]
    spans = collect(model, articles, gold)
    print(
        f"{len(articles)} held-out articles, {len(gold)} gold spans, {len(spans.hit)} detected "
        f"spans, {int(spans.hit.sum())} of them overlap a gold span"
    )
    logistic, iso = cross_fit(spans, args.l2)
    table("raw score (before)", spans.raw, spans)
    table("isotonic map of the raw score, cross-fitted", iso, spans)
    table("calibrated score (logistic map), cross-fitted (after)", logistic, spans)

    print(
        "\n| threshold | spans kept | overlap a gold span | same technique | SI precision "
        "| SI recall | SI F1 |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    chosen = None
    for threshold in [0.0, *GRID]:
        keep = logistic >= threshold
        si = score_si([label for label, k in zip(spans.label, keep, strict=True) if k], gold)
        precision = spans.hit[keep].mean() if keep.any() else 0.0
        print(
            f"| {threshold:.2f} | {int(keep.sum())} | {precision:.2f} | "
            f"{spans.same[keep].mean() if keep.any() else 0:.2f} | {si.precision:.3f} | "
            f"{si.recall:.3f} | {si.f1:.3f} |"
        )
        if chosen is None and threshold > 0 and precision >= args.precision:
            chosen = threshold
    if chosen is None:
        raise SystemExit(f"no threshold of the grid reaches precision {args.precision}")
    print(f"\noperating point: {chosen:.2f} (lowest with precision >= {args.precision})")

    w, b = fit_logistic(spans.x, spans.hit, l2=args.l2)
    calibration = Calibration(
        weights=tuple(round(float(v), 6) for v in w),
        bias=round(b, 6),
        min_score=chosen,
        fitted_on=(
            f"{len(articles)} held-out dev articles of the model (dev_ids), "
            f"{len(spans.hit)} detected spans, target: overlaps a gold span"
        ),
    )
    print(f"map fitted on all: weights {calibration.weights}, bias {calibration.bias}")
    if args.out:
        args.out.write_text(calibration.to_json(), encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
