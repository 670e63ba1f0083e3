"""News outlet names: one canonical name per outlet, and finding outlet names in text.

Shared by the ``citations`` analyzer and ``compare`` (cited outlets across a corpus), so that
"RT" and "Russia Today", or "AP" and "the Associated Press", count as one source.

Method: a hand-made alias table (:data:`OUTLET_ALIASES`) of international, US, UK and
Middle-East outlets common in news about conflicts, matched case-sensitively on word
boundaries (so "AP" the outlet, not "ap" in a word), longest alias first; and a pattern for
names the table lacks that end in a media word ("Dallas Morning News", "Kurdistan24" is in
the table). Names it does not know are kept as written, with a leading "the" removed. It
does not tell an outlet from a same-named thing ("The Times" the paper vs "the times"
is handled by case only) and the table is not exhaustive: add aliases here.

>>> canonical_outlet("Russia Today"), canonical_outlet("the BBC"), canonical_outlet("Aranews")
('RT', 'BBC', 'ARA News')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...spans import overlaps_any

__all__ = ["OUTLET_ALIASES", "canonical_outlet", "find_outlets", "is_known_outlet", "outlet_at"]

#: canonical name -> other names it goes by (the canonical name matches too).
OUTLET_ALIASES: dict[str, tuple[str, ...]] = {
    "RT": ("Russia Today", "RT News", "RT.com"),
    "BBC": ("BBC News", "BBC World Service", "BBC Arabic", "British Broadcasting Corporation"),
    "AP": ("Associated Press", "The Associated Press", "AP News"),
    "Reuters": ("Thomson Reuters", "Reuters news agency"),
    "AFP": ("Agence France-Presse", "Agence France Presse", "France-Presse"),
    "CNN": ("CNN International", "Cable News Network"),
    "Fox News": ("Fox News Channel", "FoxNews"),
    "The Guardian": ("Guardian", "theguardian.com"),
    "The New York Times": ("New York Times", "NYT", "NY Times", "nytimes.com"),
    "The Washington Post": ("Washington Post",),
    "The Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "Al Jazeera": ("Al-Jazeera", "Aljazeera", "Al Jazeera English"),
    "Al Arabiya": ("Al-Arabiya", "Alarabiya"),
    "Al-Manar": ("Al Manar", "Almanar", "Manar"),
    "SANA": ("Syrian Arab News Agency", "Sana"),
    "Sputnik": ("Sputnik News", "Sputnik International"),
    "TASS": ("ITAR-TASS", "Tass"),
    "Global Research": ("GlobalResearch", "globalresearch.ca"),
    "ARA News": ("Aranews", "ARANews", "Ara News"),
    "Kurdistan24": ("Kurdistan 24",),
    "Rudaw": ("Rudaw English",),
    "Press TV": ("PressTV",),
    "Anadolu Agency": ("Anadolu", "AA"),
    "Xinhua": ("Xinhua News Agency",),
    "Daily Mail": ("The Daily Mail", "Mail Online", "MailOnline"),
    "The Telegraph": ("Daily Telegraph", "The Daily Telegraph", "Telegraph"),
    "The Independent": ("Independent",),
    "The Times": ("The Times of London",),
    "The Sun": ("The Sun Online", "Sun Online"),
    "Financial Times": ("FT", "The Financial Times"),
    "The Economist": ("Economist",),
    "NBC News": ("NBC",),
    "ABC News": ("ABC",),
    "CBS News": ("CBS", "60 Minutes"),
    "NPR": ("National Public Radio",),
    "Politico": ("POLITICO",),
    "HuffPost": ("Huffington Post", "The Huffington Post"),
    "The Atlantic": ("Atlantic",),
    "Bloomberg": ("Bloomberg News",),
    "Newsweek": (),
    "USA Today": (),
    "Los Angeles Times": ("LA Times", "L.A. Times"),
    "Breitbart": ("Breitbart News",),
    "Infowars": ("InfoWars", "Infowars.com"),
    "The Daily Caller": ("Daily Caller",),
    "Middle East Eye": (),
    "France 24": ("France24",),
    "Deutsche Welle": ("DW",),
    "Euronews": (),
    "The Hill": (),
    "Jezebel": (),
    "Axios": (),
    "The Intercept": (),
    "Interfax": (),
    "Dallas Morning News": ("The Dallas Morning News",),
}

_MEDIA_WORDS = (
    r"News|Times|Post|Journal|Herald|Tribune|Telegraph|Gazette|Mail|Mirror|Express|Chronicle"
    r"|Observer|Standard|Courier|TV|Radio|Television|Broadcasting|News\s+Agency|Press|Magazine"
)
_GENERIC_OUTLET = re.compile(rf"\b(?:[A-Z][\w&'’-]*\s+){{1,4}}(?:{_MEDIA_WORDS})\b(?!\s+[A-Z])")


_LEAD_WORDS = frozenset(
    "But And As So Yet When While If Then Now Also Meanwhile However According Even Only".split()
)


@lru_cache(maxsize=1)
def _alias_index() -> tuple[dict[str, str], re.Pattern[str]]:
    index: dict[str, str] = {}
    for canonical, aliases in OUTLET_ALIASES.items():
        for name in (canonical, *aliases):
            index[name] = canonical
            index[name.lower()] = canonical
    names = sorted({n for n in index if not n.islower() or n == n.upper()}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")
    return index, pattern


def _strip_article(name: str) -> str:
    name = " ".join(name.split()).strip(" ,.;:")
    for article in ("the ", "The "):
        if name.startswith(article) and name[len(article) :] in _alias_index()[0]:
            return name[len(article) :]
    return name


def canonical_outlet(name: str) -> str:
    """The canonical name of an outlet ("Russia Today" -> "RT"); unknown names as written.

    >>> canonical_outlet("the Associated Press"), canonical_outlet("Kyiv Independent")
    ('AP', 'Kyiv Independent')
    """
    index, _ = _alias_index()
    cleaned = " ".join(name.split()).strip(" ,.;:")
    for candidate in (cleaned, _strip_article(cleaned), cleaned.lower()):
        if candidate in index:
            return index[candidate]
    if cleaned.lower().startswith("the "):
        return cleaned[4:]
    return cleaned


def is_known_outlet(name: str) -> bool:
    """True when ``name`` is in the alias table (any alias, with or without "the")."""
    index, _ = _alias_index()
    cleaned = " ".join(name.split()).strip(" ,.;:")
    return any(c in index for c in (cleaned, _strip_article(cleaned), cleaned.lower()))


def find_outlets(text: str, *, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of outlet names in ``text[start:end]``: known aliases first,
    then names that end in a media word; spans never overlap.

    >>> [("RT on Monday, then Russia Today and the Dallas Morning News")[s:e]
    ...  for s, e in find_outlets("RT on Monday, then Russia Today and the Dallas Morning News")]
    ['RT', 'Russia Today', 'Dallas Morning News']
    """
    _, pattern = _alias_index()
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = [m.span() for m in pattern.finditer(text, start, end)]
    for match in _GENERIC_OUTLET.finditer(text, start, end):
        span = _without_lead_words(text, match.span())
        if span and not overlaps_any(span, spans):
            spans.append(span)
    yield from sorted(spans)


def _without_lead_words(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """Drop sentence-initial words a generic match picks up ("But Swedish TV")."""
    start, end = span
    while True:
        word = re.match(r"[\w’']+\s+", text[start:end])
        if not word or word.group().strip() not in _LEAD_WORDS:
            break
        start += word.end()
    return (start, end) if end - start > 2 and len(text[start:end].split()) > 1 else None


def outlet_at(text: str, position: int) -> tuple[int, int] | None:
    """``(start, end)`` of the outlet name that starts exactly at ``position``, if any.

    >>> text = "he told Reuters on Monday"
    >>> text[slice(*outlet_at(text, 8))]
    'Reuters'
    """
    _, known = _alias_index()
    match = known.match(text, position)
    if match:
        return match.span()
    generic = _GENERIC_OUTLET.match(text, position)
    return _without_lead_words(text, generic.span()) if generic else None
