"""Find the numbers written in a text: digits, words, vague plurals, ranges and bounds.

Method: one compiled regular expression over the raw text (so offsets are exact and the cost
is linear in the text length), then a small word-number parser (``twenty-seven`` = 27,
``one million`` = 1,000,000, ``a dozen`` = 12, ``1.5 million`` = 1,500,000). Vague plurals
get the smallest value the plural implies and ``approximate=True``: ``dozens`` = 24,
``scores`` = 40, ``hundreds`` = 200, ``thousands`` = 2,000, ``tens of thousands`` = 20,000,
``several hundred`` / ``a few hundred`` = 300.

``bound`` records how the writer qualified the number:

- ``"at_least"``: at least, no fewer than, no less than, a minimum of
- ``"more_than"``: more than, over, upwards of, in excess of
- ``"up_to"``: up to, as many as, at most
- ``"less_than"``: fewer than, less than, under
- ``"about"``: about, around, some, approximately, roughly, nearly, almost, close to,
  an estimated (also sets ``approximate``)
- ``"range"``: ``between 10 and 20``, ``10 to 20``, ``10-20`` (``value`` is the lower end)
- ``None``: the number stands alone.

It does NOT decide what a number counts: years, dates, times, percentages and money are found
like any other number; :mod:`slant.analyzers.claims` drops them using the parse. Ordinals
(``first``, ``3rd``) and fractions (``half``) are not numbers here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Quantity", "find_quantities", "word_number_value"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE = {"dozens": 24, "scores": 40, "tens": 20, "hundreds": 200, "thousands": 2_000}
_VAGUE_SCALED = {"thousands": 1_000, "millions": 1_000_000}
_FEW = {"a few": 3, "several": 3}

_BOUNDS = {
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of"),
    "more_than": ("more than", "over", "upwards of", "in excess of"),
    "up_to": ("up to", "as many as", "at most"),
    "less_than": ("fewer than", "less than"),
    "about": (
        "about", "around", "some", "approximately", "roughly", "nearly", "almost",
        "close to", "an estimated",
    ),
}  # fmt: skip
_BOUND_OF = {phrase: name for name, phrases in _BOUNDS.items() for phrase in phrases}


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of phrases, longest first, any run of spaces between words."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_WORD = rf"(?:{_alternation(list(_UNITS) + list(_SCALES))})"
_WORDS = rf"(?:(?:an?\s+(?:{_alternation(_SCALES)}|dozen))|{_WORD}(?:(?:\s+and\s+|[\s-]+){_WORD})*(?:\s+dozen)?)"  # noqa: E501
_DIGITS = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(?:{_alternation(_SCALES)}))?"
_VAGUE_RE = (
    rf"(?:(?:{_alternation(_FEW)})\s+(?:hundred|thousand|dozen|million)"
    rf"|(?:tens|hundreds)\s+of\s+(?:thousands|millions)|{_alternation(_VAGUE)})"
)
_CORE = rf"(?:{_DIGITS}|{_WORDS})"
_PATTERN = re.compile(
    rf"(?<![\w.,/-])(?:between\s+(?P<between>{_CORE})\s+and\s+{_CORE}"
    rf"|(?:(?P<bound>{_alternation(_BOUND_OF)})\s+)?"
    rf"(?:(?P<vague>{_VAGUE_RE})|(?<!from\s)(?:(?P<low>{_DIGITS})\s*[-–]\s*{_DIGITS}"
    rf"|(?P<low_to>{_CORE})\s+to\s+{_CORE})|(?P<core>{_CORE})))"
    rf"(?![\w-]|,\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number in the text: ``text[start:end] == text``; see the module docstring."""

    value: float
    start: int
    end: int
    text: str
    approximate: bool = False
    bound: str | None = None


def word_number_value(words: str) -> float | None:
    """Value of a number written in words or digits, or None.

    >>> word_number_value("twenty-seven"), word_number_value("1.5 million")
    (27.0, 1500000.0)
    >>> word_number_value("a dozen"), word_number_value("three hundred and five")
    (12.0, 305.0)
    """
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", words.lower().replace(",", "")):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current, seen = 1.0, True
        elif word in _UNITS:
            current, seen = current + _UNITS[word], True
        elif re.fullmatch(r"\d+(?:\.\d+)?", word):
            current, seen = current + float(word), True
        elif word == "dozen":
            current, seen = (current or 1.0) * 12, True
        elif word == "hundred":
            current, seen = (current or 1.0) * 100, True
        elif word in _SCALES:
            total, current, seen = total + (current or 1.0) * _SCALES[word], 0.0, True
        else:
            return None
    return total + current if seen else None


def _vague_value(phrase: str) -> float:
    words = phrase.lower().split()
    if len(words) >= 3 and words[1] == "of":  # tens of thousands
        return float(_VAGUE[words[0]] * _VAGUE_SCALED[words[2]])
    if words[-1] in ("hundred", "thousand", "dozen", "million"):
        return _FEW[" ".join(words[:-1])] * (word_number_value(words[-1]) or 1.0)
    return float(_VAGUE[words[0]])


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text``, in order, with its bound and whether it is approximate.

    >>> [(q.text, q.value, q.bound) for q in find_quantities("at least 16 and dozens more")]
    [('at least 16', 16.0, 'at_least'), ('dozens', 24.0, None)]
    """
    found = []
    for match in _PATTERN.finditer(text):
        bound_words = match["bound"]
        bound = _BOUND_OF[" ".join(bound_words.lower().split())] if bound_words else None
        approximate = bound == "about"
        low = match["between"] or match["low"] or match["low_to"]
        if low:
            value, bound = word_number_value(low), "range"
        elif match["vague"]:
            value, approximate = _vague_value(match["vague"]), True
        else:
            value = word_number_value(match["core"])
        if value is None:
            continue
        found.append(
            Quantity(
                value=float(value),
                start=match.start(),
                end=match.end(),
                text=match.group(),
                approximate=approximate,
                bound=bound,
            )
        )
    return found
