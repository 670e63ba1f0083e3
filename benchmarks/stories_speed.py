"""How long `slant stories` takes to group a large corpus, and to extend it.

Builds (once, then reuses) a corpus of ``--documents`` documents by cycling the FA-KES sample
(``--fakes``): copy *k* of an article has its dates moved ``k * SHIFT_DAYS`` days later and a
unique suffix on its title and text (so it is a new document), which keeps the sample's mix
of same-event reports and spreads the copies over the years at about ``documents / days``
reports a day. It then times :func:`slant.stories.group_stories` on the whole corpus (every
step: leads, named entities, sentence vectors, clustering, storing), and once more after
``--extend`` new documents dated in the following week arrive (the online extension).

With ``--cluster-only`` it times the clustering alone (blocking, scoring, describing) on
``--documents`` copies of the sample's features, extracted once: the part whose cost depends
on how many stories are open at a time, without the per-document entity recogniser and
sentence encoder, whose cost is linear (documents/s, measured by the full run).

    .venv/bin/python benchmarks/stories_speed.py --documents 100000 --corpus /tmp/stories.db
    .venv/bin/python benchmarks/stories_speed.py --documents 100000 --cluster-only
"""

from __future__ import annotations

import argparse
import resource
import time
from datetime import date, timedelta
from pathlib import Path

from slant.document import Document
from slant.evaluation.stories import FAKES_COLUMNS
from slant.ingest.table import read_csv
from slant.store import Corpus
from slant.stories import group_stories
from slant.stories.cluster import Settings
from slant.stories.describe import describe
from slant.stories.features import DocumentFeatures, extract_features
from slant.stories.group import cluster_features

#: Days between two copies of the sample (more than a story's window, so copies of one
#: article do not chain into one story).
SHIFT_DAYS = 11


def _sample(fakes: Path) -> list[Document]:
    text = fakes.read_text("utf-8")
    found = {}
    for doc in read_csv(text, name=str(fakes), columns=FAKES_COLUMNS):
        if isinstance(doc, Document):
            found.setdefault(doc.id, doc)
    return list(found.values())


def _copies(sample: list[Document], first: int, count: int) -> list[Document]:
    out = []
    for n in range(first, first + count):
        k, doc = divmod(n, len(sample))
        original = sample[doc]
        day = date.fromisoformat(original.date) + timedelta(days=k * SHIFT_DAYS)
        out.append(
            Document(
                text=f"{original.text} [copy {k}]",
                title=f"{original.title} [{k}]",
                source=original.source,
                date=day.isoformat(),
            )
        )
    return out


def _arrivals(sample: list[Document], count: int, last: str) -> list[Document]:
    """``count`` new documents dated over the week after ``last`` (news arriving)."""
    out = []
    for n in range(count):
        original = sample[n % len(sample)]
        day = date.fromisoformat(last) + timedelta(days=1 + n % 7)
        out.append(
            Document(
                text=f"{original.text} [new {n}]",
                title=original.title,
                source=original.source,
                date=day.isoformat(),
            )
        )
    return out


def _cluster_only(sample: list[Document], count: int) -> None:
    """Time clustering ``count`` cycled copies of the sample's features."""
    start = time.perf_counter()
    base = extract_features([(d.id, d.title, d.source, d.date, d.text) for d in sample])
    print(f"features of the {len(base)} sample documents: {time.perf_counter() - start:.1f} s")
    copies = [
        DocumentFeatures(
            id=f"{f.id}-{n}",
            day=f.day + (n // len(base)) * SHIFT_DAYS,
            title=f.title,
            source=f.source,
            words=f.words,
            names=f.names,
            places=f.places,
            actors=f.actors,
            vector=f.vector,
        )
        for n, f in ((n, base[n % len(base)]) for n in range(count))
    ]
    start = time.perf_counter()
    clusters = cluster_features(copies, settings=Settings())
    clustered = time.perf_counter() - start
    start = time.perf_counter()
    for cluster in clusters:
        describe(cluster, cluster.key)
    described = time.perf_counter() - start
    print(
        f"clustered {count:,} documents into {len(clusters):,} stories in {clustered:.1f} s "
        f"({count / clustered:,.0f} documents/s); described them in {described:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--extend", type=int, default=1_000)
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/slant-stories-bench.db"))
    parser.add_argument("--fakes", type=Path, default=Path("../shared/data/fakes-dev.csv"))
    parser.add_argument("--cluster-only", action="store_true")
    args = parser.parse_args()
    sample = _sample(args.fakes)
    if args.cluster_only:
        _cluster_only(sample, args.documents)
        return
    with Corpus(args.corpus) as corpus:
        have = corpus.count_documents()
        if have < args.documents:
            for first in range(have, args.documents, 5_000):
                count = min(5_000, args.documents - first)
                corpus.add_documents(_copies(sample, first, count))
        corpus.clear_stories()
        documents = corpus.count_documents()
        span = corpus.list_documents(limit=1)[0]["date"]
        print(f"{documents:,} documents, last date {span}")
        start = time.perf_counter()
        result = group_stories(corpus)
        grouped = time.perf_counter() - start
        print(
            f"grouped {result.grouped:,} documents into {result.new_stories:,} stories "
            f"in {grouped:.0f} s ({result.grouped / grouped:.0f} documents/s)"
        )
        corpus.add_documents(_arrivals(sample, args.extend, span))
        start = time.perf_counter()
        more = group_stories(corpus)
        extended = time.perf_counter() - start
        print(
            f"extended by {more.grouped:,} documents in {extended:.1f} s "
            f"({more.new_stories:,} new stories, {more.grown_stories:,} grown)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
