"""Score decoding-only recipes of the technique model on one model, without retraining it.

The tagger gives per-wordpiece B/I/O probabilities and the TC head technique probabilities;
what turns them into spans and labels is decoding. This script encodes a model's tuning
("dev") articles and its test articles once (cached), then scores, with the SemEval measures
of :mod:`slant.evaluation.semeval`:

SI recipes (every setting chosen on the dev articles only, scored on the test articles):

- ``current``: :func:`slant.techniques.runtime.decode_spans` with the model's tuned settings;
- ``current-grid-on-dev``: the same decoder and grid as
  :func:`slant.evaluation.techniques.tune`, tuned on this run's dev articles (with
  ``--held-out``, on one half: the fair baseline of the other recipes);
- ``retuned``: the same decoder, a finer grid of thresholds and gaps;
- ``viterbi``: constrained B/I/O decoding (no I after O; no span across a blank line), the
  best tag path under the tagger's log-probabilities (Viterbi 1967; Lample et al. 2016 use
  the same constraint in a CRF), with a bias added to the log-probability of O (tuned);
- ``rescored``: candidate spans of the current decoder at several thresholds and gaps, scored
  by a logistic span classifier (:func:`slant.evaluation.logistic.fit_logistic`) on
  span-level features (mean, max and min inside-probability, P(B) at the first wordpiece,
  length, share of its line, line position, recurrence in the article), fitted on the dev
  articles; kept greedily, best first, without overlaps, above a threshold tuned on dev;
- ``filtered``: the spans of ``current-grid-on-dev`` only, the same classifier dropping those
  below a threshold tuned on dev (0 keeps them all);

TC recipes (on the gold spans, the SemEval TC template):

- ``current``: the model's classifier with its tuned prior shift and Repetition rule;
  ``current-grid-on-dev``: the same grid as ``tune``, on this run's dev articles;
- ``repetition-tagged``: Repetition from the article: a span whose phrase (case-folded, or its
  crude stem) recurs in the article *and* whose other occurrence is also a template span gets
  ``alpha`` of its probability moved to Repetition (``alpha`` tuned on dev).

A fold model of ``slant eval techniques --folds 5`` is scored on its fold's test articles
(dev: its ``dev_ids``). The shipped model has no test articles: with ``--held-out`` its 30
held-out articles are cut in two halves by the SHA-256 of their ids, settings are tuned on
one half and scored on the other, and the two halves' predictions are pooled (cross-fitting).

    python scripts/technique_decoding.py --model /work/tech-cv/fold0 --cache /tmp/fold0.pkl
    python scripts/technique_decoding.py --held-out --cache /tmp/shipped.pkl

Each recipe's F1 comes with a paired bootstrap interval (articles resampled) of its difference
from ``current-grid-on-dev``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from slant.evaluation.folds import split_articles  # noqa: E402
from slant.evaluation.logistic import fit_logistic  # noqa: E402
from slant.evaluation.semeval import score_si, score_tc  # noqa: E402
from slant.evaluation.techniques import _GAPS, _PRIOR_SHIFTS, _THRESHOLDS  # noqa: E402
from slant.techniques.encoding import BEGIN, OUTSIDE  # noqa: E402
from slant.techniques.features import occurrences  # noqa: E402
from slant.techniques.predict import encode_all, predict_techniques  # noqa: E402
from slant.techniques.runtime import (  # noqa: E402
    ArticleStates,
    TechniqueModel,
    _breaks_before,
    decode_spans,
)
from slant.techniques.semeval import Label, read_articles, read_labels  # noqa: E402
from slant.techniques.viterbi import viterbi_spans  # noqa: E402

PTC = Path("../shared/data/ptc-train")
Spans = list[tuple[int, int, float]]
States = dict[str, ArticleStates]


# ---------------------------------------------------------------- SI: threshold decoder


def current_settings(model: TechniqueModel) -> dict[str, Any]:
    c = model.config
    return {
        "threshold": c.get("si_threshold", 0.5),
        "max_gap": c.get("si_max_gap", 0),
        "split_lines": c.get("si_split_lines", True),
        "min_chars": c.get("si_min_chars", 1),
    }


def threshold_spans(states: States, settings: dict[str, Any]) -> dict[str, Spans]:
    return {a: decode_spans(s.encoded, s.tag_probs, **settings) for a, s in states.items()}


# ---------------------------------------------------------------- SI: Viterbi


def viterbi_decode(state: ArticleStates, settings: dict[str, Any]) -> Spans:
    """The library's Viterbi decoder (:mod:`slant.techniques.viterbi`) on one article."""
    encoded = state.encoded
    breaks = _breaks_before(encoded.text, encoded.offsets)
    return viterbi_spans(encoded, state.tag_probs, *breaks, **settings)


