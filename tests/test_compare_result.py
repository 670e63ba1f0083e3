"""The typed comparison: sections read as attributes, ``slant.compare`` a plain function, and
the Jupyter view of an analysis registered by :mod:`slant.report` (no import back from
:mod:`slant.analysis`)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

import pytest

import slant
from slant.compare.result import Comparison, MeanTone, PerSide, Term
from slant.store import Corpus

from .test_compare_golden import build_tiny


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    path = tmp_path_factory.mktemp("typed") / "tiny.db"
    build_tiny(path)
    with Corpus(path, create=False) as corpus:
        return slant.compare(corpus, a="source:herald", b="source:voice", min_count=1)


def test_sections_are_typed_and_frozen(comparison: Comparison) -> None:
    assert isinstance(comparison.tone.a, MeanTone) and isinstance(comparison.sides, PerSide)
    top = comparison.distinctive_terms.a[0]
    assert isinstance(top, Term) and top.term == "terrorists" and top.count_b == 0
    assert comparison.techniques.a["Loaded_Language"].count == 2
    assert comparison.techniques.difference["Loaded_Language"].real in (True, False)
    assert comparison.casualties["b"].killed("civilians") == 30
    assert comparison.actor_roles[0].a.dominant == "hero"
    with pytest.raises(dataclasses.FrozenInstanceError):
        comparison.tone = comparison.tone  # type: ignore[misc]
    with pytest.raises(KeyError):
        comparison.casualties.a.killed("people")
    data = comparison.to_dict()
    assert data["tone"]["a"]["mean"] == comparison.tone.a.mean
    assert data["distinctive_terms"]["a"][0]["examples"][0]["document"] == top.examples[0].document


def test_slant_compare_is_a_function() -> None:
    assert inspect.isfunction(slant.compare)
    assert inspect.signature(slant.compare).return_annotation in ("Comparison", Comparison)
    from slant.compare import stats

    assert stats.log_odds_z is not None


def _imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_analysis_does_not_import_its_view() -> None:
    source = Path(slant.analysis.__file__)
    assert not {name for name in _imports(source) if "report" in name}
    analysis = slant.Analysis(slant.Document(text="Officials said 27 people were killed."))
    html = analysis._repr_html_()
    assert html is not None and html.startswith("<style>") and "Officials said" in html
