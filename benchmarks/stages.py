"""Where one process spends its time: the spaCy parse, the shared encoder pass and sentence
vectors, and each analyzer, per document, over the same articles as ``benchmarks/throughput.py``.

Runs :func:`slant.annotate.analyze_batch`'s steps by hand, one batch at a time, and times each
step in CPU time of this process (``time.process_time``, all its threads: on a shared machine
wall time mostly measures the other processes); the technique encoder's pass over the text and
the sentence vectors pooled from it are made (and timed) before the analyzers that read them, so
``techniques``, ``frames`` and ``roles`` show only their own work. Run it with
``SLANT_THREADS=1`` to time what one worker of ``annotate --workers 2`` does on two cores.
``--profile FILE`` also writes a cProfile of the whole run (read it with ``python -m pstats FILE``).

    SLANT_THREADS=1 .venv/bin/python benchmarks/stages.py --n 48 --batch-size 16
"""

from __future__ import annotations

import argparse
import cProfile
import os
import time
from collections import defaultdict
from pathlib import Path

from throughput import DATA, benchmark_texts

from slant.document import Document
from slant.nlp import get_nlp
from slant.pipeline import Context, resolve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=48, help="articles timed (default 48)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile here")
    args = parser.parse_args()

    documents = [Document(text=t) for _, t in benchmark_texts(args.n, args.data)]
    specs = resolve(None)
    nlp = get_nlp()
    warm = Context(documents[0], parsed=nlp(documents[0].text))
    for spec in specs:  # load every model before timing
        warm._run(spec)
    seconds: dict[str, float] = defaultdict(float)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    start_all = time.process_time()
    for first in range(0, len(documents), args.batch_size):
        batch = documents[first : first + args.batch_size]
        start = time.process_time()
        parsed = list(nlp.pipe([d.text for d in batch], batch_size=len(batch)))
        seconds["spaCy parse (nlp.pipe)"] += time.process_time() - start
        for document, doc in zip(batch, parsed, strict=True):
            ctx = Context(document, parsed=doc)
            start = time.process_time()
            ctx.sentences  # noqa: B018 - computed here to be timed apart
            seconds["sentences"] += time.process_time() - start
            start = time.process_time()
            ctx.article_states  # noqa: B018
            seconds["encoder pass (technique model)"] += time.process_time() - start
            start = time.process_time()
            ctx.sentence_vectors  # noqa: B018
            seconds["sentence vectors (pooled)"] += time.process_time() - start
            for spec in specs:
                start = time.process_time()
                ctx._run(spec)
                seconds[f"analyzer {spec.name}"] += time.process_time() - start
    total = time.process_time() - start_all
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    words = sum(d.words for d in documents)
    print(f"{len(documents)} articles, {words} words, load {os.getloadavg()[0]:.1f}")
    print(f"{'step':<28}{'CPU ms/doc':>11}{'share':>8}")
    for name, value in sorted(seconds.items(), key=lambda kv: -kv[1]):
        print(f"{name:<28}{1000 * value / len(documents):>11.1f}{value / total:>8.1%}")
    print(f"{'total':<28}{1000 * total / len(documents):>11.1f}")


if __name__ == "__main__":
    main()
