"""Speed of the quote and citation rules: milliseconds per article on top of the spaCy parse.

Parses each article of a folder (default: the PTC training articles in ``../shared``) once,
then times ``extract_quotes`` on the parse and ``extract_citations`` on the text, as the
``quotes`` and ``citations`` analyzers run them. Checks on the way that every offset points at
its text. Prints the totals, per-article means and the load average seen at the end (other
processes on the machine slow it down: report the load with the number).

    .venv/bin/python benchmarks/quotes_speed.py [--articles DIR] [--limit 371]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from slant.analyzers.citations import extract_citations
from slant.analyzers.quotes import extract_quotes
from slant.nlp import parse

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ptc-train" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=371)
    args = parser.parse_args()
    files = sorted(args.articles.glob("*.txt"))[: args.limit]
    parse_s = quotes_s = citations_s = 0.0
    quotes = citations = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        started = time.perf_counter()
        doc = parse(text)
        parsed = time.perf_counter()
        found = extract_quotes(doc)
        quoted = time.perf_counter()
        cited = extract_citations(text)
        done = time.perf_counter()
        parse_s, quotes_s = parse_s + parsed - started, quotes_s + quoted - parsed
        citations_s += done - quoted
        assert all(text[q.content_start : q.content_end] == q.content for q in found), path
        quotes, citations = quotes + len(found), citations + len(cited)
    n = max(1, len(files))
    print(f"{len(files)} articles: {quotes} quotes, {citations} citations")
    print(f"spaCy parse      {parse_s:7.1f} s  {1000 * parse_s / n:6.1f} ms/article")
    print(f"extract_quotes   {quotes_s:7.1f} s  {1000 * quotes_s / n:6.1f} ms/article")
    print(f"extract_citations{citations_s:7.1f} s  {1000 * citations_s / n:6.1f} ms/article")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
