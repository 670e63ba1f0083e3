"""Group the documents of a stored corpus into stories, extending what is stored.

A run takes the documents matching the filter that are in no story yet, and the stored
stories whose dates come within the window of theirs; it streams the new documents through
the clusterer in date order, seeded with those stories, and stores the new stories and the
grown ones. Documents already grouped never move, so re-running after new documents arrive
extends the grouping instead of redoing it. To regroup from scratch, pass ``regroup=True``
(``slant stories --regroup``): every stored story is forgotten first. A stored grouping made
by another method version is regrouped from scratch automatically, so a corpus never mixes
two versions. Documents without a date are not grouped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..document import Document
from ..filters import Filter
from .cluster import Settings
from .describe import describe, story_id
from .features import DocumentFeatures, extract_features
from .group import METHOD, cluster_features
from .model import Story

if TYPE_CHECKING:  # the store imports Story from this package
    from ..store import Corpus

__all__ = ["GroupingResult", "group_stories", "read_stories"]


@dataclass(frozen=True)
class GroupingResult:
    """What one :func:`group_stories` run did."""

    grouped: int
    undated: int
    new_stories: int
    grown_stories: int
    regrouped: bool


def _as_tuples(
    documents: list[Document],
) -> list[tuple[str, str | None, str | None, str | None, str]]:
    return [(d.id, d.title, d.source, d.date, d.text) for d in documents]


def group_stories(
    corpus: Corpus,
    flt: Filter | None = None,
    *,
    regroup: bool = False,
    settings: Settings | None = None,
) -> GroupingResult:
    """Group the ungrouped documents of ``corpus`` that match ``flt`` (see the module)."""
    settings = settings or Settings()
    methods = corpus.story_methods()
    regrouped = regroup or bool(methods - {METHOD})
    if regrouped:
        corpus.clear_stories()
    pending = list(corpus.ungrouped_documents(flt))
    new = extract_features(_as_tuples(pending))
    undated = len(pending) - len(new)
    if not new:
        return GroupingResult(0, undated, 0, 0, regrouped)
    window = timedelta(days=settings.window_days)
    first = date.fromordinal(min(f.day for f in new)) - window
    last = date.fromordinal(max(f.day for f in new)) + window
    stored = corpus.stories_between(first.isoformat(), last.isoformat())
    existing: dict[str, list[DocumentFeatures]] = {}
    if stored:
        members = [d for docs in stored.values() for d in docs]
        by_id = {f.id: f for f in extract_features(_as_tuples(members))}
        existing = {
            key: [by_id[d.id] for d in docs if d.id in by_id] for key, docs in stored.items()
        }
    new_ids = {f.id for f in new}
    clusters = cluster_features(new, settings=settings, existing=existing)
    changed: list[Story] = []
    assignments: list[tuple[str, str, float]] = []
    grown = 0
    for cluster in clusters:
        joined = [m for m in cluster.members if m.id in new_ids]
        if not joined:
            continue
        if cluster.key in existing:
            key = cluster.key
            grown += 1
        else:
            first_member = min(cluster.members, key=lambda m: (m.day, m.id))
            key = story_id(METHOD, first_member.id)
        changed.append(describe(cluster, key))
        assignments.extend((m.id, key, cluster.similarity.get(m.id, 0.0)) for m in joined)
    corpus.save_stories(changed, assignments, METHOD)
    return GroupingResult(len(new), undated, len(changed) - grown, grown, regrouped)


def read_stories(
    corpus: Corpus, flt: Filter | None = None, *, min_documents: int = 2
) -> tuple[list[Story], int]:
    """The stored stories holding a document that matches ``flt`` (at least
    ``min_documents`` documents each), and the number of matching documents alone in theirs."""
    return corpus.list_stories(flt, min_documents=min_documents), corpus.count_singletons(flt)
