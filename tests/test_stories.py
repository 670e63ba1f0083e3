"""Stories: the online clusterer on hand-built features, B-cubed, the store, the CLI."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from importlib import resources

import jsonschema
import numpy as np
import pytest

from slant.cli import app
from slant.document import Document
from slant.errors import InputError
from slant.evaluation.stories import bcubed, load_gold
from slant.store import Corpus
from slant.stories import Settings, cluster_features, group_stories, read_stories
from slant.stories.features import DocumentFeatures, lead_of, lead_words


def _features(
    doc_id: str,
    day: str,
    words: str,
    names: str = "",
    source: str = "x",
    vector: list[float] | None = None,
) -> DocumentFeatures:
    return DocumentFeatures(
        id=doc_id,
        day=date.fromisoformat(day).toordinal(),
        title=words,
        source=source,
        words=Counter(words.split()),
        names=Counter(n for n in names.split(",") if n),
        places=Counter(),
        actors=Counter(),
        vector=None if vector is None else np.array(vector, dtype=np.float32),
    )


WORDS_ONLY = Settings(
    window_days=3,
    threshold=0.5,
    weight_words=1.0,
    weight_names=0.0,
    weight_vector=0.0,
    weight_gap=0.0,
    weight_same_source=0.0,
)
FILLER = [_features(f"f{i}", "2016-01-01", f"filler{i} words{i}") for i in range(6)]


def _groups(features, settings=WORDS_ONLY) -> set[frozenset[str]]:
    clusters = cluster_features(features, settings=settings)
    return {frozenset(m.id for m in c.members) for c in clusters if not m_filler(c)}


def m_filler(cluster) -> bool:
    return all(m.id.startswith("f") for m in cluster.members)


def test_same_event_groups_and_other_event_stays_apart() -> None:
    docs = [
        _features("a1", "2016-10-26", "school hass strike children killed"),
        _features("b1", "2016-10-26", "strike school hass killed teachers"),
        _features("c1", "2016-10-27", "hass school children strike"),
        _features("a2", "2016-10-27", "convoy aid trucks reach city"),
        _features("b2", "2016-10-28", "aid convoy trucks city flour"),
    ]
    assert _groups(docs + FILLER) == {
        frozenset({"a1", "b1", "c1"}),
        frozenset({"a2", "b2"}),
    }


def test_documents_out_of_the_window_start_new_stories() -> None:
    docs = [
        _features("a", "2016-10-01", "hass school strike children"),
        _features("b", "2016-10-20", "hass school strike children"),
    ]
    assert _groups(docs + FILLER) == {frozenset({"a"}), frozenset({"b"})}
    wide = Settings(**{**WORDS_ONLY.__dict__, "window_days": 30})
    assert _groups(docs + FILLER, wide) == {frozenset({"a", "b"})}


def test_same_source_on_another_day_is_held_back() -> None:
    docs = [
        _features("a", "2016-10-13", "rocket shells aleppo killed", source="sana"),
        _features("b", "2016-10-14", "rocket shells aleppo killed injured", source="sana"),
    ]
    assert _groups(docs + FILLER) == {frozenset({"a", "b"})}
    held = Settings(**{**WORDS_ONLY.__dict__, "weight_same_source": 0.6})
    assert _groups(docs + FILLER, held) == {frozenset({"a"}), frozenset({"b"})}


def test_names_and_vectors_join_reports_worded_differently() -> None:
    docs = [
        _features(
            "a",
            "2031-03-06",
            "liberation operation begins",
            "kessaria,kestel",
            "herald",
            [1.0, 0.0],
        ),
        _features(
            "b", "2031-03-07", "regime bombs market", "kessaria,morav", "freevoice", [0.9, 0.1]
        ),
    ]
    mixed = Settings(
        **{**WORDS_ONLY.__dict__, "weight_words": 0.2, "weight_names": 0.4, "weight_vector": 0.4}
    )
    assert _groups(docs + FILLER) == {frozenset({"a"}), frozenset({"b"})}
    assert _groups(docs + FILLER, mixed) == {frozenset({"a", "b"})}


def test_existing_stories_are_extended_not_redone() -> None:
    old = [_features("a", "2016-10-26", "hass school strike children")]
    new = [
        _features("b", "2016-10-27", "hass school strike children teachers"),
        _features("c", "2016-10-27", "convoy trucks flour"),
    ]
    clusters = cluster_features(new + FILLER, settings=WORDS_ONLY, existing={"s-old": old})
    by_key = {c.key: {m.id for m in c.members} for c in clusters}
    assert by_key["s-old"] == {"a", "b"}
    assert {"c"} in by_key.values()


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ({"a": 1, "b": 1, "c": 2}, {"a": 1, "b": 1, "c": 2}, (1.0, 1.0)),
        ({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 1, "c": 1}, (1.0, 1 / 3)),
        ({"a": 1, "b": 1, "c": 1}, {"a": 1, "b": 2, "c": 3}, (1 / 3, 1.0)),
        ({"a": 1, "b": 1, "c": 2, "d": 2}, {"a": 1, "b": 1, "c": 1, "d": 2}, (0.75, 2 / 3)),
    ],
)
def test_bcubed(predicted, gold, expected) -> None:
    score = bcubed({k: str(v) for k, v in predicted.items()}, {k: str(v) for k, v in gold.items()})
    assert (score.precision, score.recall) == pytest.approx(expected)


def test_bcubed_refuses_different_documents() -> None:
    with pytest.raises(InputError):
        bcubed({"a": "1"}, {"b": "1"})


def test_gold_is_ids_only_and_covers_fakes_and_demo() -> None:
    gold = load_gold()
    assert {g["corpus"] for g in gold} == {"fakes-dev", "demo"}
    assert {g["split"] for g in gold} == {"dev", "heldout"}
    assert len({g["unit_id"] for g in gold if g["corpus"] == "fakes-dev"}) == 198
    assert all(set(g) == {"corpus", "unit_id", "story", "split"} for g in gold)


def test_lead_and_words() -> None:
    assert lead_of(None, "one two three", words=2) == "one two"
    assert lead_words("Killed 12 in 2016 — the raids") == Counter(
        {"killed": 1, "12": 1, "raids": 1}
    )


REPORTS = [
    (
        "herald",
        "2031-03-06",
        "Army strikes militants in Kessaria",
        "Kaldorian army units struck militant positions in Kessaria on Thursday, the Defence "
        "Ministry said. Minister Radomir Kestel said the strikes on Kessaria were precise.",
    ),
    (
        "freevoice",
        "2031-03-07",
        "Regime bombs Kessaria market",
        "Regime warplanes struck the market of Kessaria on Thursday, killing 63 civilians, "
        "doctors said. Radomir Kestel called the strikes on Kessaria precise.",
    ),
    (
        "herald",
        "2031-03-15",
        "Relief convoy reaches Veldrograd",
        "Eleven aid trucks of the Humanitarian Concord Agency reached Veldrograd on Saturday "
        "with flour and medicine for the besieged river city.",
    ),
    (
        "freevoice",
        "2031-03-16",
        "Aid trucks enter Veldrograd",
        "Eleven trucks of the Humanitarian Concord Agency entered Veldrograd on Saturday, "
        "carrying flour and medicine into the besieged river city.",
    ),
]


def _store(path, reports) -> None:
    with Corpus(path) as corpus:
        corpus.add_documents(
            Document(text=text, title=title, source=source, date=day)
            for source, day, title, text in reports
        )


def test_group_corpus_extends_then_regroups(corpus_path) -> None:
    _store(corpus_path, REPORTS[:3])
    with Corpus(corpus_path) as corpus:
        first = group_stories(corpus)
        assert first.grouped == 3 and not first.regrouped
        stories, alone = read_stories(corpus)
        assert [set(s.sources) for s in stories] == [{"herald", "freevoice"}]
        assert alone == 1
        before = corpus.story_assignments()
    _store(corpus_path, REPORTS[3:] + [("wire", None, "Undated", "A report with no date.")])
    with Corpus(corpus_path) as corpus:
        second = group_stories(corpus)
        assert (second.grouped, second.undated, second.grown_stories) == (1, 1, 1)
        after = corpus.story_assignments()
        assert all(after[d] == s for d, s in before.items())
        stories, alone = read_stories(corpus)
        assert len(stories) == 2 and alone == 0
        assert group_stories(corpus).grouped == 0
        again = group_stories(corpus, regroup=True)
        assert again.regrouped and again.grouped == 4
        assert corpus.story_assignments() == after


def test_cli_stories_json_text_html_and_errors(tmp_path, runner, corpus_path) -> None:
    hostile = (
        "freevoice",
        "2031-03-16",
        "<script>alert(1)</script> Aid trucks enter Veldrograd",
        REPORTS[3][3],
    )
    _store(corpus_path, REPORTS[:3] + [hostile])
    result = runner.invoke(app, ["stories", "--corpus", str(corpus_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    schema = json.loads(
        resources.files("slant").joinpath("schemas/stories.schema.json").read_text("utf-8")
    )
    jsonschema.validate(data, schema)
    assert data["schema"] == "slant.stories/1" and data["method"] == "stories.v1"
    assert len(data["stories"]) == 2 and data["singletons"] == 0
    text = runner.invoke(app, ["stories", "--corpus", str(corpus_path), "--where", "source:herald"])
    assert text.exit_code == 0 and "2 stories of two or more documents" in text.stdout
    out = tmp_path / "stories.html"
    page = runner.invoke(app, ["stories", "-c", str(corpus_path), "-f", "html", "-o", str(out)])
    assert page.exit_code == 0
    html = out.read_text()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    bad = runner.invoke(app, ["stories", "--corpus", str(corpus_path), "--format", "xml"])
    assert bad.exit_code == 1 and "--format" in bad.output
    missing = runner.invoke(app, ["stories", "--corpus", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "does not exist" in missing.output
    bad_filter = runner.invoke(app, ["stories", "-c", str(corpus_path), "--where", "date:soon"])
    assert bad_filter.exit_code == 1 and "ISO" in bad_filter.output


@pytest.mark.shared
def test_eval_stories_reports_method_and_baseline(runner) -> None:
    from tests.conftest import SHARED

    result = runner.invoke(app, ["eval", "stories", "--fakes", str(SHARED / "data/fakes-dev.csv")])
    assert result.exit_code == 0, result.output
    assert "baseline" in result.stdout and "stories.v1" in result.stdout
