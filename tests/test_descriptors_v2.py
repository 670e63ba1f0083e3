"""actors.v2 descriptors: what the text calls the actor, not every word next to the name."""

from __future__ import annotations

import pytest

from slant.analyzers.actors import find_actors
from slant.nlp import parse


def _descriptors(text: str) -> dict[str, list[tuple[str, str]]]:
    actors = find_actors(parse(text), sentence_tones=[], quotes=[], scare_spans=[])
    for actor in actors:
        for d in actor.descriptors:
            assert text[d.start : d.end] == d.text
    return {a.name: [(d.text, d.relation) for d in a.descriptors] for a in actors}


@pytest.mark.parametrize(
    ("text", "name", "dropped"),
    [
        ('"This is a felony," said Rep. John Smith of Ohio.', "John Smith", "Rep."),
        ("Former Florida Gov. Jeb Bush spoke on Friday.", "Jeb Bush", "Gov."),
        ("On Friday morning Senator Ann Lee, a Democrat, voted no.", "Ann Lee", "morning"),
        ("Greenpeace founder Patrick Moore left the group.", "Greenpeace", "founder"),
    ],
)
def test_bare_titles_times_and_other_peoples_nouns_are_dropped(
    text: str, name: str, dropped: str
) -> None:
    found = _descriptors(text)
    assert not any(dropped in d for d, _ in found.get(name, []))


def test_what_the_text_calls_the_actor_is_kept() -> None:
    found = _descriptors(
        "Secretary of State Mike Pompeo met Ted Cruz, [R-Texas], and the 51-year-old "
        "Ann Lee, a veteran diplomat, in Paris."
    )
    assert ("Secretary of State", "modifier") in found["Mike Pompeo"]
    assert ("R-Texas", "apposition") in found["Ted Cruz"]
    assert ("51-year-old", "modifier") in found["Ann Lee"]
    assert ("veteran diplomat", "apposition") in found["Ann Lee"]


def test_apposition_after_a_place_in_a_name_is_not_the_place_s() -> None:
    found = _descriptors(
        "He praised Gov. Jay Inslee of Washington, the self-professed climate candidate."
    )
    assert found.get("Washington", []) == []
