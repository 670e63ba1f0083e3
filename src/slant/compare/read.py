"""Read the two sides of a comparison from the store, one after the other or in parallel.

Each side is read in two streaming passes over the store: one learns its sources'
boilerplate (:mod:`.boilerplate`, left out of term counts); in the other, texts
(:meth:`Corpus.iter_documents`) and stored analyses (:meth:`Corpus.iter_analysis_fields`)
come in the same row order and are joined by document id, so nothing is held but the side's
running tallies. The two sides are independent until their term counts are merged
(:func:`~.terms.merge_terms`), so with ``workers=2`` and a large corpus each side is read by
its own process (``spawn``: no state is inherited, each opens the corpus file read-only by
itself). Small comparisons stay in one process, where starting another would cost more than
it saves.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ..filters import Filter
from ..store import Corpus
from .boilerplate import learn_boilerplate
from .collect import SideCollector
from .spans import subject_pattern

__all__ = ["PARALLEL_FROM", "Side", "SideReading", "read_sides"]

#: Fewest selected documents (both sides together) for which two processes are used.
PARALLEL_FROM = 5000


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a label, the filter that selects documents, a subject."""

    label: str
    filter: Filter
    subject: str | None = None

    def documents_filter(self) -> Filter:
        """The store filter: with a subject, only documents whose text contains it."""
        if not self.subject:
            return self.filter
        return replace(self.filter, phrases=(*self.filter.phrases, self.subject))


@dataclass
class SideReading:
    """One side as read: its collector and the number of annotated documents seen."""

    collector: SideCollector
    annotated: int


def _read(corpus: Corpus, side: Side, window: int, min_score: float | None) -> SideReading:
    subject = side.subject
    flt = side.documents_filter()
    boilerplate = learn_boilerplate((d.source, d.text) for d in corpus.iter_documents(flt))
    collector = SideCollector(
        subject=subject_pattern(subject) if subject else None,
        window=window,
        boilerplate=boilerplate,
        min_score=min_score,
    )
    texts = corpus.iter_documents(flt)
    annotated = 0
    for meta, fields in corpus.iter_analysis_fields(flt):
        document = next((d for d in texts if d.id == meta["id"]), None)
        if document is None:
            break
        annotated += 1
        collector.add(meta, fields, document.text)
    collector.terms.flush()
    return SideReading(collector=collector, annotated=annotated)


def _read_file(path: str, side: Side, window: int, min_score: float | None) -> SideReading:
    with Corpus(Path(path), read_only=True) as corpus:
        return _read(corpus, side, window, min_score)


def read_sides(
    corpus: Corpus,
    sides: tuple[Side, Side],
    *,
    window: int = 0,
    workers: int = 1,
    min_score: float | None = None,
) -> list[SideReading]:
    """Read both sides; with ``workers >= 2`` and a large selection, in two processes.
    Techniques scored below ``min_score`` are not counted (None: the operating point)."""
    selected = sum(corpus.count_documents(side.documents_filter()) for side in sides)
    if workers < 2 or selected < PARALLEL_FROM:
        return [_read(corpus, side, window, min_score) for side in sides]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        futures = [
            pool.submit(_read_file, str(corpus.path), side, window, min_score) for side in sides
        ]
        return [future.result() for future in futures]
