import pytest

from slant import Document, InputError, document_id
from slant.document import normalise_text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hello world", "hello   WORLD"),
        ("Line one\n\nLine two", "line one line two"),
        ("caf\u0065\u0301", "café"),
        ("  padded\u00a0text ", "padded text"),
    ],
)
def test_same_id_after_normalisation(a: str, b: str) -> None:
    assert document_id(a) == document_id(b)


def test_different_texts_differ() -> None:
    assert document_id("Aleppo") != document_id("Mosul")


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        Document(text=text)


def test_metadata_change_keeps_text_and_id() -> None:
    doc = Document(text="Some text.", title="A")
    changed = doc.with_metadata(title="B", source="herald")
    assert changed.id == doc.id and changed.title == "B" and changed.text == doc.text
    with pytest.raises(ValueError):
        doc.with_metadata(text="other")


def test_normalise_is_lower_and_single_spaced() -> None:
    assert normalise_text("  A\n\n B  ") == "a b"
