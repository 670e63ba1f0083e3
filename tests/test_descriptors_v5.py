"""actors.v5 descriptors: labels by kind, more appositions and predicates, fewer false pairs
(issue 14, item 5).

One-liners of our own for each kind the v5 rules add or drop (each fails with actors.v4), and
guards of what they must not link (``guard``), which pass with both.
"""

from __future__ import annotations

import pytest

from slant.analyzers.actors.headline import glued_headline_end

from .test_descriptors_v2 import _descriptors


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        # a noun for the actor's kind stands for the one actor of that kind nearby
        (
            "Voters in Oregon backed the measure on Tuesday. The state will now cut emissions.",
            "Oregon",
            ("state", "label"),
        ),
        (
            "The Harbor Safety Commission met on Monday. The commission voted to close the port.",
            "Harbor Safety Commission",
            ("commission", "label"),
        ),
        # a group noun that possesses what follows is still the name's group
        (
            "Critics attacked the Obama administration's budget plan.",
            "Obama",
            ("administration", "modifier"),
        ),
        # a long apposition keeps its head and the complements that fit
        (
            "Maria Lopez, the head of the Office for Coastal Research at the University of Miami "
            "in Florida, said the sea was rising.",
            "Maria Lopez",
            ("head", "apposition"),
        ),
        # coordinated appositions are pairs of their own
        (
            "Tom Becker, a lawyer for the union and a former judge, said the deal was fair.",
            "Tom Becker",
            ("former judge", "apposition"),
        ),
        # an apposition after a party tag
        (
            "Sen. Dana Moore (D-Ore.), the committee's chair, opened the hearing.",
            "Dana Moore",
            ("chair", "apposition"),
        ),
        # a title in capitals the parse reads as a name
        (
            '"We are growing fast," Lena Park, CEO of Brightwave, said in a statement.',
            "Lena Park",
            ("CEO of Brightwave", "apposition"),
        ),
        # "one of the N" is a noun phrase
        (
            "Dr. Okafor is one of the authors of the report.",
            "Okafor",
            ("one of the authors of the report", "predicate"),
        ),
        # a name coordinated with the subject shares its predicate
        (
            "Chile and Peru are the only members without a plan.",
            "Peru",
            ("only members without a plan", "predicate"),
        ),
    ],
)
def test_what_v5_adds(text: str, name: str, kept: tuple[str, str]) -> None:
    assert kept in _descriptors(text)[name]


@pytest.mark.parametrize(
    ("text", "name", "dropped"),
    [
        # a verb the name is the object of is no modifier
        (
            "The town became known after Trump called Johnson on the radio.",
            "Johnson",
            "Trump called",
        ),
        # a copula whose own subject is a relative pronoun belongs to the relative clause
        (
            "Neither Ramirez nor the Coast Guard, a service he runs and that is chiefly "
            "responsible for rescues, replied.",
            "Ramirez",
            "chiefly responsible",
        ),
        # a comparison is not a description
        (
            "Yet there is no field where Oregon has been more defiant than energy.",
            "Oregon",
            "more defiant",
        ),
        (
            "Since then, Denver has been more aggressive than most cities.",
            "Denver",
            "more aggressive",
        ),
        # a name wholly inside a Title Case headline glued to the lead
        (
            "Harbor Chief Blames Congress For The Slow Flood Response In The City Taking "
            "questions on Monday, she said little. Ms. Gomez spoke.",
            "Blames Congress",
            "Harbor Chief",
        ),
        # guard: the city is not a state, the state is ambiguous, NASA is no commission
        ("Officials in Texas met on Monday. The city said it would appeal.", "Texas", "city"),
        ("Ohio and Iowa sued the agency. The state said it would appeal.", "Ohio", "state"),
        (
            "NASA published the data on Monday. The commission said it would study them.",
            "NASA",
            "commission",
        ),
    ],
)
def test_what_v5_drops(text: str, name: str, dropped: str) -> None:
    assert all(d != dropped for d, _ in _descriptors(text).get(name, []))


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        (
            "Harbor Chief Blames Congress For The Flood Taking questions, she said little. Then",
            "Harbor Chief Blames Congress For The Flood",
        ),
        # names, not Title Case: no capitalised function word
        ("President Donald Trump Jr Smith said on Monday that it rained. It did.", ""),
        # a headline on a line of its own is a sentence already
        ("Harbor Chief Blames Congress For The Flood\n\nTaking questions, she said. It", ""),
        # sentence case
        ("Harbor chief blames Congress for the flood. Taking questions, she said.", ""),
    ],
)
def test_glued_headline(text: str, headline: str) -> None:
    assert text[: glued_headline_end(text)] == headline
