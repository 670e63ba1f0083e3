"""The rally-slogan rule and span decoding at paragraph breaks."""

from __future__ import annotations

import numpy as np
import pytest

from slant.techniques.detect import rally_slogans
from slant.techniques.encoding import encode_text, load_tokenizer
from slant.techniques.runtime import decode_spans, default_model_dir


@pytest.mark.parametrize(
    ("text", "slogans"),
    [
        ("Victory to the Syrian army and people!", ["Victory to the Syrian army and people!"]),
        ("We say it. Long live the republic. Then", ["Long live the republic."]),
        ('He shouted: "Down with the tyrant" twice', ["Down with the tyrant"]),
        ("Crowds chanted\nDeath to the invaders!\n", ["Death to the invaders!"]),
        ("It was a victory to remember.", []),
        ("They have the power to decide.", []),
        ("The death toll rose.", []),
    ],
)
def test_rally_slogans(text, slogans):
    assert [text[s:e] for s, e in rally_slogans(text)] == slogans


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(default_model_dir() / "tokenizer.json")


def test_no_span_crosses_a_blank_line(tokenizer):
    text = "Vile lies\n\nfrom cowards and more"
    encoded = encode_text(tokenizer, text)
    probs = np.tile(np.asarray([0.1, 0.2, 0.7], dtype=np.float32), (len(encoded), 1))
    spans = decode_spans(encoded, probs, threshold=0.5, max_gap=3, split_lines=False)
    assert [text[s:e] for s, e, _ in spans] == ["Vile lies", "from cowards and more"]


def test_short_and_punctuation_spans_are_dropped(tokenizer):
    text = "no - or thugs"
    encoded = encode_text(tokenizer, text)
    probs = np.asarray([[0.1, 0.8, 0.1]] * len(encoded), dtype=np.float32)
    spans = decode_spans(encoded, probs, threshold=0.5, max_gap=0, split_lines=False, min_chars=3)
    assert [text[s:e] for s, e, _ in spans] == ["thugs"]
