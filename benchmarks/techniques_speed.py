"""Speed of the technique model on a CPU: articles per second for detect + classify.

Runs the ONNX model (``slant.techniques``, the shipped one unless ``--model`` is given) over
the articles of a SemEval folder (default: the PTC training articles in ``../shared``), one
article at a time as ``slant analyze`` does, after one warm-up article. Prints articles/s,
characters/s, the threads used and the load average seen at the end (other processes on the
machine slow it down: report the load with the number), and the process's CPU time per
article, which other processes do not inflate.

With ``--against DIR`` it also times the span classifier alone of both models on the same
encoded articles and detected spans (CPU time, best of 5 rounds, alternating), and prints the
ratio: how a new head (e.g. a refit, ``slant train techniques-head``) compares with the old
one, without the encoder's time drowning the difference. Both folders must hold the same
encoder.

    .venv/bin/python benchmarks/techniques_speed.py [--articles DIR] [--limit 100] \\
        [--threads 2] [--model DIR] [--against DIR]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from slant.techniques.runtime import ArticleStates, TechniqueModel
from slant.techniques.semeval import read_articles

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ptc-train" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: shipped)")
    parser.add_argument("--against", type=Path, default=None, help="a model to compare heads with")
    args = parser.parse_args()
    texts = list(read_articles(args.articles).values())[: args.limit]
    model = TechniqueModel(args.model, threads=args.threads)
    warm = model.encode_article(texts[0])
    model.classify(warm, [(s, e) for s, e, _ in model.find_spans(warm)])
    began, cpu_began = time.perf_counter(), time.process_time()
    spans = 0
    encoded = []
    for text in texts:
        states = model.encode_article(text)
        found = model.find_spans(states)
        model.classify(states, [(s, e) for s, e, _ in found])
        spans += len(found)
        if args.against is not None:
            encoded.append((states, [(s, e) for s, e, _ in found]))
    seconds = time.perf_counter() - began
    cpu_seconds = time.process_time() - cpu_began
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles ({chars:,} characters, {spans} spans found) in {seconds:.1f} s")
    load = os.getloadavg()[0]
    print(
        f"{len(texts) / seconds:.2f} articles/s, {chars / seconds:,.0f} characters/s, "
        f"{args.threads} threads, load average {load:.2f} on {os.cpu_count()} cores"
    )
    print(
        f"CPU time {cpu_seconds:.1f} s: {len(texts) / cpu_seconds:.2f} articles per CPU-second "
        f"(on an idle machine, wall-clock speed is about this times the cores in use)"
    )
    if args.against is not None:
        compare_heads(model, TechniqueModel(args.against, threads=args.threads), encoded)


def compare_heads(
    model: TechniqueModel,
    other: TechniqueModel,
    encoded: list[tuple[ArticleStates, list[tuple[int, int]]]],
) -> None:
    """CPU time of each model's span classifier on the same states, best of 5, alternating."""
    best = {"model": float("inf"), "against": float("inf")}
    for _ in range(5):
        for name, head in (("model", model), ("against", other)):
            began = time.process_time()
            for states, spans in encoded:
                head.classify(states, spans)
            best[name] = min(best[name], time.process_time() - began)
    spans = sum(len(s) for _, s in encoded)
    print(
        f"classifier alone on {spans} spans: {best['model']:.3f} s CPU against "
        f"{best['against']:.3f} s for --against (ratio {best['model'] / best['against']:.2f})"
    )


if __name__ == "__main__":
    main()
