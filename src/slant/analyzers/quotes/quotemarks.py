"""Find quoted stretches of text: balanced pairs of quote marks, with exact offsets.

Shared by the ``quotes`` analyzer (real quotations) and the ``scare_quotes`` analyzer
(distancing quotes around a word or two). Both read the same pairs; each decides what a pair
*is*.

Method: a left-to-right scan of each paragraph (text between blank lines; a quote may run
over the single line breaks inside one), with one state for double marks (``" “ ” „``) and
one for single marks (``' ‘ ’ ‚``), so a ``“…‘…’…”`` nesting and British ``‘…“…”…’``
nesting both pair. Curly marks say which side they are on; straight marks and the odd misuse
of a curly mark (``‘trained‘``) are decided by their neighbours, the rule typographers use:
a mark after a space or an opening bracket, before a non-space, opens; a mark after a
non-space, before a space or punctuation, closes. A single mark between two letters or
digits (``Syria’s``, ``don't``) or eliding a year or a word (``’80s``, ``'cause``) is an
apostrophe and never opens or closes. A closing mark with no open quote is ignored; a quote
still open at the end of its paragraph is returned with ``closed=False`` and runs over whole
lines towards the paragraph's end, at most :data:`MAX_UNCLOSED_CHARS` (the quotes analyzer
joins such a quote with the next paragraph when that paragraph opens with a quote mark, the
news convention for a multi-paragraph quotation).

Scraped news breaks these conventions in two ways the scan also reads: a paragraph's opening
mark glued to the end of the previous sentence (``issue." If someone … scam," Watters said``,
``it."O'Rourke asserted``): a straight mark right after ``.``/``?``/``!`` closes an open
quote whatever follows it, and opens one when none is open; and one mark that both closes a
quote and opens the next (``getting." At the same time … built," Trump continued``): a
closing mark with no quote open pairs with that mark when nothing but words lies between.
HTML left in the text is ignored: tags are blanked and ``&quot;``/``&apos;``/``&#39;``-style
entities read as the mark they stand for (:func:`mask_markup`), so markup is never a quote and
attribute values never pair.

It does not decide whether a pair is speech, a title or a scare quote, and it does not pair
guillemets or CJK brackets. Never raises on unbalanced marks or odd characters.

>>> [(p.content, p.style, p.closed) for p in find_quote_pairs('He said "no" to the ‘plan’.')]
[('no', 'double', True), ('plan', 'single', True)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "DOUBLE_MARKS",
    "MAX_UNCLOSED_CHARS",
    "SINGLE_MARKS",
    "QuotePair",
    "find_quote_pairs",
    "mask_markup",
    "word_count",
]

DOUBLE_MARKS = frozenset('"“”„')
SINGLE_MARKS = frozenset("'‘’‚")
_OPENING = frozenset("“„‘‚")
_CLOSING = frozenset("”’")
_OPEN_BEFORE = frozenset("([{<—–-/:;")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
#: An unclosed quote runs on over whole lines of its paragraph up to this many characters.
MAX_UNCLOSED_CHARS = 800
# A single mark that elides the start of a word or year: ’80s, 'cause, 'em, 'til.
_ELISION = re.compile(r"(?:\d\d(?:s|\b)|(?:[Cc]ause|em|til|tis|twas|n)\b)")
_SENTENCE_END = frozenset(".?!")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>|<!--.{0,2000}?-->", re.S)
_ENTITY = re.compile(r"&(?:quot|apos|#34|#39|#x22|#x27|ldquo|rdquo|lsquo|rsquo|amp|nbsp|#\d{1,5});")
_ENTITY_MARK = {
    "&quot;": '"',
    "&#34;": '"',
    "&#x22;": '"',
    "&ldquo;": "“",
    "&rdquo;": "”",
    "&apos;": "'",
    "&#39;": "'",
    "&#x27;": "'",
    "&lsquo;": "‘",
    "&rsquo;": "’",
}


def mask_markup(text: str) -> str:
    """``text`` with HTML tags blanked and quote entities replaced by their mark, same length.

    The mark of an entity sits on the side that touches a word, so ``&quot;Hi&quot;`` reads
    as ``     "Hi"     ``; other entities become spaces.

    >>> mask_markup('<b>Hi</b> &quot;yes&quot; <br/>')
    '   Hi          "yes"           '
    """
    if "<" not in text and "&" not in text:
        return text
    out = _TAG.sub(lambda m: " " * len(m.group()), text)

    def entity(match: re.Match[str]) -> str:
        mark = _ENTITY_MARK.get(match.group())
        blank = " " * (len(match.group()) - 1)
        if mark is None:
            return blank + " "
        after = out[match.end() : match.end() + 1]
        return blank + mark if after and not after.isspace() else mark + blank

    return _ENTITY.sub(entity, out)


@dataclass(frozen=True)
class QuotePair:
    """One quoted stretch: ``text[start:end]`` includes its marks, ``content`` excludes them.

    ``start`` is the offset of the opening mark; ``end`` is just past the closing mark, or
    the end of the last line it runs over (trailing spaces removed) when ``closed`` is False.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    content: str
    style: str  # "double" or "single"
    closed: bool


