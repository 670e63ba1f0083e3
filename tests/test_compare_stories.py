"""Compare's story sections on small corpora built by hand: boilerplate and outlet names
left out of distinctive terms, aligned terms, stories side by side and blindspots."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import pytest

from slant.cli import app
from slant.compare import compare
from slant.compare.aligned import ContextCounts, align_terms
from slant.compare.boilerplate import Exclusions, learn_boilerplate
from slant.compare.self_names import OutletNames
from slant.document import Document
from slant.report.compare_html import render_comparison
from slant.store import Corpus
from slant.stories.model import Story

from .test_compare import HERALD, VOICE, _fields

NEWS = [
    "Shelling hit the old market",
    "Talks resumed in the capital",
    "A convoy reached the northern villages",
    "Floods closed the coastal road",
]


def test_boilerplate_is_masked_and_offsets_kept() -> None:
    texts = [
        ("wire", f"BEIRUT (Wire) - {news} on Monday.\nSubscribe to Wire today") for news in NEWS
    ] + [("wire", "Date of publication 15 June 2016\nBy Jane Roe\nA quiet day in town.")]
    boilerplate = learn_boilerplate(texts)
    record = Exclusions()
    for (_, text), news in zip(texts, NEWS, strict=False):
        masked = boilerplate.mask(text, "wire", record)
        assert len(masked) == len(text)
        assert news in masked and "Subscribe" not in masked and "BEIRUT" not in masked
    assert "subscribe to wire today" in record.summary()["boilerplate"]
    assert record.datelines >= 4
    dated = boilerplate.mask(texts[-1][1], "wire", record)
    assert "June" not in dated and "Jane" not in dated and "A quiet day in town." in dated
    assert record.summary()["bylines"] == ("Jane Roe",)


def test_a_line_in_few_documents_is_not_boilerplate() -> None:
    texts = [("x", "Once only.\nThe news of the day.")] + [("x", f"Story {i}.") for i in range(5)]
    assert "once only." not in learn_boilerplate(texts).lines["x"]


@pytest.mark.parametrize(
    ("sources", "term", "named"),
    [
        (["huffpost"], "huffpost", "huffpost"),
        (["huffpost"], "huffington post", "huffpost"),
        (["foxnews"], "fox news", "foxnews"),
        (["foxnews"], "fox", "foxnews"),
        (["ahram"], "ahram online", "ahram"),
        (["alalam"], "al-alam", "alalam"),
        (["manar"], "al manar", "manar"),
        (["sana"], "sana reporter", "sana"),
        (["sana"], "syrian arab news agency", "sana"),
        (["sana"], "syrian arab", None),
        (["dailysabah"], "daily sabah", "dailysabah"),
        (["trt"], "trt world", "trt"),
        (["foxnews"], "news", None),
        (["herald"], "regime", None),
    ],
)
def test_outlet_names(sources, term, named) -> None:
    assert OutletNames(sources).source_named(term) == named


def _contexts(candidates: set[str], texts: list[str]) -> ContextCounts:
    counts = ContextCounts(frozenset(candidates))
    for text in texts:
        counts.add_text(text)
    return counts


SLOTS = [
    "{} fired rockets at the market in the old city",
    "the army fought {} near the river crossing",
    "{} fired mortars at the school near the bridge",
    "{} attacked the checkpoint near the river at dawn",
    "residents fled as {} fired rockets at the old city",
]
OTHER = [
    "the ministry opened the bakery on the main square",
    "the council met at the school on the main square",
    "officials opened the bridge on the main square",
]


def test_aligned_terms_pair_the_words_used_in_the_same_slots() -> None:
    side_a = [s.format("terrorists") for s in SLOTS] + [f"the {w} met" for w in ["bakers"] * 3]
    side_b = [s.format("rebels") for s in SLOTS] + [t.replace("main", "central") for t in OTHER]
    side_a += [t.replace("main", "central").replace("officials", "clerks") for t in OTHER]
    a = _contexts({"terrorists", "bakers"}, side_a)
    b = _contexts({"rebels", "council"}, side_b)
    words = Counter(w for t in side_a + side_b for w in t.split())
    anchors = [w for w, n in words.items() if n >= 4]
    pairs = align_terms(a, b, anchors=anchors)
    assert pairs and (pairs[0].a, pairs[0].b) == ("terrorists", "rebels")
    assert pairs[0].count_a == 5 and pairs[0].count_b == 5
    assert {"fired", "rockets"} & set(pairs[0].shared_contexts)
    assert all(p.a != "bakers" or p.b != "rebels" for p in pairs)


def test_no_pair_without_shared_contexts() -> None:
    a = _contexts({"terrorists"}, ["terrorists alpha beta gamma"] * 5)
    b = _contexts({"rebels"}, ["rebels delta epsilon zeta"] * 5)
    assert align_terms(a, b, anchors=["alpha", "delta"]) == []


@pytest.fixture
def story_corpus(corpus_path):
    """The hand-made herald/voice corpus of test_compare, with the source's own name as a
    frequent word, and two stored stories: one both sides report, one only herald does."""
    herald = [
        Document(
            text=f"{t} Herald reported.", source="herald", title=f"H{i}", date=f"2031-03-0{i + 1}"
        )
        for i, (t, _) in enumerate(HERALD)
    ]
    voice = [
        Document(text=t, source="voice", title=f"<script>V{i}</script>", date=f"2031-03-0{i + 1}")
        for i, (t, _) in enumerate(VOICE)
    ]
    tones = [tone for _, tone in HERALD + VOICE]
    with Corpus(corpus_path) as corpus:
        corpus.add_documents([*herald, *voice])
        corpus.save_analyses(
            (doc.id, {"all": ("test.v1", _fields(doc.text, tone, doc.source))})
            for doc, tone in zip([*herald, *voice], tones, strict=True)
        )
        shared = Story(
            "s-shared",
            "Shelling of <b>Aleppo</b>",
            (herald[0].id, voice[0].id),
            ("herald", "voice"),
            "2031-03-01",
            "2031-03-01",
        )
        only = Story(
            "s-only",
            "Liberation",
            (herald[1].id, herald[2].id),
            ("herald",),
            "2031-03-02",
            "2031-03-03",
        )
        corpus.save_stories(
            [shared, only],
            [(d, s.id, 0.5) for s in (shared, only) for d in s.documents],
            "stories.v1",
        )
    return corpus_path


def test_compare_by_story_and_excluded_outlet_names(story_corpus) -> None:
    with Corpus(story_corpus, create=False) as corpus:
        data = compare(
            corpus, a="source:herald", b="source:voice", min_count=1, by_story=True
        ).to_dict()
    schema = json.loads(
        resources.files("slant.compare").joinpath("compare.schema.json").read_text("utf-8")
    )
    import jsonschema

    jsonschema.Draft202012Validator(schema).validate(data)
    assert "herald" in data["excluded_terms"]["a"]["outlet_names"]
    assert all(t["term"] != "herald" for t in data["distinctive_terms"]["a"])
    assert [s["story"] for s in data["stories"]] == ["s-shared"]
    story = data["stories"][0]
    assert [d["source"] for d in story["documents_a"]] == ["herald"]
    assert [n["value"] for n in story["numbers_a"]] == [12]
    assert [n["value"] for n in story["numbers_b"]] == [30]
    assert story["numbers_b"][0]["examples"][0]["text"] == "30 civilians"
    assert [q["speaker"] for q in story["quoted_b"]] == ["activists"]
    assert story["techniques_a"][0]["technique"] == "Loaded_Language"
    assert story["tone_a"] == pytest.approx(0.2) and story["tone_b"] == pytest.approx(-0.6)
    assert [b["story"] for b in data["blindspots"]["a"]] == ["s-only"]
    assert data["blindspots"]["b"] == []
    page = render_comparison(compare_from(story_corpus))
    assert "Shelling of &lt;b&gt;Aleppo&lt;/b&gt;" in page and "<b>Aleppo" not in page
    assert "&lt;script&gt;V0&lt;/script&gt;" in page and "Only " in page


def compare_from(path):
    with Corpus(path, create=False) as corpus:
        return compare(corpus, a="source:herald", b="source:voice", min_count=1, by_story=True)


def test_cli_compare_by_story_text(story_corpus, runner) -> None:
    result = runner.invoke(
        app,
        [
            "compare",
            "--corpus",
            str(story_corpus),
            "--a",
            "source:herald",
            "--b",
            "source:voice",
            "--by-story",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Story: Shelling of <b>Aleppo</b>" in result.stdout
    assert "Only source:herald reported" in result.stdout
    assert "Left out of source:herald's terms: outlet names herald" in result.stdout
