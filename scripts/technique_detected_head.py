"""Score a fold model's span classifiers on gold spans and on the spans the tagger detects.

The classifier of a technique model is fitted on gold spans; a reader sees the technique of a
span the tagger found, whose boundaries differ. For fold N of the 5-fold cross-validation
(``slant eval techniques --folds 5 --only-fold N``) this script compares, on the fold's test
articles:

- ``joint``: the fold model's own head (``--model``);
- ``refit``: the head refitted on its frozen encoder (``--refit``, a copy of ``--model``
  refitted by ``slant train techniques-head``), naming every span;
- ``two_heads``: that copy as shipped: the refit names gold spans, its detected-span head
  (``detected_head.npz``, :mod:`slant.train.technique_head`) names detected ones;
- ``refit_all``: the refit fitted again on the training *and* dev articles (same ``C``).

It prints, per head, the gold-span accuracy (the share of gold spans named with their
technique; close to, not the same as, SemEval TC micro-F1) and the share of detected spans
named with the technique of a gold span they overlap, each with a paired bootstrap over test
articles against the joint head, and writes the per-span outcomes to ``--out``::

    cp -r /work/tech-cv/base/fold1 /work/tech-cv/two/fold1
    slant train techniques-head --data ../shared/data/ptc-train --model /work/tech-cv/two/fold1
    python scripts/technique_detected_head.py --fold 1 --model /work/tech-cv/base/fold1 \\
        --refit /work/tech-cv/two/fold1 --out /tmp/fold1.json
    python scripts/technique_detected_head.py --pool /tmp/fold*.json   # all folds together
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from slant.evaluation.folds import split_articles  # noqa: E402
from slant.techniques.predict import encode_all  # noqa: E402
from slant.techniques.runtime import DETECTED_HEAD_FILE, ArticleStates, TechniqueModel  # noqa: E402
from slant.techniques.semeval import Label, read_articles, read_labels  # noqa: E402
from slant.train.technique_head import (  # noqa: E402
    DetectedSpan,
    detected_spans,
    fit_head,
    named_right,
    training_ids,
)

PTC = Path("../shared/data/ptc-train")


def outcomes(
    model: TechniqueModel,
    states: dict[str, ArticleStates],
    gold: list[Label],
    found: list[DetectedSpan],
) -> tuple[np.ndarray, np.ndarray]:
    """Per gold span: named right; per detected span: named as an overlapping gold span."""
    right = np.zeros(len(gold), dtype=bool)
    for article_id in sorted({g.article_id for g in gold}):
        rows = [i for i, g in enumerate(gold) if g.article_id == article_id]
        probs = model.classify(states[article_id], [(gold[i].start, gold[i].end) for i in rows])
        for i, row in zip(rows, probs, strict=True):
            right[i] = model.techniques[int(row.argmax())] == gold[i].technique
    return right, named_right(model, states, found)


def bootstrap(articles: list[str], a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """95 % interval of mean(b) - mean(a), resampling articles (1,000 times)."""
    ids = sorted(set(articles))
    index = {x: np.array([k for k, y in enumerate(articles) if y == x]) for x in ids}
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(1000):
        pick = np.concatenate([index[x] for x in rng.choice(ids, len(ids))])
        diffs.append(b[pick].mean() - a[pick].mean())
    low, high = np.percentile(diffs, [2.5, 97.5])
    return float(low), float(high)


def compared(
    name: str,
    head: tuple[np.ndarray, np.ndarray],
    joint: tuple[np.ndarray, np.ndarray],
    gold_articles: list[str],
    detected_articles: list[str],
) -> str:
    """A head's two shares, with the paired bootstrap of each against the joint head's."""
    line = f"{name}: gold spans named right {head[0].mean():.4f}, detected {head[1].mean():.4f}"
    if head is not joint:
        gold_low, gold_high = bootstrap(gold_articles, joint[0], head[0])
        low, high = bootstrap(detected_articles, joint[1], head[1])
        line += f"; minus joint, 95 %: gold [{gold_low:+.3f}, {gold_high:+.3f}]"
        line += f", detected [{low:+.3f}, {high:+.3f}]"
    return line


def pool(paths: list[Path]) -> None:
    """Pool the per-span outcomes of several folds (``--out`` files) and compare each head
    with the joint head, resampling test articles of all folds together."""
    folds = [json.loads(path.read_text()) for path in paths]
    gold_articles = [f"{f['fold']}:{a}" for f in folds for a in f["gold_articles"]]
    detected_articles = [f"{f['fold']}:{a}" for f in folds for a in f["detected_articles"]]
    joint = None
    for name in ("joint", "refit", "two_heads", "refit_all"):
        tc = np.array([x for f in folds for x in f[name]["tc"]], dtype=float)
        det = np.array([x for f in folds for x in f[name]["named"]], dtype=float)
        head = (tc, det)
        joint = joint or head
        print(compared(name, head, joint, gold_articles, detected_articles))
    print(
        f"folds {sorted(f['fold'] for f in folds)}: {len(gold_articles)} gold spans, "
        f"{len(detected_articles)} detected spans, {len(set(gold_articles))} articles"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fold", type=int, help="the test fold of --folds 5")
    parser.add_argument("--model", type=Path, help="the fold model (joint head)")
    parser.add_argument(
        "--refit", type=Path, help="its copy refitted by slant train techniques-head"
    )
    parser.add_argument("--out", type=Path, help="per-span outcomes (JSON)")
    parser.add_argument("--pool", type=Path, nargs="+", help="instead: pool these --out files")
    parser.add_argument("--articles", type=Path, default=PTC / "articles")
    parser.add_argument("--labels", type=Path, default=PTC / "train-task-flc-tc.labels")
    args = parser.parse_args()
    if args.pool:
        pool(args.pool)
        return
    if args.fold is None or not (args.model and args.refit and args.out):
        parser.error("give --fold, --model, --refit and --out (or --pool FILES)")
    began = time.time()
    articles, labels = read_articles(args.articles), read_labels(args.labels)
    base = TechniqueModel(args.model)
    test = split_articles(list(articles), folds=5, test_fold=args.fold, dev_articles=0)[2]
    dev = sorted(base.config["dev_ids"])
    train = training_ids(base.config, list(articles))
    states = encode_all(base, articles)
    test_states = {a: states[a] for a in test}
    found_test = detected_spans(base, test_states, labels)
    test_gold = [g for g in labels if g.article_id in set(test)]
    gold_articles = [g.article_id for g in test_gold]
    detected_articles = [d.article_id for d in found_test]
    result: dict[str, object] = {
        "fold": args.fold,
        "gold_articles": gold_articles,
        "detected_articles": detected_articles,
    }
    joint: tuple[np.ndarray, np.ndarray] | None = None

    def record(name: str, model: TechniqueModel) -> None:
        nonlocal joint
        tc, det = outcomes(model, states, test_gold, found_test)
        result[name] = {"tc": tc.tolist(), "named": det.tolist()}
        head = (tc, det)
        joint = joint or head
        print(compared(name, head, joint, gold_articles, detected_articles), flush=True)

    record("joint", base)
    given = TechniqueModel(args.refit)
    given.detected_head = None
    record("refit", given)
    two = TechniqueModel(args.refit)
    if two.detected_head is None:
        raise SystemExit(f"{args.refit} has no {DETECTED_HEAD_FILE}: refit it again")
    record("two_heads", two)
    index = {t: i for i, t in enumerate(base.techniques)}
    chosen = set(train + dev)
    gold = [g for g in labels if g.article_id in chosen]
    x = np.stack([given.span_representation(states[g.article_id], g.start, g.end) for g in gold])
    y = np.array([index[str(g.technique)] for g in gold])
    c = given.config["tc_head"]["c"]
    given.weight, given.bias = fit_head(x, y, classes=len(base.techniques), c=c)
    record("refit_all", given)
    args.out.write_text(json.dumps(result))
    print(f"{time.time() - began:.0f} s")


if __name__ == "__main__":
    main()
