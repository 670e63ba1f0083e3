"""`slant compare` counts techniques in each side's own voice and, apart, in the voices it
quotes (``technique_voices``), on a tiny corpus whose analyses are written by hand."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from slant.compare import compare
from slant.document import Document
from slant.report.compare_html import render_comparison
from slant.report.compare_text import print_comparison
from slant.store import Corpus

# (text, [(words of a technique span, voice)]) per document; voice None: stored before v3.
OWN = [
    ('The vile thugs lied. "We are calm," said the mayor.', [("vile thugs", "author")]),
    (
        'Cowards fled. "The traitors ran," said Ann Lee.',
        [("Cowards", "author"), ("traitors", "quoted")],
    ),
]
QUOTING = [
    (
        '"These murderous butchers," said the minister, "must go."',
        [("murderous butchers", "quoted")],
    ),
    ('Officials met on Monday. "Vermin," a general said.', [("Vermin", "quoted")]),
    ("The talks ended on Tuesday in Geneva.", [("talks", None)]),
]


def _fields(text: str, spans: list[tuple[str, str | None]]) -> dict:
    techniques = []
    for words, voice in spans:
        start = text.index(words)
        found = {
            "technique": "Name_Calling,Labeling",
            "start": start,
            "end": start + len(words),
            "text": words,
            "score": 0.8,
        }
        if voice is not None:
            found.update(voice=voice, quote=0 if voice == "quoted" else None, speaker=None)
        techniques.append(found)
    return {"techniques": techniques, "quotes": [], "actors": [], "citations": []}


@pytest.fixture
def voiced_corpus(corpus_path: Path) -> Path:
    documents = [(Document(text=t, source="own"), s) for t, s in OWN] + [
        (Document(text=t, source="quoting"), s) for t, s in QUOTING
    ]
    with Corpus(corpus_path) as corpus:
        corpus.add_documents([d for d, _ in documents])
        corpus.save_analyses(
            (d.id, {"techniques": ("techniques.v3", _fields(d.text, s))}) for d, s in documents
        )
    return corpus_path


def _comparison(path: Path):
    with Corpus(path, create=False) as corpus:
        return compare(corpus, a="source:own", b="source:quoting", min_count=1, reps=200)


def test_rates_by_voice_by_hand(voiced_corpus):
    data = _comparison(voiced_corpus).to_dict()["technique_voices"]
    words_a = sum(len(t.split()) for t, _ in OWN)
    words_b = sum(len(t.split()) for t, _ in QUOTING)
    assert data["a"]["author"]["count"] == 2 and data["a"]["quoted"]["count"] == 1
    assert data["b"]["author"]["count"] == 0 and data["b"]["quoted"]["count"] == 2
    assert data["b"]["unattributed"] == 1 and data["a"]["unattributed"] == 0
    assert data["a"]["author"]["per_1000_words"] == pytest.approx(2000 / words_a, abs=1e-3)
    assert data["b"]["quoted"]["per_1000_words"] == pytest.approx(2000 / words_b, abs=1e-3)
    assert data["b"]["author"]["per_1000_words"] == 0.0
    assert set(data["difference"]) == {"author", "quoted"}
    assert data["difference"]["author"]["a_minus_b"] == pytest.approx(2000 / words_a, abs=1e-3)
    low, high = data["a"]["author"]["ci95"]
    assert low <= data["a"]["author"]["per_1000_words"] <= high
    texts = {t for t, _ in QUOTING}
    example = data["b"]["quoted"]["examples"][0]
    assert example["text"] in {"murderous butchers", "Vermin"}
    assert any(example["context"] in t or t in example["context"] for t in texts)


def test_text_and_html_show_both_voices(voiced_corpus):
    comparison = _comparison(voiced_corpus)
    out = io.StringIO()
    print_comparison(comparison, Console(file=out, width=200))
    printed = out.getvalue()
    assert "in its own voice" in printed and "inside quotes" in printed
    html = render_comparison(comparison)
    assert "Whose voice" in html and "all techniques, inside quotes" in html
    assert "Findings stored before voices existed" in html
