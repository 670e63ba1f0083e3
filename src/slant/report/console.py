"""Terminal output that article text cannot control.

A title or quote may carry escape sequences (``ESC ]0;…BEL`` sets the window title,
``ESC [2J`` clears the screen, an 8-bit CSI ``U+009B`` does the same on many terminals) or
bidirectional overrides that reorder what is shown. :class:`SafeConsole` is a Rich console
that replaces every such character with ``�`` in the text it prints, at the last step before
output — in tables, panels and plain prints alike — while Rich's own styling and cursor
control stay intact (they are separate segments). One character becomes one character, so
widths and offsets in what is shown do not move.

:func:`escape_json_controls` does the same for JSON printed to a terminal: ``json.dumps``
escapes C0 controls, but with ``ensure_ascii=False`` leaves C1 controls and bidi overrides
raw; they can only occur inside JSON strings, where ``\\u009b`` means the same character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

__all__ = ["SafeConsole", "escape_json_controls", "terminal_safe"]

#: C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding, override and
#: isolate characters.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every terminal control character replaced by ``�``.

    >>> terminal_safe("Title\\x1b]0;pwned\\x07 here")
    'Title�]0;pwned� here'
    """
    return _UNSAFE.sub("\ufffd", text)


def escape_json_controls(text: str) -> str:
    """JSON text with C1 controls and bidi overrides written as ``\\uXXXX`` escapes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeConsole(Console):
    """A Rich console that prints no terminal control character from the text it renders."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        # Rich's own control segments (cursor moves of progress bars) pass; text is cleaned.
        return super()._render_buffer(
            segment if segment.control else Segment(terminal_safe(segment.text), segment.style)
            for segment in buffer
        )
