"""Per-document lookups the quote and actor rules share, computed once per parsed ``Doc``.

spaCy rebuilds ``Doc.text`` from every token each time it is read, and makes a new ``Span``
for every entity on each read of ``Doc.ents``; the rules of :mod:`slant.analyzers.quotes` and
:mod:`slant.analyzers.actors` read both many times per document (a profile of 48 articles
showed 14 ``Doc.text`` reads per article, most of the 2.7 million spaCy ``Token`` objects the
two analyzers created). :func:`doc_text` and :func:`entities` read them once and keep them in
``doc.user_data`` (under this module's name), so every rule and analyzer reading the same
``Doc`` shares them; :func:`entity_at` finds the entity over a token by bisection instead of
a scan; :func:`token_indexes` gives the tokens whose lemma or lower-cased form is in a word
list, from one array of the parse (``Doc.to_array``), so a rule looks at those tokens only
instead of iterating the whole document.

The cache assumes what the rules assume: a ``Doc`` is not changed after it is parsed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["doc_text", "entities", "entity_at", "name_words", "token_indexes"]

_KEY = "slant.analyzers.quotes.docindex"


def _cache(doc: Doc) -> dict[str, Any]:
    store: dict[str, Any] = doc.user_data.setdefault(_KEY, {})
    return store


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document.

    >>> from slant.nlp import parse
    >>> doc = parse("The minister spoke.")
    >>> doc_text(doc) == doc.text
    True
    """
    cache = _cache(doc)
    if "text" not in cache:
        cache["text"] = doc.text
    text: str = cache["text"]
    return text


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per document."""
    cache = _cache(doc)
    if "ents" not in cache:
        ents = tuple(doc.ents)
        cache["ents"] = ents
        cache["ent_starts"] = [e.start for e in ents]
    found: tuple[Span, ...] = cache["ents"]
    return found


def name_words(doc: Doc) -> frozenset[str]:
    """The capitalised words of the document's PERSON and ORG entities (``Mark``,
    ``Menezes``), built once."""
    cache = _cache(doc)
    if "name_words" not in cache:
        cache["name_words"] = frozenset(
            t.text for e in entities(doc) if e.label_ in ("PERSON", "ORG") for t in e if t.is_title
        )
    found: frozenset[str] = cache["name_words"]
    return found


def entity_at(doc: Doc, i: int) -> Span | None:
    """The first entity (in ``doc.ents`` order) that covers token ``i``, or None.

    >>> from slant.nlp import parse
    >>> doc = parse("Ann Lee met the press in Paris.")
    >>> entity_at(doc, 1).text, entity_at(doc, 2)
    ('Ann Lee', None)
    """
    ents = entities(doc)
    starts: list[int] = _cache(doc)["ent_starts"]
    at = bisect_right(starts, i) - 1  # entities do not overlap: the last one starting by i
    if at >= 0 and ents[at].start <= i < ents[at].end:
        return ents[at]
    return None


def token_indexes(doc: Doc, attribute: str, words: Collection[str]) -> Sequence[int]:
    """Indexes of the tokens whose ``attribute`` (``"lemma"``: the lemma lower-cased,
    ``"lower"``: the lower-cased text, ``"dep"``: the dependency label) is one of ``words``,
    in document order (one shared sequence per word list and document: do not change it).

    >>> from slant.nlp import parse
    >>> doc = parse("He said it and she says so.")
    >>> token_indexes(doc, "lemma", {"say"}), token_indexes(doc, "dep", {"nsubj"})
    ([1, 5], [0, 4])
    """
    cache = _cache(doc)
    found_key = f"found:{attribute}:{hash(words)}" if isinstance(words, frozenset) else None
    if found_key is not None and found_key in cache and cache[found_key][0] == words:
        return cache[found_key][1]  # type: ignore[no-any-return]  # asked again by each finder
    key = f"array:{attribute}"
    if key not in cache:
        cache[key] = doc.to_array(attribute.upper()).tolist()
    values: list[int] = cache[key]
    strings = doc.vocab.strings
    wanted = {h for h in set(values) if strings[h].lower() in words}
    found = [i for i, h in enumerate(values) if h in wanted]
    if found_key is not None:
        cache[found_key] = (words, found)
    return found
