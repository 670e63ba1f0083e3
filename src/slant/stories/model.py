"""A story: documents that report the same event, and the JSON ``slant.stories/1``.

::

    {"schema": "slant.stories/1", "method": "stories.v1", "singletons": 140,
     "stories": [{"id", "title", "documents", "sources", "first_date", "last_date",
                  "terms", "places", "actors"}]}

``stories`` lists the stories of two or more documents, largest first (then by first date);
documents that no other report joined are left out of it and counted in ``singletons``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["SCHEMA", "Story", "stories_json"]

SCHEMA = "slant.stories/1"


@dataclass(frozen=True)
class Story:
    """One story: ``title`` is a representative headline (the member closest to the story's
    centroid); ``terms``, ``places`` and ``actors`` are what characterise it, most typical
    first; ``documents`` are document ids in date order."""

    id: str
    title: str
    documents: tuple[str, ...]
    sources: tuple[str, ...]
    first_date: str
    last_date: str
    terms: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The story as a JSON object of ``slant.stories/1``."""
        return {key: list(v) if isinstance(v, tuple) else v for key, v in asdict(self).items()}


def stories_json(stories: list[Story], *, method: str, singletons: int) -> str:
    """The ``slant.stories/1`` document of ``stories`` (multi-document ones are listed)."""
    listed = sorted(
        (s for s in stories if len(s.documents) > 1),
        key=lambda s: (-len(s.documents), s.first_date, s.id),
    )
    payload = {
        "schema": SCHEMA,
        "method": method,
        "singletons": singletons,
        "stories": [s.to_dict() for s in listed],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
