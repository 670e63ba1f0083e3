"""Speed of the quote, descriptor and citation rules: milliseconds per article over the parse.

Parses each article of a folder (default: the PTC training articles in ``../shared``) once,
then times ``extract_quotes`` on the parse, ``find_actors`` (mentions and descriptors) on the
parse and ``extract_citations`` on the text, as the analyzers run them. Checks on the way that
every offset points at its text. Prints the totals, per-article means, each step's time as a
ratio to the spaCy parse measured in the same run (the reference that makes two runs on a
shared machine comparable: compare ratios, not seconds), and the load average at the end.

    .venv/bin/python benchmarks/quotes_speed.py [--articles DIR] [--limit 371]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from slant.analyzers.actors import find_actors
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
    parse_s = quotes_s = citations_s = actors_s = 0.0
    quotes = citations = descriptors = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        started = time.perf_counter()
        doc = parse(text)
        parsed = time.perf_counter()
        found = extract_quotes(doc)
        quoted = time.perf_counter()
        cited = extract_citations(text)
        done = time.perf_counter()
        actors = find_actors(doc, sentence_tones=[], quotes=found, scare_spans=[])
        described = time.perf_counter()
        parse_s, quotes_s = parse_s + parsed - started, quotes_s + quoted - parsed
        citations_s += done - quoted
        actors_s += described - done
        descriptors += sum(len(a.descriptors) for a in actors)
        assert all(text[q.content_start : q.content_end] == q.content for q in found), path
        quotes, citations = quotes + len(found), citations + len(cited)
    n = max(1, len(files))
    print(
        f"{len(files)} articles: {quotes} quotes, {descriptors} descriptors, {citations} citations"
    )
    print(f"spaCy parse      {parse_s:7.1f} s  {1000 * parse_s / n:6.1f} ms/article")
    print(f"extract_quotes   {quotes_s:7.1f} s  {1000 * quotes_s / n:6.1f} ms/article")
    print(f"find_actors      {actors_s:7.1f} s  {1000 * actors_s / n:6.1f} ms/article")
    print(f"extract_citations{citations_s:7.1f} s  {1000 * citations_s / n:6.1f} ms/article")
    ratio = 1 / parse_s if parse_s else 0.0
    print(
        f"ratio to the parse: quotes {quotes_s * ratio:.3f}, actors {actors_s * ratio:.3f}, "
        f"citations {citations_s * ratio:.3f}"
    )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
