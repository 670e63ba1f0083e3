"""The web app's cache of comparisons follows the corpus: a re-annotation that leaves every
count unchanged (a new analyzer version) still gives a fresh comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from slant.document import Document
from slant.store import Corpus
from slant.web import create_app

from .test_compare_golden import build_tiny

SIDES = {"a": "source:herald", "b": "source:voice"}


def _reannotate(path: Path, *, version: str, tone: float) -> None:
    """Store every analysis again under ``version``, with every document's tone set to ``tone``."""
    with Corpus(path) as corpus:
        rows = [(meta["id"], fields) for meta, fields in corpus.iter_analysis_fields()]
        for _, fields in rows:
            fields["tone"] = {**fields["tone"], "compound": tone}
        corpus.save_analyses((doc_id, {"all": (version, fields)}) for doc_id, fields in rows)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.db"
    build_tiny(path)
    return path


def test_fingerprint_follows_what_changes(tiny: Path) -> None:
    with Corpus(tiny) as corpus:
        first, stats = corpus.fingerprint(), corpus.stats()
        list(corpus.iter_analysis_fields())
        assert corpus.fingerprint() == first, "reading changes nothing"
        document = next(corpus.iter_documents())
        corpus.add_documents([Document(text=document.text, title="A new title")], update=True)
        renamed = corpus.fingerprint()
        assert renamed != first and corpus.stats() == stats
    _reannotate(tiny, version="test.v2", tone=0.0)
    with Corpus(tiny) as corpus:
        assert corpus.fingerprint() != renamed and corpus.stats() == stats


def test_same_version_saved_again_changes_the_fingerprint(tiny: Path) -> None:
    with Corpus(tiny) as corpus:
        before = corpus.fingerprint()
        meta, fields = next(corpus.iter_analysis_fields())
        corpus.save_analyses([(meta["id"], {"all": ("test.v1", fields)})])
        assert corpus.fingerprint() != before


def test_reannotation_with_a_new_version_is_not_served_from_the_cache(tiny: Path) -> None:
    app = create_app(tiny, workers=1)
    with TestClient(app, base_url="http://127.0.0.1", headers={"X-Slant-Client": "t"}) as client:
        first = client.post("/api/compare", json=SIDES).json()
        again = client.post("/api/compare", json=SIDES).json()
        assert again == first
        assert len(app.state.slant.comparisons) == 1, "the same request is computed once"
        with Corpus(tiny) as corpus:
            stats = corpus.stats()
        _reannotate(tiny, version="test.v2", tone=-0.5)
        with Corpus(tiny) as corpus:
            assert corpus.stats() == stats, "counts alone cannot tell the corpus changed"
        fresh = client.post("/api/compare", json=SIDES).json()
    assert first["tone"]["a"]["mean"] == pytest.approx((0.2 + 0.6 - 0.1) / 3, abs=1e-4)
    assert fresh["tone"]["a"]["mean"] == -0.5 and fresh["tone"]["b"]["mean"] == -0.5
    assert json.dumps(fresh) != json.dumps(first)
