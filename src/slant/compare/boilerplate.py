"""What a side's texts carry that is not news: datelines, bylines and each source's recurring
boilerplate, found so distinctive terms can leave them out.

On real news the top distinctive terms of a side are otherwise its own furniture ("date of
publication", "get short URL", "last updated at", "MOSCOW (Sputnik)", "by Jordan Dakamseh").
:func:`learn_boilerplate` reads the documents of a side once and finds, per source:

- **recurring lines**: a line (between line breaks) that recurs in at least
  :data:`MIN_SHARE` of the source's documents, and in at least :data:`MIN_DOCUMENTS`;
- **recurring head and tail phrases**: word trigrams of the first and last
  :data:`EDGE_WORDS` words that recur the same way (texts without line breaks keep their
  furniture there);
- **recurring self-references**: anywhere in the text, word trigrams that hold the source's
  own name and recur the same way ("TRT World and Agencies", "via Sputnik News");

and, in any document's head, **datelines** (an upper-case place with an optional
``(Outlet)`` and a dash, or a run of date words: weekday, month, numbers, "published",
"updated") and **bylines** ("by" and two or three capitalised words, at the start of a line
or after a year). :meth:`Boilerplate.mask`
blanks those spans out of a text, keeping every offset (a masked span becomes a full stop and
spaces), so terms are counted only in the news itself. It does not recognise boilerplate a
source uses in fewer than half of its documents, nor bylines without "by".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .self_names import OutletNames

__all__ = [
    "EDGE_WORDS",
    "MIN_DOCUMENTS",
    "MIN_SHARE",
    "Boilerplate",
    "Exclusions",
    "learn_boilerplate",
]

#: Words at each end of a text searched for recurring phrases, datelines and bylines.
EDGE_WORDS = 25
#: A line or phrase is boilerplate when this share of a source's documents has it ...
MIN_SHARE = 0.5
#: ... and at least this many.
MIN_DOCUMENTS = 3

_WORD = re.compile(r"[\w'’.-]+")
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_DATE_WORDS = frozenset(
    _MONTHS
    + "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "published posted updated last date of publication on at am pm gmt utc".split()
)
_DATE_TOKEN = re.compile(r"^(?:\d{1,4}(?:[.:/-]\d{1,4}){0,2}|\d{1,2}(?:st|nd|rd|th))$", re.I)
_DATELINE = re.compile(
    r"\b[A-Z][A-Z'.-]{2,}(?:\s+[A-Z][A-Z'.-]{2,}){0,2}(?:,\s*[A-Z][a-z]+)?"
    r"(?:\s*\([^()\n]{1,40}\))?\s*(?:[-–—:]|(?<=\)))"
)
_BYLINE = re.compile(
    r"(?:^|\n|(?<=\d{4} ))[ \t]*(?:[Bb]y|BY)\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2})"
)


def _edge_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, lower-cased word)`` of the first and last EDGE_WORDS words."""
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    if len(words) <= 2 * EDGE_WORDS:
        return words
    return words[:EDGE_WORDS] + words[-EDGE_WORDS:]


def _trigrams(words: list[tuple[int, int, str]]) -> Iterable[tuple[int, int, tuple[str, ...]]]:
    for i in range(len(words) - 2):
        if words[i + 2][0] - words[i][1] > 40:  # head and tail are not one phrase
            continue
        yield words[i][0], words[i + 2][1], (words[i][2], words[i + 1][2], words[i + 2][2])


def _lines(text: str) -> Iterable[tuple[int, int, str]]:
    start = 0
    for line in text.split("\n"):
        key = " ".join(line.lower().split())
        if key:
            yield start, start + len(line), key
        start += len(line) + 1


@dataclass
class Exclusions:
    """What was left out of one side's term counts, for the report."""

    lines: Counter[str] = field(default_factory=Counter)
    phrases: Counter[str] = field(default_factory=Counter)
    bylines: Counter[str] = field(default_factory=Counter)
    datelines: int = 0

    def summary(self, *, top: int = 10) -> dict[str, Any]:
        """The most frequent boilerplate and bylines (``top`` each) and the datelines count."""
        return {
            "boilerplate": tuple(t for t, _ in (self.lines + self.phrases).most_common(top)),
            "bylines": tuple(t for t, _ in self.bylines.most_common(top)),
            "datelines": self.datelines,
        }


