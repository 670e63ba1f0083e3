"""A headline in Title Case glued to the lead of its article, as scraped news often has it.

``Interior Chief Blames Congress For His Inaction On Climate Change Taking his previous
statements …``: the scrape dropped the line break between the headline and the first sentence.
The headline is the run of capitalised words that opens the text, up to the last capitalised
word before the first word in lower case (that word opens the lead: ``Taking``); it is a
headline only when the run holds five words or more, one of them a function word written with
a capital (``For``, ``On``: Title Case, not a row of names such as ``President Donald Trump
said``), and it runs into the lead on the same line (a headline on a line of its own is a
sentence already). Headlines are not what the text calls anyone (the news gold leaves them out),
so :mod:`.descriptors` reads none for a name that lies wholly inside one. The run may take in
the capitalised words that open the lead (``… Of Media Narrative Democratic New York Rep.
Alexandria Ocasio-Cortez's claim``), which is why a name that runs past its end keeps its
descriptors. Headlines in sentence case are not found.
"""

from __future__ import annotations

import re

__all__ = ["glued_headline_end"]

_WORD = re.compile(r"\S+")
_FUNCTION_WORDS = frozenset(
    "a an the of on in to for and or at by with as from into over about after is are was "
    "his her its their our your my not no vs".split()
)
_MIN_WORDS = 5


def glued_headline_end(text: str) -> int:
    """Where a Title Case headline glued to the lead ends (0 when the text opens with none).

    >>> text = "Interior Chief Blames Congress For His Inaction Taking his statements. He said"
    >>> text[: glued_headline_end(text)]
    'Interior Chief Blames Congress For His Inaction'
    """
    words: list[re.Match[str]] = []
    for match in _WORD.finditer(text, 0, min(len(text), 400)):
        letters = match.group().lstrip("\"'‘“(")
        if not letters[:1].isalpha():
            if letters[:1].isdigit():
                words.append(match)
                continue
            return 0
        if letters[0].islower():
            break
        words.append(match)
    else:
        return 0
    if len(words) < _MIN_WORDS + 1:
        return 0
    headline = words[:-1]  # the last capitalised word opens the lead
    if not any(w.group().lower() in _FUNCTION_WORDS for w in headline[1:]):
        return 0
    end = headline[-1].end()
    line_end = text.find("\n")
    lead = text[end : line_end if line_end >= 0 else len(text)]
    return end if ". " in lead else 0  # the lead's first sentence ends on the same line
