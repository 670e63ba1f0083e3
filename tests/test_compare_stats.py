"""The statistics and text handling of `slant compare`, against values computed by hand."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from slant.compare.actors import jensen_shannon
from slant.compare.spans import context_around, sentence_spans, subject_pattern, subject_windows
from slant.compare.stats import bootstrap_ratios, difference_interval, log_odds_z
from slant.compare.terms import TermCounts, Vocabulary, term_occurrences, tokenise


def _z_by_hand(y_a: float, y_b: float, n_a: float, n_b: float, alpha: float, alpha_0: float):
    delta = math.log((y_a + alpha) / (n_a + alpha_0 - y_a - alpha)) - math.log(
        (y_b + alpha) / (n_b + alpha_0 - y_b - alpha)
    )
    return delta / math.sqrt(1 / (y_a + alpha) + 1 / (y_b + alpha))


@pytest.mark.parametrize(
    ("counts_a", "counts_b", "expected_first"),
    [
        # "x" 3 times in A and once in B, "y" the reverse; prior = pooled counts (4, 4), α0 = 8:
        # δ = ln(7/5) - ln(5/7) = 2 ln 1.4, var = 1/7 + 1/5, z = 0.67294 / 0.58554.
        ([3, 1], [1, 3], 2 * math.log(1.4) / math.sqrt(1 / 7 + 1 / 5)),
        # "x" only in A (2), "y" only in B (2): δ = ln(4/2) - ln(2/4), var = 1/4 + 1/2.
        ([2, 0], [0, 2], 2 * math.log(2) / math.sqrt(0.75)),
        # unequal sizes: "x" 5 of 6 tokens in A, 1 of 4 in B.
        ([5, 1], [1, 3], _z_by_hand(5, 1, 6, 4, 6, 10)),
    ],
)
def test_log_odds_z_matches_hand_computation(counts_a, counts_b, expected_first):
    z = log_odds_z(np.array(counts_a), np.array(counts_b))
    assert z[0] == pytest.approx(expected_first, rel=1e-9)


def test_log_odds_z_known_value_and_symmetry():
    z = log_odds_z(np.array([3, 1]), np.array([1, 3]))
    assert z[0] == pytest.approx(1.14927, abs=1e-5)
    assert z[1] == pytest.approx(-z[0])
    swapped = log_odds_z(np.array([1, 3]), np.array([3, 1]))
    assert swapped.tolist() == pytest.approx((-z).tolist())


def test_log_odds_z_unused_terms_score_zero():
    z = log_odds_z(np.array([0, 4, 1]), np.array([0, 1, 4]))
    assert z[0] == 0.0
    assert np.isfinite(z).all()


def test_bootstrap_interval_contains_estimate_and_is_seeded():
    rng = np.random.default_rng(7)
    values = rng.normal(0.2, 0.3, size=(200, 1))
    first = bootstrap_ratios(values, np.ones((200, 1)), reps=500, seed=3)
    again = bootstrap_ratios(values, np.ones((200, 1)), reps=500, seed=3)
    other = bootstrap_ratios(values, np.ones((200, 1)), reps=500, seed=4)
    assert first.estimate[0] == pytest.approx(values.mean())
    assert first.low[0] < first.estimate[0] < first.high[0]
    assert (first.low, first.high) == (again.low, again.high)
    assert (first.low[0], first.high[0]) != (other.low[0], other.high[0])
    # a 95 % interval of a mean of 200 draws is about ±1.96 σ/√n wide
    assert first.high[0] - first.low[0] == pytest.approx(2 * 1.96 * 0.3 / math.sqrt(200), rel=0.3)


def test_bootstrap_of_two_documents_by_hand():
    # Resampling two documents with values 0 and 1 gives means 0, 0.5, 1 with probabilities
    # 1/4, 1/2, 1/4: the 2.5th and 97.5th percentiles are 0 and 1.
    result = bootstrap_ratios(np.array([[0.0], [1.0]]), np.ones((2, 1)), reps=2000, seed=0)
    assert result.interval(0) == [0.0, 1.0]
    assert set(np.unique(result.replicates).tolist()) == {0.0, 0.5, 1.0}


def test_bootstrap_ratio_of_sums_and_missing_values():
    # techniques per 1,000 words: 3 in 100 words and 1 in 300 words -> 4 / 400 * 1000 = 10
    numerators = np.array([[3000.0, 0.5], [1000.0, 0.0]])
    denominators = np.array([[100.0, 1.0], [300.0, 0.0]])  # second document has no tone
    result = bootstrap_ratios(numerators, denominators, reps=300, seed=1)
    assert result.value(0) == 10.0
    assert result.value(1) == 0.5
    assert result.interval(1) == [0.5, 0.5]
    empty = bootstrap_ratios(np.zeros((3, 1)), np.zeros((3, 1)), reps=50)
    assert empty.value(0) is None and empty.interval(0) == [None, None]


def test_difference_interval_separates_distinct_sides():
    a = bootstrap_ratios(np.full((50, 1), 1.0) + np.arange(50)[:, None] / 100, np.ones((50, 1)))
    b = bootstrap_ratios(np.full((50, 1), 0.0) + np.arange(50)[:, None] / 100, np.ones((50, 1)))
    estimate, low, high = difference_interval(a, b)
    assert estimate[0] == pytest.approx(1.0)
    assert 0 < low[0] <= 1.0 <= high[0]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Assad's forces", ["assad", "forces"]),
        ("pro-government militias", ["pro-government", "militias"]),
        ("killed 1,200 people.", ["killed", "1", ",", "200", "people", "."]),
        ("« Terroristes » ÉTAT", ["«", "terroristes", "»", "état"]),
    ],
)
def test_tokenise(text, tokens):
    assert tokenise(text) == tokens


def test_term_counts_match_a_plain_count():
    texts = ["The regime shelled eastern Aleppo.", "Eastern Aleppo: the regime's shelling, 12 dead"]
    counts = TermCounts(Vocabulary(), flush_every=3)
    counts.add_texts(texts)
    expected = Counter(term for text in texts for term, _, _ in term_occurrences(text))
    words = counts.vocabulary.words
    unigrams = counts.unigrams(len(words))
    codes, bigram_counts = counts.bigrams()
    found = Counter({words[i]: int(n) for i, n in enumerate(unigrams) if n})
    found.update({counts.bigram_text(c): int(n) for c, n in zip(codes, bigram_counts, strict=True)})
    assert found == expected
    assert expected["eastern aleppo"] == 2 and expected["regime shelling"] == 1
    assert "aleppo regime" not in expected  # no bigram across punctuation


def test_term_occurrences_index_the_text():
    text = "Yet Assad's forces shelled  Eastern Aleppo."
    for term, start, end in term_occurrences(text):
        assert " ".join(text[start:end].lower().replace("'s", "").split()) == term


def test_subject_windows_and_context():
    text = "Rain fell. Aleppo was hit. Calm returned. Mosul held."
    windows = subject_windows(text, subject_pattern("aleppo"), window=1)
    assert [text[s:e] for s, e in windows] == ["Rain fell. Aleppo was hit. Calm returned."]
    assert subject_windows(text, subject_pattern("Aleppoan")) == []
    assert sentence_spans(text)[1] == (11, 26)
    start, end = context_around(text, 11, 17)
    assert text[start:end] == "Aleppo was hit."


@pytest.mark.parametrize(
    ("p", "q", "expected"),
    [
        ({"terrorists": 3}, {"militants": 8}, 1.0),
        ({"regime": 2}, {"regime": 5}, 0.0),
        # m = (3/4, 1/4): (KL(p||m) + KL(q||m)) / 2 = (0.5 log2(2/3) + 0.5 + log2(4/3)) / 2
        ({"a": 1, "b": 1}, {"a": 1}, (0.5 * math.log2(2 / 3) + 0.5 + math.log2(4 / 3)) / 2),
    ],
)
def test_jensen_shannon_by_hand(p, q, expected):
    assert jensen_shannon(Counter(p), Counter(q)) == pytest.approx(expected)
