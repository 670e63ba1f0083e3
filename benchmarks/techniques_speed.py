"""Speed of the technique model on a CPU: articles per second for detect + classify.

Runs the shipped ONNX model (``slant.techniques``) over the articles of a SemEval folder
(default: the PTC training articles in ``../shared``), one article at a time, as ``slant
analyze`` does, after one warm-up article. Prints articles/s, characters/s, the number of CPU
cores used and the load average seen at the end (other processes on the machine slow it down:
report the load with the number).

    .venv/bin/python benchmarks/techniques_speed.py [--articles DIR] [--limit 100] [--threads 2]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from slant.techniques.runtime import TechniqueModel
from slant.techniques.semeval import read_articles

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ptc-train" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    texts = list(read_articles(args.articles).values())[: args.limit]
    model = TechniqueModel(threads=args.threads)
    warm = model.encode_article(texts[0])
    model.classify(warm, [(s, e) for s, e, _ in model.find_spans(warm)])
    began = time.perf_counter()
    spans = 0
    for text in texts:
        states = model.encode_article(text)
        found = model.find_spans(states)
        model.classify(states, [(s, e) for s, e, _ in found])
        spans += len(found)
    seconds = time.perf_counter() - began
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles ({chars:,} characters, {spans} spans found) in {seconds:.1f} s")
    load = os.getloadavg()[0]
    print(
        f"{len(texts) / seconds:.2f} articles/s, {chars / seconds:,.0f} characters/s, "
        f"{args.threads} threads, load average {load:.2f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
