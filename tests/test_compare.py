"""`slant compare` on a tiny stored corpus whose analyses are written by hand."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from slant.cli import app
from slant.compare import compare
from slant.compare.spans import sentence_spans
from slant.document import Document
from slant.errors import InputError, StoreError
from slant.report.compare_html import render_comparison
from slant.store import Corpus

from .conftest import SHARED

HERALD = [  # side A: (text, tone)
    ("Terrorists shelled Aleppo. The heroic army said terrorists killed 12 civilians.", 0.2),
    ("The heroic army liberated Aleppo from terrorists.", 0.6),
    ("Terrorists fired rockets at Aleppo. The army responded.", -0.1),
]
VOICE = [  # side B
    (
        "Regime forces shelled eastern Aleppo. Barrel bombs killed 30 civilians, activists said.",
        -0.6,
    ),
    ("The brutal army besieged eastern Aleppo <script>alert(1)</script>.", -0.8),
    ("Regime jets bombed eastern Aleppo. The brutal army shelled a hospital.", -0.7),
]


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _fields(text: str, tone: float, source: str) -> dict:
    """Analysis fields as the analyzers would store them, with exact offsets."""
    army = [(m.start(), m.end()) for m in re.finditer(r"army", text)]
    descriptors = [
        {"text": word, "start": s, "end": e, "relation": "modifier"}
        for word in ("heroic", "brutal")
        if word in text
        for s, e in [_span(text, word)]
    ]
    actors = [
        {
            "name": "Aleppo",
            "type": "GPE",
            "mentions": [list(_span(text, "Aleppo"))],
            "descriptors": [],
            "tone": tone,
            "times_quoted": 0,
            "role": "victim",
        }
    ]
    if army:
        actors.append(
            {
                "name": "the army",
                "type": "ORG",
                "mentions": [list(m) for m in army],
                "descriptors": descriptors,
                "tone": tone,
                "times_quoted": 0,
                "role": "hero" if source == "herald" else "villain",
            }
        )
    techniques = []
    if text.startswith("Terrorists"):
        techniques.append(
            {
                "technique": "Loaded_Language",
                "start": 0,
                "end": 10,
                "text": "Terrorists",
                "score": 0.9,
            }
        )
    quotes, claims, killed = [], [], 0
    for speaker, content in (
        ("The heroic army", "terrorists killed 12 civilians"),
        ("activists", "Barrel bombs killed 30 civilians"),
    ):
        if content in text:
            s, e = _span(text, content)
            ss, se = _span(text, speaker)
            quotes.append(
                {
                    "kind": "indirect",
                    "speaker": speaker,
                    "speaker_start": ss,
                    "speaker_end": se,
                    "cue": "said",
                    "content": content,
                    "content_start": s,
                    "content_end": e,
                }
            )
            number = re.search(r"\d+ civilians", content).group()
            ns, ne = _span(text, number)
            killed = int(number.split()[0])
            claims.append(
                {
                    "value": killed,
                    "text": number,
                    "start": ns,
                    "end": ne,
                    "category": "civilians",
                    "event": "killed",
                }
            )
    sentences = [{"start": s, "end": e, "compound": tone} for s, e in sentence_spans(text)]
    frames = (
        {"conflict": 0.8, "human_interest": 0.1}
        if source == "herald"
        else {"conflict": 0.6, "human_interest": 0.9}
    )
    return {
        "tone": {"compound": tone, "sentences": sentences},
        "techniques": techniques,
        "quotes": quotes,
        "citations": [],
        "actors": actors,
        "claims": claims,
        "casualties": {"killed": {"civilians": killed, "children": 0, "women": 0, "combatants": 0}},
        "frames": {"resolution": 0.0, "morality": 0.0, "economic": 0.0, **frames},
    }


@pytest.fixture
def tiny_corpus(corpus_path: Path) -> Path:
    documents = [
        Document(text=t, source="herald", title=f"Herald {i}") for i, (t, _) in enumerate(HERALD)
    ] + [Document(text=t, source="voice") for t, _ in VOICE]
    with Corpus(corpus_path) as corpus:
        corpus.add_documents([*documents, Document(text="Not annotated yet.", source="voice")])
        tones = [tone for _, tone in HERALD + VOICE]
        corpus.save_analyses(
            (doc.id, {"all": ("test.v1", _fields(doc.text, tone, doc.source))})
            for doc, tone in zip(documents, tones, strict=True)
        )
    return corpus_path


def _compare(path: Path, **options) -> dict:
    with Corpus(path, create=False) as corpus:
        return compare(
            corpus, a="source:herald", b="source:voice", min_count=1, **options
        ).to_dict()


def test_sides_terms_and_evidence(tiny_corpus):
    data = _compare(tiny_corpus, label_a="Herald")
    assert data["a"] == {
        "label": "Herald",
        "filter": "source:herald",
        "subject": None,
        "documents": 3,
        "words": sum(len(t.split()) for t, _ in HERALD),
        "not_annotated": 0,
    }
    assert data["b"]["documents"] == 3 and data["b"]["not_annotated"] == 1
    top_a = data["distinctive_terms"]["a"][0]
    assert (top_a["term"], top_a["count_a"], top_a["count_b"]) == ("terrorists", 4, 0)
    assert top_a["z"] > 0 and len(top_a["examples"]) == 3
    texts = {doc.id: doc.text for doc in _documents(tiny_corpus)}
    for example in top_a["examples"]:
        assert texts[example["document"]][example["start"] : example["end"]].lower() == "terrorists"
    b_terms = {t["term"]: t for t in data["distinctive_terms"]["b"]}
    assert b_terms["eastern aleppo"]["count_b"] == 3 and b_terms["regime"]["z"] < 0


def _documents(path: Path) -> list[Document]:
    with Corpus(path, create=False) as corpus:
        return list(corpus.iter_documents())


def test_rates_tone_frames_by_hand(tiny_corpus):
    data = _compare(tiny_corpus)
    words_a = sum(len(t.split()) for t, _ in HERALD)
    loaded = data["techniques"]["a"]["Loaded_Language"]
    assert loaded["count"] == 2
    assert loaded["per_1000_words"] == pytest.approx(2 / words_a * 1000, abs=1e-3)
    assert data["techniques"]["b"]["Loaded_Language"]["per_1000_words"] == 0.0
    assert data["tone"]["a"]["mean"] == pytest.approx((0.2 + 0.6 - 0.1) / 3, abs=1e-4)
    assert data["tone"]["b"]["mean"] == pytest.approx(-0.7, abs=1e-4)
    low, high = data["tone"]["a"]["ci95"]
    assert low <= data["tone"]["a"]["mean"] <= high
    assert data["tone"]["difference"]["real"] is True
    assert data["frames"]["a"]["human_interest"]["share"] == 0.0
    assert data["frames"]["b"]["human_interest"]["share"] == 1.0
    assert data["frames"]["difference"]["human_interest"]["real"] is True
    assert data["casualties"]["a"]["killed_civilians_reported"] == 12
    assert data["casualties"]["b"]["killed_civilians_reported"] == 30
    assert data == _compare(tiny_corpus), "the report must be deterministic"


def test_actors_descriptors_roles_and_voices(tiny_corpus):
    data = _compare(tiny_corpus)
    [army] = data["actor_descriptors"]
    assert army["actor"] == "the army" and army["difference"] == 1.0
    assert [(d["descriptor"], d["count"]) for d in army["a"]] == [("heroic", 2)]
    assert [(d["descriptor"], d["count"]) for d in army["b"]] == [("brutal", 2)]
    roles = {r["actor"]: r for r in data["actor_roles"]}
    assert roles["the army"]["a"]["dominant"] == "hero"
    assert roles["the army"]["b"]["dominant"] == "villain"
    assert roles["Aleppo"]["difference"] == 0.0
    assert data["actor_roles"][0]["actor"] == "the army"
    assert data["quoted"]["b"][0]["speaker"] == "activists"
    assert data["quoted"]["b"][0]["examples"][0]["text"] == "Barrel bombs killed 30 civilians"


def test_subject_mode_counts_only_sentences_that_mention_it(tiny_corpus):
    with Corpus(tiny_corpus, create=False) as corpus:
        data = compare(corpus, subject_a="terrorists", subject_b="regime", min_count=1).to_dict()
    assert data["a"]["documents"] == 3 and data["b"]["documents"] == 2
    assert data["b"]["words"] == len("Regime forces shelled eastern Aleppo.".split()) + len(
        "Regime jets bombed eastern Aleppo.".split()
    )
    terms_b = {t["term"] for t in data["distinctive_terms"]["b"]}
    assert "hospital" not in terms_b and "eastern" in terms_b
    assert not {"regime", "regime forces"} & terms_b, "a subject's own words are left out"


def test_errors_name_the_problem(tiny_corpus, tmp_path):
    with Corpus(tiny_corpus, create=False) as corpus:
        with pytest.raises(InputError, match="selects no documents.*herald \\(3\\)"):
            compare(corpus, a="source:nowhere", b="source:voice")
        with pytest.raises(InputError, match="same documents"):
            compare(corpus, a="source:voice", b="source:voice")
    bare = tmp_path / "bare.db"
    with Corpus(bare) as corpus:
        corpus.add_documents([Document(text="Some text.", source="x"), Document(text="Other.")])
        with pytest.raises(StoreError, match="slant annotate --corpus"):
            compare(corpus, a="source:x", b="")


TOP_KEYS = {
    "schema",
    "a",
    "b",
    "distinctive_terms",
    "actor_descriptors",
    "techniques",
    "technique_voices",
    "tone",
    "quoted",
    "cited_outlets",
    "casualties",
    "frames",
    "actor_roles",
    "evidence_documents",
    "aligned_terms",
    "excluded_terms",
    "technique_min_score",
}


def test_cli_json_follows_the_schema(tiny_corpus, runner):
    import jsonschema

    result = runner.invoke(
        app,
        [
            "compare",
            "--corpus",
            str(tiny_corpus),
            "--a",
            "source:herald",
            "--b",
            "source:voice",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    schema = resources.files("slant.compare").joinpath("compare.schema.json").read_text("utf-8")
    validator = jsonschema.Draft202012Validator(json.loads(schema))
    validator.validate(data)
    broken = {**data, "tone": {"a": {"mean": "high"}, "b": data["tone"]["b"]}}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)
    assert set(data) == TOP_KEYS and data["schema"] == "slant.compare/1"
    assert set(data["a"]) >= {"label", "filter", "documents", "words"}
    for key in "ab":
        for term in data["distinctive_terms"][key]:
            assert set(term) == {"term", "z", "count_a", "count_b", "examples"}
        for speaker in data["quoted"][key]:
            assert {"speaker", "quotes"} <= set(speaker)
        for entry in data["techniques"][key].values():
            assert {"per_1000_words", "ci95"} <= set(entry)
        assert {"mean", "ci95"} <= set(data["tone"][key])
        assert "killed_civilians_reported" in data["casualties"][key]
        assert {"share", "ci95"} <= set(data["frames"][key]["conflict"])
    assert {"actor", "a", "b"} <= set(data["actor_descriptors"][0])
    assert {"descriptor", "count"} <= set(data["actor_descriptors"][0]["a"][0])
    for example in data["distinctive_terms"]["a"][0]["examples"]:
        assert {"document", "start", "end"} <= set(example)


def test_cli_text_summary(tiny_corpus, runner):
    result = runner.invoke(
        app,
        [
            "compare",
            "-c",
            str(tiny_corpus),
            "--a",
            "source:herald",
            "--b",
            "source:voice",
            "--label-a",
            "Herald",
            "--label-b",
            "Voice",
        ],
    )
    assert result.exit_code == 0, result.output
    for expected in (
        "A: Herald — 3 documents",
        "terrorists",
        "heroic ×2",
        "brutal ×2",
        "villain ×2",
        "Loaded Language",
        "tone (mean)",
        "activists",
    ):
        assert expected in result.stdout


def test_cli_html_is_standalone_and_escaped(tiny_corpus, runner, tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(
        app,
        [
            "compare",
            "-c",
            str(tiny_corpus),
            "--a",
            "source:herald",
            "--b",
            "source:voice",
            "--format",
            "html",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html)
    assert "http://" not in html and "https://" not in html
    anchors = set(re.findall(r'href="#(ev-\d+)"', html))
    assert anchors and anchors <= set(re.findall(r'id="(ev-\d+)"', html))
    assert "<svg" in html and "<mark>terrorists</mark>" in html.lower()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--a", "source:herald"], "not one of text, json, html"),
        ([], "give two sides"),
    ],
)
def test_cli_bad_options(tiny_corpus, runner, args, message):
    extra = ["--format", "pdf"] if "--a" in args else []
    result = runner.invoke(app, ["compare", "-c", str(tiny_corpus), *args, *extra])
    assert result.exit_code == 1
    assert message in result.output


def test_cli_unannotated_corpus_says_what_to_do(corpus_path, runner):
    with Corpus(corpus_path) as corpus:
        corpus.add_documents([Document(text="Some text.", source="x")])
    result = runner.invoke(
        app, ["compare", "-c", str(corpus_path), "--a", "source:x", "--b", "source:y"]
    )
    assert result.exit_code == 1
    assert f"run `slant annotate --corpus {corpus_path}` first" in result.output


def test_render_html_of_library_result(tiny_corpus):
    with Corpus(tiny_corpus, create=False) as corpus:
        html = render_comparison(compare(corpus, a="source:herald", b="source:voice"))
    assert html.startswith("<!doctype html>") and "Content-Security-Policy" in html


@pytest.mark.shared
def test_fakes_sample_state_against_opposition(tmp_path):
    from slant.annotate import annotate_corpus
    from slant.filters import parse_filter
    from slant.ingest import ColumnMap
    from slant.load import ingest_paths

    columns = ColumnMap(
        text="article_content", title="article_title", source="source", date="date", id="unit_id"
    )
    state, opposition = "source:sana,manar", "source:etilaf,alaraby"
    with Corpus(tmp_path / "fakes.db") as corpus:
        ingest_paths(corpus, [SHARED / "data" / "fakes-dev.csv"], columns=columns)
        for side in (state, opposition):
            annotate_corpus(corpus, flt=parse_filter(side))
        data = compare(corpus, a=state, b=opposition).to_dict()
    assert data["a"]["documents"] == 40 and data["b"]["documents"] == 32
    assert data["distinctive_terms"]["a"] and data["distinctive_terms"]["b"]
    for key in "ab":
        for term in data["distinctive_terms"][key][:5]:
            for example in term["examples"]:
                assert term["term"].split()[0] in example["text"].lower()
    assert data["tone"]["a"]["ci95"][0] <= data["tone"]["a"]["mean"] <= data["tone"]["a"]["ci95"][1]


def test_two_processes_give_the_same_report(tiny_corpus, monkeypatch):
    from slant.compare import read

    monkeypatch.setattr(read, "PARALLEL_FROM", 0)
    assert _compare(tiny_corpus, workers=2) == _compare(tiny_corpus, workers=1)


def test_package_root_calls_compare(tiny_corpus):
    import slant
    from slant.compare import stats as stats_module

    assert stats_module.log_odds_z is not None
    with Corpus(tiny_corpus, create=False) as corpus:
        result = slant.compare(corpus, a="source:herald", b="source:voice")
    assert result.to_dict()["a"]["documents"] == 3


def _examples(node):
    """Every evidence example anywhere in a report."""
    if isinstance(node, dict):
        if {"document", "start", "end", "text", "context", "context_start"} <= set(node):
            yield node
        for value in node.values():
            yield from _examples(value)
    elif isinstance(node, list):
        for value in node:
            yield from _examples(value)


@pytest.mark.parametrize("subjects", [{}, {"subject_a": "terrorists", "subject_b": "regime"}])
def test_every_example_indexes_the_stored_text(tiny_corpus, subjects):
    with Corpus(tiny_corpus, create=False) as corpus:
        sides = {} if subjects else {"a": "source:herald", "b": "source:voice"}
        data = compare(corpus, min_count=1, **sides, **subjects).to_dict()
    texts = {doc.id: doc.text for doc in _documents(tiny_corpus)}
    examples = list(_examples(data))
    assert len(examples) > 20
    for example in examples:
        text = texts[example["document"]]
        assert text[example["start"] : example["end"]] == example["text"]
        start = example["context_start"]
        assert text[start : start + len(example["context"])] == example["context"]
        assert start <= example["start"] <= example["end"] <= start + len(example["context"])
        assert example["document"] in data["evidence_documents"]


@pytest.mark.parametrize(("fmt", "expected"), [("text", "Distinctive terms"), ("json", '"schema"')])
def test_cli_writes_text_and_json_to_a_file(tiny_corpus, runner, tmp_path, fmt, expected):
    out = tmp_path / f"report.{fmt}"
    args = ["compare", "-c", str(tiny_corpus), "--a", "source:herald", "--b", "source:voice"]
    result = runner.invoke(app, [*args, "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert expected in out.read_text(encoding="utf-8")


def _scored_corpus(path: Path, version: str) -> Path:
    """Herald's three documents, each with one Loaded_Language finding scored 0.3, 0.6, 0.9,
    stored by analyzer ``techniques`` at ``version``; Voice's with none."""
    documents = [Document(text=t, source="herald") for t, _ in HERALD]
    documents += [Document(text=t, source="voice") for t, _ in VOICE]
    with Corpus(path) as corpus:
        corpus.add_documents(documents)
        rows = []
        for i, doc in enumerate(documents):
            score = (0.3, 0.6, 0.9)[i] if doc.source == "herald" else None
            found = (
                [
                    {
                        "technique": "Loaded_Language",
                        "start": 0,
                        "end": 3,
                        "text": doc.text[:3],
                        "score": score,
                        "voice": "author",
                        "quote": None,
                        "speaker": None,
                    }
                ]
                if score is not None
                else []
            )
            fields = _fields(doc.text, 0.0, doc.source)
            rows.append(
                (
                    doc.id,
                    {
                        "all": ("test.v1", {k: v for k, v in fields.items() if k != "techniques"}),
                        "techniques": (version, {"techniques": found}),
                    },
                )
            )
        corpus.save_analyses(rows)
    return path


