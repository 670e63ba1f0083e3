"""Refit the technique classifier (TC head) of a fold model on its frozen encoder states.

A recipe search of issue 16, decoding-free and training-free: the fold model's encoder is
kept; a new multinomial logistic head (:func:`slant.train.technique_head.fit_head`, L2,
inputs standardised) is fitted on the gold spans of the fold's *training* articles, over the
shipped span representation (mean state, first state, window [CLS], the three span features)
with optional context parts (the span's line, its last token, 8 tokens either side, the
max-pool, tag-probability summaries). ``C``, the prior shift and the
Repetition rule are chosen on the fold's dev articles; the test fold is scored once per
setting (TC micro-F1 on gold spans, as ``slant eval techniques``) and the chosen refit is
compared with the model's own jointly trained head by a paired bootstrap over test articles
(1,000 resamples, top-1 accuracy per gold span).

Run from the repository root with a fold model of ``slant eval techniques --folds 5
--only-fold 0 --work-dir DIR``::

    python scripts/technique_head_refit.py --model DIR/fold0 --cache /tmp/tc-states.pkl
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from slant.evaluation.folds import split_articles  # noqa: E402
from slant.evaluation.semeval import score_tc  # noqa: E402
from slant.techniques.encoding import token_range  # noqa: E402
from slant.techniques.features import span_features  # noqa: E402
from slant.techniques.runtime import ArticleStates, TechniqueModel  # noqa: E402
from slant.techniques.semeval import Label, read_articles, read_labels  # noqa: E402
from slant.train.technique_head import fit_head  # noqa: E402

PTC = Path("../shared/data/ptc-train")
SHIPPED = ["mean", "first", "cls", "feat"]
RECIPES = [
    SHIPPED,
    [*SHIPPED, "line"],
    [*SHIPPED, "last"],
    [*SHIPPED, "left", "right"],
    [*SHIPPED, "max"],
    [*SHIPPED, "line", "last", "left", "right", "tags"],
]
CS = (0.001, 0.003, 0.01, 0.1)
SHIFTS = (0.0, 0.15, 0.3, 0.5)

Row = tuple[str, int, int, str, dict[str, np.ndarray]]


def parts_of(model: TechniqueModel, states: ArticleStates, start: int, end: int) -> dict[str, Any]:
    """Every candidate part of the representation of ``[start, end)`` (same window choice as
    :meth:`TechniqueModel.classify`)."""
    first, last = token_range(states.encoded, start, end)
    row, a, b = model._best_window(states.windows, first, last)
    w0, w1 = states.windows[row]
    hidden = states.hidden[row]
    part = hidden[a - w0 + 1 : b - w0 + 1]
    text = states.encoded.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) if "\n" in text[end:] else len(text)
    lf, ll = token_range(states.encoded, line_start, line_end)
    lf, ll = max(lf, w0), min(ll, w1)
    line = hidden[lf - w0 + 1 : max(ll, lf + 1) - w0 + 1]
    left = hidden[max(1, a - w0 + 1 - 8) : a - w0 + 1]
    right = hidden[b - w0 + 1 : b - w0 + 1 + 8]
    zero = np.zeros(hidden.shape[1], np.float32)
    tags = states.tag_probs[first:last]
    return {
        "mean": part.mean(0),
        "first": part[0],
        "cls": hidden[0],
        "feat": span_features(text, start, end),
        "last": part[-1],
        "max": part.max(0),
        "line": line.mean(0) if len(line) else zero,
        "left": left.mean(0) if len(left) else zero,
        "right": right.mean(0) if len(right) else zero,
        "tags": np.array(
            [tags[:, 1].mean(), tags[:, 2].mean(), tags[0, 1], np.log(last - first)], np.float32
        ),
    }


def collect(model: TechniqueModel, articles: dict[str, str], labels: list[Label]) -> list[Row]:
    """One row per gold label of ``articles``: its span, technique and representation parts."""
    rows: list[Row] = []
    for article_id in sorted(articles):
        states = model.encode_article(articles[article_id])
        for g in labels:
            if g.article_id == article_id:
                rows.append(
                    (
                        article_id,
                        g.start,
                        g.end,
                        g.technique,
                        parts_of(model, states, g.start, g.end),
                    )
                )
    return rows


def matrix(rows: list[Row], names: list[str]) -> np.ndarray:
    return np.stack([np.concatenate([r[4][n] for n in names]) for r in rows])


def decide(
    model: TechniqueModel, rows: list[Row], logits: np.ndarray, shift: float, rule: bool
) -> np.ndarray:
    """Technique probabilities after the prior shift and the Repetition rule (as the runtime)."""
    counts = np.asarray(model.config["class_counts"], float) + 1.0
    shifted = logits + shift * np.log(counts / counts.sum())
    probs = np.exp(shifted - shifted.max(1, keepdims=True))
    probs /= probs.sum(1, keepdims=True)
    if rule:
        repetition = list(model.techniques).index("Repetition")
        for i, r in enumerate(rows):
            if r[4]["feat"][0]:
                probs[i] = probs[i] * 0.5
                probs[i, repetition] += 0.5
    return probs


def tc_f1(model: TechniqueModel, rows: list[Row], probs: np.ndarray) -> float:
    """TC micro-F1: a span listed k times gets its top-k techniques (as predict_techniques)."""
    by_span: dict[tuple[str, int, int], list[np.ndarray]] = defaultdict(list)
    for r, p in zip(rows, probs, strict=True):
        by_span[(r[0], r[1], r[2])].append(p)
    techniques = list(model.techniques)
    predicted = []
    for (article_id, start, end), ps in by_span.items():
        ranked = ps[0].argsort()[::-1]
        predicted += [
            Label(article_id, start, end, techniques[ranked[k % len(techniques)]])
            for k in range(len(ps))
        ]
    return score_tc(predicted, [Label(r[0], r[1], r[2], r[3]) for r in rows])[0].f1


def tuned(
    model: TechniqueModel, data: dict[str, list[Row]], dev: np.ndarray, test: np.ndarray
) -> tuple[float, float, bool, float, np.ndarray]:
    """Shift and rule chosen on dev; returns (dev F1, shift, rule, test F1, test probs)."""
    best = max(
        (tc_f1(model, data["dev"], decide(model, data["dev"], dev, s, r)), s, r)
        for s in SHIFTS
        for r in (False, True)
    )
    probs = decide(model, data["test"], test, best[1], best[2])
    return best[0], best[1], best[2], tc_f1(model, data["test"], probs), probs


def bootstrap(rows: list[Row], model: TechniqueModel, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """95 % interval of top-1 accuracy of ``b`` minus ``a``, resampling test articles."""
    techniques = list(model.techniques)
    hit_a = np.array([techniques[p.argmax()] == r[3] for r, p in zip(rows, a, strict=True)], float)
    hit_b = np.array([techniques[p.argmax()] == r[3] for r, p in zip(rows, b, strict=True)], float)
    ids = sorted({r[0] for r in rows})
    index = {i: np.array([k for k, r in enumerate(rows) if r[0] == i]) for i in ids}
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(1000):
        pick = np.concatenate([index[i] for i in rng.choice(ids, len(ids))])
        diffs.append(hit_b[pick].mean() - hit_a[pick].mean())
    return np.percentile(diffs, [2.5, 97.5])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=PTC / "articles")
    parser.add_argument("--labels", type=Path, default=PTC / "train-task-flc-tc.labels")
    parser.add_argument("--model", type=Path, required=True, help="a fold model folder")
    parser.add_argument("--cache", type=Path, required=True, help="pickle of the span rows")
    args = parser.parse_args()

    model = TechniqueModel(args.model)
    articles, labels = read_articles(args.articles), read_labels(args.labels)
    fold, folds = model.config["test_fold"], model.config["folds"]
    train, dev, test = split_articles(
        list(articles), folds=folds, test_fold=fold, dev_articles=len(model.config["dev_ids"])
    )
    if sorted(dev) != sorted(model.config["dev_ids"]):
        raise SystemExit("the model's dev_ids are not this split's: another seed or data")
    if args.cache.exists():
        data = pickle.loads(args.cache.read_bytes())
    else:
        data = {
            split: collect(model, {a: articles[a] for a in ids}, labels)
            for split, ids in (("train", train), ("dev", dev), ("test", test))
        }
        args.cache.write_bytes(pickle.dumps(data))
    print({split: len(rows) for split, rows in data.items()}, "gold labels")

    joint_dev = matrix(data["dev"], SHIPPED) @ model.weight.T + model.bias
    joint_test = matrix(data["test"], SHIPPED) @ model.weight.T + model.bias
    dev_f1, shift, rule, test_f1, joint = tuned(model, data, joint_dev, joint_test)
    print(f"joint head: dev {dev_f1:.4f} test {test_f1:.4f} (shift {shift}, rule {rule})")
    y = np.array([list(model.techniques).index(r[3]) for r in data["train"]])
    for names in RECIPES:
        x = matrix(data["train"], names)
        results: list[tuple[float, float, float, float, bool, np.ndarray]] = []
        for c in CS:
            w, b = fit_head(x, y, classes=len(model.techniques), c=c)
            dev_logits = matrix(data["dev"], names) @ w.T + b
            test_logits = matrix(data["test"], names) @ w.T + b
            d, s, r, t, probs = tuned(model, data, dev_logits, test_logits)
            results.append((d, t, c, s, r, probs))
        chosen = max(results, key=lambda item: item[0])
        low, high = bootstrap(data["test"], model, joint, chosen[5])
        print(
            f"{'+'.join(names)}: chosen on dev C {chosen[2]} shift {chosen[3]} rule "
            f"{chosen[4]}: dev {chosen[0]:.4f} test {chosen[1]:.4f}; top-1 accuracy - joint 95% "
            f"[{low:+.3f}, {high:+.3f}]; every C (dev/test): "
            + ", ".join(f"{c} {d:.3f}/{t:.3f}" for d, t, c, *_ in results)
        )


if __name__ == "__main__":
    main()
