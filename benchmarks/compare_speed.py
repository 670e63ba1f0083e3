"""How long `slant compare` takes on a large generated corpus.

Generates (once, then reuses) a corpus of ``--documents`` articles of ~``--words`` words from
four invented outlets, with stored analyses shaped like the real analyzers' output (sentence
tone, techniques, quotes, citations, actors with descriptors and roles, claims, casualties,
frames), then times :func:`slant.compare.compare` of two outlets against the other two.
The words are invented (syllable strings drawn from a Zipf distribution) and each side
prefers a few of them, so distinctive terms exist; nothing is read from ../shared.

    .venv/bin/python benchmarks/compare_speed.py --documents 100000 --corpus /tmp/bench.db
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

import numpy as np

from slant.compare import compare
from slant.document import Document
from slant.store import Corpus

SOURCES = ("north", "east", "south", "west")
TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling", "Doubt", "Flag-Waving")
SYLLABLES = "ka lo mi ne su ta ri po de va lu zo be fi ga ho".split()


def _vocabulary(size: int, rng: np.random.Generator) -> np.ndarray:
    words = set()
    while len(words) < size:
        n = rng.integers(2, 5)
        words.add("".join(rng.choice(SYLLABLES, size=n)))
    return np.array(sorted(words))


def _article(rng: np.random.Generator, vocab: np.ndarray, side: int, words: int) -> str:
    ranks = np.minimum(rng.zipf(1.3, size=words) - 1, len(vocab) - 1)
    tokens = vocab[ranks].tolist()
    favourite = vocab[100 + side * 10 : 110 + side * 10]
    for position in rng.integers(0, words, size=words // 40):
        tokens[position] = str(rng.choice(favourite))
    sentences = [" ".join(tokens[i : i + 20]).capitalize() + "." for i in range(0, words, 20)]
    return " ".join(sentences)


def _fields(text: str, rng: np.random.Generator, side: int) -> dict:
    bounds, start = [], 0
    for end in [i + 1 for i, ch in enumerate(text) if ch == "."]:
        bounds.append((start, end))
        start = end + 1
    sentences = [
        {"start": s, "end": e, "compound": round(float(rng.normal(-0.1 * side, 0.4)), 4)}
        for s, e in bounds
    ]

    def span(length: int = 12) -> tuple[int, int]:
        s = int(rng.integers(0, len(text) - length))
        return s, s + length

    actors = []
    for i in range(8):
        mentions = [list(span()) for _ in range(3)]
        descriptors = [
            {
                "text": f"word{rng.integers(0, 30) + 10 * side}",
                "start": s,
                "end": e,
                "relation": "modifier",
            }
            for s, e in (span() for _ in range(2))
        ]
        actors.append(
            {
                "name": f"Actor {i}",
                "type": "ORG",
                "mentions": mentions,
                "descriptors": descriptors,
                "tone": 0.0,
                "times_quoted": 1,
                "role": ("hero", "villain", "victim", None)[(i + side) % 4],
                "role_score": 0.7,
            }
        )
    techniques = [
        {
            "technique": TECHNIQUES[int(rng.integers(0, 4 - side))],
            "start": s,
            "end": e,
            "text": text[s:e],
            "score": 0.8,
        }
        for s, e in (span() for _ in range(int(rng.integers(0, 6))))
    ]
    quotes = [
        {
            "kind": "direct",
            "speaker": f"Speaker {rng.integers(0, 50)}",
            "speaker_start": s,
            "speaker_end": e,
            "cue": "said",
            "content": text[s:e],
            "content_start": s,
            "content_end": e,
        }
        for s, e in (span(60) for _ in range(3))
    ]
    claim_start, claim_end = span(10)
    killed = int(rng.integers(0, 40))
    return {
        "tone": {
            "compound": float(np.mean([s["compound"] for s in sentences])),
            "sentences": sentences,
        },
        "techniques": techniques,
        "quotes": quotes,
        "citations": [
            {
                "title": None,
                "author": None,
                "outlet": f"Outlet {rng.integers(0, 9)}",
                "date": None,
                "start": s,
                "end": e,
            }
            for s, e in [span()]
        ],
        "actors": actors,
        "claims": [
            {
                "value": killed,
                "text": text[claim_start:claim_end],
                "start": claim_start,
                "end": claim_end,
                "category": "civilians",
                "event": "killed",
            }
        ],
        "casualties": {"killed": {"civilians": killed, "children": 0, "women": 0, "combatants": 0}},
        "frames": {
            name: round(float(rng.random()), 3)
            for name in ("resolution", "human_interest", "conflict", "morality", "economic")
        },
    }


def generate(path: Path, documents: int, words: int, *, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    vocab = _vocabulary(20_000, rng)
    with Corpus(path) as corpus:
        for batch_start in range(0, documents, 1000):
            batch = []
            for i in range(batch_start, min(documents, batch_start + 1000)):
                source = i % 4
                text = _article(rng, vocab, source // 2, words)
                batch.append(
                    (Document(text=text, source=SOURCES[source], title=f"Article {i}"), source // 2)
                )
            corpus.add_documents(doc for doc, _ in batch)
            corpus.save_analyses(
                (doc.id, {"all": ("bench.v1", _fields(doc.text, rng, side))}) for doc, side in batch
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/slant-compare-bench.db"))
    parser.add_argument("--workers", type=int, default=2, help="processes reading the sides")
    args = parser.parse_args()
    if not args.corpus.exists():
        started = time.perf_counter()
        generate(args.corpus, args.documents, args.words)
        print(f"generated {args.documents:,} documents in {time.perf_counter() - started:.0f} s")
    with Corpus(args.corpus, create=False) as corpus:
        stats = corpus.stats()
        started, cpu_started = time.perf_counter(), time.process_time()
        result = compare(corpus, a="source:north,east", b="source:south,west", workers=args.workers)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    data = result.to_dict()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "documents": stats["documents"],
                "side_a_documents": data["a"]["documents"],
                "side_b_documents": data["b"]["documents"],
                "words": data["a"]["words"] + data["b"]["words"],
                "compare_seconds": round(seconds, 1),
                "workers": args.workers,
                "compare_cpu_seconds_main_process": round(cpu, 1),
                "cpu_seconds_worker_processes": round(
                    resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime, 1
                ),
                "load_average_1min": round(os.getloadavg()[0], 1),
                "peak_memory_mib": round(peak_mib),
                "top_terms_a": [t["term"] for t in data["distinctive_terms"]["a"][:5]],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
