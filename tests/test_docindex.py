"""The speed-ups of quotes/actors give the same answers as the plain spaCy and regex reads."""

from __future__ import annotations

import pytest

from slant.analyzers.actors.mentions import _folded, _occurrences, _whole_word
from slant.analyzers.quotes.docindex import doc_text, entities, entity_at, token_indexes
from slant.nlp import parse

TEXT = (
    "Ann Lee met Tom Reed in Paris on Monday. Lee said the talks went well, and Reed says "
    "so too, according to AFP."
)


def test_cached_reads_equal_spacy_reads() -> None:
    doc = parse(TEXT)
    assert doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    assert entities(doc) == tuple(doc.ents)
    for token in doc:
        expected = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        assert entity_at(doc, token.i) == expected
    assert token_indexes(doc, "lemma", {"say"}) == [t.i for t in doc if t.lemma_.lower() == "say"]
    assert token_indexes(doc, "lower", {"according"}) == [
        t.i for t in doc if t.lower_ == "according"
    ]
    assert token_indexes(doc, "dep", {"nsubj"}) == [t.i for t in doc if t.dep_ == "nsubj"]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("A A A and a a", "A A"),  # overlapping occurrences: finditer's non-overlapping ones
        ("ISIS, Isis and isis; al-ISIS, ISIS’s", "ISIS"),
        ("Lee’s and O'Lee and Leeds and _Lee and Lee_", "Lee"),
        ("the \u212aurds and the Kurds", "Kurds"),  # a Kelvin sign matches k case-insensitively
        ("Niinistö met NIINISTÖ", "Niinistö"),  # a name outside ASCII
        ("İstanbul and istanbul", "istanbul"),
        ("", "Lee"),
    ],
)
def test_occurrences_are_the_whole_word_matches(text: str, form: str) -> None:
    expected = [(m.start(), m.end()) for m in _whole_word(form).finditer(text)]
    assert list(_occurrences(text, _folded(text), form)) == expected
