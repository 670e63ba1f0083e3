"""quotes.v2 regressions: the one-line kinds of issue 14 (attribution suites nobody here
wrote), scraped-news quote marks, markup, and the honorifics in the shared parse."""

from __future__ import annotations

import pytest

from slant.analyzers.quotes import extract_quotes
from slant.analyzers.quotes.quotemarks import find_quote_pairs, mask_markup
from slant.nlp import parse


def _quotes(text: str) -> list[tuple[str, str | None, str | None]]:
    found = extract_quotes(parse(text))
    for q in found:
        assert text[q.content_start : q.content_end] == q.content
        if q.speaker_mention_start is not None:
            assert q.speaker_mention_end is not None
            assert 0 <= q.speaker_mention_start < q.speaker_mention_end <= len(text)
    return [(q.content, q.speaker, q.cue) for q in found]


def _mention(text: str) -> str | None:
    (quote,) = extract_quotes(parse(text))
    if quote.speaker_mention_start is None:
        return None
    return text[quote.speaker_mention_start : quote.speaker_mention_end]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ('"No," the minister replied.', "No,", "minister", "replied"),
        ('"Are you sure?" Ortega asked in a low voice.', "Are you sure?", "Ortega", "asked"),
        ('"Get down!" shouted Captain Reyes.', "Get down!", "Captain Reyes", "shouted"),
        ('"Stop," he muttered.', "Stop,", "he", "muttered"),
        ('She whispered, "Run."', "Run.", "She", "whispered"),
        ('"Never," she exclaimed.', "Never,", "she", "exclaimed"),
        ('"We will fight on," said Ortega.', "We will fight on,", "Ortega", "said"),
        ('"We will fight on," said Maria Lopez.', "We will fight on,", "Maria Lopez", "said"),
        ('"They lied to us," Ana Kovacevic said.', "They lied to us,", "Ana Kovacevic", "said"),
        ('"It is over," Rep. John Smith said.', "It is over,", "John Smith", "said"),
    ],
)
def test_short_quotes_other_verbs_and_orders(
    text: str, content: str, speaker: str, cue: str
) -> None:
    assert _quotes(text) == [(content, speaker, cue)]


@pytest.mark.parametrize(
    "text",
    [
        'Kovac says his favourite film is "The Battle of Algiers".',
        'They watched "The Battle of Algiers" twice.',
        'Rebels of the so-called "Free Army" fled.',
        'SANA blamed the attacks on "terrorists".',
    ],
)
def test_titles_and_scare_quotes_are_not_speech(text: str) -> None:
    assert _quotes(text) == []


def test_colon_attribution_and_according_to() -> None:
    assert _quotes('The ministry: "We will not negotiate with terrorists."') == [
        ("We will not negotiate with terrorists.", "ministry", None)
    ]
    assert _quotes("According to the ministry, 40 people died.")[0][1] == "ministry"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ('"We won," she said.', "she"),
        ('Ann Lee arrived. "We won," the minister said.', "minister"),
        ("The Home Office said that the talks had failed.", "Home Office"),
    ],
)
def test_the_mention_is_the_words_at_the_cue(text: str, mention: str) -> None:
    assert _mention(text) == mention


def test_pronoun_agrees_in_gender_and_skips_asides() -> None:
    text = (
        'Mr. Tom Reed met Ms. Ann Lee. "We agreed on nothing," she said. '
        "(Mayor Bob Hall is also in favour.) "
        '"I want peace," he said.'
    )
    found = extract_quotes(parse(text))
    assert [q.speaker for q in found] == ["Ann Lee", "Tom Reed"]


def test_description_resolves_to_the_outlet_named_before() -> None:
    text = (
        "The Guardian reported the deal on Monday. "
        "The newspaper said that the ministers had signed it in secret."
    )
    (quote,) = extract_quotes(parse(text))
    assert quote.speaker == "The Guardian" or quote.speaker == "Guardian"
    assert text[quote.speaker_mention_start : quote.speaker_mention_end] == "newspaper"


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        # an opening mark glued to the previous sentence, then one closing and reopening
        (
            'It was the plan." If they call, it\'s a scam," Watters said. "He is a fraud."'
            "O'Rourke asserted it.",
            ["If they call, it's a scam,", "He is a fraud."],
        ),
        (
            '"I want clean air. That is what we get." At the same time, we built it," Trump '
            "continued.",
            ["I want clean air. That is what we get.", "At the same time, we built it,"],
        ),
        (
            "day.'So ridiculous,' the chief wrote. 'Chill, Greta!'Thousands answered.",
            ["So ridiculous,", "Chill, Greta!"],
        ),
    ],
)
def test_scraped_quote_marks(text: str, contents: list[str]) -> None:
    found = [c for c, _, _ in _quotes(text)]
    assert found[: len(contents)] == contents


def test_quote_at_the_start_of_a_document() -> None:
    for name in ("Ortega", "Maria Lopez", "the spokesman", "Kovacevic"):
        text = f'"We will not give up this city to anyone," said {name}.'
        assert [c for c, _, _ in _quotes(text)] == ["We will not give up this city to anyone,"]


def test_markup_is_never_speech() -> None:
    text = (
        '<div class="story"><p>The minister said &quot;we have won the war today&quot;.</p>'
        '<a href="/x" title="said he">link</a></div>'
    )
    found = _quotes(text)
    assert [c for c, _, _ in found] == ["we have won the war today"]
    assert all("<" not in c and "&quot;" not in c for c, _, _ in found)
    assert all(p.content.strip() != "x" for p in find_quote_pairs(text))
    assert len(mask_markup(text)) == len(text)


def test_unbalanced_marks_do_not_swallow_the_article() -> None:
    text = (
        'He said "this is odd and it goes on.\n\n'
        + "Another paragraph follows here with more words. " * 30
        + '\n\n"We won," she said.'
    )
    found = extract_quotes(parse(text))
    assert all(q.content_end - q.content_start < 900 for q in found)
    assert found[-1].content == "We won,"


@pytest.mark.parametrize(
    "text",
    [
        'This is a felony," said Rep. John Smith of Ohio, who chairs the panel.',
        "Former Florida Gov. Jeb Bush spoke on Friday.",
        "Lt. Gen. Michael Flynn and Maj. Tom Lee met Dr. Ann Ray at St. Mary hospital.",
        "The bill was backed by Sen. Al Franken and Gov. Jerry Brown.",
    ],
)
def test_honorifics_do_not_end_a_sentence(text: str) -> None:
    assert [s.text for s in parse(text).sents] == [text]
