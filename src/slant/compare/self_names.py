"""Whether a term is the name of one of a side's own outlets ("huffpost", "fox news",
"ahram online", "al-alam"), so that distinctive terms can leave it out.

A side's outlets are the ``source`` values of its documents; their names are the source
itself, the aliases of :data:`~slant.analyzers.citations.outlets.OUTLET_ALIASES` when the
source is a known outlet, and the ways a source id is written out in text: compared with
letters and digits only ("Daily Sabah" = ``dailysabah``, "Al-Alam" = ``alalam``), a term names
the outlet when it spells the name, the name with media words after it ("Ahram Online",
"TRT World", "Al Manar TV", "SANA reporter") or "al" before it ("al manar" for ``manar``),
or the name's first part before one media word ("fox" of "Fox News", "jordan" of "Jordan
Times" — such a word is left out of that side's list even where it means something else, and
the report says so); a term of several words names it when one of its words does ("via
sputnik").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..analyzers.citations.outlets import OUTLET_ALIASES, canonical_outlet

__all__ = ["MEDIA_WORDS", "OutletNames"]

#: Words that follow an outlet's name in its full name.
MEDIA_WORDS = frozenset(
    "online news tv network world agency website channel times post daily english "
    "international media press arabic reporter correspondent".split()
)
_SQUASH = re.compile(r"[^a-z0-9]+")


def _squash(text: str) -> str:
    return _SQUASH.sub("", text.lower())


@lru_cache(maxsize=4096)
def _names_of(source: str) -> tuple[str, ...]:
    names = {source, canonical_outlet(source)}
    for canonical, aliases in OUTLET_ALIASES.items():
        if _squash(canonical) == _squash(canonical_outlet(source)):
            names.update((canonical, *aliases))
    return tuple(sorted({_squash(n) for n in names if _squash(n)}))


def _media_split(rest: str) -> bool:
    """Whether ``rest`` is one or two media words run together ("online", "tvwebsite")."""
    if rest in MEDIA_WORDS:
        return True
    return any(rest.startswith(w) and rest[len(w) :] in MEDIA_WORDS for w in MEDIA_WORDS)


class OutletNames:
    """The names of a set of sources.

    >>> names = OutletNames(["foxnews", "ahram", "manar"])
    >>> [names.source_named(t) for t in ("fox news", "fox", "ahram online", "al manar", "war")]
    ['foxnews', 'foxnews', 'ahram', 'manar', None]
    """

    def __init__(self, sources: Iterable[str | None]) -> None:
        self.sources = sorted({s for s in sources if s})
        self._names = {s: _names_of(s) for s in self.sources}

    def source_named(self, term: str) -> str | None:
        """The source whose name ``term`` is, or None."""
        squashed = _squash(term)
        if not squashed:
            return None
        words = {_squash(w) for w in term.split()} if " " in term else set()
        for source, names in self._names.items():
            if words & set(names):
                return source
            for name in names:
                if squashed == name or squashed in ("al" + name, "the" + name):
                    return source
                if squashed.startswith(name) and _media_split(squashed[len(name) :]):
                    return source
                if name.startswith(squashed) and name[len(squashed) :] in MEDIA_WORDS:
                    return source
                if squashed.startswith("al") and squashed[2:].startswith(name):
                    if _media_split(squashed[2 + len(name) :]):
                        return source
        return None
