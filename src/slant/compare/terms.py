"""Term counts of a side (unigrams and bigrams) and the examples that show a term in use.

Tokenising is a regular expression over the lower-cased text, not spaCy: a word is a run of
word characters that starts with a letter, hyphenated compounds stay whole
("pro-government"), a possessive "'s" is dropped, numbers and punctuation are kept only as
boundaries. Stop words and one-letter tokens are
not counted, and a bigram is two counted words that stand next to each other in the text
(never across a stop word, a number or punctuation). Words get integer ids as they are
first seen; unigram counts are a ``numpy.bincount`` of the ids and bigrams are counted as
``id * 2**32 + id`` codes, so a side of millions of tokens needs a few arrays, not a dict
of every bigram. It does not lemmatise ("killed" and "kill" are two terms) or detect
multi-word names beyond bigrams.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from ..words import STOP_WORDS, tokenise

__all__ = [
    "STOP_WORDS",
    "TermCounts",
    "TermTable",
    "Vocabulary",
    "merge_terms",
    "term_occurrences",
    "tokenise",
    "word_pattern",
]

# The same tokens with their offsets in the original text (group 1: a word).
_TOKEN_AT = re.compile(r"(\w+(?:-\w+)*)(?:['’]s\b)?|[^\w\s]")
_BIGRAM_SHIFT = np.int64(2**32)


class _WordIds(dict[str, int]):
    """Word -> id; a word seen for the first time gets the next id (0 if not a word)."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(dict.fromkeys(STOP_WORDS, 0))
        self.words = words

    def __missing__(self, token: str) -> int:
        word_id = len(self.words) if token[0].isalpha() else 0
        if word_id:
            self.words.append(token)
        self[token] = word_id
        return word_id


class Vocabulary:
    """Integer ids of words; every stop word, number and punctuation mark has id 0."""

    def __init__(self) -> None:
        self.words: list[str] = [""]
        self._ids = _WordIds(self.words)

    def ids(self, tokens: list[str]) -> list[int]:
        """Ids of tokens, adding new words.

        >>> Vocabulary().ids(["regime", "the", "12", "regime", "forces"])
        [1, 0, 0, 1, 2]
        """
        return list(map(self._ids.__getitem__, tokens))

    def __len__(self) -> int:
        return len(self.words)


