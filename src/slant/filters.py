"""The FILTER syntax that selects documents of a corpus, parsed into a :class:`Filter`.

``source:sana,manar text:"eastern Aleppo" date:2016-01-01..2016-12-31`` — space-separated
terms are ANDed; a bare word or quoted phrase is a ``text:`` term. Sources match
case-insensitively; dates are ISO ``YYYY-MM-DD`` and either end of a range may be left open
(``date:2016-01-01..``). Only :mod:`slant.store` turns a Filter into SQL.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from .errors import InputError

__all__ = ["Filter", "parse_filter"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_KEYS = ("source", "text", "date")


@dataclass(frozen=True)
class Filter:
    """A parsed FILTER: documents whose source is one of ``sources`` (if any), whose text
    contains every phrase of ``phrases``, and whose date lies in ``[date_from, date_to]``."""

    sources: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    expression: str = ""

    def __str__(self) -> str:
        return self.expression or "all documents"


def _check_date(value: str, expression: str) -> str | None:
    if not value:
        return None
    if not _DATE.match(value):
        raise InputError(
            f"filter {expression!r}: date {value!r} is not ISO (YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    return value


def parse_filter(expression: str | None) -> Filter:
    """Parse a FILTER expression (None or empty: every document).

    >>> parse_filter('source:sana,manar text:"eastern Aleppo"').sources
    ('sana', 'manar')
    >>> parse_filter("date:2016-01-01..2016-12-31").date_to
    '2016-12-31'
    """
    expression = (expression or "").strip()
    if not expression:
        return Filter()
    try:
        terms = shlex.split(expression)
    except ValueError as exc:
        raise InputError(f"filter {expression!r} cannot be parsed: {exc}") from exc
    sources: list[str] = []
    phrases: list[str] = []
    date_from = date_to = None
    for term in terms:
        key, sep, value = term.partition(":")
        if not sep or key not in _KEYS:
            if sep and re.fullmatch(r"[a-z_]+", key):
                raise InputError(
                    f"filter {expression!r}: unknown key {key!r}; use one of "
                    f"{', '.join(k + ':' for k in _KEYS)}"
                )
            phrases.append(term)
            continue
        if key == "source":
            sources.extend(s.strip().lower() for s in value.split(",") if s.strip())
        elif key == "text":
            if value.strip():
                phrases.append(value.strip())
        else:
            start, dots, end = value.partition("..")
            date_from = _check_date(start, expression)
            date_to = _check_date(end if dots else start, expression)
    return Filter(
        sources=tuple(sources),
        phrases=tuple(phrases),
        date_from=date_from,
        date_to=date_to,
        expression=expression,
    )
