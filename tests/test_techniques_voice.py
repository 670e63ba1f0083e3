"""Whose voice a technique span is in: the rule of slant.techniques.voice, and the analyzer."""

from __future__ import annotations

import pytest

import slant
from slant.analysis import Quote
from slant.techniques.voice import Voice, voice_of

TEXT = 'Critics were furious. "These are corrupt thugs," said Ann Lee. He called it a disgrace.'
DIRECT = Quote("direct", "Ann Lee", 53, 60, "said", "These are corrupt thugs,", 23, 47)
# A reported clause that holds the direct quote (nested speech): the inner quote wins.
OUTER = Quote("indirect", "Bob Roe", None, None, "said", TEXT[0:60], 0, 60)


@pytest.mark.parametrize(
    ("words", "quotes", "expected"),
    [
        ("corrupt thugs", [DIRECT], Voice("quoted", 0, "Ann Lee")),
        ("furious", [DIRECT], Voice("author")),
        ("disgrace", [DIRECT], Voice("author")),
        ("corrupt thugs", [OUTER, DIRECT], Voice("quoted", 1, "Ann Lee")),
        ("furious", [OUTER, DIRECT], Voice("quoted", 0, "Bob Roe")),
        ("corrupt thugs", [], Voice("author")),
    ],
)
def test_voice_of(words: str, quotes: list[Quote], expected: Voice) -> None:
    start = TEXT.index(words)
    assert voice_of(start, start + len(words), quotes) == expected


def test_a_span_mostly_outside_the_quote_is_the_authors() -> None:
    start = TEXT.index("thugs")
    assert voice_of(start, len(TEXT), [DIRECT]).voice == "author"


def test_a_quote_without_speaker_is_still_quoted() -> None:
    anonymous = Quote("direct", None, None, None, None, "These are corrupt thugs,", 23, 47)
    assert voice_of(33, 38, [anonymous]) == Voice("quoted", 0, None)


def test_the_analyzer_gives_every_finding_a_voice() -> None:
    text = (
        'The minister said: "These jihadi thugs and disgusting traitors will be crushed." '
        "The brutal regime spread its vile propaganda lies again."
    )
    analysis = slant.analyze(text, analyzers=["techniques"])
    assert analysis.analyzers["techniques"] == "techniques.v6"
    assert analysis.techniques
    for t in analysis.techniques:
        assert t.voice in ("author", "quoted")
        if t.voice == "quoted":
            quote = analysis.quotes[t.quote]
            inside = min(t.end, quote.content_end) - max(t.start, quote.content_start)
            assert inside * 2 >= t.end - t.start
            assert t.speaker == quote.speaker
        else:
            assert t.quote is None and t.speaker is None
    data = analysis.to_dict()["techniques"][0]
    assert {"voice", "quote", "speaker"} <= set(data)