# ---------------------------------------------------------------- SI: span re-scoring

CANDIDATE_SETTINGS = [
    {"threshold": t, "max_gap": g, "split_lines": s, "min_chars": 1}
    for t in (0.15, 0.2, 0.3, 0.4, 0.5)
    for g in (0, 3, 8)
    for s in (False, True)
]
FEATURES = (
    "mean_inside",
    "max_inside",
    "min_inside",
    "p_begin_first",
    "log_tokens",
    "log_chars",
    "line_share",
    "starts_line",
    "line_position",
    "first_line",
    "log_recurrence",
    "has_upper_start",
)


def _lines(text: str) -> list[tuple[int, int]]:
    out, offset = [], 0
    for line in text.splitlines(keepends=True):
        out.append((offset, offset + len(line.rstrip("\n"))))
        offset += len(line)
    return out


def candidates(
    state: ArticleStates, settings_list: list[dict[str, Any]] = CANDIDATE_SETTINGS
) -> list[tuple[int, int, np.ndarray]]:
    """Distinct candidate spans of the threshold decoder at several settings, with features."""
    text = state.encoded.text
    seen: set[tuple[int, int]] = set()
    for settings in settings_list:
        for start, end, _ in decode_spans(state.encoded, state.tag_probs, **settings):
            seen.add((start, end))
    lines = _lines(text)
    line_starts = np.array([a for a, _ in lines]) if lines else np.zeros(1, dtype=int)
    starts, ends = state.encoded.offsets[:, 0], state.encoded.offsets[:, 1]
    out = []
    for start, end in sorted(seen):
        tokens = np.nonzero((starts < end) & (ends > start))[0]
        if len(tokens) == 0:
            continue
        inside = 1.0 - state.tag_probs[tokens, OUTSIDE]
        li = int(np.searchsorted(line_starts, start, side="right") - 1)
        la, lb = lines[li] if lines else (0, len(text))
        count = max(occurrences(text, text[start:end]), 1)
        x = np.array(
            [
                inside.mean(),
                inside.max(),
                inside.min(),
                state.tag_probs[tokens[0], BEGIN],
                np.log(len(tokens)),
                np.log(max(end - start, 1)),
                (end - start) / max(lb - la, 1),
                float(start <= la + 1),
                li / max(len(lines) - 1, 1),
                float(li == 0),
                np.log(count),
                float(text[start : start + 1].isupper()),
            ]
        )
        out.append((start, end, x))
    return out


def _gold_by_article(gold: list[Label]) -> dict[str, list[tuple[int, int]]]:
    by: dict[str, list[tuple[int, int]]] = {}
    for g in gold:
        by.setdefault(g.article_id, []).append((g.start, g.end))
    return by


def _precision_credit(start: int, end: int, gold: list[tuple[int, int]]) -> float:
    covered = np.zeros(end - start, dtype=bool)
    for a, b in gold:
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            covered[lo - start : hi - start] = True
    return float(covered.mean()) if end > start else 0.0


class Rescorer:
    """Logistic span classifier: P(at least half of the candidate lies inside gold)."""

    def __init__(self, cands: dict[str, list], gold: list[Label], c: float = 1.0) -> None:
        by = _gold_by_article(gold)
        xs, ys = [], []
        for article, rows in cands.items():
            for start, end, x in rows:
                xs.append(x)
                ys.append(int(_precision_credit(start, end, by.get(article, [])) >= 0.5))
        x = np.array(xs)
        self.mean, self.std = x.mean(0), x.std(0) + 1e-9
        w, b = fit_logistic((x - self.mean) / self.std, np.array(ys), c=c, balanced=False)
        self.w, self.b = w[0], float(b[0])

    def select(self, rows: list, threshold: float) -> Spans:
        if not rows:
            return []
        x = (np.array([r[2] for r in rows]) - self.mean) / self.std
        p = 1.0 / (1.0 + np.exp(-(x @ self.w + self.b)))
        kept: Spans = []
        for i in np.argsort(-p):
            if p[i] < threshold:
                break
            start, end = rows[i][0], rows[i][1]
            if all(end <= a or start >= b for a, b, _ in kept):
                kept.append((start, end, float(p[i])))
        return sorted(kept)


