"""Stories: documents from any outlets that report the same event (an incident or an
announcement), grouped online in date order.

- :mod:`.features` — what a document brings: lead words, named entities, sentence vector;
- :mod:`.tfidf` — sparse TF-IDF vectors;
- :mod:`.cluster` — online single-pass clustering within a date window (Miranda et al. 2018);
- :mod:`.group` — the method in memory (``stories.v1``) and the baseline;
- :mod:`.describe` — a story's headline, terms, places and actors;
- :mod:`.model` — :class:`Story` and the JSON ``slant.stories/1``;
- :mod:`.corpus` — grouping a stored corpus, extending what is stored.

>>> from slant.store import Corpus  # doctest: +SKIP
>>> with Corpus("fakes.db") as corpus:  # doctest: +SKIP
...     group_stories(corpus)
...     stories, alone = read_stories(corpus)
"""

from .cluster import Settings
from .corpus import GroupingResult, group_stories, read_stories
from .group import BASELINE, METHOD, cluster_features
from .model import SCHEMA, Story, stories_json

__all__ = [
    "BASELINE",
    "METHOD",
    "SCHEMA",
    "GroupingResult",
    "Settings",
    "Story",
    "cluster_features",
    "group_stories",
    "read_stories",
    "stories_json",
]
