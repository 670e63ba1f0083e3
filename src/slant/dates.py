"""Dates found in metadata, normalised to ISO ``YYYY-MM-DD`` (or None when unparseable).

US-style ``M/D/YY`` (as in FA-KES) and ``M/D/YYYY``, ISO with or without time, RFC 2822 (feeds)
and ``9 November 2016`` / ``November 9, 2016`` forms are understood. Two-digit years are
2000-2069 or 1970-1999.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

__all__ = ["normalise_date"]

_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y/%m/%d")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


def normalise_date(value: str | None) -> str | None:
    """Return ``value`` as ``YYYY-MM-DD``, or None if it is empty or not a date.

    >>> normalise_date("4/9/14"), normalise_date("9 November 2016")
    ('2014-04-09', '2016-11-09')
    """
    if not value:
        return None
    value = str(value).strip()
    if match := _ISO.match(value):
        return _valid(*map(int, match.groups()))
    if match := _US.match(value):
        month, day, year = map(int, match.groups())
        if year < 100:
            year += 2000 if year < 70 else 1900
        return _valid(year, month, day)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None
