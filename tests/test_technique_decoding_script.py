"""The decoding recipes of ``scripts/technique_decoding.py`` on hand-made tag probabilities."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from slant.techniques.encoding import BEGIN, INSIDE, OUTSIDE, encode_text, load_tokenizer
from slant.techniques.runtime import ArticleStates, default_model_dir
from slant.techniques.semeval import Label

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "technique_decoding.py"


@pytest.fixture(scope="module")
def recipes():
    spec = importlib.util.spec_from_file_location("technique_decoding", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["technique_decoding"] = module
    spec.loader.exec_module(module)
    return module


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


def test_viterbi_finds_b_i_runs_and_never_starts_with_i(recipes) -> None:
    text = "They are vile traitors, as everyone here knows, and cowards, said nobody."
    state = _states(text, {"vile": BEGIN, "traitors": INSIDE, "cowards": INSIDE})
    tags = recipes.viterbi_tags(state, o_bias=2.5, split_lines=False)
    assert all(not (a == OUTSIDE and b == INSIDE) for a, b in zip(tags, tags[1:], strict=False))
    spans = recipes.tag_spans(state, tags, min_chars=1)
    assert [text[s:e] for s, e, _ in spans] == ["vile traitors"]
    # an I after O is impossible: with a bias towards O "cowards" is left out, with one
    # against O it becomes a span of its own (B)
    loose = recipes.viterbi_tags(state, o_bias=-3.0, split_lines=False)
    found = [text[s:e] for s, e, _ in recipes.tag_spans(state, loose, min_chars=1)]
    assert "vile traitors" in " ".join(found) and "cowards" in " ".join(found)


def test_viterbi_never_crosses_a_blank_line(recipes) -> None:
    text = "Shameful lies\n\nmore lies here."
    state = _states(text, {"Shameful": BEGIN, "lies": INSIDE, "more": INSIDE, "here": INSIDE})
    tags = recipes.viterbi_tags(state, o_bias=0.0, split_lines=False)
    spans = [text[s:e] for s, e, _ in recipes.tag_spans(state, tags, min_chars=1)]
    assert all("\n\n" not in span for span in spans) and "Shameful lies" in spans


def test_repetition_needs_the_phrase_recurring_and_tagged_elsewhere(recipes) -> None:
    text = "Build the wall! They said: build the wall. Walls are costly. Build bridges."
    first, second = (0, 14), (27, 41)
    assert text[first[0] : first[1]].lower() == text[second[0] : second[1]].lower()
    assert recipes.repetition_tagged(text, [first, second]) == [True, True]
    assert recipes.repetition_tagged(text, [first]) == [False]  # recurs, tagged once only


def test_paired_bootstrap_of_identical_recipes_is_zero(recipes) -> None:
    gold = [Label("1", 0, 10, "Doubt"), Label("2", 5, 9, "Doubt")]
    pred = [Label("1", 0, 8), Label("2", 0, 9)]
    assert recipes.paired_bootstrap(pred, pred, gold, ["1", "2"], tc=False, reps=50) == (0, 0)
    better = [Label("1", 0, 10), Label("2", 5, 9)]
    low, high = recipes.paired_bootstrap(better, pred, gold, ["1", "2"], tc=False, reps=50)
    assert 0 < low <= high
