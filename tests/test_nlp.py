import pytest

from slant.nlp import parse, split_for_parsing


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("aa bb cc", 5, [(0, 3), (3, 8)]),
        ("aa bb cc dd", 5, [(0, 3), (3, 6), (6, 11)]),
        ("short", 100, [(0, 5)]),
        ("para one.\n\npara two.\n\npara three.", 25, [(0, 22), (22, 33)]),
        ("x" * 12, 5, [(0, 5), (5, 10), (10, 12)]),
    ],
)
def test_split_for_parsing(text, limit, expected) -> None:
    pieces = split_for_parsing(text, limit)
    assert pieces == expected
    assert "".join(text[s:e] for s, e in pieces) == text


def test_long_documents_are_parsed_in_pieces_with_exact_offsets(monkeypatch) -> None:
    import slant.nlp

    monkeypatch.setattr(slant.nlp, "CHUNK_CHARS", 2_000)
    paragraph = "The army said it had taken the town. Residents fled north.\n\n"
    text = paragraph * 200
    doc = parse(text)
    assert doc.text == text
    assert len(list(doc.sents)) >= 400
    ents = [e for e in doc.ents]
    assert all(text[e.start_char : e.end_char] == e.text for e in ents)
