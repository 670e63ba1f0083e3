"""The headline a scraped article starts with, glued to its first sentence with no stop.

Scraped news (the narrative-framing set, FA-KES) keeps the headline as the first words of the
text, followed by the body with only a space between: ``Cory Booker Says Any Serious Climate
Plan Has to Include Nuclear Power Among the 2020 presidential candidates, …`` or ``Prince
Harry defends use of private jets: 'It's to keep my family safe' The Duke of Sussex has …``.
A headline reports no speech event of its own (the gold guideline leaves headlines out), so
the quote finders ignore a cue or a quotation inside it.

Two surface patterns, after the headline styles of news sites:

- *title case*: the text opens with a run of at least :data:`MIN_TITLE_WORDS` words that are
  all capitalised, numbers or short function words (``to``, ``of``, ``the``), at least
  :data:`MIN_CAPITALISED` of them capitalised; the run may take the body's first words
  (``Among the 2020``), which hold no cue;
- *a quote closing the headline*: ``Name does X: 'quotation' The body …`` — a quotation that
  opens after a colon in the first sentence of the text, has no final stop of its own and is
  followed, with no stop, by a capitalised word.

- *a restated headline* (quotes.v6): a sentence-case headline whose words the lead repeats
  (``Environmental groups to sue Trump administration over offshore drilling tests
  Environmental groups plan to sue the Trump administration …``, ``Twin car bombs kill 25 in
  Syrias Homs … Two car bombs killed at least 25 …``): in the text's first sentence, a
  capitalised word after a word with no punctuation, on the text's first line, where at
  least :data:`MIN_RESTATED` content words of what comes before it (compared by their first
  four letters) come back in the words after it; of several such places, the one with most
  words restated.

A title-case run stops before a quotation in sentence case (only its first word capitalised)
that opens inside it (``… That Shall Not Be Named "Most of the threats …," Wheeler
asserted``: the quotation is the lead's); a quotation that opens inside the headline is part
of it.
It does not recognise a sentence-case headline that the lead does not restate, nor headlines in
the middle of a text (related-story links).
"""

from __future__ import annotations

import re

__all__ = [
    "MIN_CAPITALISED",
    "MIN_RESTATED",
    "MIN_TITLE_WORDS",
    "headline_end",
    "quote_ends_headline",
]

#: A title-case run at the start is a headline from this many words on ...
MIN_TITLE_WORDS = 6
#: ... with at least this many of them capitalised.
MIN_CAPITALISED = 5
_WORD = re.compile(r"\S+")
_LOWER_IN_TITLES = frozenset(
    "a an the of to in on at for and or but nor with by from as vs via is are".split()
)
#: How far into the text a headline's closing quotation may end.
_HEADLINE_REACH = 240
#: A sentence-case headline is restated by its lead in at least this many content words.
MIN_RESTATED = 3
#: ... and ends within this many characters of the start.
_RESTATED_REACH = 300
_OPENING_MARKS = "\"'“‘"
_CLOSING_MARKS = "\"'”’"
_NOT_CONTENT = _LOWER_IN_TITLES | frozenset(
    "be was were has have had it its this that these those into over after than not".split()
)


def headline_end(text: str) -> int:
    """The end offset of a title-case headline at the start of ``text``, else 0.

    >>> text = "Booker Says Any Climate Plan Has to Include Nuclear Power Among the 2020 candidates"
    >>> text[: headline_end(text)]
    'Booker Says Any Climate Plan Has to Include Nuclear Power Among the 2020'
    >>> headline_end("The minister said on Monday that talks would resume.")
    0
    """
    return max(_title_case_end(text), _restated_end(text))


def _title_case_end(text: str) -> int:
    end = words = capitalised = 0
    quote: tuple[int, int, int, int] | None = None  # an open quotation: where, and the counts
    for match in _WORD.finditer(text):
        raw = match.group(0)
        word = raw.strip("\"'“”‘’()")
        if not word:
            break
        if raw[0] in _OPENING_MARKS:
            quote = (match.start(), end, words, capitalised)
        if word[0].isupper():
            capitalised += 1
        elif not (word[0].isdigit() or word.lower() in _LOWER_IN_TITLES):
            if quote is not None and capitalised - quote[3] == 1:
                _, end, words, capitalised = quote  # a sentence-case quotation opened in it
            break
        words += 1
        end = match.end()
        if raw.rstrip(".,!?:;")[-1:] in _CLOSING_MARKS:
            quote = None
        if word[-1:] in ".!?" and not word[:-1].isupper():
            break  # a sentence ended: the text opens with a sentence, not a headline
    if words >= MIN_TITLE_WORDS and capitalised >= MIN_CAPITALISED:
        return end
    return 0


def _stem(word: str) -> str | None:
    """A content word's first four letters (``withdrawing`` = ``withdraw``), else None."""
    letters = word.strip("\"'“”‘’()[],.;:!?-–—").lower()
    return letters[:4] if len(letters) >= 3 and letters not in _NOT_CONTENT else None


def _restated_end(text: str) -> int:
    """The end of a sentence-case headline the lead restates, else 0 (see the module)."""
    matches: list[re.Match[str]] = []
    for match in _WORD.finditer(text, 0, min(len(text), _RESTATED_REACH + 200)):
        if matches and "\n" in text[matches[-1].end() : match.start()]:
            break  # a headline on a line of its own is not glued to the lead
        matches.append(match)
        word = match.group(0).rstrip("\"'”’)")
        if word[-1:] in ".!?" and not word[:-1].replace(".", "").isupper():
            break  # the first sentence ended
    words = [m.group(0) for m in matches]
    stems = [_stem(w) for w in words]
    best, best_end = MIN_RESTATED - 1, 0
    headline = {x for x in stems[:3] if x}
    for i in range(3, len(words) - MIN_RESTATED):
        previous = stems[i - 1]
        if i > 3 and previous:
            headline.add(previous)
        if matches[i].start() > _RESTATED_REACH:
            break
        first = words[i].lstrip(_OPENING_MARKS + "(")
        before = words[i - 1]
        if not first[:1].isupper() or before[-1:] in ",;:–—-" or before.lower() in _NOT_CONTENT:
            continue
        restated = len(headline & {x for x in stems[i : 2 * i + 12] if x})
        if restated > best:
            best, best_end = restated, matches[i - 1].end()
    return best_end


def quote_ends_headline(text: str, start: int, end: int) -> bool:
    """Whether the quotation ``text[start:end]`` (its words, inside the marks) closes a
    headline: it opens after a colon in the text's first sentence and, past its closing mark,
    a capitalised word follows with no stop.

    >>> text = "Prince Harry defends use of jets: 'It's to keep my family safe' The Duke said"
    >>> quote_ends_headline(text, 35, 62)
    True
    >>> quote_ends_headline('The ministry: "We will act." It did.', 15, 26)
    False
    """
    if end > _HEADLINE_REACH or re.search(r"[.!?]", text[:start]) or text[end - 1 : end] in ".!?":
        return False  # past the first sentence, or a quotation that ends a sentence
    if not re.search(r":\s*[\"'“‘]$", text[:start]):
        return False
    return re.match(r"[\"'”’]\s+[A-Z]", text[end:]) is not None
