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

It does not recognise a sentence-case headline with no quotation in it, nor headlines in the
middle of a text (related-story links).
"""

from __future__ import annotations

import re

__all__ = ["MIN_CAPITALISED", "MIN_TITLE_WORDS", "headline_end", "quote_ends_headline"]

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


def headline_end(text: str) -> int:
    """The end offset of a title-case headline at the start of ``text``, else 0.

    >>> text = "Booker Says Any Climate Plan Has to Include Nuclear Power Among the 2020 candidates"
    >>> text[: headline_end(text)]
    'Booker Says Any Climate Plan Has to Include Nuclear Power Among the 2020'
    >>> headline_end("The minister said on Monday that talks would resume.")
    0
    """
    end = words = capitalised = 0
    for match in _WORD.finditer(text):
        word = match.group(0).strip("\"'“”‘’()")
        if not word:
            break
        if word[0].isupper():
            capitalised += 1
        elif not (word[0].isdigit() or word.lower() in _LOWER_IN_TITLES):
            break
        words += 1
        end = match.end()
        if word[-1:] in ".!?" and not word[:-1].isupper():
            break  # a sentence ended: the text opens with a sentence, not a headline
    if words >= MIN_TITLE_WORDS and capitalised >= MIN_CAPITALISED:
        return end
    return 0


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
