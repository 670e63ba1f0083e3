"""quotes.v6 regressions (issue 14, errors of the fresh dev4 news gold and of dev/dev3): what
is not speech, where a reported clause begins and ends. One-liners in our own words."""

from __future__ import annotations

import pytest

from .quote_rows import quote_rows as _quotes


@pytest.mark.parametrize(
    "text",
    [
        # agreeing reports a position, not words
        "Ministers agreed that the summit would resume in March.",
        # a speech verb with its own complement does not attribute the clause before it
        "The river is already polluted, and the mayor has proposed dropping the rules that "
        "protect it.",
        "The tests prepare for offshore drilling, which the ministry has proposed to extend to "
        "the northern coast.",
        # a clause of the verb's object (a contact clause) is not a reported clause
        "Lopez also stressed the regional implications of gas exports and the role energy could "
        "play in President Ana Ruiz's foreign policy.",
        # "according to" inside an apposition qualifies a description
        "Several rivals, including Maria Lopez, the front-runner according to most surveys, "
        "have released detailed plans.",
        # a short quote reached through a verb of thinking or an infinitive is a term
        'Activists across the country opted to protest what they consider a climate "crisis" on '
        "the busiest shopping day of the year.",
        "Brennan, for example, called on the commission to factor in estimates, like the "
        'controversial "social cost of carbon," for a cost-benefit analysis.',
    ],
)
def test_no_speech(text: str) -> None:
    assert _quotes(text) == []


def test_coordinated_clauses_of_one_verb_are_one_report() -> None:
    text = (
        "Few are happy to live near the mines, where they say heavy traffic disturbs their sleep "
        "and the company's drilling activities threaten endangered species and destroy their farms."
    )
    assert [c for _, c, _, _ in _quotes(text)] == [
        "heavy traffic disturbs their sleep and the company's drilling activities threaten "
        "endangered species and destroy their farms"
    ]


def test_according_to_inside_a_quotation_is_the_speakers_words() -> None:
    text = (
        '"Coal could cost us two million jobs by 2030 according to the industry\'s own study," '
        "Ramos said."
    )
    assert [k for k, _, _, _ in _quotes(text)] == ["direct"]


def test_a_restated_sentence_case_headline_is_not_part_of_the_clause() -> None:
    text = (
        "Fishermen to sue ministry over new trawling ban Fishermen plan to sue the ministry over "
        "the new trawling ban, two lawyers told reporters."
    )
    assert [c for _, c, _, _ in _quotes(text)] == [
        "Fishermen plan to sue the ministry over the new trawling ban"
    ]


def test_a_quotation_inside_a_title_case_headline_is_not_speech() -> None:
    text = (
        "Senator Lopez Praises Striking Students: 'Keep Going in this Fight!' Senator Ana Lopez "
        'on Friday praised the students. "We are proud of them," she said.'
    )
    assert [c for _, c, _, _ in _quotes(text)] == ["We are proud of them,"]


def test_a_bureau_speaks() -> None:
    text = "Last week, the bureau noted that the region had its driest spring on record."
    assert [(c, m) for _, c, _, m in _quotes(text)] == [
        ("the region had its driest spring on record", "bureau")
    ]
