"""Turning input bytes into text: byte-order marks, UTF-8, then a charset detector.

The order, for every reader (files, uploads, fetched pages):

1. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. binary data is refused: NUL bytes anywhere (without a UTF-16/32 mark), or more than 10 %
   control characters;
3. valid UTF-8 is UTF-8 (no warning); an encoding the HTTP server declared is used when the
   bytes are valid in it;
4. UTF-8 with a few stray bytes (more well-formed non-ASCII characters than bad bytes) stays
   UTF-8, the stray bytes becoming ``U+FFFD``;
5. otherwise `charset-normalizer <https://github.com/jawah/charset_normalizer>`_ guesses
   the legacy encoding (it decodes with each candidate code page and keeps the one whose text
   is least "chaotic" — mixed scripts, odd symbols — and most coherent with a language's
   letter frequencies). Where code pages tie, Windows-1252 wins: it is what the web means by
   Latin-1 (WHATWG Encoding Standard), and the detector otherwise often says Windows-1250,
   which turns the ``ï`` of "naïve" into ``ď``; UTF-16/32 guesses without a mark are
   ignored, and so are encodings that do not keep ASCII as ASCII (EBCDIC). With fewer than
   8 non-ASCII bytes the detector has nothing to go on: Windows-1252 is taken when it turns
   them into letters and common punctuation (a short Cyrillic word in Windows-1251 would be
   misread so: a known limit);
6. text that is still more than 10 % replacement characters is refused: it is not text.

Any encoding but UTF-8 is named in a warning, so the user can see what was assumed.
"""

from __future__ import annotations

import codecs

from ..errors import InputError

__all__ = ["decode"]

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_MAX_CONTROL_SHARE = 0.1
_MAX_REPLACEMENT_SHARE = 0.1
_LATIN_DEFAULT = "cp1252"


def _replacement_share(text: str) -> float:
    visible = len(text) - sum(text.count(c) for c in " \n\t\r")
    return text.count("\ufffd") / visible if visible else 0.0


def _checked(text: str, name: str, how: str) -> str:
    share = _replacement_share(text)
    if share > _MAX_REPLACEMENT_SHARE:
        raise InputError(
            f"{name}: does not look like text: {share:.0%} of it is undecodable ({how})"
        )
    return text


def _by_mark(data: bytes, name: str) -> tuple[str, tuple[str, ...]] | None:
    for mark, codec, label in _BOMS:
        if data.startswith(mark):
            try:
                text = data[len(mark) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {label} byte-order mark but is not valid {label} "
                    f"(bad bytes at {exc.start + len(mark)})"
                ) from exc
            warning = () if label == "UTF-8" else (f"{name}: decoded as {label} (byte-order mark)",)
            return text, warning
    return None


_ASCII_PROBE = bytes(range(32, 127))
_FEW_HIGH_BYTES = 8
_HIGH_BYTES = bytes(range(128, 256))
_LATIN_PUNCTUATION = "‘’‚“”„–—…€£«»°·§©®×÷¿¡\xa0"


def _keeps_ascii(encoding: str) -> bool:
    try:
        return _ASCII_PROBE.decode(encoding) == _ASCII_PROBE.decode("ascii")
    except (LookupError, UnicodeDecodeError):
        return False


def _detected(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) by charset-normalizer, Windows-1252 preferred among equals."""
    from charset_normalizer import from_bytes

    # Without a byte-order mark, UTF-16/32 guesses are noise (ASCII would hold NUL bytes).
    # Nor are encodings that do not keep ASCII as ASCII (EBCDIC): text files here do.
    matches = [
        m
        for m in from_bytes(data)
        if not m.encoding.startswith(("utf_16", "utf_32")) and _keeps_ascii(m.encoding)
    ]
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high < _FEW_HIGH_BYTES:  # too few to tell code pages apart: the usual one, if it fits
        try:
            latin = data.decode(_LATIN_DEFAULT)
        except UnicodeDecodeError:
            latin = ""
        if latin and all(c.isalpha() or c in _LATIN_PUNCTUATION for c in latin if ord(c) > 127):
            return latin, _LATIN_DEFAULT
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.encoding == _LATIN_DEFAULT and match.chaos <= best.chaos + 0.01:
            return str(match), match.encoding
    try:  # the same text as Windows-1252 gives: say Windows-1252, the usual one
        if data.decode(_LATIN_DEFAULT) == str(best):
            return str(best), _LATIN_DEFAULT
    except UnicodeDecodeError:
        pass
    return str(best), best.encoding


def decode(data: bytes, name: str, *, declared: str | None = None) -> tuple[str, tuple[str, ...]]:
    """Decode input bytes to text (see the module docstring); return it and any warnings.

    ``declared``: the encoding a server gave (``charset=`` of the HTTP content type).

    >>> decode("Café".encode("cp1252"), "menu.txt")
    ('Café', ('menu.txt: not valid UTF-8 (first bad byte at 3); decoded as cp1252 (detected)',))
    """
    marked = _by_mark(data, name)
    if marked is not None:
        return _checked(marked[0], name, "after its byte-order mark"), marked[1]
    controls = len(data) - len(data.translate(None, _CONTROLS))
    if b"\x00" in data or controls > len(data) * _MAX_CONTROL_SHARE:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if declared:
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            return _checked(text, name, declared), (f"{name}: decoded as {declared} (declared)",)
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    well_formed = len(lenient) - len(lenient.encode("ascii", "ignore")) - bad
    if well_formed >= bad:
        return _checked(lenient, name, "as UTF-8"), (
            f"{name}: not valid UTF-8 (first bad byte at {first_bad}); decoded with "
            f"{bad} replacement character(s)",
        )
    detected = _detected(data)
    if detected is None:
        return _checked(lenient, name, "in any encoding tried"), ()
    text, encoding = detected
    return _checked(text, name, encoding), (
        f"{name}: not valid UTF-8 (first bad byte at {first_bad}); decoded as {encoding} "
        "(detected)",
    )
