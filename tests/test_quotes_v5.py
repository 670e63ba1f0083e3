"""quotes.v5 regressions (issue 14, errors of the dev and dev3 news gold and of unannotated
framing articles): who can speak, where a speaker's phrase ends, which quoted words are no
one's speech. One-liners in our own words."""

from __future__ import annotations

import pytest

from .quote_rows import quote_rows as _quotes


@pytest.mark.parametrize(
    ("text", "content", "mention"),
    [
        (
            "Some have said the flood was made worse by warmer seas, but that is false.",
            "the flood was made worse by warmer seas",
            "Some",
        ),
        (
            "Year after year, pundits have claimed farmers are to blame for the drought.",
            "farmers are to blame for the drought",
            "pundits",
        ),
        (
            "The new order clarifies that the governor will make the final decision on permits.",
            "the governor will make the final decision on permits",
            "new order",
        ),
        (
            "Oregon state halted the mine in 2019, saying the risks to rivers were too high.",
            "the risks to rivers were too high",
            "Oregon state",
        ),
    ],
)
def test_unnamed_and_named_bodies_speak(text: str, content: str, mention: str) -> None:
    assert [(c, m) for _, c, _, m in _quotes(text)] == [(content, mention)]


def test_an_unnamed_some_is_a_speaker_of_its_own() -> None:
    text = (
        "The Riverside Institute published a report on Monday. Some have said the flood was "
        "made worse by warmer seas, but that is false."
    )
    assert [s for _, _, s, _ in _quotes(text)] == ["Some"]


def test_a_name_before_an_apposition_speaks_when_the_parse_lost_it() -> None:
    text = (
        "During a town hall in Ohio, Carla Mendes, the governor of the state, said that the "
        "plant would close next year."
    )
    assert [(k, c, s) for k, c, s, _ in _quotes(text)] == [
        ("indirect", "the plant would close next year", "Carla Mendes")
    ]


def test_a_reported_clause_ends_before_its_speakers_phrase() -> None:
    text = (
        "In Chicago, many people who die in heat waves are elderly, Mara Quinn, director of "
        "the Lakeside Health Alliance, also known as LHA, said at a hearing on Monday."
    )
    assert [(c, s) for _, c, s, _ in _quotes(text)] == [
        ("In Chicago, many people who die in heat waves are elderly", "Mara Quinn")
    ]


def test_a_name_after_a_quote_speaks_however_long_its_apposition() -> None:
    text = (
        '"People like us have always been on the front line of this fight," Nadia Perez, a '
        "former city hall housing official who is now vice president for urban affairs at the "
        "University of Denver's Office of Public Relations in Colorado, said at the event."
    )
    assert [(s, m) for _, _, s, m in _quotes(text)] == [("Nadia Perez", "Nadia Perez")]


def test_a_question_belongs_to_the_cue_before_it_not_to_the_next_sentence() -> None:
    text = (
        'The host then asked, "Senator, are we supposed to believe that is a coincidence?"'
        "Unable to answer, Senator Vance admitted that the data were right."
    )
    question = [q for q in _quotes(text) if q[1].startswith("Senator, are we")]
    assert [(s, m) for _, _, s, m in question] == [("host", "host")]


def test_so_far_as_to_say_reports_a_clause() -> None:
    text = 'The editorial board even went so far as to say the mayor was "complicit" in the flood.'
    assert [(k, c) for k, c, _, _ in _quotes(text)] == [
        ("indirect", 'the mayor was "complicit" in the flood')
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The lakes will be dry within decades, according to scientists who have measured "
            "the shrinking of dozens of lakes in Nevada.",
            "scientists",
        ),
        (
            "The worst floods hit poor towns in the South, according to the Rev. Amos Hale, "
            "executive director of the Riverbend Community Fund in Selma, Ala.",
            "Amos Hale",
        ),
    ],
)
def test_according_to_names_the_source_not_what_is_said_about_it(text: str, speaker: str) -> None:
    assert [s for _, _, s, _ in _quotes(text)] == [speaker]


def test_according_to_stays_on_its_side_of_a_colon() -> None:
    text = (
        "The agency reported on the damage:Most of the worst floods hit poor towns in the "
        "South, according to the Rev. Amos Hale."
    )
    assert [c for _, c, _, _ in _quotes(text)] == [
        "Most of the worst floods hit poor towns in the South"
    ]


