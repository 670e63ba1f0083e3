"""quotes.v3 regressions (issue 14): quoted fragments inside indirect speech, requests and
labels in quotes, "went on to say", and headlines glued to a scraped article's first line."""

from __future__ import annotations

import pytest

from slant.analyzers.quotes import extract_quotes
from slant.analyzers.quotes.headlines import headline_end, quote_ends_headline
from slant.nlp import parse


def _quotes(text: str) -> list[tuple[str, str, str | None]]:
    found = extract_quotes(parse(text))
    for q in found:
        assert text[q.content_start : q.content_end] == q.content
    return [(q.kind, q.content, q.speaker) for q in found]


def test_a_clause_with_as_many_words_of_its_own_is_one_indirect_event() -> None:
    text = (
        "A military leader, for example, said that part of its mission involved creating "
        '"a positive perception of the country." The fires went on.'
    )
    found = _quotes(text)
    assert [kind for kind, _, _ in found] == ["indirect"]
    assert found[0][1].startswith("part of its mission involved creating")


def test_a_clause_built_around_a_long_quotation_keeps_the_direct_quote() -> None:
    text = (
        "The minister said on Monday, noting that Russia had started \u201ca major operation to "
        "launch massive strikes on targets in the province of Idlib and Homs\u201d."
    )
    kinds = [kind for kind, _, _ in _quotes(text)]
    assert "direct" in kinds


def test_went_on_to_say_reports_speech() -> None:
    text = (
        "The duke spoke on Tuesday. He went on to say that he has always offset his carbon "
        "emissions and will continue to do so."
    )
    found = _quotes(text)
    assert any(
        kind == "indirect" and content.startswith("he has always offset") and speaker
        for kind, content, speaker in found
    )


def test_to_say_alone_is_still_no_report() -> None:
    assert _quotes("He wanted to say that the plan had failed, but did not.") == []


@pytest.mark.parametrize(
    "text",
    [
        # a request in quotes, after an infinitive of a verb of asking
        "Thunberg mocked Trump after he told the teen to 'chill' and 'work on her anger "
        "management problems' on Twitter.",
        # a label in quotes after "described X as"
        "In September, Greta described herself as a 'very happy young girl looking forward "
        "to a bright future' after the remarks.",
    ],
)
def test_requests_and_labels_in_quotes_are_not_speech(text: str) -> None:
    assert [q for q in _quotes(text) if q[0] == "direct"] == []


def test_a_title_case_headline_reports_no_speech() -> None:
    text = (
        "Cory Booker Says Any Serious Climate Plan Has to Include Nuclear Power Among the 2020 "
        "presidential candidates, Cory Booker stands out for his record. He said that nuclear "
        "power must be part of any plan."
    )
    assert headline_end(text) > 0
    found = _quotes(text)
    assert [c for _, c, _ in found] == ["nuclear power must be part of any plan"]


def test_a_quote_closing_a_headline_is_not_speech() -> None:
    text = (
        "Prince Harry defends use of private jets: 'It's to keep my family safe' The Duke of "
        'Sussex has defended his use of private jets. "I spend 99 per cent of my life '
        'travelling the world by commercial," he said.'
    )
    found = _quotes(text)
    assert all("keep my family safe" not in c for _, c, _ in found)
    assert any(c.startswith("I spend 99 per cent") for _, c, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "The minister said on Monday that talks would resume.",
        'The ministry: "We will act." It did.',
        "Aleppo, Syria (AFP) Twenty people were killed on Sunday, a monitor said.",
    ],
)
def test_sentences_are_not_headlines(text: str) -> None:
    assert headline_end(text) == 0
    start = text.find('"') + 1
    assert not quote_ends_headline(text, start, text.find('"', start))
