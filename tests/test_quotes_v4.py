"""quotes.v4 regressions (issue 14, dev errors of the news gold): who a description, a short
form or a hyphenated title stands for, and what is one speech event. One-liners in our words."""

from __future__ import annotations

import pytest

from .quote_rows import quote_rows as _quotes


def _speaker_of(text: str, content_start: str) -> str | None:
    return next(s for _, c, s, _ in _quotes(text) if c.startswith(content_start))


def test_a_description_used_before_stands_for_the_same_speaker() -> None:
    text = (
        "Prince Harry spoke in Amsterdam on Tuesday. The duke said he flew to the event on a "
        "commercial plane. The singer Sir Elton John defended the couple, saying he paid for "
        "the trip. He also said he offset the flight. The duke said that what matters most is "
        "how the emissions are balanced out afterwards."
    )
    assert _speaker_of(text, "what matters most") == "Harry"


def test_a_short_name_tagged_as_an_organisation_is_the_person() -> None:
    text = (
        "Fox host Jesse Watters criticised Beto O'Rourke on Tuesday. \"It's a scam,\" Watters "
        "said. O'Rourke asserted his prediction while appearing on MSNBC on Monday. He told "
        "host Chris Hayes that he sought to reach net zero emissions by 2050."
    )
    assert _speaker_of(text, "he sought to reach") == "Beto O'Rourke"


def test_a_hyphenated_title_is_one_word_and_the_president() -> None:
    text = (
        "Greta Thunberg has trolled President Trump on Twitter. Trump had reacted to the news "
        "about her award. 'So ridiculous,' the Commander-in-chief wrote."
    )
    found = [q for q in _quotes(text) if q[1].startswith("So ridiculous")]
    assert [(s, m) for _, _, s, m in found] == [("Trump", "Commander-in-chief")]


def test_another_is_a_new_speaker() -> None:
    text = (
        "Many users replied to the tweet. One user wrote: 'A teenager has better social skills "
        "than the President of the United States.' Another wrote: 'Interesting how a leader "
        "that acts like a child is yelling at a child.'"
    )
    assert _speaker_of(text, "Interesting how") == "Another"


def test_the_mention_covers_the_name_set_beside_a_title() -> None:
    text = "A spokesman for the ministry, Ahmed Saleh, told reporters that the talks had failed."
    assert [(s, m) for _, _, s, m in _quotes(text)] == [
        ("Ahmed Saleh", "spokesman for the ministry, Ahmed Saleh")
    ]


def test_a_short_quotation_inside_a_clause_that_says_more_is_one_event() -> None:
    text = (
        'The duke said that what is important is "what we do to balance out" the negative '
        "effects of all our flights."
    )
    assert [kind for kind, _, _, _ in _quotes(text)] == ["indirect"]


def test_state_television_and_an_observatory_can_speak() -> None:
    text = (
        "Syrian state television said that after fierce battles the military was regrouping. "
        "The Observatory which monitors violence in Syria through sources on the ground said "
        "fighting raged inside the air base on Sunday."
    )
    speakers = [s for _, _, s, _ in _quotes(text)]
    assert speakers == ["Syrian state television", "Observatory"]


def test_a_pronouns_cue_inside_another_report_is_the_same_event() -> None:
    text = (
        "Syrian state television said there was a successful evacuation and that the army "
        "was continuing strikes on terrorist groups in the area which it said had suffered "
        "heavy losses."
    )
    found = [(c.split()[:3], s) for _, c, s, _ in _quotes(text)]
    assert found == [(["there", "was", "a"], "Syrian state television")]


def test_a_title_with_no_one_before_takes_the_person_given_it_just_after() -> None:
    text = (
        "A major suicide attack on the defence lines south of Kirkuk was foiled Saturday "
        "morning said the frontline commander. The militants were gunned down before they "
        "could detonate themselves commander Kamal Kirkuki told Rudaw."
    )
    assert _speaker_of(text, "A major suicide attack") == "Kamal Kirkuki"


def test_a_second_report_the_parser_joined_to_the_first_clause_is_its_own_event() -> None:
    text = (
        "Last year, climatologist Judith Curry noted that many of the weather scenarios from "
        "politicians are as good as fantasy novels, and told the Daily Caller that it's "
        "actually impossible to predict what the climate will look like over a decade out."
    )
    found = [(c, s) for _, c, s, _ in _quotes(text)]
    assert [s for _, s in found] == ["Judith Curry", "Judith Curry"]
    assert found[0][0].endswith("fantasy novels")
    assert found[1][0].startswith("it's actually impossible")


@pytest.mark.parametrize(
    ("text", "ends_with"),
    [
        # a purpose clause the parser hung on the speech verb
        (
            "During the 2016 campaign he claimed it was a 'hoax' promoted by China in order to "
            "gain economic advantage over the United States.",
            "over the United States",
        ),
        # a verb split at its hyphen
        (
            "Harris called it a real crisis, adding that she would re-engage the United States "
            "in global efforts to fight it if elected.",
            "if elected",
        ),
    ],
)
def test_a_clause_after_its_verb_runs_to_the_end_of_its_sentence(text: str, ends_with: str) -> None:
    contents = [c for kind, c, _, _ in _quotes(text) if kind == "indirect"]
    assert len(contents) == 1 and contents[0].endswith(ends_with)


def test_a_clause_still_stops_at_a_comma_before_more_speech() -> None:
    text = "The minister said the talks had failed, adding that more would follow."
    assert [c for _, c, _, _ in _quotes(text)] == ["the talks had failed", "more would follow"]


def test_a_verbless_quote_after_its_cue_is_speech_not_part_of_the_subject() -> None:
    text = (
        "Former Vice President Al Gore said Wednesday: 'Brilliant decision for Time to choose "
        "Greta as its Person of the Year.'Greta embodies the moral authority of the movement."
    )
    assert [(k, s) for k, _, s, _ in _quotes(text)] == [("direct", "Vice President Al Gore")]


def test_an_age_describes_the_latest_person() -> None:
    text = (
        "Greta Thunberg has trolled President Trump. The 16-year-old, who was named Time's "
        "Person of the Year, updated her Twitter bio to read: 'A teenager working on her "
        "anger management problem. Currently chilling with a friend.'"
    )
    found = [(s, m) for _, c, s, m in _quotes(text) if c.startswith("A teenager")]
    assert found == [("Greta Thunberg", "16-year-old")]