class TermCounts:
    """Unigram and bigram counts of one side, over its own :class:`Vocabulary`."""

    def __init__(
        self, vocabulary: Vocabulary | None = None, *, flush_every: int = 2_000_000
    ) -> None:
        self.vocabulary = vocabulary or Vocabulary()
        self._pending: list[int] = []
        self._flush_every = flush_every
        self._unigrams = np.zeros(0, dtype=np.int64)
        self._bigram_parts: list[tuple[np.ndarray, np.ndarray]] = []

    def add_text(self, text: str) -> None:
        """Count the terms of one text (a document or one subject window)."""
        self._pending.extend(self.vocabulary.ids(tokenise(text)))
        self._pending.append(0)
        if len(self._pending) >= self._flush_every:
            self.flush()

    def add_texts(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.add_text(text)

    def flush(self) -> None:
        """Count the tokens added so far (done before counts are read or sent elsewhere)."""
        if not self._pending:
            return
        ids = np.asarray(self._pending, dtype=np.int64)
        self._pending = []
        counts = np.bincount(ids, minlength=len(self._unigrams))
        counts[: len(self._unigrams)] += self._unigrams
        self._unigrams = counts
        both = (ids[:-1] != 0) & (ids[1:] != 0)
        codes = ids[:-1][both] * _BIGRAM_SHIFT + ids[1:][both]
        self._bigram_parts.append(np.unique(codes, return_counts=True))
        if len(self._bigram_parts) > 8:
            self._bigram_parts = [_merge(self._bigram_parts)]

    def unigrams(self, size: int) -> np.ndarray:
        """Counts of every word id ``< size`` (id 0, the boundary, counts nothing)."""
        self.flush()
        out = np.zeros(size, dtype=np.int64)
        out[: len(self._unigrams)] = self._unigrams[:size]
        out[0] = 0
        return out

    def bigrams(self) -> tuple[np.ndarray, np.ndarray]:
        """Sorted bigram codes and their counts."""
        self.flush()
        if not self._bigram_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        self._bigram_parts = [_merge(self._bigram_parts)]
        return self._bigram_parts[0]

    def bigram_text(self, code: int) -> str:
        words = self.vocabulary.words
        return f"{words[int(code) // 2**32]} {words[int(code) % 2**32]}"


@dataclass(frozen=True)
class TermTable:
    """The counts of both sides over one vocabulary: unigrams by word id, bigrams by code."""

    words: list[str]
    unigram_a: np.ndarray
    unigram_b: np.ndarray
    codes: np.ndarray
    bigram_a: np.ndarray
    bigram_b: np.ndarray

    def bigram_text(self, index: int) -> str:
        code = int(self.codes[index])
        return f"{self.words[code // 2**32]} {self.words[code % 2**32]}"


def _aligned(codes: np.ndarray, side_codes: np.ndarray, counts: np.ndarray) -> np.ndarray:
    out = np.zeros(len(codes), dtype=np.int64)
    out[np.searchsorted(codes, side_codes)] = counts
    return out


def merge_terms(a: TermCounts, b: TermCounts) -> TermTable:
    """Put two sides counted over different vocabularies (or the same one) on one table.

    >>> a, b = TermCounts(), TermCounts()
    >>> a.add_text("regime forces"); b.add_text("terrorists, regime forces")
    >>> table = merge_terms(a, b)
    >>> [table.words[i] for i in (table.unigram_b > 0).nonzero()[0]]
    ['regime', 'forces', 'terrorists']
    >>> table.bigram_text(0), table.bigram_a.tolist(), table.bigram_b.tolist()
    ('regime forces', [1], [1])
    """
    words = list(a.vocabulary.words)
    index = {word: i for i, word in enumerate(words)}
    b_words = b.vocabulary.words
    mapping = np.zeros(len(b_words), dtype=np.int64)
    for local, word in enumerate(b_words[1:], start=1):
        if word not in index:
            index[word] = len(words)
            words.append(word)
        mapping[local] = index[word]
    unigram_a = a.unigrams(len(words))
    unigram_b = np.zeros(len(words), dtype=np.int64)
    unigram_b[mapping] += b.unigrams(len(b_words))
    codes_a, counts_a = a.bigrams()
    codes_b, counts_b = b.bigrams()
    codes_b = mapping[codes_b // _BIGRAM_SHIFT] * _BIGRAM_SHIFT + mapping[codes_b % _BIGRAM_SHIFT]
    order = np.argsort(codes_b)
    codes_b, counts_b = codes_b[order], counts_b[order]
    codes = np.union1d(codes_a, codes_b)
    return TermTable(
        words=words,
        unigram_a=unigram_a,
        unigram_b=unigram_b,
        codes=codes,
        bigram_a=_aligned(codes, codes_a, counts_a),
        bigram_b=_aligned(codes, codes_b, counts_b),
    )


def _merge(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    codes = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([p[1] for p in parts])
    unique, inverse = np.unique(codes, return_inverse=True)
    return unique, np.bincount(inverse, weights=counts, minlength=len(unique)).astype(np.int64)


def word_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive pattern that finds any word of ``terms``: a cheap test of whether
    a text can contain one of them, before :func:`term_occurrences` tokenises it.

    >>> bool(word_pattern(["assad forces"]).search("Yet ASSAD came"))
    True
    """
    words = sorted({word for term in terms for word in term.split()}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.I)


def term_occurrences(text: str) -> Iterator[tuple[str, int, int]]:
    """Every unigram and bigram of ``text`` as counted by :class:`TermCounts`, with offsets.

    >>> [t for t, s, e in term_occurrences("Assad's forces, shelling")]
    ['assad', 'assad forces', 'forces', 'shelling']
    """
    previous: tuple[str, int] | None = None
    for match in _TOKEN_AT.finditer(text):
        word = match.group(1)
        token = word.lower() if word else None
        if token is None or token in STOP_WORDS or not token[0].isalpha():
            previous = None
            continue
        start, end = match.start(1), match.end(1)
        if previous is not None:
            yield f"{previous[0]} {token}", previous[1], end
        yield token, start, end
        previous = (token, start)
