"""Reading input bytes safely: size cap, binary detection, UTF-8 with a visible fallback.

Every reader gets its text through :func:`decode`, so the same input problems give the same
one-line errors whatever the format.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

__all__ = ["MAX_INPUT_BYTES", "decode", "read_bytes"]

#: Largest single input file or fetched page accepted (bytes).
MAX_INPUT_BYTES = 20 * 1024 * 1024


def read_bytes(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Return the bytes of ``path``, refusing files over ``max_bytes`` and empty files."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: file is {size / 1e6:.1f} MB, more than the limit of "
                f"{max_bytes / 1e6:.0f} MB"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    return data


def decode(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode input bytes to text; return the text and any warnings.

    Binary data (NUL bytes or many control characters) is refused. Invalid UTF-8 is decoded
    with replacement characters and a warning saying so, rather than refused: a stray byte
    in a scraped page should not lose the article.
    """
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > len(head) * 0.1:
        raise InputError(f"{name}: looks like a binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, (
            f"{name}: not valid UTF-8 (first bad byte at {exc.start}); decoded with "
            f"{bad} replacement character(s)",
        )
