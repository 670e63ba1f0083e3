"""actors.v3 descriptors: only what is predicated of the actor (issue 14, mainstream news)."""

from __future__ import annotations

import pytest

from .test_descriptors_v2 import _descriptors


@pytest.mark.parametrize(
    ("text", "name", "dropped"),
    [
        # the words before a name that modifies a noun describe that noun
        ("A senior EPA official said the two actions were not linked.", "EPA", "senior"),
        ("Former EPA Administrator Gina McCarthy testified on Monday.", "EPA", "Former"),
        # directions are part of the place, not what it is called
        ("Snow fell across the Northeast United States on Sunday.", "United States", "Northeast"),
        ("Forests grew in north-east Asia in the last decade.", "Asia", "north"),
        ("More than a foot of snow fell across upstate New York.", "New York", "upstate"),
        # a stance is not what the actor is; "no fan" is negated
        ("Gavin Newsom has been critical of the plan.", "Gavin Newsom", "critical"),
        (
            "The American Cancer Society is unaware of any evidence.",
            "American Cancer Society",
            "unaware",
        ),
        ("Yet Donald Trump is no fan of windmills.", "Donald Trump", "fan"),
        # quantifiers and page furniture glued to a name
        ("That claim, like all the others Trump has made, was refuted.", "Trump", "others"),
        (
            "What happens to the articles of impeachment now?• None Trump impeachment FAQ",
            "Trump",
            "None",
        ),
        # a noun that heads its own phrase before a name
        (
            "Talks continue after the White House immigration proposal Rove warns the party.",
            "Rove",
            "proposal",
        ),
        # a noun that picks out some of a group
        (
            "The college Republicans behind the campaign said the party needs a plan.",
            "Republicans",
            "college",
        ),
    ],
)
def test_words_not_predicated_of_the_actor_are_dropped(text: str, name: str, dropped: str) -> None:
    found = _descriptors(text)
    assert not any(dropped in d for d, _ in found.get(name, [])), found


def test_a_quote_mark_between_verb_and_attribute_is_not_a_predicate() -> None:
    found = _descriptors(
        '"Connecticut is in close coordination with states across the nation," the state\'s '
        "attorney general, William Tong."
    )
    assert not any("attorney general" in d for d, _ in found.get("Connecticut", []))


def test_the_administration_is_not_a_label_of_the_president() -> None:
    found = _descriptors(
        "The Trump administration escalated its fight. Last week the administration said it "
        "will revoke a waiver."
    )
    assert ("administration", "label") not in found["Trump"]
    assert ("administration", "modifier") in found["Trump"]


def test_the_regime_is_still_a_label() -> None:
    found = _descriptors("The Assad regime shelled Aleppo. The regime denied it.")
    assert ("regime", "label") in found["Assad"]


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        # kept: an own-group noun keeps the modifiers of the name before it
        (
            "The struggle to free the city from occupation by al-Qaeda affiliated al-Nusra Front "
            "terrorists continues.",
            "al-Nusra Front",
            ("al-Qaeda affiliated", "modifier"),
        ),
        # a predicate in a relative clause on the name
        (
            "Janet McCabe, who was an EPA official during the Obama years, disagreed.",
            "Janet McCabe",
            ("EPA official", "predicate"),
        ),
        # an apposition after an age
        (
            '"We claim to be the party," said Kiera O\'Brien, 21, a senior at Harvard University.',
            "Kiera O'Brien",
            ("senior at Harvard University", "apposition"),
        ),
        # "Gov." names the office the label stands for
        (
            "Gov. Jerry Brown said it was wrong. The governor left.",
            "Jerry Brown",
            ("governor", "label"),
        ),
        # a complement that is not a stance
        (
            "The United States was instrumental in negotiating the agreement.",
            "United States",
            ("instrumental", "predicate"),
        ),
    ],
)
def test_what_is_predicated_of_the_actor_is_kept(
    text: str, name: str, kept: tuple[str, str]
) -> None:
    assert kept in _descriptors(text)[name]


def test_a_scare_quoted_attribute_is_still_a_predicate() -> None:
    found = _descriptors('Bashar al-Assad is "a brutal butcher", the senator said.')
    assert ("brutal butcher", "predicate") in found["Bashar al-Assad"]


def test_the_words_before_a_name_and_what_it_is_describe_it() -> None:
    found = _descriptors("The pro-government Al-Watan newspaper reported the attack.")
    assert ("pro-government", "modifier") in found["Al-Watan"]
