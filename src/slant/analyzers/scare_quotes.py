"""Scare quotes: a word or short phrase the writer puts in quote marks to distance themselves.

Method: rules over the balanced quote pairs of :mod:`.quotemarks`, after the description of
scare quotes as "quoting without a quoted speaker" in Predelli (2003), *Scare quotes and their
relation to other semantic issues*, and the distancing use of quotes noted in propaganda
annotation guidelines (Da San Martino et al. 2019, "Loaded language"). A pair is a scare quote
when all of these hold:

- it is closed, has one to :data:`MAX_WORDS` words, at most 40 characters, and no sentence or
  clause punctuation inside (``. , ! ? ; :``), so it sits inside a clause of the writer's;
- it is not the content of a direct quotation found by the ``quotes`` analyzer, nor inside
  the content of reported speech (``X said that the "reforms" …``) unless its marks differ
  from those the text uses for its long quotations (a text quoting speech in double marks and
  writing ``'moderate'`` in single ones uses the single ones as its own device);
- it is not attributed: no speech verb (:data:`SPEECH_CUES`) among the four words before the
  opening mark, no ``said``/``says`` right after the closing mark and no cited source in
  brackets right after (``"for now" (AL 303)``) — so ``he spoke of a "sense of urgency"`` is a
  partial quotation, while ``the real 'sense of urgency'`` is a scare quote;
- it is not a word mentioned as a word (``the word "exemplar"``, ``dubbed the "black death"``);
- it is not a name or title: several capitalised words (``"Garage East"``), or one after
  ``book``, ``film``, ``titled``, ``headlined`` and the like, or before ``novel``, ``show``;
- it is not a line of its own (a heading or pull quote) or a headline's ``'…': WHO``.

``so-called`` right before the opening mark makes a pair a scare quote whatever else holds
(except length). The offsets are those of the words inside the marks. It does not judge
whether the distancing is fair, and it does not see scare quotes made without quote marks
("so-called moderate rebels") or in italics.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..analysis import Quote, ScareQuote
from ..pipeline import Context, analyzer
from .quotes.quotemarks import QuotePair, find_quote_pairs, word_count

__all__ = ["MAX_WORDS", "SPEECH_CUES", "find_scare_quotes", "scare_quotes"]

#: Longest scare quote, in words.
MAX_WORDS = 4
_MAX_CHARS = 40
#: Words that attribute the quoted words to a speaker when they come just before them.
SPEECH_CUES = frozenset(
    "said says say saying told tells tell telling spoke speaks speaking wrote writes "
    "writing warned warns added adds stated states declared declares described describes "
    "announced announces claimed claims insisted insists labelled labeled branded "
    "referred refers mentioned vowed pledged urged promised promises admitted argued "
    "argues according tweeted posted".split()
)
_TITLE_CUES = frozenset(
    "book books film films movie article articles song album titled entitled headlined "
    "headline report novel poem play show series documentary column essay paper magazine "
    "newspaper programme program podcast".split()
)
#: Words that announce a word being mentioned or named, not used: ``the word "exemplar"``.
_MENTION_CUES = frozenset(
    "word words term terms phrase phrases expression slogan label labels name names nickname "
    "number letter letters dubbed nicknamed named".split()
)
_CLAUSE_PUNCTUATION = re.compile(r"[.,!?;:]")
_WORD = re.compile(r"[\w’'-]+")
_SO_CALLED = re.compile(r"so[- ]called\s*$", re.IGNORECASE)


def _words_before(text: str, at: int, count: int) -> list[str]:
    line_start = text.rfind("\n", 0, at) + 1
    return [w.lower() for w in _WORD.findall(text[line_start:at])][-count:]


def _is_attributed(text: str, start: int, end: int) -> bool:
    if any(w in SPEECH_CUES for w in _words_before(text, start, 4)):
        return True
    after = text[end : end + 30].lower()
    return re.match(r"\s*,?\s*(?:\w+\s+)?(?:said|says)\b", after) is not None


def _is_title(text: str, pair: QuotePair, content: str) -> bool:
    """A title or proper name: several capitalised words, or a capitalised one after a cue."""
    words = content.split()
    small = {"of", "the", "and", "a", "in", "to", "on", "for"}
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in small for w in words):
        return False
    if len(words) > 1:
        return True
    after = [w.lower() for w in _WORD.findall(text[pair.end : pair.end + 30])][:2]
    return any(w in _TITLE_CUES for w in _words_before(text, pair.start, 3) + after)


def _stands_alone(text: str, pair: QuotePair) -> bool:
    """A quote that is a whole line (a heading or pull quote), or a headline's ``'…': WHO``."""
    line_start = text.rfind("\n", 0, pair.start) + 1
    line_end = text.find("\n", pair.end)
    line_end = len(text) if line_end == -1 else line_end
    before, after = text[line_start : pair.start].strip(), text[pair.end : line_end].strip()
    return not before and not after or after.startswith(":") and "." not in after


