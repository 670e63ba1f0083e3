"""CPU time of ``find_actors`` (mentions, descriptors, labels) per article, on saved parses.

Parses the first ``--limit`` articles of a folder once and saves the parses (``--cache``, a
spaCy ``DocBin``), so two trees can be timed on the very same parses: run it with one tree on
``PYTHONPATH``, then the other, alternating, and compare the best times. Each run times
``--passes`` passes over every parse in CPU time (``time.process_time``, less sensitive to a
shared machine than wall time) and prints the best, with the number of descriptors found.

    PYTHONPATH=src .venv/bin/python benchmarks/actors_speed.py [--articles DIR] [--limit 150]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from spacy.tokens import DocBin

from slant.analyzers.actors import find_actors
from slant.nlp import get_nlp, parse

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ptc-train" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--passes", type=int, default=10)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/slant-actors-speed.spacy"))
    args = parser.parse_args()
    if not args.cache.exists():
        saved = DocBin(store_user_data=False)
        for path in sorted(args.articles.glob("*.txt"))[: args.limit]:
            saved.add(parse(path.read_text(encoding="utf-8")))
        args.cache.write_bytes(saved.to_bytes())
    docs = list(DocBin().from_bytes(args.cache.read_bytes()).get_docs(get_nlp().vocab))
    best, descriptors = float("inf"), 0
    for _ in range(args.passes):
        started, descriptors = time.process_time(), 0
        for doc in docs:
            found = find_actors(doc, sentence_tones=[], quotes=[], scare_spans=[])
            descriptors += sum(len(a.descriptors) for a in found)
        best = min(best, time.process_time() - started)
    per_article = 1000 * best / max(1, len(docs))
    print(
        f"{len(docs)} parses, {descriptors} descriptors: find_actors {per_article:.2f} ms/article"
    )


if __name__ == "__main__":
    main()
