"""How often two heads of one fold model name a *detected* span with a gold span's technique.

TC micro-F1 scores the classifier on gold spans; a reader sees the technique of a span the
tagger found. For fold N's test articles this script detects spans with the threshold decoder
(raw scores, the fold's tuned settings; the heads share the tagger, so the spans are the same),
and for each of two model folders counts the share of detected spans that overlap a gold span
of the technique named (``same`` of ``scripts/calibrate_techniques.py``). The difference gets a
paired bootstrap over test articles (1,000 resamples, 95 %).

Run from the repository root, e.g. a fold model against its refitted copy
(``slant train techniques-head``); ``--shown`` adds what each would show at the shipped
operating point (0.60) and either side, with a calibration map fitted on the fold's dev
articles::

    python scripts/technique_detected_naming.py --fold 2 \\
        --model /work/tech-cv/base/fold2 --against /work/tech-cv/refit/fold2 --shown
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calibrate_techniques import Spans, collect  # noqa: E402

from slant.evaluation.folds import split_articles  # noqa: E402
from slant.techniques.calibration import fit_logistic  # noqa: E402
from slant.techniques.runtime import TechniqueModel  # noqa: E402
from slant.techniques.semeval import read_articles, read_labels  # noqa: E402

PTC = Path("../shared/data/ptc-train")


def shown(dev: Spans, test: Spans) -> str:
    """What a fold model would show on its test articles at the shipped operating point and
    either side of it, scored by a calibration map fitted on its dev articles' detections as
    ``scripts/calibrate_techniques.py`` fits the shipped one."""
    w, b = fit_logistic(dev.x, dev.hit, l2=1.0)
    score = 1.0 / (1.0 + np.exp(-(test.x @ w + b)))
    parts = []
    for point in (0.5, 0.6, 0.7):
        keep = score >= point
        parts.append(
            f"at {point:.1f}: {int(keep.sum())} shown, {test.hit[keep].mean():.3f} overlap gold, "
            f"{test.same[keep].mean():.3f} of the technique named ({int(test.same[keep].sum())})"
        )
    return "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=PTC / "articles")
    parser.add_argument("--labels", type=Path, default=PTC / "train-task-flc-tc.labels")
    parser.add_argument("--fold", type=int, required=True, help="the test fold of --folds 5")
    parser.add_argument("--model", type=Path, required=True, help="fold model (the reference)")
    parser.add_argument("--against", type=Path, required=True, help="the same fold, other head")
    parser.add_argument(
        "--shown", action="store_true", help="also what each would show by default (its dev map)"
    )
    args = parser.parse_args()
    articles, labels = read_articles(args.articles), read_labels(args.labels)
    test = split_articles(list(articles), folds=5, test_fold=args.fold, dev_articles=0)[2]
    chosen = {a: articles[a] for a in test}
    gold = [g for g in labels if g.article_id in chosen]
    base = collect(TechniqueModel(args.model), chosen, gold)
    other = collect(TechniqueModel(args.against), chosen, gold)
    if [(x.article_id, x.start, x.end) for x in base.label] != [
        (x.article_id, x.start, x.end) for x in other.label
    ]:
        raise SystemExit("the two models detect different spans: give two heads of one model")
    ids = sorted(set(base.article))
    index = {a: np.array([k for k, b in enumerate(base.article) if b == a]) for a in ids}
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(1000):
        pick = np.concatenate([index[a] for a in rng.choice(ids, len(ids))])
        diffs.append(other.same[pick].mean() - base.same[pick].mean())
    low, high = np.percentile(diffs, [2.5, 97.5])
    print(
        f"fold {args.fold}: {len(base.same)} detected spans; named right {base.same.mean():.3f} "
        f"(--model) -> {other.same.mean():.3f} (--against), difference 95 % [{low:+.3f}, "
        f"{high:+.3f}]"
    )
    if args.shown:
        dev = {a: articles[a] for a in TechniqueModel(args.model).config["dev_ids"]}
        dev_gold = [g for g in labels if g.article_id in dev]
        for name, folder, spans in (
            ("--model", args.model, base),
            ("--against", args.against, other),
        ):
            model = TechniqueModel(folder)
            print(f"{name}: {shown(collect(model, dev, dev_gold), spans)}")


if __name__ == "__main__":
    main()
