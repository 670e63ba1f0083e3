"""End-to-end throughput: ingest + annotate + compare over N articles, against spaCy alone.

The N articles are made by cycling the real news in ``../shared/data`` (the PTC training
articles and the FA-KES sample, shuffled with a fixed seed), each given a unique suffix so
every copy is a new document. In the same run and on the same texts it times

- the full pipeline: ``slant ingest`` of a JSONL file into a fresh corpus, ``slant annotate``
  with every analyzer (``--workers``, ``--batch-size``), and ``slant compare`` of two halves;
- the reference: spaCy ``en_core_web_sm`` ``nlp.pipe`` alone (every component, the same
  number of processes and batch size), which is what "the speed of the spaCy parse" means in
  the project's speed target;

and prints documents/s, words/s, peak RSS per worker and the ratio annotate / spaCy. Each stage
runs in a fresh Python process (so peak RSS is that stage's own, model loading and process
start-up are included on both sides). ``--repeat`` alternates reference and full runs and
reports medians: on a shared machine only the ratio measured side by side means much, so
the load average is printed with every result.

    .venv/bin/python benchmarks/throughput.py --n 1000 --workers 2 --repeat 3
    .venv/bin/python benchmarks/throughput.py --n 10000 --json /tmp/tp10k.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def corpus_texts(data: Path = DATA) -> list[tuple[str, str]]:
    """``(name, text)`` of every real article in ``data`` (PTC articles, FA-KES), shuffled."""
    from slant.ingest import ColumnMap, read_path

    texts = [
        (path.stem, path.read_text(encoding="utf-8"))
        for path in sorted((data / "ptc-train" / "articles").glob("*.txt"))
    ]
    columns = ColumnMap(text="article_content", title="article_title", id="unit_id")
    for doc in read_path(data / "fakes-dev.csv", columns=columns):
        if hasattr(doc, "text"):
            texts.append((f"fakes-{len(texts)}", doc.text))
    if not texts:
        raise SystemExit(f"Error: no articles found under {data}")
    random.Random(17).shuffle(texts)
    return texts


def benchmark_texts(n: int, data: Path = DATA) -> list[tuple[str, str]]:
    """``n`` ``(id, text)`` pairs cycling :func:`corpus_texts`, each with a unique suffix."""
    base = corpus_texts(data)
    out = []
    for i in range(n):
        name, text = base[i % len(base)]
        out.append((f"{name}-copy{i}", f"{text.rstrip()}\n\n(Benchmark copy {i}.)\n"))
    return out


def _peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def _cpu_s() -> float:
    """CPU seconds used so far by this process and its finished children."""
    usage = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


class _Log:
    """Progress of a long annotate run on stderr (every 5 %): done, rate, load."""

    def __init__(self, total: int, start: float) -> None:
        self.total, self.start, self.done, self.next = total, start, 0, 0.05

    def __call__(self, count: int) -> None:
        self.done += count
        if self.done >= self.next * self.total or self.done == self.total:
            seconds = time.perf_counter() - self.start
            print(
                f"  annotated {self.done}/{self.total} in {seconds:.0f} s "
                f"({self.done / seconds:.2f} docs/s, load {os.getloadavg()[0]:.1f})",
                file=sys.stderr,
                flush=True,
            )
            self.next = self.done / self.total + 0.05


def stage_full(n: int, workers: int, batch_size: int, data: Path) -> dict[str, Any]:
    """Ingest, annotate (all analyzers) and compare ``n`` articles in a fresh corpus."""
    from slant.annotate import annotate_corpus
    from slant.compare import compare
    from slant.document import Document
    from slant.load import ingest_paths
    from slant.store import Corpus

    texts = benchmark_texts(n, data)
    words = sum(Document(text=text).words for _, text in texts)
    with tempfile.TemporaryDirectory() as tmp:
        sources = []  # files of 1,000 articles: ingest refuses files over 20 MiB
        for first in range(0, len(texts), 1000):
            sources.append(Path(tmp) / f"articles-{first // 1000}.jsonl")
            with sources[-1].open("w", encoding="utf-8") as out:
                for i, (name, text) in enumerate(texts[first : first + 1000], start=first):
                    side = "bench-a" if i % 2 == 0 else "bench-b"
                    row = {"id": name, "title": name, "source": side, "text": text}
                    out.write(json.dumps(row) + "\n")
        with Corpus(Path(tmp) / "bench.db") as corpus:
            start = time.perf_counter()
            ingested = ingest_paths(corpus, sources)
            ingest_s = time.perf_counter() - start
            if ingested.failed or ingested.added != len(texts):
                raise SystemExit(f"Error: ingest stored {ingested.added} of {len(texts)}")
            start, cpu = time.perf_counter(), _cpu_s()
            report = annotate_corpus(
                corpus, workers=workers, batch_size=batch_size, progress=_Log(n, start)
            )
            annotate_s = time.perf_counter() - start
            annotate_cpu_s = _cpu_s() - cpu
            start = time.perf_counter()
            compare(corpus, a="source:bench-a", b="source:bench-b")
            compare_s = time.perf_counter() - start
    worker_rss = _peak_rss_mb(resource.RUSAGE_CHILDREN if workers > 1 else resource.RUSAGE_SELF)
    return {
        "documents": ingested.added,
        "analyzed": report.analyzed,
        "failed": len(report.failed),
        "words": words,
        "ingest_s": ingest_s,
        "annotate_s": annotate_s,
        "annotate_cpu_s": annotate_cpu_s,
        "compare_s": compare_s,
        "worker_peak_rss_mb": worker_rss,
        "main_peak_rss_mb": _peak_rss_mb(resource.RUSAGE_SELF),
    }


def stage_spacy(n: int, workers: int, batch_size: int, data: Path) -> dict[str, Any]:
    """spaCy ``en_core_web_sm`` alone: ``nlp.pipe`` over the same ``n`` texts."""
    import spacy

    from slant.nlp import SPACY_MODEL

    texts = [text for _, text in benchmark_texts(n, data)]
    start, cpu = time.perf_counter(), _cpu_s()
    nlp = spacy.load(SPACY_MODEL)
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers))
    seconds = time.perf_counter() - start
    while multiprocessing.active_children():  # reap spaCy's processes: their CPU counts
        time.sleep(0.05)
    return {
        "documents": len(texts),
        "tokens": tokens,
        "spacy_s": seconds,
        "spacy_cpu_s": _cpu_s() - cpu,
    }


_NO_REFERENCE = {"spacy_s": float("nan"), "spacy_cpu_s": float("nan"), "load_before": float("nan")}


def _run_stage(stage: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--stage",
        stage,
        "--n",
        str(args.n),
        "--workers",
        str(args.workers),
        "--batch-size",
        str(args.batch_size),
        "--data",
        str(args.data),
    ]
    load_before = os.getloadavg()[0]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"Error: the {stage} stage failed (its errors are above)")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["load_before"] = load_before
    result["load_after"] = os.getloadavg()[0]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="articles (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--batch-size", type=int, default=16, help="documents per batch")
    parser.add_argument("--repeat", type=int, default=1, help="alternating runs (medians)")
    parser.add_argument("--data", type=Path, default=DATA, help="the ../shared/data folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the runs here")
    parser.add_argument(
        "--no-reference",
        dest="reference",
        action="store_false",
        help="skip the spaCy-alone run (no ratio): for runs too long to do twice",
    )
    parser.add_argument("--stage", choices=("full", "spacy"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        run = stage_full if args.stage == "full" else stage_spacy
        print(json.dumps(run(args.n, args.workers, args.batch_size, args.data)))
        return

    runs = []
    for r in range(args.repeat):
        spacy_run = _run_stage("spacy", args) if args.reference else _NO_REFERENCE
        full_run = _run_stage("full", args)
        ratio = spacy_run["spacy_s"] / full_run["annotate_s"]
        cpu_ratio = spacy_run["spacy_cpu_s"] / full_run["annotate_cpu_s"]
        runs.append({"spacy": spacy_run, "full": full_run, "ratio": ratio, "cpu_ratio": cpu_ratio})
        print(
            f"run {r + 1}: spaCy {spacy_run['spacy_s']:.1f} s ({spacy_run['spacy_cpu_s']:.0f} "
            f"CPU s), annotate {full_run['annotate_s']:.1f} s ({full_run['annotate_cpu_s']:.0f} "
            f"CPU s), ratio {ratio:.3f}, CPU-time ratio {cpu_ratio:.3f} "
            f"(load {spacy_run['load_before']:.1f}-{full_run['load_after']:.1f})",
            flush=True,
        )
    full = {k: statistics.median(r["full"][k] for r in runs) for k in runs[0]["full"]}
    spacy_s = statistics.median(r["spacy"]["spacy_s"] for r in runs)
    n, words = full["documents"], full["words"]
    print(f"\n{n:.0f} articles, {words:.0f} words, {args.workers} workers, batch {args.batch_size}")
    print(f"{'stage':<10}{'seconds':>10}{'docs/s':>10}{'words/s':>12}")
    for name in ("ingest", "annotate", "compare"):
        seconds = full[f"{name}_s"]
        print(f"{name:<10}{seconds:>10.1f}{n / seconds:>10.2f}{words / seconds:>12.0f}")
    print(f"{'spaCy sm':<10}{spacy_s:>10.1f}{n / spacy_s:>10.2f}{words / spacy_s:>12.0f}")
    total = full["ingest_s"] + full["annotate_s"] + full["compare_s"]
    print(f"{'all three':<10}{total:>10.1f}{n / total:>10.2f}{words / total:>12.0f}")
    print(
        f"peak RSS per worker {full['worker_peak_rss_mb']:.0f} MB, main process "
        f"{full['main_peak_rss_mb']:.0f} MB; failed {full['failed']:.0f}"
    )
    for key, what in (("ratio", "wall time"), ("cpu_ratio", "CPU time")):
        ratios = [r[key] for r in runs]
        print(
            f"speed ratio annotate / spaCy alone ({what}): median "
            f"{statistics.median(ratios):.3f} (runs {', '.join(f'{x:.3f}' for x in ratios)})"
        )
    print(f"load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(
            json.dumps({"args": vars(args), "runs": runs}, indent=2, default=str), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
