"""Words of news text as the corpus statistics count them: a tokeniser and a stop list.

One definition shared by the comparison of two sides (:mod:`slant.compare`) and the grouping
of documents into stories (:mod:`slant.stories`), so both read a text the same way. Tokens are
lower-cased words (hyphenated words kept whole, possessive ``'s`` dropped), numbers and
punctuation marks; nothing here needs a parse.
"""

from __future__ import annotations

import re

__all__ = ["STOP_WORDS", "tokenise"]

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing don down during each
    few for from further had has have having he her here hers herself him himself his how i
    if in into is it its itself just me might more most must my myself no nor not now of off
    on once only or other our ours ourselves out over own per said same says she should so
    some such than that the their theirs them themselves then there these they this those
    through to too under until up upon very was we were what when where which while who whom
    why will with would you your yours yourself yourselves mr mrs ms one two also said says
    told according since among within without however including like may new year years
    s t d ll m re ve""".split()
) | frozenset("abcdefghijklmnopqrstuvwxyz")

_TOKEN = re.compile(r"\w+(?:-\w+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s\b")


def tokenise(text: str) -> list[str]:
    """Lower-cased tokens of ``text``, boundaries (numbers, punctuation) included.

    >>> tokenise("Assad's forces shelled pro-government areas, killing 12.")
    ['assad', 'forces', 'shelled', 'pro-government', 'areas', ',', 'killing', '12', '.']
    """
    return _TOKEN.findall(_POSSESSIVE.sub("", text.lower()))