def word_count(text: str) -> int:
    """Number of whitespace-separated words in ``text``.

    >>> word_count("so-called  moderate rebels")
    3
    """
    return len(text.split())


def _is_opener(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if after.isspace():
        return False
    return before.isspace() or before in _OPEN_BEFORE or before in DOUBLE_MARKS | SINGLE_MARKS


def _is_closer(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isspace():
        return False
    return not after.isalnum()


def _is_apostrophe(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    return _ELISION.match(text, index + 1) is not None


def _glued(text: str, index: int) -> bool:
    """A straight mark right after a sentence end, before a word or a space (``it."O'Rourke``,
    ``issue." If``): a closing mark, or an opening one glued to the sentence before."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1 : index + 3]
    return (
        text[index] in "\"'"
        and before in _SENTENCE_END
        and bool(after)
        and (after[0].isalnum() or (after[0] == " " and after[1:2].isalnum()))
    )


def _role(text: str, index: int, is_open: bool, style: str) -> str | None:
    """Return "open", "close" or None (ignore) for the mark at ``index``."""
    mark = text[index]
    if style == "single" and _is_apostrophe(text, index):
        return None
    if is_open:
        if mark in _CLOSING or _is_closer(text, index) or _glued(text, index):
            return "close"
        return "open" if _is_opener(text, index) else None
    if _glued(text, index):
        return "open"
    if mark in _CLOSING:
        return None
    if mark in _OPENING:
        return "open" if not text[index + 1 : index + 2].isspace() else None
    return "open" if _is_opener(text, index) else None


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        yield start, gap.start()
        start = gap.end()
    yield start, len(text)


def _unclosed_end(text: str, open_at: int, paragraph_end: int) -> int:
    """End of an unclosed quote: whole lines from its mark, within ``MAX_UNCLOSED_CHARS``."""
    end = text.find("\n", open_at, paragraph_end)
    end = paragraph_end if end == -1 else end
    while end < paragraph_end:
        following = text.find("\n", end + 1, paragraph_end)
        following = paragraph_end if following == -1 else following
        if following - open_at > MAX_UNCLOSED_CHARS:
            break
        end = following
    while end > open_at + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _pair(text: str, open_at: int, close_at: int, style: str, closed: bool) -> QuotePair:
    end = close_at + 1 if closed else close_at
    return QuotePair(
        start=open_at,
        end=end,
        content_start=open_at + 1,
        content_end=close_at,
        content=text[open_at + 1 : close_at],
        style=style,
        closed=closed,
    )


def find_quote_pairs(text: str, *, include_unclosed: bool = True) -> list[QuotePair]:
    """Return the quoted stretches of ``text`` in order of their opening mark.

    With ``include_unclosed=False`` only balanced pairs are returned (what a scare-quote
    finder wants).

    >>> [(p.content, p.closed) for p in find_quote_pairs('"One.\\n\\n"Two," she said.')]
    [('One.', False), ('Two,', True)]
    >>> find_quote_pairs("It's the jihadis' ‘moderate’ wing")[0].content
    'moderate'
    """
    original, text = text, mask_markup(text)
    pairs: list[QuotePair] = []
    for para_start, para_end in _paragraphs(text):
        open_at: dict[str, int | None] = {"double": None, "single": None}
        # a closing mark after a sentence end that may also open the next quote
        shared: dict[str, int | None] = {"double": None, "single": None}
        for index in range(para_start, para_end):
            mark = text[index]
            if mark in DOUBLE_MARKS:
                style = "double"
            elif mark in SINGLE_MARKS:
                style = "single"
            else:
                continue
            role = _role(text, index, open_at[style] is not None, style)
            opened, shared_at = open_at[style], shared[style]
            if role == "close" and opened is not None:
                pairs.append(_pair(original, opened, index, style, closed=True))
                open_at[style] = None
                shared[style] = index if _glued(text, index) else None
            elif role == "open":
                open_at[style] = index
                shared[style] = None
            elif opened is None and shared_at is not None and _is_closer(text, index):
                pairs.append(_pair(original, shared_at, index, style, closed=True))
                shared[style] = None
        for style, opened in open_at.items():
            if opened is None or not include_unclosed:
                continue
            end = _unclosed_end(text, opened, para_end)
            if end > opened + 1:
                pairs.append(_pair(original, opened, end, style, closed=False))
    pairs.sort(key=lambda p: (p.start, p.end))
    return pairs
