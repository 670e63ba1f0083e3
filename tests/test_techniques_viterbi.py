"""Constrained Viterbi decoding of the technique tagger (slant.techniques.viterbi), on
hand-made tag probabilities and through the model's find_spans."""

from __future__ import annotations

import re

import numpy as np
import pytest

from slant.errors import ModelError
from slant.techniques import get_model
from slant.techniques.encoding import BEGIN, INSIDE, OUTSIDE, encode_text, load_tokenizer
from slant.techniques.runtime import ArticleStates, _breaks_before, default_model_dir
from slant.techniques.viterbi import viterbi_spans, viterbi_tags


def _states(text: str, tags: dict[str, int]) -> ArticleStates:
    """Tag probabilities 0.9 on the tag given for a word (by its text; the word's later
    wordpieces I), O elsewhere."""
    encoded = encode_text(load_tokenizer(default_model_dir() / "tokenizer.json"), text)
    probs = np.full((len(encoded), 3), 0.05, dtype=np.float32)
    probs[:, OUTSIDE] = 0.9
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+", text)]
    for i, (start, _) in enumerate(encoded.offsets.tolist()):
        for a, b, word in words:
            if a <= start < b and word in tags:
                probs[i] = 0.05
                probs[i, tags[word] if start == a else INSIDE] = 0.9
    return ArticleStates(encoded, [], probs, np.zeros((0, 2, 1), dtype=np.float32))


def _spans(state: ArticleStates, o_bias: float, split_lines: bool = False) -> list[str]:
    encoded = state.encoded
    breaks = _breaks_before(encoded.text, encoded.offsets)
    found = viterbi_spans(encoded, state.tag_probs, *breaks, o_bias=o_bias, split_lines=split_lines)
    return [encoded.text[s:e] for s, e, _ in found]


def test_b_i_runs_and_never_an_i_after_o() -> None:
    text = "They are vile traitors, as everyone here knows, and cowards, said nobody."
    state = _states(text, {"vile": BEGIN, "traitors": INSIDE, "cowards": INSIDE})
    breaks = np.zeros(len(state.tag_probs), dtype=bool)
    tags = viterbi_tags(state.tag_probs, breaks, o_bias=2.5)
    assert all(not (a == OUTSIDE and b == INSIDE) for a, b in zip(tags, tags[1:], strict=False))
    assert _spans(state, 2.5) == ["vile traitors"]
    # "cowards" has no B: with a bias towards O it is left out, with one against O it
    # becomes a span of its own
    loose = " | ".join(_spans(state, -3.0))
    assert "vile traitors" in loose and "cowards" in loose


def test_no_span_across_a_blank_line_nor_a_line_break_when_split() -> None:
    text = "Shameful lies\n\nmore lies here.\nEvil liars\nruin us."
    tags = {"Shameful": BEGIN, "lies": INSIDE, "more": INSIDE, "here": INSIDE}
    state = _states(text, {**tags, "Evil": BEGIN, "liars": INSIDE, "ruin": INSIDE, "us": INSIDE})
    spans = _spans(state, 0.0)
    assert all("\n\n" not in span for span in spans) and "Shameful lies" in spans
    assert "Evil liars\nruin us" in spans  # a single line break may be crossed …
    assert "Evil liars" in _spans(state, 0.0, split_lines=True)  # … unless lines are split


def test_score_is_the_mean_inside_probability() -> None:
    text = "They are vile traitors."
    state = _states(text, {"vile": BEGIN, "traitors": INSIDE})
    encoded = state.encoded
    breaks = _breaks_before(encoded.text, encoded.offsets)
    (span,) = viterbi_spans(encoded, state.tag_probs, *breaks, o_bias=0.0, split_lines=False)
    assert span[2] == pytest.approx(0.95, abs=1e-4)


def test_empty_article() -> None:
    assert viterbi_tags(np.zeros((0, 3)), np.zeros(0, dtype=bool)) == []


def test_model_decodes_with_the_decoder_its_config_names() -> None:
    model = get_model()
    text = "The corrupt regime of cowards and traitors is destroying everything we love.\n"
    states = model.encode_article(text)
    threshold = model.find_spans(states, decoder="threshold")
    viterbi = model.find_spans(states, decoder="viterbi", o_bias=0.0)
    encoded = states.encoded
    breaks = _breaks_before(encoded.text, encoded.offsets)
    split = model.config.get("si_split_lines", True)
    min_chars = model.config.get("si_min_chars", 1)
    expected = viterbi_spans(
        encoded, states.tag_probs, *breaks, o_bias=0.0, split_lines=split, min_chars=min_chars
    )
    assert viterbi == expected
    assert all(0 <= s < e <= len(text) for s, e, _ in threshold + viterbi)
    with pytest.raises(ModelError, match="si_decoder 'beam'"):
        model.find_spans(states, decoder="beam")
