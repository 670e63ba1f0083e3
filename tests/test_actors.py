"""The actors analyzer: merged mentions, descriptors by relation, tone, times quoted, eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slant.analysis import Quote, SentenceTone
from slant.analyzers.actors import find_actors
from slant.analyzers.actors.mentions import _defined_acronyms
from slant.analyzers.scare_quotes import find_scare_quotes
from slant.cli import app
from slant.evaluation.descriptors import (
    DescriptorScore,
    GoldPair,
    SystemPair,
    evaluate_descriptors,
    score_article,
)
from slant.nlp import parse
from slant.pipeline import analyze

from .conftest import SAMPLE_ARTICLE


def actors_of(text: str):
    spans = [(q.start, q.end) for q in find_scare_quotes(text)]
    return find_actors(parse(text), scare_spans=spans)


def actor_named(text: str, name: str):
    found = [a for a in actors_of(text) if a.name == name]
    assert found, f"no actor {name!r} in {[a.name for a in actors_of(text)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "mentions"),
    [
        (
            "Islamic State (IS) seized the town in June. Later IS withdrew from it.",
            "Islamic State",
            ["Islamic State", "IS", "IS"],
        ),
        (
            "Bashar al-Assad spoke on Monday. Assad said the war was over.",
            "Bashar al-Assad",
            ["Bashar al-Assad", "Assad"],
        ),
        (
            "Mark Toner briefed reporters on Tuesday. Mr Toner declined to comment.",
            "Mark Toner",
            ["Mark Toner", "Toner"],
        ),
        (
            "The Syrian Democratic Forces (SDF) advanced on Raqqa. The SDF took the dam.",
            "Syrian Democratic Forces",
            ["Syrian Democratic Forces", "SDF", "SDF"],
        ),
        (
            "Donald Trump met the press. Trump said little.",
            "Donald Trump",
            ["Donald Trump", "Trump"],
        ),
    ],
)
def test_mentions_of_one_actor_are_merged(text: str, name: str, mentions: list[str]) -> None:
    actor = actor_named(text, name)
    assert [text[s:e] for s, e in actor.mentions] == mentions
    assert actor.type in {"PERSON", "ORG"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Islamic State (IS) cedes the city.", [("Islamic State", "IS")]),
        ("the so-called ‘Syrian Democratic Forces’ (SDF), with",
         [("Syrian Democratic Forces", "SDF")]),
        ("raided by U.S. Immigration and Customs Enforcement (ICE).",
         [("Immigration and Customs Enforcement", "ICE")]),
        ("Hay’at Tahrir al-Sham (HTS) took Idlib.", [("Hay’at Tahrir al-Sham", "HTS")]),
        ("The report (PDF) is online. It said (UN) nothing.", []),
        (" ".join(["WORD"] * 2000) + " (XY)", []),
    ],
)  # fmt: skip
def test_acronyms_the_text_defines(text: str, expected: list[tuple[str, str]]) -> None:
    assert _defined_acronyms(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "descriptor", "relation"),
    [
        ("Bashar al-Assad, the brutal dictator, gave a speech.", "Bashar al-Assad",
         "brutal dictator", "apposition"),
        ("The claim was made by the top US commander in Iraq, Stephen Townsend.",
         "Stephen Townsend", "top US commander in Iraq", "apposition"),
        ("State department spokesman Mark Toner refused to answer.", "Mark Toner",
         "State department spokesman", "modifier"),
        ("Al-Nusra Front terrorists attacked the town.", "Al-Nusra Front", "terrorists",
         "modifier"),
        ("Hezbollah is a terrorist group, the minister said.", "Hezbollah", "terrorist group",
         "predicate"),
        ("The sources described Hafiz Kazi as a nomad.", "Hafiz Kazi", "nomad", "predicate"),
        ("He blamed the ‘brutal dictator’ President Bashar al-Assad for the siege.",
         "Bashar al-Assad", "brutal dictator", "scare_quote"),
        ("He blamed the ‘brutal dictator’ President Bashar al-Assad for the siege.",
         "Bashar al-Assad", "President", "modifier"),
        ("Al-Nusra Front terrorists shelled the city on Monday. Residents said the terrorists "
         "fired mortars.", "Al-Nusra Front", "terrorists", "label"),
        ("The West kept demonising Presidents Vladimir Putin and Bashar al-Assad.",
         "Bashar al-Assad", "Presidents", "modifier"),
    ],
)  # fmt: skip
def test_descriptor_relations(text: str, name: str, descriptor: str, relation: str) -> None:
    actor = actor_named(text, name)
    found = [(d.text, d.relation) for d in actor.descriptors]
    assert (descriptor, relation) in found
    for d in actor.descriptors:
        assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bashar al-Assad is not a dictator.", "Bashar al-Assad"),
        ("Few Republicans in Washington agree with Donald Trump.", "Republicans"),
        ("The regime shelled the town on Monday. Russia denied it.", "Russia"),
    ],
)
def test_no_descriptor_where_the_text_gives_none(text: str, name: str) -> None:
    assert actor_named(text, name).descriptors == []


def test_label_needs_an_earlier_use_of_the_noun() -> None:
    text = "The terrorists fired mortars. Later al-Nusra Front terrorists shelled the city."
    actor = actor_named(text, "al-Nusra Front")
    assert [d.relation for d in actor.descriptors] == ["modifier"]


def test_tone_and_times_quoted_come_from_the_other_analyzers() -> None:
    text = "Mark Toner spoke. The weather was fine. Toner left."
    tones = [SentenceTone(0, 17, -0.5), SentenceTone(18, 39, 0.9), SentenceTone(40, 51, 0.1)]
    quotes = [
        Quote("direct", "Toner", None, None, "said", "no", 0, 2),
        Quote("direct", None, 0, 10, "said", "yes", 0, 3),
        Quote("direct", "Someone Else", None, None, "said", "maybe", 0, 5),
    ]
    (actor,) = find_actors(parse(text), sentence_tones=tones, quotes=quotes)
    assert actor.tone == pytest.approx(-0.2)
    assert actor.times_quoted == 2
    assert actor.role is None and actor.role_score is None


@pytest.mark.parametrize(
    ("speaker", "start", "end", "name", "times"),
    [
        ("commentator on RT", 2, 19, "RT", 0),
        ("Russian defence minister", 24, 48, "Russian", 0),
        ("Sergei Shoigu", 49, 62, "Sergei Shoigu", 1),
    ],
)
def test_quoted_actor_is_the_head_of_the_speaker_phrase(
    speaker: str, start: int, end: int, name: str, times: int
) -> None:
    text = "A commentator on RT and Russian defence minister Sergei Shoigu spoke."
    quote = Quote("indirect", speaker, start, end, "spoke", "x", 0, 1)
    assert text[start:end] == speaker
    actor = next(a for a in find_actors(parse(text), quotes=[quote]) if a.name == name)
    assert actor.times_quoted == times


def test_pipeline_runs_actors_with_its_requirements() -> None:
    analysis = analyze(
        '"We will not leave," Mark Toner said. Toner is a careful spokesman.',
        analyzers=["actors"],
    )
    assert {"tone", "quotes", "scare_quotes", "actors"} <= set(analysis.analyzers)
    toner = next(a for a in analysis.actors if a.name == "Mark Toner")
    assert toner.times_quoted == 1
    assert ("careful spokesman", "predicate") in [(d.text, d.relation) for d in toner.descriptors]
    assert analysis.to_dict()["actors"][0]["mentions"][0] == list(toner.mentions[0])


def test_odd_text_never_crashes() -> None:
    text = "‘ “ ’ ” '' \" — (IS) ( ) Mr , the , . \n\n Al- -"
    for actor in actors_of(text):
        for s, e in actor.mentions:
            assert 0 <= s < e <= len(text)


def test_matching_is_lenient_on_spans_and_strict_on_actor() -> None:
    gold = [
        GoldPair("a", 0, 5, 10, 20, "modifier"),
        GoldPair("a", 0, 5, 30, 35, "predicate"),
        GoldPair("a", 50, 55, 60, 65, "label"),
    ]
    predicted = [
        SystemPair(((0, 5),), 12, 20, "modifier"),  # overlaps: match, not exact
        SystemPair(((0, 5),), 30, 35, "apposition"),  # exact, other relation
        SystemPair(((70, 75),), 60, 65, "label"),  # right words, wrong actor
    ]
    score = DescriptorScore()
    score_article(gold, predicted, score)
    assert (score.matched, score.exact, score.same_relation) == (2, 1, 1)
    assert score.lenient == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert score.by_relation("label") == (0.0, 0.0, 0.0)


def test_eval_descriptors_command(runner, tmp_path: Path) -> None:
    text = "State department spokesman Mark Toner refused. Hezbollah is a terrorist group."
    (tmp_path / "doc1.txt").write_text(text, encoding="utf-8")
    pairs = [
        {"article": "doc1", "actor_start": 27, "actor_end": 37, "descriptor_start": 0,
         "descriptor_end": 26, "relation": "modifier"},
        {"article": "doc1", "actor_start": 47, "actor_end": 56, "descriptor_start": 62,
         "descriptor_end": 77, "relation": "predicate", "split": "heldout"},
    ]  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(p) for p in pairs), encoding="utf-8")
    scores = evaluate_descriptors(gold_path=gold, article_dirs=[tmp_path])
    assert scores["all"].lenient == (1.0, 1.0, 1.0)
    result = runner.invoke(app, ["eval", "descriptors", "--gold", str(gold), "--articles",
                                 str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 gold pairs in 1 articles" in result.output


def test_eval_descriptors_names_a_missing_article(runner, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"article": "nowhere", "actor_start": 0, "actor_end": 1,
                                "descriptor_start": 0, "descriptor_end": 1,
                                "relation": "modifier"}), encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["eval", "descriptors", "--gold", str(gold), "--articles",
                                 str(tmp_path)])  # fmt: skip
    assert result.exit_code == 1
    assert "nowhere" in result.output


@pytest.mark.shared
def test_sample_article_gives_assad_his_descriptors() -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    analysis = analyze(text, analyzers=["actors"])
    assad = next(a for a in analysis.actors if a.name == "Bashar al-Assad")
    assert assad.type == "PERSON"
    found = {(d.text, d.relation) for d in assad.descriptors}
    assert {
        ("brutal dictator", "scare_quote"),
        ("legitimate head of state", "apposition"),
        ("President", "modifier"),
    } <= found
    assert "Assad" in {text[s:e] for s, e in assad.mentions}
    nusra = next(a for a in analysis.actors if a.name == "al-Nusra")
    assert ("terrorists", "label") in {(d.text, d.relation) for d in nusra.descriptors}
    assert "moderate" in [q.text for q in analysis.scare_quotes]
    for actor in analysis.actors:
        for d in actor.descriptors:
            assert text[d.start : d.end] == d.text
