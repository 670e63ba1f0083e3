"""``casualties.killed``: the people killed in the event an article is about, chosen among its
quantity claims (:mod:`.claims`).

The rule follows the inverted pyramid of news writing. **The event the article is about is the
first count of people killed that is neither vague (``dozens``) nor a running total** (its
sentence has ``since`` + a year or war/conflict/uprising/outbreak, ``so far``, ``to date``, or a
war/conflict/uprising is the killer). Call its sentence S. Then:

1. combatants: the first combatant count in S, else in S+1;
2. civilians: the first civilian count in S, else (when S has no child or woman count) in S+1;
   else a ``people`` count in S minus the combatants of S (0 when only S+1 has combatants);
   else the children plus women counted in S;
3. children and women: the first count in S..S+3, counted *within* the civilians (never added
   to them) and dropped when larger than the civilians (another event).

It does NOT resolve coreference across paragraphs, add up sub-events (``9 in Qaterji and 5
elsewhere``), reconcile conflicting sources (the first figure wins), or read tables or images.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...analysis import Claim
from .words import SINCE_START, TOTAL_CUES, TOTAL_KILLERS, TOTAL_PHRASES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Found", "killed_by_a_war", "killed_in_main_event", "sentence_is_total"]


@dataclass(frozen=True)
class Found:
    """A claim with what the rule needs: its sentence, and if it is a running total."""

    claim: Claim
    sentence: int
    running_total: bool


def sentence_is_total(sentence: Span) -> bool:
    """A sentence about a total over time (``since 2011``, ``since the war began``, ``so far``)."""
    words = [token.lower_ for token in sentence]
    for token in sentence:
        if token.lower_ == "since":
            scope = token.head.subtree if token.dep_ == "mark" else token.subtree
            if any(t.lemma_.lower() in SINCE_START or _is_year(t) for t in scope):
                return True
    pairs = set(zip(words, words[1:], strict=False))
    return bool(set(words) & TOTAL_CUES or pairs & TOTAL_PHRASES)


def _is_year(token: Token) -> bool:
    return token.is_digit and len(token) == 4 and 1900 <= int(token.text) <= 2100


def killed_by_a_war(path: list[Token]) -> bool:
    """Whether a war, conflict or uprising is the subject of a word on the claim's path."""
    return any(
        child.dep_ == "nsubj" and child.lemma_.lower() in TOTAL_KILLERS
        for node in path
        for child in node.children
    )


def _first(pool: list[Found], category: str) -> int | None:
    return next((int(f.claim.value) for f in pool if f.claim.category == category), None)


def killed_in_main_event(found: list[Found]) -> dict[str, int]:
    """Civilians, children, women and combatants killed in the main event (module docstring)."""
    killed = [
        f
        for f in found
        if f.claim.event == "killed"
        and f.claim.category != "other"
        and not f.running_total
        and not (f.claim.approximate and f.claim.bound is None)
    ]
    if not killed:
        return {"civilians": 0, "children": 0, "women": 0, "combatants": 0}
    first = killed[0].sentence
    same = [f for f in killed if f.sentence == first]
    nearby = [f for f in killed if first <= f.sentence <= first + 3]
    following = [f for f in killed if f.sentence == first + 1]
    combatants_here = _first(same, "combatants") or 0
    combatants = combatants_here or _first(following, "combatants") or 0
    civilians = _first(same, "civilians")
    if civilians is None and _first(same, "children") is None and _first(same, "women") is None:
        civilians = _first(following, "civilians")
    people = _first(same, "people")
    if civilians is None and people is not None:
        civilians = people - combatants_here if people > combatants_here else 0
        civilians = civilians if combatants_here or not combatants else 0
    if not civilians:
        children, women = _first(same, "children") or 0, _first(same, "women") or 0
        civilians = children + women
    else:  # a count larger than the civilians belongs to another event
        children = _first(nearby, "children") or 0
        women = _first(nearby, "women") or 0
        children, women = [n if n <= civilians else 0 for n in (children, women)]
    return {"civilians": civilians, "children": children, "women": women, "combatants": combatants}
