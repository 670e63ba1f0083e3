"""Quotes: quote-mark pairing, direct/indirect/according-to extraction, speakers, evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from slant.analyzers.quotes import extract_quotes
from slant.analyzers.quotes.quotemarks import find_quote_pairs
from slant.cli import app
from slant.evaluation.quotes import GoldQuote, Prediction, SystemScore, _score_article, same_speaker
from slant.nlp import parse
from slant.pipeline import available_analyzers

from .conftest import SHARED

SAMPLE = SHARED / "data" / "samples" / "aleppo-and-mosul.txt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "no" today.', [("no", "double", True)]),
        ("He said “no” today.", [("no", "double", True)]),
        ("the ‘moderate’ rebels", [("moderate", "single", True)]),
        ("the 'moderate' rebels", [("moderate", "single", True)]),
        ("Syria’s army and the jihadis’ camp, don't", []),
        ("in the ‘80s and ’90s", []),
        (
            "“outer ‘inner’ text”",
            [("outer ‘inner’ text", "double", True), ("inner", "single", True)],
        ),
        ("‘trained‘ by them", [("trained", "single", True)]),
        ('"open and never closed', [("open and never closed", "double", False)]),
        ('"one\nline two" end', [("one\nline two", "double", True)]),
        ('"first para\n\n"second"', [("first para", "double", False), ("second", "double", True)]),
        ("a stray ” closer and 5' 10\" man", []),
        ("", []),
    ],
)
def test_find_quote_pairs(text: str, expected: list[tuple[str, str, bool]]) -> None:
    pairs = find_quote_pairs(text)
    assert [(p.content, p.style, p.closed) for p in pairs] == expected
    for pair in pairs:
        assert text[pair.content_start : pair.content_end] == pair.content
        assert text[pair.start] in "\"“”'‘’"


def test_find_quote_pairs_without_unclosed() -> None:
    assert find_quote_pairs('"open only', include_unclosed=False) == []


def _quotes(text: str) -> list[tuple[str, str | None, str | None, str]]:
    found = extract_quotes(parse(text))
    for quote in found:
        assert text[quote.content_start : quote.content_end] == quote.content
        if quote.speaker_start is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)
    return [(q.kind, q.speaker, q.cue, q.content) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "…," X said
            '"We will win this election," Ann Lee said.',
            [("direct", "Ann Lee", "said", "We will win this election,")],
        ),
        (  # X said: "…"
            "Ann Lee said: “We will win this election easily.”",
            [("direct", "Ann Lee", "said", "We will win this election easily.")],
        ),
        (  # "…," said X
            "“We will win this election,” said Ann Lee.",
            [("direct", "Ann Lee", "said", "We will win this election,")],
        ),
        (  # split around the attribution
            '"We will win this election," Ann Lee said, "and then we will govern well."',
            [
                ("direct", "Ann Lee", "said", "We will win this election,"),
                ("direct", "Ann Lee", "said", "and then we will govern well."),
            ],
        ),
        (  # multi-paragraph: an unclosed paragraph continues with the next quoted one
            "Ann Lee said: “We will win this election.\n\n“And then we will govern well.”",
            [
                (
                    "direct",
                    "Ann Lee",
                    "said",
                    "We will win this election.\n\n“And then we will govern well.",
                )
            ],
        ),
        (  # no explicit speaker: the last named speaker
            "“We will win this election,” Ann Lee said. “Nobody can stop us now, not even them.”",
            [
                ("direct", "Ann Lee", "said", "We will win this election,"),
                ("direct", "Ann Lee", None, "Nobody can stop us now, not even them."),
            ],
        ),
        (
            "Ann Lee said that the talks had failed completely.",
            [("indirect", "Ann Lee", "said", "the talks had failed completely")],
        ),
        (
            "Ann Lee told reporters the talks had failed completely.",
            [("indirect", "Ann Lee", "told", "the talks had failed completely")],
        ),
        (
            "Ann Lee warned that the talks would fail without new money.",
            [("indirect", "Ann Lee", "warned", "the talks would fail without new money")],
        ),
        (  # reversed order
            "The talks had failed completely, the Home Office said.",
            [("indirect", "Home Office", "said", "The talks had failed completely")],
        ),
        (
            "According to Ann Lee, the talks had failed completely.",
            [("according_to", "Ann Lee", "According to", "the talks had failed completely")],
        ),
        (  # a short quote governed by a speech verb is speech, reported as the direct quote
            "Mark Collins said he was “delighted”.",
            [("direct", "Mark Collins", "said", "delighted")],
        ),
        (  # a one-word quote inside longer indirect speech stays part of the indirect speech
            "Washington said the Kurds would be “isolating” the city before the attack began.",
            [
                (
                    "indirect",
                    "Washington",
                    "said",
                    "the Kurds would be “isolating” the city before the attack began",
                )
            ],
        ),
        (
            "As Paul Smith wrote for The Post, the legal questions are whether he acted alone.",
            [("indirect", "Paul Smith", "wrote", "the legal questions are whether he acted alone")],
        ),
        (  # nested speech is one event, of the outer speaker
            "One of the women says Franken suggested that they should leave together.",
            [
                (
                    "indirect",
                    "One of the women",
                    "says",
                    "Franken suggested that they should leave together",
                )
            ],
        ),
        (  # "according to X" qualifies the reported clause without being part of it
            "Officials said the plague had killed 57 people, according to the WHO.",
            [
                (
                    "according_to",
                    "WHO",
                    "according to",
                    "Officials said the plague had killed 57 people",
                ),
                ("indirect", "Officials", "said", "the plague had killed 57 people"),
            ],
        ),
        (  # no subject of the cue: the nearest person-like noun before it
            "It was left to a commentator on RT to explain: “In Aleppo civilians are trapped.”",
            [("direct", "commentator on RT", "explain", "In Aleppo civilians are trapped.")],
        ),
        (  # "cited X as saying"
            "The Guardian cited two unidentified sources as saying Manafort first met Assange.",
            [("indirect", "two unidentified sources", "saying", "Manafort first met Assange")],
        ),
        ("Paddock ordered two burgers, suggesting that another person was in the room.", []),
        (  # a cited headline with its byline is not speech
            "“Man jailed for joining ISIS,” by Justin Carissimo, CBS News, October 27, 2017:",
            [],
        ),
        ("“It’s gotta be a set-up”\n\nA neighbour wrote to the paper.", []),  # a title line
        ("The so-called ‘moderate’ rebels entered the “liberated” city.", []),  # scare quotes
        ("Ann Lee has not said that the talks had failed completely.", []),  # negated
    ],
)
def test_extract_quotes(text: str, expected: list[tuple[str, str | None, str | None, str]]) -> None:
    assert _quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "mention"),
    [
        (  # pronoun -> the latest speaker
            "“The plan has failed,” Mark Toner said on Monday. He added that talks were over.",
            "Mark Toner",
            "Mark Toner",
        ),
        (  # short form -> the full name given earlier
            "Mark Toner spoke on Monday.\n\n“There is no plan to coordinate,” Toner said.",
            "Mark Toner",
            "Toner",
        ),
        (  # a title used as a stand-in -> the person introduced with it
            "State Department spokesman Mark Toner arrived late.\n\n"
            "“There is no plan to coordinate with anyone,” the spokesman said.",
            "Mark Toner",
            "Mark Toner",
        ),
        (  # an apposition names the speaker
            "A researcher with the group, Matthew Collins, said it was a good decision.",
            "Matthew Collins",
            "Matthew Collins",
        ),
    ],
)
def test_speaker_resolution(text: str, speaker: str, mention: str) -> None:
    last = extract_quotes(parse(text))[-1]
    assert last.speaker == speaker
    assert text[last.speaker_start : last.speaker_end] == mention


@pytest.mark.parametrize(
    "text",
    [
        'He said "this never ends',
        "“”‘’\"'",
        '"\n\n"\n"',
        "\x00 said “\u200b” and 🙂 “it’s fine,” she said.",
        "” closing first, then “opening last",
        "said said said: “",
    ],
)
def test_odd_text_never_crashes(text: str) -> None:
    for quote in extract_quotes(parse(text)):
        assert text[quote.content_start : quote.content_end] == quote.content


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Tedros Adhanom Ghebreyesus", "Tedros", True),
        ("Mr Spencer", "Robert Spencer", True),
        ("the Home Office", "Home Office", True),
        ("the government", "the ministry", False),
        (None, "Tedros", False),
    ],
)
def test_same_speaker(predicted: str | None, gold: str, same: bool) -> None:
    assert same_speaker(predicted, gold) is same


def test_scoring_counts_overlap_of_half_the_gold_span() -> None:
    text = "Ann Lee said the talks failed and everyone went home early."
    gold = [GoldQuote("a", "indirect", 13, 58, 0, 7)]
    score = SystemScore("s")
    predicted = [
        Prediction("indirect", "Lee", 13, 40),  # covers more than half: content and speaker
        Prediction("direct", "Bob", 0, 5),  # no overlap: a false positive
    ]
    _score_article(score, text, gold, predicted)
    assert (score.content_matches, score.speaker_matches, score.predicted) == (1, 1, 2)
    assert score.content == pytest.approx((0.5, 1.0, 2 / 3))


@pytest.mark.shared
def test_sample_article_quotes() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    found = extract_quotes(parse(text))
    toner = [q for q in found if q.content.startswith("There’s no coordination")]
    assert toner and toner[0].speaker == "Mark Toner" and toner[0].cue == "declaring"
    assert text[toner[0].speaker_start : toner[0].speaker_end] == "Mark Toner"
    rt = [q for q in found if q.content.startswith("In Aleppo, the Russians")]
    assert rt and "RT" in (rt[0].speaker or "") and "commentator" in (rt[0].speaker or "")
    assert rt[0].content.endswith("civilians getting killed.")  # two paragraphs, one quote
    assert not any(q.content in ("moderate", "liberation") for q in found)


@pytest.mark.shared
def test_eval_quotes_prints_both_systems() -> None:
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "quotes",
            "--articles",
            str(SHARED / "data" / "ptc-train" / "articles"),
            "--articles",
            str(SAMPLE.parent),
        ],
        terminal_width=160,
    )
    assert result.exit_code == 0, result.output
    assert f"slant {available_analyzers()['quotes'].version}" in result.output
    assert "textacy direct_quotations" in result.output
    assert "speaker F1" in result.output


def test_eval_quotes_missing_articles_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "quotes", "--articles", str(tmp_path)])
    assert result.exit_code == 1
    assert "Error: article" in result.output