# ---------------------------------------------------------------- TC: Repetition


_SUFFIX = re.compile(r"(ings|ing|ed|es|s)$")


def _stem(phrase: str) -> str:
    return " ".join(_SUFFIX.sub("", w) for w in re.findall(r"\w+", phrase.lower()))


def repetition_tagged(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For each span: its phrase (or stem) recurs in the article AND another occurrence
    of it is (inside) another span of the template."""
    keys = [(" ".join(text[s:e].lower().split()), _stem(text[s:e])) for s, e in spans]
    out = []
    for i, (exact, stem) in enumerate(keys):
        hit = False
        for j, (other_exact, other_stem) in enumerate(keys):
            if j == i or (spans[j][0] < spans[i][1] and spans[i][0] < spans[j][1]):
                continue
            if (exact and exact == other_exact) or (stem and stem == other_stem):
                hit = True
                break
            if (
                exact
                and exact in other_exact
                and occurrences(text[spans[j][0] : spans[j][1]], exact)
            ):
                hit = True
                break
        out.append(hit)
    return out


def tc_predict(
    model: TechniqueModel, states: States, template: list[Label], alpha: float
) -> list[Label]:
    by: dict[str, list[tuple[int, int]]] = {}
    for t in template:
        by.setdefault(t.article_id, []).append((t.start, t.end))
    rep = model.techniques.index("Repetition")
    out = []
    for article, spans in sorted(by.items()):
        keys = sorted(set(spans))
        probs = model.classify(states[article], keys)
        if alpha:
            tagged = repetition_tagged(states[article].encoded.text, keys)
            for i, flag in enumerate(tagged):
                if flag:
                    probs[i] = probs[i] * (1 - alpha)
                    probs[i, rep] += alpha
        counts: dict[tuple[int, int], int] = {}
        for s in spans:
            counts[s] = counts.get(s, 0) + 1
        for key, row in zip(keys, probs, strict=True):
            ranked = row.argsort()[::-1]
            for k in range(counts[key]):
                out.append(Label(article, key[0], key[1], model.techniques[ranked[k]]))
    return out


# ---------------------------------------------------------------- the experiment


def labels_of(spans: dict[str, Spans]) -> list[Label]:
    return sorted(Label(a, s, e) for a, rows in spans.items() for s, e, _ in rows)


def si_f1(spans: dict[str, Spans], gold: list[Label]) -> float:
    return score_si(labels_of(spans), gold).f1


def best(options: list[Any], score: Callable[[Any], float]) -> tuple[Any, float]:
    scored = [(score(o), i) for i, o in enumerate(options)]
    f1, i = max(scored)
    return options[i], f1


def run_recipes(
    model: TechniqueModel, dev: States, dev_gold: list[Label], test: States
) -> dict[str, Any]:
    """Tune every recipe on ``dev``; return each recipe's test predictions and settings."""
    out: dict[str, Any] = {}
    out["si/current"] = (threshold_spans(test, current_settings(model)), current_settings(model))
    shipped_grid = [
        {"threshold": t, "max_gap": g, "split_lines": s, "min_chars": c}
        for t in _THRESHOLDS
        for g in _GAPS
        for s in (False, True)
        for c in (1, 4)
    ]
    chosen, _ = best(shipped_grid, lambda c: si_f1(threshold_spans(dev, c), dev_gold))
    out["si/current-grid-on-dev"] = (threshold_spans(test, chosen), chosen)
    grid = [
        {"threshold": t, "max_gap": g, "split_lines": s, "min_chars": c}
        for t in np.round(np.arange(0.15, 0.601, 0.025), 3).tolist()
        for g in (0, 1, 2, 3, 5, 8, 12, 16)
        for s in (False, True)
        for c in (1, 4, 8)
    ]
    chosen, _ = best(grid, lambda c: si_f1(threshold_spans(dev, c), dev_gold))
    out["si/retuned"] = (threshold_spans(test, chosen), chosen)
    vgrid = [
        {"o_bias": b, "split_lines": s, "min_chars": c}
        for b in (-2.0, -1.5, -1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5)
        for s in (False, True)
        for c in (1, 4)
    ]

    def vit(states: States, c: dict[str, Any]) -> dict[str, Spans]:
        return {a: viterbi_decode(s, c) for a, s in states.items()}

    chosen, _ = best(vgrid, lambda c: si_f1(vit(dev, c), dev_gold))
    out["si/viterbi"] = (vit(test, chosen), chosen)
    dev_c = {a: candidates(s) for a, s in dev.items()}
    test_c = {a: candidates(s) for a, s in test.items()}
    rgrid = [(c, t) for c in (0.1, 1.0) for t in np.round(np.arange(0.2, 0.71, 0.05), 2).tolist()]
    scorers = {c: Rescorer(dev_c, dev_gold, c=c) for c in (0.1, 1.0)}

    def resc(cands: dict[str, list], ct: tuple[float, float]) -> dict[str, Spans]:
        return {a: scorers[ct[0]].select(rows, ct[1]) for a, rows in cands.items()}

    chosen, _ = best(rgrid, lambda ct: si_f1(resc(dev_c, ct), dev_gold))
    out["si/rescored"] = (resc(test_c, chosen), {"c": chosen[0], "threshold": chosen[1]})
    # the dev-tuned decoder's own spans, and the same span classifier only dropping some
    tuned = out["si/current-grid-on-dev"][1]
    dev_f = {a: candidates(s, [tuned]) for a, s in dev.items()}
    test_f = {a: candidates(s, [tuned]) for a, s in test.items()}
    filters = {c: Rescorer(dev_f, dev_gold, c=c) for c in (0.1, 1.0)}
    fgrid = [(c, t) for c in (0.1, 1.0) for t in np.round(np.arange(0.0, 0.61, 0.05), 2).tolist()]

    def filt(cands: dict[str, list], ct: tuple[float, float]) -> dict[str, Spans]:
        return {a: filters[ct[0]].select(rows, ct[1]) for a, rows in cands.items()}

    chosen, _ = best(fgrid, lambda ct: si_f1(filt(dev_f, ct), dev_gold))
    out["si/filtered"] = (filt(test_f, chosen), {**tuned, "c": chosen[0], "drop_below": chosen[1]})
    return out


def run_tc(
    model: TechniqueModel, dev: States, dev_gold: list[Label], test: States, test_gold: list[Label]
) -> dict[str, Any]:
    def template(gold: list[Label]) -> list[Label]:
        return [Label(g.article_id, g.start, g.end, "?") for g in gold]

    out = {"tc/current": (predict_techniques(model, test, template(test_gold)), {})}
    saved = dict(model.config)
    grid = [
        {"repetition_rule": r, "tc_prior_shift": p} for r in (False, True) for p in _PRIOR_SHIFTS
    ]

    def tc_f1(c: dict[str, Any]) -> float:
        model.config.update(c)
        return score_tc(predict_techniques(model, dev, template(dev_gold)), dev_gold)[0].f1

    chosen, _ = best(grid, tc_f1)
    model.config.update(chosen)
    out["tc/current-grid-on-dev"] = (predict_techniques(model, test, template(test_gold)), chosen)
    model.config.clear()
    model.config.update(saved)
    alphas = [0.0, 0.25, 0.5, 0.75, 0.9]
    alpha, _ = best(
        alphas, lambda a: score_tc(tc_predict(model, dev, template(dev_gold), a), dev_gold)[0].f1
    )
    out["tc/repetition-tagged"] = (
        tc_predict(model, test, template(test_gold), alpha),
        {"alpha": alpha},
    )
    return out


def paired_bootstrap(
    predicted: list[Label],
    baseline: list[Label],
    gold: list[Label],
    ids: list[str],
    *,
    tc: bool,
    reps: int = 1000,
    seed: int = 0,
) -> tuple[float, float]:
    """95 % interval of F1(predicted) - F1(baseline), articles resampled with replacement
    (paired: both recipes on the same resample; Efron & Tibshirani 1993)."""

    def group(labels: list[Label]) -> dict[str, list[Label]]:
        by: dict[str, list[Label]] = {}
        for label in labels:
            by.setdefault(label.article_id, []).append(label)
        return by

    p, q, g = group(predicted), group(baseline), group(gold)
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(reps):
        sample = rng.choice(len(ids), size=len(ids), replace=True)
        parts: tuple[list[Label], list[Label], list[Label]] = ([], [], [])
        for k, index in enumerate(sample):
            article = ids[index]
            for source, part in zip((p, q, g), parts, strict=True):
                part.extend(
                    Label(f"{article}#{k}", x.start, x.end, x.technique)
                    for x in source.get(article, [])
                )
        if tc:
            f = [score_tc(part, parts[2])[0].f1 for part in parts[:2]]
        else:
            f = [score_si(part, parts[2]).f1 for part in parts[:2]]
        diffs.append(f[0] - f[1])
    low, high = np.percentile(diffs, [2.5, 97.5])
    return round(float(low), 4), round(float(high), 4)


def _halves(ids: list[str]) -> tuple[list[str], list[str]]:
    first = [a for a in ids if hashlib.sha256(a.encode()).digest()[0] % 2 == 0]
    return first, [a for a in ids if a not in set(first)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=PTC / "articles")
    parser.add_argument("--labels", type=Path, default=PTC / "train-task-flc-tc.labels")
    parser.add_argument("--model", type=Path, default=None, help="a fold model (default: shipped)")
    parser.add_argument("--held-out", action="store_true", help="shipped model: cross-fit halves")
    parser.add_argument("--cache", type=Path, required=True, help="pickle of the encoded states")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    model = TechniqueModel(args.model) if args.model else TechniqueModel()
    articles, gold = read_articles(args.articles), read_labels(args.labels)
    dev_ids = sorted(model.config["dev_ids"])
    if args.held_out:
        test_ids: list[str] = []
    else:
        fold = model.config["test_fold"]
        test_ids = split_articles(list(articles), folds=5, test_fold=fold, dev_articles=0)[2]
    wanted = {a: articles[a] for a in dev_ids + test_ids}
    if args.cache.is_file():
        states = pickle.loads(args.cache.read_bytes())
    else:
        states = encode_all(model, wanted)
        args.cache.write_bytes(pickle.dumps(states))

    def sub(ids: list[str]) -> tuple[States, list[Label]]:
        keep = set(ids)
        return {a: states[a] for a in ids}, [g for g in gold if g.article_id in keep]

    if args.held_out:
        parts = _halves(dev_ids)
        pairs = [(parts[0], parts[1]), (parts[1], parts[0])]
    else:
        pairs = [(dev_ids, test_ids)]
    pooled: dict[str, list[Label]] = {}
    settings: dict[str, list[Any]] = {}
    scored_ids: list[str] = []
    for tune_ids, score_ids in pairs:
        dev, dev_gold = sub(tune_ids)
        test, test_gold = sub(score_ids)
        scored_ids += score_ids
        results = run_recipes(model, dev, dev_gold, test)
        results.update(run_tc(model, dev, dev_gold, test, test_gold))
        for name, (pred, chosen) in results.items():
            labels = labels_of(pred) if name.startswith("si/") else pred
            pooled.setdefault(name, []).extend(labels)
            settings.setdefault(name, []).append(chosen)
    _, all_gold = sub(scored_ids)
    report = {}
    for name, labels in pooled.items():
        tc = not name.startswith("si/")
        s = score_tc(labels, all_gold)[0] if tc else score_si(labels, all_gold)
        # the fair baseline: the current decoder tuned on the same dev articles
        base = "tc/current-grid-on-dev" if tc else "si/current-grid-on-dev"
        ci = paired_bootstrap(labels, pooled[base], all_gold, scored_ids, tc=tc)
        report[name] = {**s.as_dict(), "settings": settings[name], "minus_baseline_ci95": ci}
        print(
            f"{name:24s} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}  "
            f"F1 - {base.split('/')[1]} 95% [{ci[0]:+.3f}, {ci[1]:+.3f}]  {settings[name]}"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
