"""Rendering analyses for people: a Rich terminal summary and standalone HTML pages."""

from __future__ import annotations

__all__ = ["format_number"]


def format_number(value: float) -> str:
    """A claimed quantity as people write it: ``94000`` -> ``94,000``, ``1.5e6`` -> ``1,500,000``.

    >>> format_number(94000.0), format_number(2.5)
    ('94,000', '2.5')
    """
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