@pytest.mark.parametrize(
    "text",
    [
        'The boom is over; we call these people "Vulture Capitalists," they feed off the weak.',
        'Locals call the new towers "The Glass Giants," and few of them like it.',
        'And yet, I do not argue that "farmers do not care about the land." You know why?',
        'The towns were struck by Storm Lena, which was said to "cripple" the coast last year.',
    ],
)
def test_labels_denials_and_unowned_phrases_are_not_speech(text: str) -> None:
    assert _quotes(text) == []


def test_a_quote_far_from_any_speaker_is_no_ones() -> None:
    text = (
        "Growth is the ethos of a cancer cell, observes Ann Berg, a biologist. "
        + "The planning frame should be at least a century long, not a decade. " * 10
        + '"There is clear and growing evidence that we are on the verge of a water crisis." '
        "We must act."
    )
    assert [c[:6] for _, c, _, _ in _quotes(text)] == ["Growth"]


def test_a_quote_right_after_its_speaker_continues_their_quotation() -> None:
    text = (
        '"We will lose them all over the next few decades," Farge said. "The northern glaciers '
        'started melting first and will be gone before the others."'
    )
    assert [s for _, _, s, _ in _quotes(text)] == ["Farge", "Farge"]


def test_a_quoted_judgement_after_call_is_speech() -> None:
    text = 'Ms. Hale called the report "entirely false and plainly malicious" on Monday.'
    assert [(k, s) for k, _, s, _ in _quotes(text)] == [("direct", "Hale")]


def test_a_speech_noun_with_a_possessor_reports_its_clause() -> None:
    text = "The magazine also challenged Ruiz's claim that he only flies twice a year."
    assert [(k, c, s) for k, c, s, _ in _quotes(text)] == [
        ("indirect", "he only flies twice a year", "Ruiz")
    ]


def test_a_side_clause_with_speech_of_its_own_is_not_part_of_the_first_report() -> None:
    text = (
        "Pressed on air, Lind conceded that methane does add to global warming, although she "
        'followed up this admission by saying, "The question is how much of it comes from '
        'farming at all." Reed moved on.'
    )
    assert [c for _, c, _, _ in _quotes(text)][0] == "methane does add to global warming"


def test_a_whole_quote_closing_a_clause_is_its_own_event() -> None:
    text = (
        "Which means that the council's plan to scrap the bus lanes \"is a blow to public "
        "health and to the city,\" said Georges Lamy, head of the city's cycling association."
    )
    assert [(k, s) for k, _, s, _ in _quotes(text)] == [("direct", "Georges Lamy")]


def test_a_short_quote_closing_a_clause_stays_in_it() -> None:
    text = 'The move was a "slap in the face," a Vatican official said.'
    assert [(k, c) for k, c, _, _ in _quotes(text)] == [
        ("indirect", 'The move was a "slap in the face')
    ]


def test_a_speech_verb_inside_a_quote_reports_nothing() -> None:
    text = (
        'Pushed about the cause of the storm, Duke responded "I -- you know, the data, I do '
        'not know what it particularly indicates. We have not had a storm like this."'
    )
    assert [(k, s) for k, _, s, _ in _quotes(text)] == [("direct", "Duke")]


def test_a_question_put_to_the_speaker_is_not_their_report() -> None:
    text = (
        "When asked whether the governor's view on drought has changed, spokeswoman Lea Roy "
        'said, "I do not think that it has changed over the last few weeks."'
    )
    assert [k for k, _, _, _ in _quotes(text)] == ["direct"]


def test_a_participle_hung_inside_a_reported_clause_is_the_reporters() -> None:
    text = (
        "Lind denied that the country has abandoned the victims of the floods, arguing that it "
        "has done a great deal to cut emissions since the 1990s."
    )
    assert [(c[:12], s) for _, c, s, _ in _quotes(text)] == [
        ("the country ", "Lind"),
        ("it has done ", "Lind"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "And it is not, as has been suggested, because we have grown numb to the data on floods.",
        "Here, thanks to a reader who has read them all, are some examples of what they say.",
        "In his own party there are many voices, Maria Lopez and Ben Ortiz among them, urging "
        "Ramos to keep the old rules on water.",
    ],
)
def test_no_one_speaks_in_passives_free_relatives_and_requests(text: str) -> None:
    assert _quotes(text) == []


def test_a_programme_title_keeps_its_stop_inside_the_marks() -> None:
    text = (
        '"The drought is here," Ruiz said Monday on ABC\'s "Morning Report." "It is by far the '
        'worst we have faced."'
    )
    assert [c for _, c, _, _ in _quotes(text)] == [
        "The drought is here,",
        "It is by far the worst we have faced.",
    ]
