"""Would another span score make Viterbi's spans showable? Calibration inputs compared.

On the shipped model's 30 held-out dev articles (the articles its calibration map is fitted
on), spans are decoded by the threshold decoder (shipped settings) and by the constrained
Viterbi decoder (:mod:`slant.techniques.viterbi`, several biases on O); each span is marked 1
when it overlaps a gold span. The calibration map (logistic regression,
:func:`slant.techniques.calibration.fit_logistic`) is cross-fitted on the two SHA-256 halves
of the articles, as ``scripts/calibrate_techniques.py`` does, with four sets of inputs:

- ``base``: the shipped inputs (logit of the mean inside-probability, logit of the technique
  probability, log characters);
- ``peak+base``: plus the logit of the mean of the three highest inside-probabilities;
- ``peak-instead``: the peak in place of the mean;
- ``peak+max+B``: plus the highest inside-probability and P(B) at the first wordpiece.

For each it prints the ECE, the AUC, and at thresholds 0.50–0.70 the spans kept, the share
that overlap a gold span and the SemEval SI recall (what the default operating point would
show). Run from the repository root::

    python scripts/technique_span_score.py --cache /tmp/shipped-heldout-states.pkl
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calibrate_techniques import auc, halves  # noqa: E402

from slant.evaluation.semeval import score_si  # noqa: E402
from slant.techniques.calibration import expected_calibration_error, fit_logistic  # noqa: E402
from slant.techniques.encoding import BEGIN, OUTSIDE, token_range  # noqa: E402
from slant.techniques.runtime import ArticleStates, TechniqueModel  # noqa: E402
from slant.techniques.semeval import Label, read_articles, read_labels  # noqa: E402

PTC = Path("../shared/data/ptc-train")
DECODERS: list[tuple[str, dict[str, float]]] = [
    ("threshold", {}),
    ("viterbi", {"o_bias": -1.5}),
    ("viterbi", {"o_bias": -1.0}),
    ("viterbi", {"o_bias": -0.5}),
]


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def spans_of(
    model: TechniqueModel,
    states: dict[str, ArticleStates],
    gold: list[Label],
    decoder: str,
    options: dict[str, float],
) -> tuple[list[Label], dict[str, np.ndarray], np.ndarray, list[str]]:
    """Decoded spans, their candidate inputs, whether each overlaps gold, and their articles."""
    labels, articles, hits = [], [], []
    columns: dict[str, list[float]] = {k: [] for k in ("mean", "tech", "chars", "peak", "max", "b")}
    for article_id, st in states.items():
        found = model.find_spans(st, decoder=decoder, **options)  # type: ignore[arg-type]
        probs = model.classify(st, [(s, e) for s, e, _ in found])
        for (start, end, score), row in zip(found, probs, strict=True):
            first, last = token_range(st.encoded, start, end)
            inside = np.sort(1.0 - st.tag_probs[first:last, OUTSIDE])[::-1]
            columns["mean"].append(score)
            columns["tech"].append(float(row.max()))
            columns["chars"].append(end - start)
            columns["peak"].append(float(inside[:3].mean()))
            columns["max"].append(float(inside[0]))
            columns["b"].append(float(st.tag_probs[first, BEGIN]))
            technique = model.techniques[int(row.argmax())]
            labels.append(Label(article_id, start, end, technique))
            articles.append(article_id)
            hits.append(
                any(g.article_id == article_id and g.start < end and start < g.end for g in gold)
            )
    return labels, {k: np.array(v) for k, v in columns.items()}, np.array(hits, float), articles


def inputs(c: dict[str, np.ndarray], names: str) -> np.ndarray:
    base = [logit(c["mean"]), logit(c["tech"]), np.log(c["chars"])]
    peak = logit(c["peak"])
    chosen: dict[str, Callable[[], list[np.ndarray]]] = {
        "base": lambda: base,
        "peak+base": lambda: [*base, peak],
        "peak-instead": lambda: [peak, *base[1:]],
        "peak+max+B": lambda: [*base, peak, logit(c["max"]), logit(c["b"])],
    }
    return np.column_stack(chosen[names]())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=PTC / "articles")
    parser.add_argument("--labels", type=Path, default=PTC / "train-task-flc-tc.labels")
    parser.add_argument("--cache", type=Path, required=True, help="pickle of the encoded states")
    args = parser.parse_args()

    model = TechniqueModel(None)
    dev = set(model.config["dev_ids"])
    articles = {a: t for a, t in read_articles(args.articles).items() if a in dev}
    gold = [g for g in read_labels(args.labels) if g.article_id in articles]
    if args.cache.exists():
        states = pickle.loads(args.cache.read_bytes())
    else:
        states = {a: model.encode_article(t) for a, t in sorted(articles.items())}
        args.cache.write_bytes(pickle.dumps(states))
    for decoder, options in DECODERS:
        labels, columns, hit, ids = spans_of(model, states, gold, decoder, options)
        si = score_si(labels, gold)
        print(
            f"== {decoder} {options}: every span SI P {si.precision:.3f} R {si.recall:.3f} "
            f"F1 {si.f1:.3f}"
        )
        half_of = halves(ids)
        half = np.array([half_of[a] for a in ids])
        for names in ("base", "peak+base", "peak-instead", "peak+max+B"):
            x = inputs(columns, names)
            score = np.zeros(len(hit))
            for h in (0, 1):
                w, b = fit_logistic(x[half != h], hit[half != h], l2=1.0)
                score[half == h] = 1 / (1 + np.exp(-(x[half == h] @ w + b)))
            line = (
                f"{names}: {len(hit)} spans, {int(hit.sum())} hits, ECE "
                f"{expected_calibration_error(score, hit):.3f}, AUC {auc(score, hit):.3f} |"
            )
            for t in (0.5, 0.55, 0.6, 0.65, 0.7):
                keep = score >= t
                kept = score_si([lab for lab, k in zip(labels, keep, strict=True) if k], gold)
                share = hit[keep].mean() if keep.any() else 0.0
                line += f" ≥{t}: {int(keep.sum())} @{share:.2f} R {kept.recall:.3f}"
            print(line)


if __name__ == "__main__":
    main()
