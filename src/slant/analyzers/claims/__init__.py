"""Quantity claims (``94,000 civilians trapped``) and the article's count of people killed.

Method (rules over the shared spaCy parse; no trained model). Every number found by
:mod:`slant.analyzers.claims.numbers`, and every ``a``/``an`` before a singular civilian, child or
woman (``a child was killed``), is placed on the dependency tree. Its *counted noun* is the
noun it modifies (``27 demonstrators``), the ``of`` object of a vague quantity (``dozens of
civilians``) or, for a bare number that is an argument of a casualty word (``kills 25``),
"people". Its *event* is read from the noun's own modifiers (``civilians trapped``, ``dead
demonstrators``, ``18 dead``, ``among the dead``) and then up the tree: through coordination
(``50 militants and eight civilians``) and ``including``/``among``/``of``/``to`` phrases
(``including 5 children``, ``the death toll rose to 70``) to the verb, whose lemma names the
event in active and passive voice alike; light verbs (``rise``, ``reach``, ``bring``, ``be``…)
hand over to their subject or object (``the death toll``). The subject of a transitive event
verb is its agent, not a victim (``a suicide bomber killed four people``). Where the parse is
broken (headlines, text without commas), an event word right next to the number decides
(``Seven dead 20 wounded``). Categories come from the noun's lemma, title-case plural forms
included, or a ``civilian``/``child`` modifier (``70 civilian deaths``); a count that opens an
``including``/``among`` phrase shares the event of the count before it in the sentence, and
measures (``90 kilometres``, ``50 tons``) have no event. Place is the
``in``/``at``/``near`` object of a word on that path, else the nearest GPE/LOC/FAC entity in
the sentence, with its direction adjective (``eastern Aleppo``); date is the nearest other
DATE entity in the sentence (the article's dateline is not used). Dates, times, percentages,
money, years (1900-2100) and numbers next to a month name are not claims (a bare number the NER
calls a date, ``the toll was 45``, is kept); numbers that count nothing we can name and have no
event stay out.

``casualties.killed`` is chosen among these claims by the rule of :mod:`.casualties` (the
first precise count of people killed that is not a running total, and its sentence's
neighbours); the word lists are in :mod:`.claim_words`.

It does NOT resolve coreference across paragraphs, add up sub-events (``9 in Qaterji and 5
elsewhere``), reconcile conflicting sources (the first figure wins), or read tables or images.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any, cast

from ...analysis import Claim, ClaimCategory, ClaimEvent
from ...pipeline import Context, analyzer
from .casualties import Found, killed_by_a_war, killed_in_main_event, sentence_is_total
from .numbers import Quantity, find_quantities
from .words import (
    BOUND_WORDS,
    CATEGORY_OF,
    EVENT_OF,
    EXPERIENCER_VERBS,
    LIGHT_VERBS,
    LINK_PREPS,
    MEASURES,
    MONTHS,
    PERSON_CATEGORIES,
    PLACE_PREPS,
    forms,
    lookup,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["count_killed", "find_claims", "claims"]

_NOUNS = ("NOUN", "ADJ", "PROPN")
_AGENT = "agent"
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_SKIP_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"}
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "ROOT", "npadvmod"}


def _lemma_event(token: Token) -> str | None:
    return lookup(EVENT_OF, token)


def _counted_noun(root: Token) -> Token | None:
    """The token the number counts, or None for a bare number (``kills 25``)."""
    noun = None
    if root.dep_ in ("nummod", "quantmod", "compound") and root.head.pos_ in _NOUNS:
        noun = root.head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ != "PRON"]
            noun = objects[0] if objects else None
    while (
        noun is not None
        and noun.dep_ in ("compound", "amod", "nmod")
        and noun.head.i > noun.i
        and noun.head.pos_ in ("NOUN", "PROPN")
    ):
        noun = noun.head
    return noun


def _category(noun: Token) -> str:
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.lemma_.lower() in ("civilian", "child"):
            return "civilians" if child.lemma_.lower() == "civilian" else "children"
    if "member" in forms(noun):
        family = any(t.lemma_.lower() in ("family", "staff", "crew") for t in noun.subtree)
        return "civilians" if family else "combatants"
    return lookup(CATEGORY_OF, noun) or "other"


def _event_of_verb(verb: Token) -> str | None:
    for child in verb.children:
        if child.lower_ == "dead" or (
            child.dep_ == "prep" and any(g.lemma_ == "death" for g in child.children)
        ):
            return "killed"
    event = _lemma_event(verb)
    if event or verb.lemma_ not in LIGHT_VERBS:
        return event
    for child in verb.children:
        targets = [child] if child.dep_ != "prep" else list(child.children)
        for target in targets:
            if target.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "acomp", "oprd", "pobj"):
                found = _event_of_noun(target)
                if found:
                    return found
    return None


def _event_of_noun(noun: Token, *, depth: int = 1) -> str | None:
    """Event named by a noun or its modifiers: ``the death toll``, ``the number of civilians
    killed`` (one ``of`` phrase deep)."""
    found = _lemma_event(noun) or next(
        (
            _lemma_event(c)
            for c in noun.children
            if c.dep_ in ("compound", "acl", "amod") and _lemma_event(c)
        ),
        None,
    )
    if found or not depth:
        return found
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for target in prep.children:
                found = found or _event_of_noun(target, depth=depth - 1)
    return found


def _event_path(anchor: Token) -> tuple[str, list[Token]]:
    """Event of the claim found on the parse, and the tokens on the way to it (for place).

    The subject of a transitive event verb is its agent (``a bomber killed 4 people``)."""
    path = [anchor]
    among = [c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "among"]
    modifiers = [c for c in anchor.children if c.dep_ in ("amod", "acl", "relcl")]
    for word in [*modifiers, *(t for prep in among for t in prep.children), anchor]:
        event = _lemma_event(word)
        if event:
            return event, [word, *path] if word is not anchor else path
    node = anchor
    for _ in range(6):
        head = node.head
        linked = node.dep_ in ("conj", "appos") or (
            node.dep_ in ("prep", "pobj")
            and (node if node.dep_ == "prep" else head).lower_ in LINK_PREPS
        )
        if head is node or not (linked or node.dep_ in _ARGUMENTS):
            break
        relation, node = node.dep_, head
        path.append(node)
        event = _event_of_verb(node) if node.pos_ in ("VERB", "AUX") else _lemma_event(node)
        if (
            event
            and relation == "nsubj"
            and node.lemma_ not in EXPERIENCER_VERBS
            and any(c.dep_ == "dobj" for c in node.children)
        ):
            return _AGENT, path
        if event:
            return event, path
        if node.pos_ in ("VERB", "AUX") and node.lemma_ not in LIGHT_VERBS:
            break
    return "other", path


def _nearby_event(span: Span, noun: Token | None, bounds: tuple[int, int]) -> str | None:
    """Fallback when the parse is broken (headlines, missing commas): an event word right
    before the number (``killed at least 10``) or right after it or its noun (``7 dead``)."""
    doc, (sentence_start, sentence_end) = span.doc, bounds
    last = max(span.end - 1, noun.i if noun is not None else 0)
    before = []
    for token in reversed(doc[max(sentence_start, span.start - 3) : span.start]):
        if token.pos_ == "CCONJ":
            break
        before.append(token)
    after = list(doc[last + 1 : min(sentence_end, last + 4)])
    if before and before[0].pos_ != "ADJ" and _lemma_event(before[0]):
        return _lemma_event(before[0])
    for token in [*after[:1], *before, *after[1:]]:
        if token.is_punct or token.like_num:
            continue
        if _lemma_event(token):
            return _lemma_event(token)
    return None


def _place_span(token: Token) -> tuple[int, int]:
    """Characters of a place: its whole entity and leading modifiers (``eastern Aleppo``)."""
    first, last = token.i, token.i
    if token.ent_iob_ in ("B", "I"):
        doc = token.doc
        while doc[first].ent_iob_ == "I" and first > 0:
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
    doc = token.doc
    start = doc[first].idx
    for child in doc[last].lefts:
        if child.dep_ in ("amod", "compound") and child.i < first and child.is_alpha:
            start = min(start, child.idx)
    return start, doc[last].idx + len(doc[last])


def _place(
    path: list[Token], bounds: tuple[int, int], entities: list[Span], text: str
) -> str | None:
    for node in path:
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ in _PLACE_LABELS or obj.pos_ == "PROPN"):
                    start, end = _place_span(obj)
                    return text[start:end]
    anchor = path[0].i if bounds[0] <= path[0].i < bounds[1] else path[-1].i
    places = [e for e in entities if e.label_ in _PLACE_LABELS]
    if not places:
        return None
    nearest = min(places, key=lambda e: min(abs(e.start - anchor), abs(e.end - 1 - anchor)))
    start, end = _place_span(nearest.root)
    return text[start:end]


def _date(span: Span, entities: list[Span]) -> str | None:
    dates = [
        e for e in entities if e.label_ == "DATE" and (e.end <= span.start or e.start >= span.end)
    ]
    return min(dates, key=lambda e: abs(e.start - span.start)).text if dates else None


def _is_date_like(token: Token) -> bool:
    """Whether the entity around a DATE-labelled number has a word that is not a number or a
    bound (``15 November``, ``29 days``; not ``45``, not ``between 10 and 15``)."""
    doc, first, last = token.doc, token.i, token.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return any(
        t.is_alpha and not t.like_num and t.lower_ not in BOUND_WORDS for t in doc[first : last + 1]
    )


def _claim_span(quantity: Quantity, noun: Token | None) -> tuple[int, int]:
    end = quantity.end
    if noun is not None and noun.idx >= quantity.end and noun.idx - quantity.end < 40:
        end = noun.idx + len(noun)
    return quantity.start, end


class _Sentences:
    """Sentence bounds and entities of a parse, indexed once: spaCy's ``Span.sent`` and
    ``Span.ents`` rescan the whole ``Doc`` on every call, which is quadratic over a long text."""

    def __init__(self, doc: Doc) -> None:
        self.bounds = [(sentence.start, sentence.end) for sentence in doc.sents]
        self.starts = [start for start, _ in self.bounds]
        self.entities: list[list[Span]] = [[] for _ in self.bounds]
        for entity in doc.ents:
            self.entities[self.number(entity.start)].append(entity)
        self._totals: dict[int, bool] = {}
        self._doc = doc

    def number(self, token_index: int) -> int:
        return bisect_right(self.starts, token_index) - 1

    def is_total(self, number: int) -> bool:
        if number not in self._totals:
            start, end = self.bounds[number]
            self._totals[number] = sentence_is_total(self._doc[start:end])
        return self._totals[number]


def _singulars(doc: Doc) -> list[tuple[Quantity, Token]]:
    """``a child``, ``a woman``: one person, as a number of 1 with its noun."""
    found = []
    for token in doc:
        noun = token.head
        if token.lower_ in ("a", "an") and token.dep_ == "det" and noun.tag_ == "NN":
            if _category(noun) in PERSON_CATEGORIES:
                end = token.idx + len(token)
                found.append((Quantity(1.0, token.idx, end, token.text), noun))
    return found


def _read(
    quantity: Quantity, doc: Doc, singular: Token | None, sentences: _Sentences
) -> tuple[Span, Token | None, str, str, list[Token]] | None:
    """Place one number on the parse: (span, noun, category, event, path), or None."""
    if singular is not None:
        event, path = _event_path(singular)
        if event in ("other", _AGENT):
            return None
        span = doc[singular.i - 1 : singular.i]
        return span, singular, _category(singular), event, path
    found = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    if found is None or len(found) == 0:
        return None
    span = found
    numerals = [token for token in span if token.like_num]
    root = span.root if span.root.like_num or not numerals else numerals[-1]
    following = doc[span.end] if span.end < len(doc) else None
    previous = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
    noun = _counted_noun(root)
    if noun is None and following is not None and lookup(CATEGORY_OF, following):
        noun = following
    counts_people = noun is not None and _category(noun) != "other"
    if root.ent_type_ == "DATE" and not _is_date_like(root):
        counts_people = True  # the NER calls bare numbers dates (``the toll was 45``)
    if (
        (root.ent_type_ in _SKIP_LABELS and not counts_people)
        or (following is not None and following.lower_ in ("%", "percent", "per"))
        or previous in MONTHS
        or (following is not None and following.lower_.rstrip(".") in MONTHS)
        or (quantity.text.isdigit() and 1900 <= quantity.value <= 2100)
    ):
        return None
    event, path = _event_path(noun if noun is not None else root)
    category = _category(noun) if noun is not None else "people"
    if event == "other" and (category != "other" or noun is None or noun.pos_ == "PROPN"):
        bounds = sentences.bounds[sentences.number(span.start)]
        event = _nearby_event(span, noun, bounds) or "other"
    measured = noun is not None and any(form in MEASURES for form in forms(noun))
    event = "other" if event == _AGENT or measured else event
    if category == "other" and noun is not None and noun.pos_ == "PROPN" and event != "other":
        category = "people"
    if noun is None and event == "other":
        return None
    return span, noun, category, event, path


def _find(doc: Doc) -> list[Found]:
    found: list[Found] = []
    sentences = _Sentences(doc)
    text = doc.text  # Doc.text joins every token on each access
    numbers: list[tuple[Quantity, Token | None]] = [(q, None) for q in find_quantities(text)]
    numbers += _singulars(doc)
    numbers.sort(key=lambda pair: pair[0].start)
    for quantity, singular in numbers:
        read = _read(quantity, doc, singular, sentences)
        if read is None:
            continue
        span, noun, category, event, path = read
        number = sentences.number(span.start)
        if event == "other" and category != "other" and found and _is_nested(span):
            previous = found[-1]  # ``41 civilians have been killed …, including 9 children``
            event = previous.claim.event if previous.sentence == number else event
        start, end = _claim_span(quantity, noun)
        claim = Claim(
            value=quantity.value,
            text=text[start:end],
            start=start,
            end=end,
            category=cast(ClaimCategory, category),  # from the CATEGORY_OF / EVENT_OF tables
            event=cast(ClaimEvent, event),
            place=_place(path, sentences.bounds[number], sentences.entities[number], text),
            date=_date(span, sentences.entities[number]),
            approximate=quantity.approximate,
            bound=quantity.bound,
        )
        total = sentences.is_total(number) or killed_by_a_war(path)
        found.append(Found(claim, number, total))
    return found


def _is_nested(span: Span) -> bool:
    """Whether a number opens an ``including``/``among (them)`` phrase."""
    before = [token.lower_ for token in span.doc[max(0, span.start - 2) : span.start]]
    return bool(before) and (before[-1] in ("including", "among") or before == ["among", "them"])


def find_claims(doc: Doc) -> list[Claim]:
    """Every quantity claim in a parsed document, in text order.

    >>> from slant.nlp import parse
    >>> [(c.value, c.category, c.event) for c in find_claims(parse("Strikes killed 8 civilians."))]
    [(8.0, 'civilians', 'killed')]
    """
    return [found.claim for found in _find(doc)]


def count_killed(doc: Doc) -> dict[str, int]:
    """People killed in the event the article is about (rule of :mod:`.casualties`)."""
    return killed_in_main_event(_find(doc))


@analyzer("claims", version="claims.v1", sets=("claims", "casualties"))
def claims(ctx: Context) -> dict[str, Any]:
    """Numbers about people and things, and the count of people killed in the main event."""
    found = _find(ctx.doc)
    return {
        "claims": [f.claim for f in found],
        "casualties": {"killed": killed_in_main_event(found)},
    }