@pytest.mark.parametrize(
    ("version", "min_score", "counted", "recorded"),
    [
        ("techniques.v3", None, 2, 0.6),  # the operating point: 0.6 and 0.9
        ("techniques.v3", 0.0, 3, 0.0),
        ("techniques.v3", 0.95, 0, 0.95),
        ("techniques.v2", None, 3, 0.6),  # raw scores of v2 are not thresholded by default
        ("techniques.v2", 0.5, 2, 0.5),
    ],
)
def test_min_score_decides_which_findings_count(corpus_path, version, min_score, counted, recorded):
    path = _scored_corpus(corpus_path, version)
    data = _compare(path, technique_min_score=min_score)
    assert data["technique_min_score"] == recorded
    rates = data["techniques"]["a"]
    assert (rates["Loaded_Language"]["count"] if "Loaded_Language" in rates else 0) == counted
    assert data["technique_voices"]["a"]["author"]["count"] == counted


def test_default_min_score_is_the_analyze_operating_point(tiny_corpus):
    from slant.techniques.calibration import default_min_score

    assert _compare(tiny_corpus)["technique_min_score"] == default_min_score() > 0


def test_cli_min_score_is_recorded_and_checked(corpus_path, runner):
    path = _scored_corpus(corpus_path, "techniques.v3")
    base = ["compare", "-c", str(path), "--a", "source:herald", "--b", "source:voice"]
    result = runner.invoke(app, [*base, "--min-score", "0.5", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["technique_min_score"] == 0.5
    assert data["techniques"]["a"]["Loaded_Language"]["count"] == 2
    bad = runner.invoke(app, [*base, "--min-score", "1.5"])
    assert bad.exit_code != 0 and "--min-score" in bad.output


def test_min_score_outside_0_1_is_refused(tiny_corpus):
    with pytest.raises(InputError, match="technique_min_score"):
        _compare(tiny_corpus, technique_min_score=-0.1)


def test_reports_say_from_which_score_techniques_count(corpus_path):
    import io

    from rich.console import Console

    from slant.report.compare_text import print_comparison

    path = _scored_corpus(corpus_path, "techniques.v3")
    with Corpus(path, create=False) as corpus:
        default = compare(corpus, a="source:herald", b="source:voice", min_count=1)
        everything = compare(
            corpus, a="source:herald", b="source:voice", min_count=1, technique_min_score=0.0
        )
    assert "calibrated score of at least 0.60" in render_comparison(default)
    assert "Every stored finding" in render_comparison(everything)
    out = io.StringIO()
    print_comparison(default, Console(file=out, width=200, color_system=None))
    assert "Techniques per 1,000 words (score ≥ 0.60)" in out.getvalue()
