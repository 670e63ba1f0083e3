"""Numbers in text: digits, words, vague plurals, bounds and ranges, with exact offsets."""

from __future__ import annotations

import pytest

from slant.analyzers.claims.numbers import find_quantities, word_number_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shot dead 27 demonstrators", [("27", 27, False, None)]),
        ("around 94,000 civilians", [("around 94,000", 94_000, True, "about")]),
        ("1.5 million people", [("1.5 million", 1_500_000, False, None)]),
        ("one million civilians", [("one million", 1_000_000, False, None)]),
        ("twenty-seven soldiers", [("twenty-seven", 27, False, None)]),
        ("Twenty-five people", [("Twenty-five", 25, False, None)]),
        ("three hundred and five", [("three hundred and five", 305, False, None)]),
        ("a dozen protesters", [("a dozen", 12, False, None)]),
        ("two dozen homes", [("two dozen", 24, False, None)]),
        ("dozens of civilians", [("dozens", 24, True, None)]),
        ("hundreds more", [("hundreds", 200, True, None)]),
        ("thousands fled", [("thousands", 2_000, True, None)]),
        ("scores of people", [("scores", 40, True, None)]),
        ("tens of thousands of people", [("tens of thousands", 20_000, True, None)]),
        ("hundreds of thousands", [("hundreds of thousands", 200_000, True, None)]),
        ("several hundred people", [("several hundred", 300, True, None)]),
        ("at least 16 people", [("at least 16", 16, False, "at_least")]),
        ("no fewer than 9", [("no fewer than 9", 9, False, "at_least")]),
        ("more than 200 people", [("more than 200", 200, False, "more_than")]),
        ("over 50 terrorists", [("over 50", 50, False, "more_than")]),
        ("up to 30 fighters", [("up to 30", 30, False, "up_to")]),
        ("as many as 40", [("as many as 40", 40, False, "up_to")]),
        ("fewer than 10", [("fewer than 10", 10, False, "less_than")]),
        ("nearly 40 soldiers", [("nearly 40", 40, True, "about")]),
        ("some 1,500 people", [("some 1,500", 1_500, True, "about")]),
        ("between 10 and 20 people", [("between 10 and 20", 10, False, "range")]),
        ("10-20 people", [("10-20", 10, False, "range")]),
        ("five to ten people", [("five to ten", 5, False, "range")]),
        ("rose from 50 to 70", [("50", 50, False, None), ("70", 70, False, None)]),
        ("more than 150000 killed", [("more than 150000", 150_000, False, "more_than")]),
        ("a 25-year-old man", []),
        ("Su-33 jets", []),
        ("the first time", []),
        ("someone and nobody", []),
    ],
)
def test_find_quantities(text: str, expected: list[tuple[str, float, bool, str | None]]) -> None:
    found = find_quantities(text)
    assert [(q.text, q.value, q.approximate, q.bound) for q in found] == expected
    for quantity in found:
        assert text[quantity.start : quantity.end] == quantity.text


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("seven", 7),
        ("twenty-seven", 27),
        ("one hundred", 100),
        ("a hundred", 100),
        ("two thousand five hundred", 2_500),
        ("1.5 million", 1_500_000),
        ("94,000", 94_000),
        ("a dozen", 12),
        ("banana", None),
        ("", None),
    ],
)
def test_word_number_value(words: str, value: float | None) -> None:
    assert word_number_value(words) == value


def test_offsets_in_a_longer_text_index_it_exactly() -> None:
    text = "On 15 November, the terrorists shot dead 27 demonstrators and injured hundreds more."
    found = find_quantities(text)
    assert [q.text for q in found] == ["15", "27", "hundreds"]
    assert all(text[q.start : q.end] == q.text for q in found)
