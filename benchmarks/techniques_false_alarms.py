"""False alarms of the technique model on plainly neutral wire reporting.

``src/slant/data/gold/neutral-sentences.jsonl`` lists 165 sentences of FA-KES articles
(``../shared/data/fakes-dev.csv``) that one annotator judged plain reporting no one would
mark as propaganda (guideline in ``src/slant/data/gold/README.md``). Every article that holds
one is analyzed whole, as ``slant analyze`` would (techniques and quotes), and every technique
span that overlaps a neutral sentence is a false alarm. The script reports false alarms per
1,000 words of those sentences:

- **before**: every span the detector finds, as ``techniques.v2`` showed them (raw scores);
- **after**: the spans shown by default now, calibrated score at or above the operating
  point (``min_score`` of ``calibration.json``), and the same split by voice.

With ``--mainstream N`` it also analyzes the first N articles (by ID) of mainstream outlets
in the narrative-framing set (``../shared/data/framing-train.tsv``: The New York Times, CNN,
BBC, NPR, USA Today, CBS News, The Guardian, Fox News, Yahoo News; no gold there) and reports
technique spans per 1,000 words, everything found against what is shown by default, and how
many of those are inside quotes.

Run from the repository root::

    python benchmarks/techniques_false_alarms.py --examples 12 --mainstream 60
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import slant  # noqa: E402
from slant.evaluation.gold import GoldArticles  # noqa: E402
from slant.spans import Span  # noqa: E402
from slant.techniques import get_model  # noqa: E402
from slant.techniques.calibration import default_min_score  # noqa: E402
from slant.techniques.detect import detect  # noqa: E402

#: The benchmark reads the shared data beside the repository (run it from the repository root).
DEFAULT_FAKES = Path("../shared/data/fakes-dev.csv")
DEFAULT_FRAMING = Path("../shared/data/framing-train.tsv")

GOLD = Path(__file__).resolve().parents[1] / "src/slant/data/gold/neutral-sentences.jsonl"
MAINSTREAM = {
    "thenewyorktimes",
    "cnn",
    "bbc",
    "npr",
    "usatoday",
    "cbsnews",
    "theguardian",
    "foxnews",
    "yahoonews",
}


def mainstream(framing: Path, limit: int, threshold: float, examples: int) -> None:
    """Technique spans per 1,000 words on mainstream articles: all, shown, shown in quotes."""
    import csv

    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(framing, encoding="utf-8", newline="") as handle:
        rows = [
            r
            for r in csv.DictReader(handle, delimiter="\t")
            if r["source"].lower().replace(" ", "") in MAINSTREAM
        ]
    rows = sorted(rows, key=lambda r: int(r["ID"]))[:limit]
    words, every, shown, quoted = 0, 0, [], 0
    for row in rows:
        analysis = slant.analyze(row["text"], analyzers=["techniques"])
        words += analysis.document.words
        every += len(analysis.techniques)
        for t in analysis.techniques:
            if t.score >= threshold:
                shown.append((row["source"], t))
                quoted += t.voice == "quoted"
    per_1000 = 1000.0 / words
    outlets = Counter(r["source"].lower().replace(" ", "") for r in rows)
    listed = ", ".join(f"{o} {n}" for o, n in outlets.most_common())
    print(f"\nmainstream: {len(rows)} articles ({listed}), {words} words")
    print("\n| | spans | per 1,000 words | per article |")
    print("|---|---:|---:|---:|")
    print(f"| every span found | {every} | {every * per_1000:.1f} | {every / len(rows):.1f} |")
    print(
        f"| shown by default (≥ {threshold:.2f}) | {len(shown)} | {len(shown) * per_1000:.1f} "
        f"| {len(shown) / len(rows):.1f} |"
    )
    print(
        f"| … of them inside quotes | {quoted} | {quoted * per_1000:.1f} "
        f"| {quoted / len(rows):.1f} |"
    )
    counts = Counter(t.technique for _, t in shown)
    print("\nshown, by technique: " + ", ".join(f"{k} {n}" for k, n in counts.most_common()))
    print("\nshown: examples (highest score first)")
    for source, t in sorted(shown, key=lambda pair: -pair[1].score)[:examples]:
        voice = f" (quoting {t.speaker or 'an unnamed speaker'})" if t.voice == "quoted" else ""
        print(f"- {t.score:.2f} {t.technique} [{source}]{voice}: {' '.join(t.text.split())[:90]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--fakes", type=Path, default=DEFAULT_FAKES)
    parser.add_argument("--examples", type=int, default=10, help="false alarms to print")
    parser.add_argument("--framing", type=Path, default=DEFAULT_FRAMING)
    parser.add_argument("--mainstream", type=int, default=0, help="mainstream articles to run")
    args = parser.parse_args()

    lines = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    by_article: dict[str, list[Span]] = {}
    for row in lines:
        by_article.setdefault(row["article"], []).append(Span(row["start"], row["end"]))
    articles = GoldArticles(fakes=args.fakes)
    model = get_model()
    threshold = default_min_score()
    words = 0
    before: list[tuple[str, str, float]] = []
    after: list[tuple[str, str, float]] = []
    for article, sentences in sorted(by_article.items()):
        text = articles.text(article)
        words += sum(len(text[s.start : s.end].split()) for s in sentences)
        states = model.encode_article(text)
        raw = detect(model, states, calibrated=False)
        calibrated = detect(model, states)
        for found, target in ((raw, before), (calibrated, after)):
            for d in found:
                if any(s.overlaps((d.start, d.end)) for s in sentences):
                    if target is after and d.score < threshold:
                        continue
                    target.append((d.technique, text[d.start : d.end], d.score))
    per_1000 = 1000.0 / words
    print(
        f"{len(lines)} neutral sentences, {len(by_article)} articles, {words} words; "
        f"operating point {threshold:.2f}"
    )
    print("\n| | spans on neutral sentences | per 1,000 words |")
    print("|---|---:|---:|")
    print(f"| before: every span found (raw) | {len(before)} | {len(before) * per_1000:.1f} |")
    print(
        f"| after: calibrated score ≥ {threshold:.2f} (shown by default) | {len(after)} "
        f"| {len(after) * per_1000:.1f} |"
    )
    for name, found in (("before", before), ("after", after)):
        counts = Counter(t for t, _, _ in found)
        print(f"\n{name}, by technique: " + ", ".join(f"{t} {n}" for t, n in counts.most_common()))
    for name, found in (("before", before), ("after", after)):
        print(f"\n{name}: examples (highest score first)")
        for technique, words_flagged, score in sorted(found, key=lambda f: -f[2])[: args.examples]:
            print(f"- {score:.2f} {technique}: {' '.join(words_flagged.split())[:90]!r}")
    if args.mainstream:
        mainstream(args.framing, args.mainstream, threshold, args.examples)


if __name__ == "__main__":
    main()