def _speech_style(pairs: list[QuotePair]) -> str | None:
    """The marks the text uses for long quotations (six words or more), if one style wins."""
    counts = {"double": 0, "single": 0}
    for pair in pairs:
        if word_count(pair.content) >= 6:
            counts[pair.style] += 1
    if counts["double"] == counts["single"]:
        return None
    return max(counts, key=lambda style: counts[style])


def find_scare_quotes(
    text: str,
    *,
    quotation_spans: Sequence[tuple[int, int]] = (),
    reported_spans: Sequence[tuple[int, int]] = (),
) -> list[ScareQuote]:
    """Return the scare quotes of ``text`` in order.

    ``quotation_spans`` are the ``[start, end)`` contents of direct quotations and
    ``reported_spans`` those of indirect speech (``X said that …``), from the ``quotes``
    analyzer. A short quote inside reported speech is taken for the speaker's words (a
    partial quotation) unless its marks differ from those the text uses for speech.

    >>> [q.text for q in find_scare_quotes("the so-called 'moderate' rebels")]
    ['moderate']
    >>> find_scare_quotes('He said "we will win" and left.')
    []
    """
    pairs = find_quote_pairs(text, include_unclosed=False)
    speech_style = _speech_style(pairs)
    found = []
    for pair in pairs:
        content = pair.content.strip()
        start = pair.content_start + (len(pair.content) - len(pair.content.lstrip()))
        end = start + len(content)
        if not any(ch.isalpha() for ch in content):
            continue
        if word_count(content) > MAX_WORDS or len(content) > _MAX_CHARS:
            continue
        so_called = _SO_CALLED.search(text[max(0, pair.start - 12) : pair.start]) is not None
        if not so_called and _is_quotation(
            text, pair, content, (start, end), speech_style, quotation_spans, reported_spans
        ):
            continue
        found.append(ScareQuote(text=content, start=start, end=end))
    return found


def _is_quotation(
    text: str,
    pair: QuotePair,
    content: str,
    span: tuple[int, int],
    speech_style: str | None,
    quotation_spans: Sequence[tuple[int, int]],
    reported_spans: Sequence[tuple[int, int]],
) -> bool:
    """Whether a short quoted stretch is someone's words, a title or a heading."""
    start, end = span
    if _CLAUSE_PUNCTUATION.search(content) or _stands_alone(text, pair):
        return True
    if any(s <= start and end <= e for s, e in quotation_spans):
        return True
    own_device = speech_style is not None and pair.style != speech_style
    if not own_device and any(s <= start and end <= e for s, e in reported_spans):
        return True
    if any(w in _MENTION_CUES for w in _words_before(text, pair.start, 2)):
        return True
    if re.match(r"\s*\([A-Z0-9]", text[pair.end : pair.end + 4]):  # a cited source: (AL 303)
        return True
    return _is_attributed(text, pair.start, pair.end) or _is_title(text, pair, content)


def _quotation_spans(quotes: list[Quote], kinds: set[str]) -> list[tuple[int, int]]:
    return [(q.content_start, q.content_end) for q in quotes if q.kind in kinds]


@analyzer("scare_quotes", version="scare_quotes.v2", sets=("scare_quotes",), requires=("quotes",))
def scare_quotes(ctx: Context) -> dict[str, list[ScareQuote]]:
    """Words put in scare quotes by the writer (short, unattributed, not a title)."""
    quotes: list[Quote] = ctx.output("quotes")
    found = find_scare_quotes(
        ctx.text,
        quotation_spans=_quotation_spans(quotes, {"direct"}),
        reported_spans=_quotation_spans(quotes, {"indirect", "according_to"}),
    )
    return {"scare_quotes": found}
