"""Quantity claims (``94,000 civilians trapped``) and the article's count of people killed.

Method: every number found by :mod:`slant.analyzers.numbers` is placed on the shared spaCy
dependency parse. Its *counted noun* is the noun it modifies (``27 demonstrators``), the
``of`` object of a vague quantity (``dozens of civilians``) or, for a bare number that is an
argument of a casualty word (``kills 25``), "people". Its *event* is read from the noun's own
modifiers (``civilians trapped``, ``dead demonstrators``, ``18 dead``) and then up the tree:
through coordination (``50 militants and eight civilians``), through ``including``/``among``/
``of``/``to`` phrases (``including 5 children``, ``the death toll rose to 70``) to the verb,
whose lemma names the event in active and passive voice alike; light verbs (``rise``,
``reach``, ``bring``, ``be``…) hand over to their subject or object (``the death toll``).
Categories come from the noun's lemma or a ``civilian``/``child`` modifier (``70 civilian
deaths``). Place is the ``in``/``at``/``near`` object of the words on that path, else the
nearest place entity (GPE/LOC/FAC) in the sentence, with its direction adjective (``eastern
Aleppo``); date is the nearest DATE entity in the sentence. Dates, times, percentages, money,
ordinals and years are not claims. Numbers that count nothing we can name stay out.

``casualties.killed`` follows the inverted pyramid of news writing: **the event the article
is about is the first count of people killed that is not a running total** (a sentence with
``since``, ``so far``, ``to date``, ``in total``, ``overall``, or a war/conflict/uprising as
the killer). Its sentence and the next one form the event; in them, per category, the first
killed count is taken; ``people`` counts as civilians unless combatants are given in the
same place; children and women are counted *within* civilians (never added to them), and
only when no civilian or people count is given do children plus women become the civilian
count. It does NOT resolve coreference across paragraphs, reconcile conflicting sources
(the first figure wins), or read numbers from tables or images.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..analysis import Claim
from ..pipeline import Context, analyzer
from .numbers import Quantity, find_quantities

__all__ = ["count_killed", "find_claims", "claims"]

_EVENT_WORDS = {
    "killed": "kill die murder execute massacre slaughter behead assassinate slay perish martyr "
    "dead death toll fatality killing corpse body life",
    "injured": "injure wound hurt maim injury wounded injured",
    "trapped": "trap besiege strand encircle trapped besieged stranded siege",
    "displaced": "displace flee evacuate uproot expel refugee displaced homeless exodus",
    "detained": "detain arrest abduct kidnap capture imprison jail detainee prisoner hostage "
    "captive detention",
}
_EVENT_OF = {word: event for event, words in _EVENT_WORDS.items() for word in words.split()}
_CATEGORY_WORDS = {
    "civilians": "civilian resident inhabitant villager protester demonstrator evacuee worker "
    "patient journalist doctor nurse teacher farmer rescuer volunteer worshipper passenger "
    "refugee",
    "children": "child kid boy girl schoolchild schoolchildren infant baby toddler minor "
    "orphan student pupil",
    "women": "woman mother wife widow",
    "combatants": "soldier fighter militant terrorist rebel troop jihadist jihadi gunman "
    "insurgent combatant militiaman mercenary extremist serviceman officer commander guard "
    "policeman police personnel recruit sniper militia",
    "people": "people person individual man other more victim dead wounded injured "
    "death fatality casualty body corpse life detainee prisoner hostage captive",
}
_CATEGORY_OF = {w: cat for cat, words in _CATEGORY_WORDS.items() for w in words.split()}
_ARMED_GROUPS = {"group", "militia", "force", "army", "faction", "brigade", "organization"}
_LIGHT_VERBS = set(
    "be rise reach hit climb jump stand bring include number total fall increase mount put "
    "raise remain surpass exceed top soar grow leave".split()
)
_LINK_PREPS = {"including", "include", "among", "of", "to", "at", "as"}
_PLACE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "from"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_SKIP_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"}
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "ROOT", "npadvmod"}
_TOTAL_CUES = {"since", "overall", "total", "altogether", "cumulative"}
_TOTAL_KILLERS = {"war", "conflict", "uprising", "revolt", "crisis", "revolution"}
_TOTAL_PHRASES = {("so", "far"), ("to", "date"), ("in", "all")}


@dataclass(frozen=True)
class _Found:
    """A claim with what :func:`count_killed` needs: sentence, nesting, running total."""

    claim: Claim
    sentence: int
    nested: bool
    running_total: bool


def _lemma_event(token: Any) -> str | None:
    return _EVENT_OF.get(token.lemma_.lower()) or _EVENT_OF.get(token.lower_)


def _counted_noun(root: Any) -> Any:
    """The token the number counts, or None for a bare number (``kills 25``)."""
    if root.dep_ in ("nummod", "quantmod", "compound") and root.head.pos_ in ("NOUN", "ADJ"):
        return root.head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ != "PRON"]
            return objects[0] if objects else None
    return None


def _category(noun: Any) -> str:
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.lemma_.lower() in ("civilian", "child"):
            return "civilians" if child.lemma_.lower() == "civilian" else "children"
    lemma = noun.lemma_.lower()
    if lemma == "member":
        words = {t.lemma_.lower() for t in noun.subtree}
        if "family" in words:
            return "civilians"
        armed = words & _ARMED_GROUPS or any(t.ent_type_ in ("ORG", "NORP") for t in noun.subtree)
        return "combatants" if armed else "people"
    return _CATEGORY_OF.get(lemma) or _CATEGORY_OF.get(noun.lower_) or "other"


def _event_of_verb(verb: Any) -> str | None:
    for child in verb.children:
        if child.lower_ == "dead" or (
            child.dep_ == "prep" and any(g.lemma_ == "death" for g in child.children)
        ):
            return "killed"
    event = _lemma_event(verb)
    if event or verb.lemma_ not in _LIGHT_VERBS:
        return event
    for child in verb.children:
        targets = [child] if child.dep_ != "prep" else list(child.children)
        for target in targets:
            if target.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "acomp", "oprd", "pobj"):
                found = _lemma_event(target) or next(
                    (_lemma_event(c) for c in target.children if c.dep_ == "compound"), None
                )
                if found:
                    return found
    return None


def _event_path(anchor: Any) -> tuple[str, list[Any], bool]:
    """Event of the claim, the tokens on the way to it (for place) and whether it is nested."""
    path, nested = [anchor], False
    for child in anchor.children:
        if child.dep_ in ("amod", "acl", "relcl") and _lemma_event(child):
            return _lemma_event(child) or "other", [child, *path], nested
        if child.dep_ == "prep" and child.lower_ == "among":
            for target in child.children:
                if _lemma_event(target):
                    return _lemma_event(target) or "other", [target, *path], True
    if _lemma_event(anchor):
        return _lemma_event(anchor) or "other", path, nested
    node = anchor
    for _ in range(6):
        head = node.head
        if head is node:
            break
        if node.dep_ in ("conj", "appos") or (node.dep_ == "prep" and node.lower_ in _LINK_PREPS):
            nested = nested or node.lower_ in ("including", "include", "among")
        elif node.dep_ == "pobj" and head.lower_ in _LINK_PREPS:
            pass
        elif node.dep_ not in _ARGUMENTS:
            break
        node = head
        path.append(node)
        event = _event_of_verb(node) if node.pos_ in ("VERB", "AUX") else _lemma_event(node)
        if event:
            return event, path, nested
        if node.pos_ in ("VERB", "AUX") and node.lemma_ not in _LIGHT_VERBS:
            break
    return "other", path, nested


def _place_text(token: Any) -> tuple[int, int]:
    """Character span of a place token with its entity and leading modifiers (eastern …)."""
    start, end = token.idx, token.idx + len(token)
    if token.ent_type_:
        ent = next(e for e in token.doc.ents if e.start <= token.i < e.end)
        start, end = ent.start_char, ent.end_char
        token = ent.root
    for child in token.lefts:
        if child.dep_ in ("amod", "compound") and child.idx < start:
            start = child.idx
    return start, end


def _place(path: list[Any], sentence: Any) -> str | None:
    doc = sentence.doc
    for node in path:
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.ent_type_ in _PLACE_LABELS or obj.pos_ == "PROPN":
                    start, end = _place_text(obj)
                    return doc.text[start:end]
    anchor = path[0].i
    places = [e for e in sentence.ents if e.label_ in _PLACE_LABELS]
    if not places:
        return None
    nearest = min(places, key=lambda e: min(abs(e.start - anchor), abs(e.end - 1 - anchor)))
    start, end = _place_text(nearest.root)
    return doc.text[start:end]


def _date(anchor: Any, sentence: Any) -> str | None:
    dates = [e for e in sentence.ents if e.label_ == "DATE"]
    if not dates:
        return None
    return min(dates, key=lambda e: abs(e.start - anchor.i)).text


def _is_running_total(sentence: Any, path: list[Any]) -> bool:
    """A total over time (``since 2011``, ``so far``, ``the war has killed``), not one event."""
    previous = ""
    for token in sentence:
        word = token.lower_
        if word in _TOTAL_CUES or (previous, word) in _TOTAL_PHRASES:
            return True
        previous = word
    return any(
        child.dep_ == "nsubj" and child.lemma_.lower() in _TOTAL_KILLERS
        for node in path
        for child in node.children
    )


def _claim_span(quantity: Quantity, noun: Any) -> tuple[int, int]:
    end = quantity.end
    if noun is not None and noun.idx >= quantity.end and noun.idx - quantity.end < 40:
        end = noun.idx + len(noun)
    return quantity.start, end


def _find(doc: Any) -> list[_Found]:
    text, found = doc.text, []
    sentence_starts = {sent.start: number for number, sent in enumerate(doc.sents)}
    sentences = list(doc.sents)
    for quantity in find_quantities(text):
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        following = doc[span.end].lower_ if span.end < len(doc) else ""
        if root.ent_type_ in _SKIP_LABELS or following in ("%", "percent", "per"):
            continue
        noun = _counted_noun(root)
        anchor = noun if noun is not None else root
        event, path, nested = _event_path(anchor)
        if noun is not None:
            category = _category(noun)
        elif event != "other" and root.dep_ in _ARGUMENTS:
            category = "people"
        else:
            continue
        if noun is None and 1900 <= quantity.value <= 2100 and quantity.bound is None:
            continue
        sentence = root.sent
        start, end = _claim_span(quantity, noun)
        claim = Claim(
            value=quantity.value,
            text=text[start:end],
            start=start,
            end=end,
            category=category,
            event=event,
            place=_place(path, sentence),
            date=_date(anchor, sentence),
            approximate=quantity.approximate,
            bound=quantity.bound,
        )
        number = sentence_starts.get(sentence.start, len(sentences))
        found.append(_Found(claim, number, nested, _is_running_total(sentence, path)))
    return found


def find_claims(doc: Any) -> list[Claim]:
    """Every quantity claim in a parsed document, in text order.

    >>> [(c.value, c.category, c.event) for c in find_claims(parse("Strikes killed 8 civilians."))]
    ... # doctest: +SKIP
    [(8.0, 'civilians', 'killed')]
    """
    return [found.claim for found in _find(doc)]


def count_killed(doc: Any) -> dict[str, int]:
    """People killed in the event the article is about (rule in the module docstring)."""
    return _count_from(_find(doc))


def _count_from(found: list[_Found]) -> dict[str, int]:
    killed = [
        f
        for f in found
        if f.claim.event == "killed" and f.claim.category != "other" and not f.running_total
    ]
    counts = {"civilians": 0, "children": 0, "women": 0, "combatants": 0}
    if not killed:
        return counts
    first = killed[0].sentence
    event = [f for f in killed if first <= f.sentence <= first + 1]
    by_category: dict[str, int] = {}
    for found in event:
        by_category.setdefault(found.claim.category, int(found.claim.value))
    for category in ("children", "women", "combatants"):
        counts[category] = by_category.get(category, 0)
    civilians = by_category.get("civilians")
    if civilians is None and "people" in by_category and "combatants" not in by_category:
        civilians = by_category["people"]
    counts["civilians"] = civilians or counts["children"] + counts["women"]
    return counts


@analyzer("claims", version="claims.v1", sets=("claims", "casualties"))
def claims(ctx: Context) -> dict[str, Any]:
    """Numbers about people and things, and the count of people killed in the main event."""
    found = _find(ctx.doc)
    return {
        "claims": [f.claim for f in found],
        "casualties": {"killed": _count_from(found)},
    }
