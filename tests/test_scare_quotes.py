"""Scare quotes: the writer's distancing quotes, told apart from quotations, titles, headings."""

from __future__ import annotations

import pytest

from slant.analyzers.scare_quotes import find_scare_quotes
from slant.pipeline import analyze

from .conftest import SAMPLE_ARTICLE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the so-called 'moderate' rebels", ["moderate"]),
        ("There can be but one ‘liberation’ of Raqqa.", ["liberation"]),
        ("It is the latest thing in ‘moderate’ jihadism.", ["moderate"]),
        ("the 30,000 fighters of the so-called ‘Syrian Democratic Forces’ (SDF)",
         ["Syrian Democratic Forces"]),
        ("It has more to do with panic than with a “sense of urgency” or ‘security’.",
         ["sense of urgency", "security"]),
        ("He spoke vaguely of a “sense of urgency” in the region.", []),
        ('"We will win," he said.', []),
        ('She said "no" to the offer.', []),
        ("The minister described the plan as “reckless” on Monday.", []),
        ('"Stronger," said the doctor.', []),
        ("He read the novel “Harry Potter” twice.", []),
        ("They watched “The Blast” on Sunday.", []),
        ("‘Right decision’\nThe minister agreed.", []),
        ("Next outbreak could be 'stronger': WHO", []),
        ("Syria’s army entered the jihadis’ last stronghold.", []),
        ("the “moderate rebels, and others” left", []),
        ("an unbalanced ‘quote that never ends", []),
        ("‘’ “” '' \"\" ‘ ’ “”", []),
    ],
)  # fmt: skip
def test_scare_quote_or_not(text: str, expected: list[str]) -> None:
    found = find_scare_quotes(text)
    assert [q.text for q in found] == expected
    for quote in found:
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said that the government would push its "reforms" through.', []),
        (
            '"We will go to the capital tomorrow," he said. '
            "He said that the government would push its ‘reforms’ through.",
            ["reforms"],
        ),
    ],
)
def test_short_quotes_in_reported_speech(text: str, expected: list[str]) -> None:
    start = text.index("the government")
    reported = [(start, len(text) - 1)]
    found = find_scare_quotes(text, reported_spans=reported)
    assert [q.text for q in found] == expected


def test_direct_quotation_content_is_not_a_scare_quote() -> None:
    text = "Critics called it “theft” and moved on."
    assert [q.text for q in find_scare_quotes(text)] == ["theft"]
    start = text.index("theft")
    assert find_scare_quotes(text, quotation_spans=[(start, start + 5)]) == []


def test_pipeline_fills_scare_quotes() -> None:
    analysis = analyze("The US backs ‘moderate’ rebels in the north.", analyzers=["scare_quotes"])
    assert [(q.text, q.start, q.end) for q in analysis.scare_quotes] == [("moderate", 14, 22)]
    assert "quotes" in analysis.analyzers


@pytest.mark.shared
def test_sample_article_scare_quotes() -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    found = analyze(text, analyzers=["scare_quotes"]).scare_quotes
    words = [q.text for q in found]
    assert words.count("moderate") == 3
    assert {"liberation", "brutal dictator", "liberating", "sense of urgency"} <= set(words)
    urgency = [q.start for q in found if q.text == "sense of urgency"]
    assert [text[s - 1] for s in urgency] == ["‘"]
    assert "There’s no coordination" not in " ".join(words)
    for quote in found:
        assert text[quote.start : quote.end] == quote.text
