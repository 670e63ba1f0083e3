"""Group document features into stories in memory: fit the weights, seed the stories already
made, stream the new documents through the clusterer in date order.

This is the whole method without the store, so ``slant eval stories`` and the benchmark run
exactly what ``slant stories`` runs on a corpus.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .cluster import Cluster, Settings, StoryClusterer
from .features import DocumentFeatures
from .tfidf import Idf

__all__ = ["METHOD", "BASELINE", "cluster_features"]

#: The name and version of the grouping method (recorded with every stored story).
METHOD = "stories.v1"
#: The baseline ``slant eval stories`` reports beside it: documents of the same date whose
#: lead words are similar enough (TF-IDF cosine), no names, no vectors, no window.
BASELINE = Settings(
    window_days=0,
    threshold=0.2,
    weight_words=1.0,
    weight_names=0.0,
    weight_vector=0.0,
    weight_gap=0.0,
)


def cluster_features(
    features: Sequence[DocumentFeatures],
    *,
    settings: Settings | None = None,
    existing: Mapping[str, Sequence[DocumentFeatures]] | None = None,
) -> list[Cluster]:
    """Stories of ``features`` (new documents), extending the ``existing`` stories (story key
    -> member features). Returns every story touched: the existing ones and the new, in
    order of first date. New stories have keys ``new-1``, ``new-2``, ….

    The TF-IDF weights are fitted on the existing members and the new documents together.
    """
    existing = existing or {}
    everything = [f for members in existing.values() for f in members] + list(features)
    clusterer = StoryClusterer(
        Idf(f.words for f in everything), Idf(f.names for f in everything), settings
    )
    for key, members in existing.items():
        clusterer.seed(key, members)
    for item in sorted(features, key=lambda f: (f.day, f.id)):
        clusterer.add(item)
    return sorted(clusterer.clusters.values(), key=lambda c: (c.first_day, c.key))
