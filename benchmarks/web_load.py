"""Load test of the web app: concurrent clients on loopback, a fixed number of requests.

Starts ``slant serve`` on 127.0.0.1 (a free port) over a corpus (default: the bundled demo
corpus, ingested and annotated into a temporary file), waits until ``/api/health`` answers,
then drives ``--clients`` concurrent clients (each its own httpx.AsyncClient and connection)
through ``--requests`` requests drawn in turn from a mix of endpoints:

- ``analyze``: ``POST /api/analyze`` with one of several generated ~150-word articles (the
  CPU-bound path: spaCy parse and every analyzer, in the server's worker pool);
- ``list``: ``GET /api/documents?source=…``; ``search``: ``GET /api/documents?q=…``;
- ``document``: ``GET /api/documents/{id}`` (text and stored analysis);
- ``health``: ``GET /api/health`` (shows whether the event loop stays responsive while
  analyses run).

With ``--disconnecting N``, N more clients play the abandoning attacker of issue 13 the
whole time: each posts a long text (``--long-chars``, default 200,000 characters) to
``/api/analyze`` and drops the connection after ``--abandon-after`` seconds, again and again.
The server should drop their queued work, keep their long analyses off one worker, and answer
429 when their share of the queue is full, so the regular clients' short analyses still go
through; their own outcomes are reported on the ``abandoning`` line (not counted as errors).

It stops after the requests or ``--time-limit`` seconds, whichever comes first, and reports
throughput, p50/p95/max latency and errors (any status >= 400, timeout or connection error),
per endpoint and overall; the exit code is 1 if any request failed. It only ever talks to
127.0.0.1. Numbers depend on the machine and on what else runs on it.

Usage:
    .venv/bin/python benchmarks/web_load.py [--clients 50] [--requests 1000]
        [--time-limit 300] [--corpus FILE] [--workers N] [--json FILE]
        [--disconnecting 3 --long-chars 200000 --abandon-after 2]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

from slant.demo import load_demo
from slant.store import Corpus

HOST = "127.0.0.1"
MIX = ("analyze", "list", "search", "document", "health")
PLACES = ("Veldrograd", "Kessaria", "the river port", "the northern suburbs", "the old quarter")
SPEAKERS = ("Governor Lena Varga", "a Red Crescent official", "Dr. Samir Haddoun", "the army")
#: State-changing requests from scripts carry this header (slant.web.csrf).
CLIENT_HEADERS = {"X-Slant-Client": "web_load"}


def article(n: int) -> str:
    """A generated article (different for each n, so no two analyses are the same text)."""
    place, speaker = PLACES[n % len(PLACES)], SPEAKERS[n % len(SPEAKERS)]
    return (
        f"Shelling hit {place} overnight for the {n + 2}th time this month, residents said.\n\n"
        f"At least {n % 40 + 3} civilians were killed and {n % 70 + 10} injured, including "
        f'{n % 9 + 1} children, according to {speaker}. "They are targeting bakeries and '
        f'schools. This is a crime," {speaker} told reporters on Tuesday.\n\n'
        f'The so-called "liberation" forces denied the report and blamed terrorist gangs '
        f"for the attack on {place}. More than {(n % 50 + 1) * 1000:,} people are trapped "
        "without water, and aid convoys have not reached the city for nine days.\n\n"
        "Officials said talks on a ceasefire would resume next week, but few residents "
        'believe them. "We count who is missing every morning," said a retired teacher.'
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(corpus: Path, port: int, workers: int | None) -> subprocess.Popen:
    slant = shutil.which("slant", path=str(Path(sys.executable).parent)) or "slant"
    command = [slant, "serve", "--corpus", str(corpus), "--host", HOST, "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_until_up(base: str, server: subprocess.Popen, limit: float = 180.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return time.perf_counter() - start
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"server did not answer within {limit:.0f} s")


def request_specs(base: str, ids: list[str], sources: list[str]):
    """An endless round-robin over the mix: (kind, method, url, json body)."""
    for n in itertools.count():
        kind = MIX[n % len(MIX)]
        if kind == "analyze":
            yield kind, "POST", base + "/api/analyze", {"text": article(n)}
        elif kind == "list":
            yield kind, "GET", f"{base}/api/documents?source={sources[n % len(sources)]}", None
        elif kind == "search":
            word = ("siege", "civilians", "convoy", "talks")[n % 4]
            yield kind, "GET", f"{base}/api/documents?q={word}", None
        elif kind == "document":
            yield kind, "GET", f"{base}/api/documents/{ids[n % len(ids)]}", None
        else:
            yield kind, "GET", base + "/api/health", None


def long_text(chars: int) -> str:
    """A long article: generated articles one after another, ``chars`` characters."""
    pieces, size, n = [], 0, 0
    while size < chars:
        pieces.append(article(10_000 + n))
        size += len(pieces[-1]) + 2
        n += 1
    return "\n\n".join(pieces)[:chars]


async def drive(
    specs,
    *,
    clients: int,
    total: int,
    time_limit: float,
    timeout: float,
    base: str = "",
    disconnecting: int = 0,
    long_chars: int = 200_000,
    abandon_after: float = 2.0,
):
    results: list[tuple[str, float, str | int]] = []
    taken = itertools.islice(specs, total)
    deadline = time.perf_counter() + time_limit
    finished = asyncio.Event()
    long_body = {"text": long_text(long_chars)} if disconnecting else None

    async def abandoning() -> None:
        """Post a long text, give up after ``abandon_after`` s (the connection is closed)."""
        while not finished.is_set():
            start = time.perf_counter()
            async with httpx.AsyncClient(timeout=abandon_after, headers=CLIENT_HEADERS) as quitter:
                try:
                    response = await quitter.post(base + "/api/analyze", json=long_body)
                    outcome: str | int = response.status_code
                except httpx.TimeoutException:
                    outcome = "abandoned"
                except httpx.HTTPError as exc:
                    outcome = type(exc).__name__
            results.append(("abandoning", time.perf_counter() - start, outcome))
            if outcome == 429:
                await asyncio.sleep(1)

    async def client() -> None:
        async with httpx.AsyncClient(timeout=timeout, headers=CLIENT_HEADERS) as session:
            for kind, method, url, body in taken:
                if time.perf_counter() > deadline:
                    return
                start = time.perf_counter()
                try:
                    response = await session.request(method, url, json=body)
                    outcome: str | int = response.status_code
                except httpx.HTTPError as exc:
                    outcome = type(exc).__name__
                results.append((kind, time.perf_counter() - start, outcome))

    start = time.perf_counter()
    attackers = [asyncio.ensure_future(abandoning()) for _ in range(disconnecting)]
    if attackers:
        await asyncio.sleep(abandon_after + 1)  # their long texts are in before the others
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - start
    finished.set()
    for attacker in attackers:
        attacker.cancel()
    await asyncio.gather(*attackers, return_exceptions=True)
    return results, elapsed


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summarise(results, elapsed: float) -> dict[str, dict[str, float]]:
    groups: dict[str, list[tuple[float, str | int]]] = defaultdict(list)
    for kind, latency, outcome in results:
        groups[kind].append((latency, outcome))
    table = {}
    for kind in (*MIX, "all", "abandoning"):
        rows = (
            groups.get(kind, [])
            if kind != "all"
            else [row for k, rs in groups.items() if k not in ("all", "abandoning") for row in rs]
        )
        if not rows:
            continue
        latencies = [r[0] for r in rows]
        errors = [r[1] for r in rows if not (isinstance(r[1], int) and r[1] < 400)]
        outcomes = defaultdict(int)
        for _, outcome in rows:
            outcomes[str(outcome)] += 1
        table[kind] = {
            "outcomes": dict(outcomes),
            "requests": len(rows),
            "errors": len(errors),
            "per_second": len(rows) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * percentile(latencies, 0.95),
            "max_ms": 1000 * max(latencies),
        }
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--time-limit", type=float, default=300.0)
    parser.add_argument("--timeout", type=float, default=120.0, help="per request, seconds")
    parser.add_argument("--corpus", type=Path, help="default: the demo corpus in a temp file")
    parser.add_argument("--workers", type=int, help="server analysis workers")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--disconnecting", type=int, default=0, help="abandoning clients")
    parser.add_argument("--long-chars", type=int, default=200_000)
    parser.add_argument("--abandon-after", type=float, default=2.0, help="seconds")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp) / "demo.db"
        if args.corpus is None:
            with Corpus(corpus) as store:
                load_demo(store)
        with Corpus(corpus, create=False) as store:
            listed = store.list_documents(limit=200)
            sources = [s for s, _ in store.sources() if s] or ["none"]
        ids = [row["id"] for row in listed]
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = start_server(corpus, port, args.workers)
        try:
            startup = wait_until_up(base, server)
            results, elapsed = asyncio.run(
                drive(
                    request_specs(base, ids, sources),
                    clients=args.clients,
                    total=args.requests,
                    time_limit=args.time_limit,
                    timeout=args.timeout,
                    base=base,
                    disconnecting=args.disconnecting,
                    long_chars=args.long_chars,
                    abandon_after=args.abandon_after,
                )
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    table = summarise(results, elapsed)
    print(
        f"{args.clients} clients, {table['all']['requests']} of {args.requests} requests in "
        f"{elapsed:.1f} s "
        f"(server start-up {startup:.1f} s; {os.cpu_count()} CPUs)"
    )
    print(
        f"{'endpoint':<10}{'requests':>9}{'errors':>8}{'req/s':>9}{'p50 ms':>9}"
        f"{'p95 ms':>9}{'max ms':>9}"
    )
    for kind, row in table.items():
        print(
            f"{kind:<10}{row['requests']:>9}{row['errors']:>8}{row['per_second']:>9.1f}"
            f"{row['p50_ms']:>9.0f}{row['p95_ms']:>9.0f}{row['max_ms']:>9.0f}"
        )
    if "abandoning" in table:
        print("abandoning clients' outcomes:", table["abandoning"]["outcomes"])
    if args.json:
        args.json.write_text(json.dumps({"elapsed_s": elapsed, "table": table}, indent=2))
    return 1 if table["all"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
