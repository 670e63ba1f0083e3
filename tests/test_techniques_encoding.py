"""Wordpiece windows, B/I/O tags, span decoding and article features of the technique model."""

from __future__ import annotations

import numpy as np
import pytest

from slant.techniques.encoding import (
    BEGIN,
    INSIDE,
    OUTSIDE,
    batch_inputs,
    char_span,
    encode_text,
    load_tokenizer,
    token_range,
    token_tags,
    window_ranges,
)
from slant.techniques.features import occurrences, span_features
from slant.techniques.runtime import decode_spans, default_model_dir

TEXT = "They called them jihadi thugs.\nVictory to the people!"


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(default_model_dir() / "tokenizer.json")


@pytest.mark.parametrize(
    ("n", "size", "stride", "ranges"),
    [
        (3, 4, 3, [(0, 3)]),
        (4, 4, 3, [(0, 4)]),
        (10, 4, 3, [(0, 4), (3, 7), (6, 10)]),
        (9, 4, 4, [(0, 4), (4, 8), (8, 9)]),
    ],
)
def test_windows_cover_every_token(n, size, stride, ranges):
    assert window_ranges(n, size=size, stride=stride) == ranges


def test_offsets_index_the_exact_text(tokenizer):
    text = "Caf\u00e9 RÉSUMÉ — “jihadi” thugs,\r\n   ok"
    encoded = encode_text(tokenizer, text)
    pieces = [text[s:e] for s, e in encoded.offsets]
    assert pieces[0] == "Caf\u00e9"
    assert "thugs" in pieces and "\u201c" in pieces


def test_batch_inputs_frames_windows(tokenizer):
    encoded = encode_text(tokenizer, TEXT)
    ids, mask = batch_inputs(encoded, [(0, 3), (3, 5)], cls_id=101, sep_id=102)
    assert ids.shape == (2, 5)
    assert list(ids[0]) == [101, *encoded.ids[:3], 102]
    assert list(ids[1, :4]) == [101, *encoded.ids[3:5], 102] and ids[1, 4] == 0
    assert list(mask[1]) == [1, 1, 1, 1, 0]


def test_tags_and_token_range(tokenizer):
    encoded = encode_text(tokenizer, TEXT)
    start = TEXT.index("jihadi thugs")
    end = start + len("jihadi thugs")
    tags = token_tags(encoded, [(start, end)])
    first, last = token_range(encoded, start, end)
    assert tags[first] == BEGIN
    assert all(tags[first + 1 : last] == INSIDE)
    assert tags[first - 1] == OUTSIDE and tags[last] == OUTSIDE
    assert char_span(encoded, first, last - 1) == (start, end)


def test_char_span_widens_to_whole_words(tokenizer):
    text = "an unbelievably disgusting lie"
    encoded = encode_text(tokenizer, text)
    pieces = [text[s:e] for s, e in encoded.offsets]
    inner = next(i for i, (s, _) in enumerate(encoded.offsets) if s > 3 and text[s - 1].isalnum())
    start, end = char_span(encoded, inner, inner)
    assert text[start:end] in text.split(), pieces


def probs_for(labels: str) -> np.ndarray:
    """Tag probabilities from a string of O/B/I, one letter per token."""
    table = {"O": [0.9, 0.05, 0.05], "B": [0.1, 0.6, 0.3], "I": [0.1, 0.2, 0.7]}
    return np.asarray([table[c] for c in labels], dtype=np.float32)


@pytest.mark.parametrize(
    ("tags", "max_gap", "split_lines", "expected"),
    [
        ("OOOBIIOOOO", 0, True, ["jihadi thugs"]),
        ("OOOBIIOBIO", 0, True, ["jihadi thugs", "Victory to"]),
        ("OOOBBIOOOO", 0, True, ["jihadi thugs"]),
        ("OOOBIBOOOO", 0, True, ["jihadi", "thugs"]),
        ("OOOBIIOIIO", 1, False, ["jihadi thugs.\nVictory to"]),
        ("OOOBIIOIIO", 1, True, ["jihadi thugs.", "Victory to"]),
        ("OOOOOOOOOO", 3, True, []),
    ],
)
def test_decode_spans(tokenizer, tags, max_gap, split_lines, expected):
    encoded = encode_text(tokenizer, TEXT)
    n = len(encoded)
    assert n >= len(tags)
    probs = probs_for(tags + "O" * (n - len(tags)))
    spans = decode_spans(encoded, probs, threshold=0.5, max_gap=max_gap, split_lines=split_lines)
    assert [TEXT[s:e] for s, e, _ in spans] == expected
    assert all(0.5 <= score <= 1 for _, _, score in spans)


@pytest.mark.parametrize(
    ("text", "phrase", "count"),
    [
        ("Stop the war. STOP THE WAR now! stop the warlords", "stop the war", 2),
        ("Lock her up,\nlock  her up!", "lock her up", 2),
        ("a (b) c (b)", "(b)", 2),
        ("nothing here", "else", 0),
    ],
)
def test_occurrences(text, phrase, count):
    assert occurrences(text, phrase) == count


def test_span_features_flag_repeated_phrases():
    text = "Make it great. Make it great again."
    assert span_features(text, 0, 13)[0] == 1.0
    assert span_features(text, 15, 34)[0] == 0.0
