"""The analyzer contract: the registry (snapshot), one owner per field, declared reads,
run order independent of import order, plug-ins by entry point, and the JSON schema."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import slant
from slant import AnalyzerError, Document, analysis, pipeline
from slant.pipeline import Context, analyzer, resolve, run_analyzers

# Name -> (version, fields set, requires). A change here is a change of the contract: bump
# the analyzer's version when its output changes, and update this snapshot on purpose.
REGISTRY = {
    "actors": ("actors.v6", ("actors",), ("tone", "quotes", "scare_quotes")),
    "citations": ("citations.v1", ("citations",), ()),
    "claims": ("claims.v1", ("claims", "casualties"), ()),
    "frames": ("frames.v2", ("frames", "frame_evidence"), ()),
    "language": ("language.v1", ("language",), ()),
    "quotes": ("quotes.v6", ("quotes",), ()),
    "roles": ("roles.v2", ("roles",), ("actors",)),
    "scare_quotes": ("scare_quotes.v2", ("scare_quotes",), ("quotes",)),
    "techniques": ("techniques.v6", ("techniques",), ("quotes",)),
    "tone": ("tone.v1", ("tone",), ()),
}


@pytest.fixture
def scratch_registry(monkeypatch):
    """Analyzers registered in a test disappear after it."""
    slant.available_analyzers()
    monkeypatch.setattr(pipeline, "_REGISTRY", dict(pipeline._REGISTRY))


def test_registry_snapshot() -> None:
    found = {
        name: (spec.version, spec.sets, spec.requires)
        for name, spec in slant.available_analyzers().items()
    }
    assert found == REGISTRY


def test_every_analysis_field_has_exactly_one_owner() -> None:
    owners = pipeline.field_owners(slant.available_analyzers().values())
    finding_fields = {f.name for f in dataclasses.fields(slant.Analysis)} - {
        "document",
        "analyzers",
    }
    assert set(owners) == finding_fields


def test_run_order_is_topological_whatever_the_import_order() -> None:
    code = textwrap.dedent(
        """
        import slant.analyzers.roles, slant.analyzers.techniques
        import slant
        print(",".join(slant.available_analyzers()))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    names = out.stdout.strip().split(",")
    assert names == list(slant.available_analyzers())
    for name, (_, _, requires) in REGISTRY.items():
        assert all(names.index(dep) < names.index(name) for dep in requires)


def test_reading_an_output_not_required_is_refused(scratch_registry) -> None:
    @analyzer("test_peeker", version="test_peeker.v1", sets=("test_peek",), requires=("tone",))
    def peeker(ctx: Context) -> dict:
        return {"test_peek": ctx.output("quotes")}

    specs = resolve(["quotes", "test_peeker"])
    with pytest.raises(AnalyzerError, match="reads 'quotes' from 'quotes' without requiring it"):
        run_analyzers(Document(text="She said it was fine."), specs)


def test_reads_are_typed(scratch_registry) -> None:
    seen: list[object] = []

    @analyzer("test_typed", version="test_typed.v1", sets=("test_typed",), requires=("quotes",))
    def typed(ctx: Context) -> dict:
        seen.extend(ctx.output("quotes"))
        return {"test_typed": None}

    run_analyzers(
        Document(text='"We will not leave," the mayor said on Monday.'),
        resolve(["test_typed"]),
    )
    assert seen and all(isinstance(q, slant.Quote) for q in seen)


def test_two_owners_of_a_field_are_refused(scratch_registry) -> None:
    @analyzer("test_second_tone", version="test_second_tone.v1", sets=("tone",))
    def second(ctx: Context) -> dict:
        return {"tone": None}

    with pytest.raises(AnalyzerError, match="both set the field 'tone'"):
        resolve(["tone", "test_second_tone"])


def test_shared_sentences_are_computed_once() -> None:
    ctx = Context(Document(text="Rain fell.  Then the sun came out. "))
    assert [ctx.text[s.start : s.end] for s in ctx.sentences] == [
        "Rain fell.",
        "Then the sun came out.",
    ]
    assert ctx.sentences is ctx.sentences
    vectors = ctx.sentence_vectors
    assert vectors.shape == (2, 384) and vectors is ctx.sentence_vectors
    assert not vectors.flags.writeable


def test_an_analyzer_from_another_package_is_found_by_entry_point(tmp_path: Path) -> None:
    (tmp_path / "slant_example_plugin.py").write_text(
        textwrap.dedent(
            '''
            from slant.pipeline import analyzer

            @analyzer("example_length", version="example_length.v1", sets=("example_length",))
            def example_length(ctx):
                """Length of the text."""
                return {"example_length": len(ctx.text)}
            '''
        )
    )
    info = tmp_path / "slant_example_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: slant-example-plugin\nVersion: 1.0\n"
    )
    (info / "entry_points.txt").write_text(
        "[slant.analyzers]\nexample_length = slant_example_plugin\n"
    )
    code = "import slant; s = slant.available_analyzers()['example_length']; print(s.version)"
    env_path = f"{tmp_path}"
    out = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {env_path!r}); {code}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "example_length.v1"


def _schema() -> dict:
    text = resources.files("slant").joinpath("schemas/analysis.schema.json").read_text("utf-8")
    return json.loads(text)


def test_full_analysis_validates_against_the_schema() -> None:
    text = (
        'Bashar al-Assad, the "brutal dictator", was blamed. "We will not leave," the mayor '
        "said. Officials said 27 civilians were killed in eastern Aleppo, Reuters reported."
    )
    data = slant.analyze(text).to_dict()
    jsonschema.validate(data, _schema())
    for key, value in data.items():
        if isinstance(value, list):
            for item in value:
                for name in ("start", "content_start", "speaker_start"):
                    end = name.replace("start", "end")
                    if item.get(name) is not None and "text" in item and name == "start":
                        assert text[item[name] : item[end]] == item["text"], key


def test_schema_covers_every_field_and_vocabulary() -> None:
    schema = _schema()
    props = schema["properties"]
    for f in dataclasses.fields(slant.Analysis):
        if f.name not in ("document", "analyzers", "frame_evidence"):
            assert f.name in props, f.name
    quote = props["quotes"]["items"]["properties"]
    assert set(quote["kind"]["enum"]) == set(analysis.QUOTE_KINDS)
    claim = props["claims"]["items"]["properties"]
    assert set(claim["category"]["enum"]) == set(analysis.CLAIM_CATEGORIES)
    assert set(claim["event"]["enum"]) == set(analysis.CLAIM_EVENTS)
    relation = props["actors"]["items"]["properties"]["descriptors"]["items"]["properties"]
    assert set(relation["relation"]["enum"]) == set(analysis.DESCRIPTOR_RELATIONS)
    assert set(props["frames"]["properties"]) == set(analysis.FRAMES)
    assert set(props["roles"]["items"]["properties"]["role"]["enum"]) == {*analysis.ROLES, None}
    technique = props["techniques"]["items"]["properties"]
    assert set(technique["voice"]["enum"]) == {*analysis.TECHNIQUE_VOICES, None}
