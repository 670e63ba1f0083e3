"""actors.v4 descriptors: what the text calls the actor, on mainstream news (issue 14).

One-liners of our own for each kind of error the v4 rules fix (each fails with actors.v3), and
guards of what the rules must keep (``must_not_drop``, ``still``, ``stays``), which pass with both.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from slant.analysis import Descriptor
from slant.analyzers.actors import link_labels
from slant.analyzers.actors.descriptors import find_descriptors
from slant.analyzers.actors.mentions import ActorCluster
from slant.nlp import get_nlp, parse

from .test_descriptors_v2 import _descriptors


@pytest.mark.parametrize(
    ("text", "name", "dropped"),
    [
        # a determiner opens the name's phrase: nothing before it modifies the name
        (
            "Critics say it reads like a party pamphlet The Boston Globe's Ann Lee wrote.",
            "Boston Globe",
            "pamphlet",
        ),
        # a group word used for one person is that person's description, not the group
        ("Joe Manchin is the ranking Democrat on the panel.", "Democrat", "ranking"),
        # a place or body in the run picks out part of a group
        ("Becerra sued along with other top California Democrats.", "Democrats", "top"),
        # names of documents and meetings are not actors
        (
            "Sarah Sanders said Tuesday that the recent National Climate Assessment was wrong.",
            "National Climate Assessment",
            "recent",
        ),
        (
            "He also underscored the forthcoming United Nations Climate Action Summit.",
            "United Nations Climate Action Summit",
            "forthcoming",
        ),
        # a place after a place is an address, not an apposition
        (
            "Protesters disrupted shoppers at the Water Tower Place shopping mall in Chicago, "
            "Illinois, and left.",
            "Illinois",
            "shopping mall",
        ),
        # a fronted adverbial is not an apposition
        ("On the other side, President Trump. And up for debate, the accord.", "Trump", "other"),
        (
            "Lacking unanimity, Italy, which presides over the group, issued a statement.",
            "Italy",
            "unanimity",
        ),
        # the object that ends one clause is not an apposition of the next clause's subject
        (
            "The rule is designed to target the industry's financial bottom line, Susan Amron, "
            "the chief of the division, said.",
            "Susan Amron",
            "bottom line",
        ),
        # a group noun right before another name is that name's kind
        (
            "The crack grew, according to a report by British Antarctic research group Project "
            "MIDAS.",
            "British Antarctic",
            "research group",
        ),
        # part of a hyphenated word is not a word
        ("She was asked if Trump was re-thinking that decision now.", "Trump", "re"),
        # a supposition is not an assertion
        (
            "But if Beyonce were so concerned about the climate, she would fly less.",
            "Beyonce",
            "so",
        ),
        # "former" alone, its title inside the name, says nothing
        (
            "Former VP Al Gore compares the climate battle to the fight against apartheid.",
            "VP Al Gore",
            "Former",
        ),
        # "nearby" says where, not what
        ("The smoke caused a blackout in nearby São Paulo on Monday.", "São Paulo", "nearby"),
    ],
)
def test_words_the_text_does_not_call_the_actor_are_dropped(
    text: str, name: str, dropped: str
) -> None:
    found = _descriptors(text)
    assert not any(dropped in d for d, _ in found.get(name, [])), found


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        # a group word used for one person, set beside the name
        (
            "Joe Manchin, a Democrat, spoke alongside Lisa Murkowski, a Republican, at the event.",
            "Joe Manchin",
            ("Democrat", "apposition"),
        ),
        (
            "Joe Manchin, a Democrat, spoke alongside Lisa Murkowski, a Republican, at the event.",
            "Lisa Murkowski",
            ("Republican", "apposition"),
        ),
        # a party before an abbreviated title stays; the title and the place go
        (
            "Republican Rep. Carlos Curbelo of Florida introduced a carbon tax bill.",
            "Carlos Curbelo",
            ("Republican", "modifier"),
        ),
        (
            "The effort was led by former Florida GOP Rep. Carlos Curbelo, who lost in 2018.",
            "Carlos Curbelo",
            ("GOP", "modifier"),
        ),
        # a noun heading its own phrase ends the run: the title after it stays
        (
            "Trump skips climate in Earth Day message President Donald Trump's message differed.",
            "Donald Trump",
            ("President", "modifier"),
        ),
        # the noun a clause on the object modifies is the apposition
        (
            "President Donald Trump's pick to head the committee, William Happer, once compared "
            "it to a cult.",
            "William Happer",
            ("pick", "apposition"),
        ),
        # still kept: a kind noun after a determiner, a scare-quoted noun before a title
        (
            "The consulting firm IHS Markit hosted the event.",
            "IHS Markit",
            ("consulting firm", "modifier"),
        ),
    ],
)
def test_what_the_text_calls_the_actor_is_kept(text: str, name: str, kept: tuple[str, str]) -> None:
    assert kept in _descriptors(text)[name]


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        # the last noun before the name is its title, whatever the parse makes of it
        (
            "Trump tweeted that his top economic adviser Larry Kudlow had suffered a heart attack.",
            "Larry Kudlow",
            ("top economic adviser", "modifier"),
        ),
        (
            "Campos’s co-worker Liliana Rodriguez started a fund.",
            "Liliana Rodriguez",
            ("co-worker", "modifier"),
        ),
        # an object the parse sets the name beside, at the end of the sentence or before more
        (
            "The guard allegedly located the Las Vegas shooter, Steven Paddock.",
            "Steven Paddock",
            ("Las Vegas shooter", "apposition"),
        ),
        (
            "The plot aimed to violently remove the nation’s democratically elected socialist "
            "president, Jacobo Arbenz, from office.",
            "Jacobo Arbenz",
            ("democratically elected socialist president", "apposition"),
        ),
        # a word in lower case before a group is no part of its name
        ("He accuses orthodox Catholics of rigidity.", "Catholics", ("orthodox", "modifier")),
    ],
)
def test_what_the_v4_rules_must_not_drop(text: str, name: str, kept: tuple[str, str]) -> None:
    assert kept in _descriptors(text)[name]


def test_a_noun_heading_its_own_phrase_in_scare_quotes_stays_a_descriptor() -> None:
    text = "It is the arbitrary bloodlust of the 'brutal dictator' President Bashar al-Assad."
    assert ("brutal dictator", "scare_quote") in _descriptors(text)["Bashar al-Assad"]


def _hand_parsed(words: list[str], tags: list[str], pos: list[str], ents: list[str]) -> Doc:
    """A parsed document built by hand (no model): every word a flat child of the last."""
    heads = [len(words) - 1] * len(words)
    deps = ["compound"] * (len(words) - 1) + ["ROOT"]
    vocab, lemmas = get_nlp().vocab, [w.lower() for w in words]
    return Doc(
        vocab, words=words, tags=tags, pos=pos, heads=heads, deps=deps, ents=ents, lemmas=lemmas
    )


def test_capitalised_words_run_into_a_place_name_are_the_name() -> None:
    words, tags = ["the", "Shasta", "Lake"], ["DT", "NNP", "NNP"]
    doc = _hand_parsed(words, tags, ["DET", "PROPN", "PROPN"], ["O", "O", "B-LOC"])
    lake = ActorCluster(name="Lake", type="LOC", mentions=[(11, 15)], forms={"lake"})
    assert find_descriptors(doc, [lake]) == [[]]


def test_a_title_run_into_an_organisation_name_stays() -> None:
    words, tags = ["fired", "Officer", "Guyger"], ["VBD", "NNP", "NNP"]
    doc = _hand_parsed(words, tags, ["VERB", "PROPN", "PROPN"], ["O", "O", "B-ORG"])
    guyger = ActorCluster(name="Guyger", type="ORG", mentions=[(14, 20)], forms={"guyger"})
    assert [d.text for d in find_descriptors(doc, [guyger])[0]] == ["Officer"]


def test_the_administration_is_no_label_whatever_the_type_of_the_name() -> None:
    text = "The Trump administration halted the study. Later the administration said no."
    doc = parse(text)
    trump = ActorCluster(name="Trump", type="ORG", mentions=[(4, 9)], forms={"trump"})
    results = [[Descriptor(text="administration", start=10, end=24, relation="modifier")]]
    link_labels(doc, [trump], results)
    assert [d.relation for d in results[0]] == ["modifier"]