@dataclass(frozen=True)
class Boilerplate:
    """The recurring lines and edge phrases of each source (lower-cased source names)."""

    lines: dict[str, frozenset[str]]
    phrases: dict[str, frozenset[tuple[str, ...]]]
    self_references: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict)

    def spans(self, text: str, source: str | None) -> list[tuple[int, int, str, str]]:
        """``(start, end, kind, what)`` of the spans of ``text`` that are not news."""
        key = (source or "").lower()
        found: list[tuple[int, int, str, str]] = []
        lines = self.lines.get(key, frozenset())
        if lines:
            found.extend((s, e, "line", k) for s, e, k in _lines(text) if k in lines)
        edges = _edge_spans(text)
        phrases = self.phrases.get(key, frozenset())
        if phrases:
            found.extend(
                (s, e, "phrase", " ".join(g)) for s, e, g in _trigrams(edges) if g in phrases
            )
        own = self.self_references.get(key, frozenset())
        if own:
            words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
            found.extend((s, e, "phrase", " ".join(g)) for s, e, g in _trigrams(words) if g in own)
        head_end = edges[min(EDGE_WORDS, len(edges)) - 1][1] if edges else 0
        head = text[:head_end]
        found.extend((m.start(), m.end(), "dateline", m.group()) for m in _DATELINE.finditer(head))
        found.extend((m.start(), m.end(), "byline", m.group(1)) for m in _BYLINE.finditer(head))
        run: list[tuple[int, int, str]] = []
        for word in [*edges[:EDGE_WORDS], (head_end, head_end, "")]:
            if word[2] in _DATE_WORDS or _DATE_TOKEN.match(word[2] or "-"):
                run.append(word)
                continue
            if len(run) >= 2 and any(w[2] in _MONTHS or "." in w[2] for w in run):
                found.append((run[0][0], run[-1][1], "dateline", text[run[0][0] : run[-1][1]]))
            run = []
        return found

    def mask(self, text: str, source: str | None, record: Exclusions | None = None) -> str:
        """``text`` with its non-news spans blanked (same length, same offsets elsewhere)."""
        spans = self.spans(text, source)
        if not spans:
            return text
        chars = list(text)
        for start, end, kind, what in spans:
            chars[start:end] = "." + " " * (end - start - 1)
            if record is not None:
                if kind == "line":
                    record.lines[what] += 1
                elif kind == "phrase":
                    record.phrases[what] += 1
                elif kind == "byline":
                    record.bylines[what] += 1
                else:
                    record.datelines += 1
        return "".join(chars)


def learn_boilerplate(documents: Iterable[tuple[str | None, str]]) -> Boilerplate:
    """Find each source's recurring lines and edge phrases in ``(source, text)`` pairs.

    >>> texts = [("x", f"Get short URL {i}. Story number {i} here.") for i in range(4)]
    >>> sorted(learn_boilerplate(texts).phrases["x"])
    [('get', 'short', 'url')]
    """
    sizes: Counter[str] = Counter()
    lines: dict[str, Counter[str]] = {}
    phrases: dict[str, Counter[tuple[str, ...]]] = {}
    own: dict[str, Counter[tuple[str, ...]]] = {}
    namers: dict[str, OutletNames] = {}
    for source, text in documents:
        key = (source or "").lower()
        sizes[key] += 1
        lines.setdefault(key, Counter()).update({k for _, _, k in _lines(text) if "\n" in text})
        phrases.setdefault(key, Counter()).update({g for _, _, g in _trigrams(_edge_spans(text))})
        names = namers.setdefault(key, OutletNames([key]))
        words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
        own.setdefault(key, Counter()).update(
            {g for _, _, g in _trigrams(words) if key and any(map(names.source_named, g))}
        )

    def recurring(counts: Counter[Any], size: int) -> frozenset[Any]:
        floor = max(MIN_DOCUMENTS, MIN_SHARE * size)
        return frozenset(k for k, n in counts.items() if n >= floor)

    return Boilerplate(
        lines={k: recurring(c, sizes[k]) for k, c in lines.items()},
        phrases={k: recurring(c, sizes[k]) for k, c in phrases.items()},
        self_references={k: recurring(c, sizes[k]) for k, c in own.items()},
    )
