import pytest

import slant
from slant import AnalyzerError, Document, pipeline
from slant.pipeline import Context, analyzer, resolve, run_analyzers


@pytest.fixture
def scratch_registry(monkeypatch):
    """Analyzers registered in a test disappear after it."""
    slant.available_analyzers()
    monkeypatch.setattr(pipeline, "_REGISTRY", dict(pipeline._REGISTRY))


def test_tone_is_computed_per_sentence() -> None:
    a = slant.analyze("The talks were a great success. The attack killed many.", analyzers=["tone"])
    assert a.analyzers == {"tone": "tone.v1"}
    scores = [s.compound for s in a.tone.sentences]
    assert len(scores) == 2 and scores[0] > 0 > scores[1]
    assert a.tone.compound == pytest.approx(sum(scores) / 2, abs=1e-3)


def test_unknown_analyzer_lists_the_available_ones() -> None:
    with pytest.raises(AnalyzerError, match="unknown analyzer 'nope'.*available: .*tone"):
        resolve(["nope"])


def test_dependencies_run_first_and_cycles_fail(scratch_registry) -> None:
    @analyzer("test_after_tone", version="t.v1", sets=("frames",), requires=("tone",))
    def after(ctx: Context) -> dict:
        return {"frames": {"conflict": float(ctx.output("tone").compound < 0)}}

    @analyzer("test_cycle_a", version="t.v1", sets=(), requires=("test_cycle_b",))
    def cycle_a(ctx: Context) -> dict:
        return {}

    @analyzer("test_cycle_b", version="t.v1", sets=(), requires=("test_cycle_a",))
    def cycle_b(ctx: Context) -> dict:
        return {}

    assert [s.name for s in resolve(["test_after_tone"])] == ["tone", "test_after_tone"]
    a = slant.analyze("A terrible, deadly attack.", analyzers=["test_after_tone"])
    assert a.frames == {"conflict": 1.0}
    with pytest.raises(AnalyzerError, match="cycle"):
        resolve(["test_cycle_a"])


def test_undeclared_fields_are_refused(scratch_registry) -> None:
    @analyzer("test_sloppy", version="t.v1", sets=("frames",))
    def sloppy(ctx: Context) -> dict:
        return {"frames": {}, "claims": []}

    with pytest.raises(AnalyzerError, match="undeclared"):
        run_analyzers(Document(text="x y"), resolve(["test_sloppy"]))


def test_every_registered_analyzer_is_versioned() -> None:
    for name, spec in slant.available_analyzers().items():
        assert spec.version.startswith(name + ".v"), spec
        assert spec.description, f"{name} has no docstring"


def test_analysis_json_round_trip() -> None:
    a = slant.analyze("Officials said 27 demonstrators were shot dead.", analyzers=["tone"])
    data = a.to_dict()
    assert data["schema"] == "slant.analysis/1"
    assert data["document"]["length"] == len(a.document.text)
    again = slant.Analysis.from_dict(data, a.document.text)
    assert again.to_dict() == data


def test_jupyter_renders_highlighted_html() -> None:
    a = slant.analyze("<b>Bold</b> claims were made.", analyzers=["tone"])
    html = a._repr_html_()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html and "<b>Bold</b>" not in html
