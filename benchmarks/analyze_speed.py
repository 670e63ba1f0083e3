"""Throughput of `ingest` and `analyze` over the FA-KES sample (../shared/data/fakes-dev.csv).

Reports documents/second and words/second, the median of several runs, for:
- ingest: reading the CSV and storing it in a fresh SQLite corpus;
- analyze: the full pipeline (or --analyzers) over the same documents, one process, after
  a warm-up document (model loading is reported separately).

Usage:
    .venv/bin/python benchmarks/analyze_speed.py [--csv FILE] [--runs 3] [--limit 60]
        [--analyzers tone,quotes]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from slant.ingest import ColumnMap, read_path
from slant.load import ingest_paths
from slant.pipeline import analyze, available_analyzers
from slant.store import Corpus

COLUMNS = ColumnMap(
    text="article_content", title="article_title", source="source", date="date", id="unit_id"
)
DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes-dev.csv"


def bench_ingest(csv: Path, runs: int) -> tuple[float, int, int]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "b.db") as corpus:
            start = time.perf_counter()
            report = ingest_paths(corpus, [csv], columns=COLUMNS)
            times.append(time.perf_counter() - start)
    docs = [d for d in read_path(csv, columns=COLUMNS) if hasattr(d, "text")]
    return statistics.median(times), report.added + report.present, sum(d.words for d in docs)


def bench_analyze(csv: Path, runs: int, limit: int, analyzers: list[str] | None):
    docs = [d for d in read_path(csv, columns=COLUMNS) if hasattr(d, "text")][:limit]
    start = time.perf_counter()
    analyze(docs[0], analyzers=analyzers)
    warmup = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for doc in docs:
            analyze(doc, analyzers=analyzers)
        times.append(time.perf_counter() - start)
    return warmup, statistics.median(times), len(docs), sum(d.words for d in docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=60, help="documents analyzed per run")
    parser.add_argument("--analyzers", default=None, help="comma-separated (default: all)")
    args = parser.parse_args()
    names = args.analyzers.split(",") if args.analyzers else None

    seconds, n, words = bench_ingest(args.csv, args.runs)
    print(
        f"ingest : {n / seconds:8.1f} docs/s {words / seconds:10.0f} words/s "
        f"(median of {args.runs} runs, {n} docs)"
    )
    warmup, seconds, n, words = bench_analyze(args.csv, args.runs, args.limit, names)
    used = ",".join(names or available_analyzers())
    print(
        f"analyze: {n / seconds:8.2f} docs/s {words / seconds:10.0f} words/s "
        f"(median of {args.runs} runs, {n} docs, analyzers {used}; first document incl. "
        f"model loading {warmup:.1f} s)"
    )


if __name__ == "__main__":
    main()
