"""Citations: explicit references to other media, with title, author, outlet and date.

Method: patterns over the text (no parse needed), in three forms:

- the bracketed source line many outlets print after a passage,
  ``(US rejects cooperating with Russia or Assad, Aranews, 9 November 2016)``: a parenthesis
  whose last part is a date (or a known outlet), the part before it a short outlet name, the
  rest the title, and ``… by Ziad Haidar`` at the end of the title the author;
- the quoted-title line ``“Title,” by Author, Outlet, October 27, 2017``;
- outlet names in attributions: ``told Reuters``, ``reported by the BBC``, ``according to a
  report in The Guardian``, ``in an interview with CNN``, ``The Washington Post reports``.

Outlet names go through :func:`.outlets.canonical_outlet` ("Russia Today" -> "RT"); dates
become ISO ``yyyy-mm-dd`` when they parse, else stay as written. It does not resolve
hyperlinks, footnote numbers or "a report" with no outlet named, and in the attribution form
it finds only outlets in the alias table or names ending in a media word ("… News").
"""

from __future__ import annotations

import re
from datetime import datetime

from ...analysis import Citation
from ...pipeline import Context, analyzer
from .outlets import canonical_outlet, find_outlets, is_known_outlet, outlet_at

__all__ = ["citations", "extract_citations", "iso_date"]

_BRACKETED = re.compile(r"\(([^()\n]{8,400})\)")
_QUOTED_TITLE = re.compile(
    r"[“\"]([^”\"\n]{5,300}?)[,.]?[”\"]\s*,?\s+by\s+([^,\n]{3,60}),\s*([^,\n]{2,60}),\s*"
    r"((?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+|\d{1,2}\s+[A-Z][a-z]+\.?\s+)\d{4})"
)
_LEAD_IN = re.compile(r"^(?:see|source|sources|via|from|cf\.?|read)\s*:?\s+", re.IGNORECASE)
_BY_AUTHOR = re.compile(r"\s+by\s+((?:[A-Z][\w.'’-]*\s*){1,4})$")
_BEFORE_OUTLET = re.compile(
    r"(?:\btold|\b(?:reported|published|broadcast|aired|quoted|cited)\s+by|\baccording\s+to"
    r"(?:\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:report|article|story|interview|investigation"
    r"|broadcast|survey|analysis|piece)\s+(?:in|by|on|from|with|for))?"
    r"|\bin\s+an?\s+interview\s+with|\bspeaking\s+to|\b(?:writing|wrote|writes)\s+(?:for|in)"
    r"|\b(?:gave|given|granted)\s+to"
    r"|\b(?:commentator|correspondent|reporter|journalist|editor|anchor|presenter|columnist)"
    r"\s+(?:on|at|for|with)"
    r"|\bin\s+an?\s+(?:report|article|story|piece|column|op-ed|editorial)\s+(?:for|in|by|on))"
    r"\s+(?:the\s+)?",
    re.IGNORECASE,
)
_AFTER_OUTLET = re.compile(
    r"\s+(?:has\s+|had\s+)?(?:reported|reports|revealed|published|wrote|writes|quoted|cited|said|says)\b"
)
_DATE_FORMATS = ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y", "%Y-%m-%d", "%d %B, %Y")


def iso_date(raw: str) -> str | None:
    """``9 November 2016`` / ``October 27, 2017`` / ``Nov. 8, 2016`` -> ISO; None if no date.

    >>> iso_date("9 November 2016"), iso_date("October 27, 2017"), iso_date("Nov. 8, 2016")
    ('2016-11-09', '2017-10-27', '2016-11-08')
    """
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", raw)
    cleaned = " ".join(cleaned.replace(",", " ").replace(".", " ").split())
    cleaned = re.sub(r"\bSept\b", "Sep", cleaned)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _looks_like_outlet(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 5 and (is_known_outlet(part) or part[:1].isupper())


def _bracketed(text: str) -> list[Citation]:
    found = []
    for match in _BRACKETED.finditer(text):
        inner, start = match.group(1), match.start(1)
        parts = [p.strip() for p in inner.split(",")]
        date = None
        for width in (2, 1):
            if len(parts) > width and iso_date(", ".join(parts[-width:])):
                date = iso_date(", ".join(parts[-width:]))
                parts = parts[:-width]
                break
        outlet = None
        if parts and (is_known_outlet(parts[-1]) or (date and _looks_like_outlet(parts[-1]))):
            if len(parts) > 1 or (date and is_known_outlet(parts[-1])):
                outlet = canonical_outlet(parts.pop())  # "(Reuters, 9 November 2016)" too
        if date is None and outlet is None:
            continue
        title = _LEAD_IN.sub("", ", ".join(parts)).strip() or None
        author = None
        if title:
            by = _BY_AUTHOR.search(title)
            if by:
                author, title = by.group(1).strip(), title[: by.start()].strip()
        if title and len(title.split()) < 2:
            title = None
        if title is None and outlet is None:
            continue
        found.append(Citation(title, author, outlet, date, start, start + len(inner)))
    return found


def _quoted_titles(text: str) -> list[Citation]:
    return [
        Citation(
            title=m.group(1).strip(),
            author=m.group(2).strip(),
            outlet=canonical_outlet(m.group(3)),
            date=iso_date(m.group(4)) or m.group(4),
            start=m.start(),
            end=m.end(),
        )
        for m in _QUOTED_TITLE.finditer(text)
    ]


def _attributions(text: str) -> list[Citation]:
    spans: set[tuple[int, int]] = set()
    for match in _BEFORE_OUTLET.finditer(text):
        span = outlet_at(text, match.end())
        if span:
            spans.add(span)
    for start, end in find_outlets(text):
        if _AFTER_OUTLET.match(text, end) and text[start].isupper():
            spans.add((start, end))
    return [Citation(None, None, canonical_outlet(text[s:e]), None, s, e) for s, e in sorted(spans)]


def extract_citations(text: str) -> list[Citation]:
    """Return the citations of ``text`` in order; attributions inside a source line dropped.

    >>> [(c.outlet, c.date) for c in extract_citations("(Big news, RT, 8 November 2016)")]
    [('RT', '2016-11-08')]
    """
    lines = _bracketed(text) + _quoted_titles(text)
    covered = [(c.start, c.end) for c in lines]
    others = [c for c in _attributions(text) if not any(s <= c.start < e for s, e in covered)]
    return sorted(lines + others, key=lambda c: (c.start, c.end))


@analyzer("citations", version="citations.v1", sets=("citations",))
def citations(ctx: Context) -> dict[str, list[Citation]]:
    """References to other media: title, author, outlet and date."""
    return {"citations": extract_citations(ctx.text)}
