"""Scaling of `slant annotate` over workers: this process, the local process pool, and Dask.

Annotates the first --limit FA-KES articles (../shared/data/fakes-dev.csv) with every
analyzer (or --analyzers), from a fresh copy of the same corpus each time, and reports
documents/second, the speed-up over one worker and the efficiency (speed-up / workers) for:

- ``serial``: this process, models already loaded (warm);
- ``pool N``: ``annotate --workers N`` (process pool; start-up and model loading included);
- ``dask N cold``: ``annotate --scheduler local --workers N`` (cluster start-up and model
  loading included: what a user waits for);
- ``dask N warm``: the same on a LocalCluster of N workers started and warmed (models loaded
  by one batch) beforehand, passed by address: the steady-state throughput;

and how many documents/second one writer stores (the results saved again into a fresh copy).

Usage:
    .venv/bin/python benchmarks/annotate_scale.py [--csv FILE] [--limit 60] [--workers 1,2]
        [--batch-size 4] [--analyzers tone,quotes]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from distributed import Client, LocalCluster

from slant.annotate import analyze_batch, annotate_corpus
from slant.ingest import ColumnMap, read_path
from slant.pipeline import resolve
from slant.store import Corpus

COLUMNS = ColumnMap(
    text="article_content", title="article_title", source="source", date="date", id="unit_id"
)
DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes-dev.csv"


def build_corpus(csv: Path, limit: int, path: Path) -> int:
    documents = [d for d in read_path(csv, columns=COLUMNS) if hasattr(d, "text")][:limit]
    with Corpus(path) as corpus:
        corpus.add_documents(documents)
    return len(documents)


def timed(base: Path, work: Path, **options: object) -> float:
    """Seconds to annotate a fresh copy of the corpus ``base`` with ``options``."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copy(base, work)
    with Corpus(work) as corpus:
        start = time.perf_counter()
        report = annotate_corpus(corpus, **options)
        elapsed = time.perf_counter() - start
    assert not report.failed and report.analyzed == report.pending, report
    return elapsed


def writer_speed(base: Path, annotated: Path, target: Path, batch_size: int) -> float:
    """Documents/second that one writer stores the results of ``annotated`` into a fresh
    copy of ``base``, in transactions of ``batch_size`` documents."""
    with Corpus(annotated) as corpus:
        rows = [(document["id"], results) for document, results in corpus.iter_results()]
    shutil.copy(base, target)
    with Corpus(target) as corpus:
        start = time.perf_counter()
        for i in range(0, len(rows), batch_size):
            corpus.save_analyses(rows[i : i + batch_size])
        elapsed = time.perf_counter() - start
    return len(rows) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--analyzers", default=None)
    args = parser.parse_args()
    analyzers = args.analyzers.split(",") if args.analyzers else None
    counts = [int(n) for n in args.workers.split(",")]
    names = [spec.name for spec in resolve(analyzers)]
    common = {"analyzers": analyzers, "batch_size": args.batch_size}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        base, work = Path(tmp) / "base.db", Path(tmp) / "work.db"
        n = build_corpus(args.csv, args.limit, base)
        sample = [d for d in read_path(args.csv, columns=COLUMNS) if hasattr(d, "text")][:1]
        analyze_batch(sample, names)
        results: list[tuple[str, int, float]] = [("serial", 1, timed(base, work, **common))]
        for workers in counts:
            if workers > 1:
                results.append(
                    (f"pool {workers}", workers, timed(base, work, workers=workers, **common))
                )
            cold = timed(base, work, scheduler="local", workers=workers, **common)
            results.append((f"dask {workers} cold", workers, cold))
            with (
                LocalCluster(
                    n_workers=workers, threads_per_worker=1, dashboard_address=":0"
                ) as cluster,
                Client(cluster) as client,
            ):
                client.run(analyze_batch, sample, names)
                warm = timed(base, work, scheduler=cluster.scheduler_address, **common)
            results.append((f"dask {workers} warm", workers, warm))
        stored = writer_speed(base, work, Path(tmp) / "writer.db", args.batch_size)
    print(
        f"{n} documents, analyzers: {','.join(names)}, batch size {args.batch_size}, "
        f"{os.cpu_count()} CPUs, load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after"
    )
    print(f"one writer stores {stored:,.0f} documents/s of these results")
    header = ("run", "workers", "seconds", "docs/s", "speed-up", "efficiency")
    print("{:<14} {:>7} {:>8} {:>7} {:>8} {:>10}".format(*header))
    single = {
        label.rsplit(" ", 1)[-1] if "dask" in label else "": t for label, w, t in results if w == 1
    }
    for label, workers, seconds in results:
        kind = label.rsplit(" ", 1)[-1] if "dask" in label else ""
        base_seconds = single.get(kind, results[0][2])
        speedup = base_seconds / seconds
        print(
            f"{label:<14} {workers:>7} {seconds:>8.1f} {n / seconds:>7.2f} {speedup:>8.2f} "
            f"{speedup / workers:>10.2f}"
        )


if __name__ == "__main__":
    main()
