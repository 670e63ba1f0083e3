"""Word lists of the quantity-claims rules (:mod:`.claims`, :mod:`.casualties`), and how a word is
looked up in them.

The lists are written by hand for these rules, not taken from an external lexicon; they were
grown while reading the FA-KES dev articles (``../shared/data/fakes-dev.csv``, see
``docs/claims.md``), so they cover the vocabulary of war reporting in English and little else:

- :data:`EVENT_OF`: verbs and nouns naming what happened to the people counted (killed, injured,
  trapped, displaced, detained), by lemma;
- :data:`CATEGORY_OF`: nouns naming who is counted (civilians, children, women, combatants, or
  just people);
- bound, measure, month, light-verb and preposition lists that decide whether a number is a
  claim and where its event and place are found on the parse;
- running-total cues (``so far``, ``since the war began``) used by ``casualties.killed``.

:func:`lookup` reads a word by its lemma and crude singular/stem forms, because title-case
headlines (``Army Kills 10 Terrorists``) defeat the tagger and lemmatizer. It does NOT stem
properly, read other languages, or know synonyms beyond the lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "BOUND_WORDS",
    "CATEGORY_OF",
    "EVENT_OF",
    "EXPERIENCER_VERBS",
    "LIGHT_VERBS",
    "LINK_PREPS",
    "MEASURES",
    "MONTHS",
    "PERSON_CATEGORIES",
    "PLACE_PREPS",
    "SINCE_START",
    "TOTAL_CUES",
    "TOTAL_KILLERS",
    "TOTAL_PHRASES",
    "forms",
    "lookup",
]

_EVENT_WORDS = {
    "killed": "kill die murder execute massacre slaughter behead assassinate slay perish martyr "
    "dead death toll fatality killing corpse body life neutralize neutralise eliminate",
    "injured": "injure wound hurt maim injury wounded injured",
    "trapped": "trap besiege strand encircle trapped besieged stranded siege",
    "displaced": "displace flee evacuate uproot expel refugee displaced homeless exodus",
    "detained": "detain arrest abduct kidnap capture imprison jail detainee prisoner hostage "
    "captive detention",
}
#: Event of a claim by the lemma (or form) of a word on its path.
EVENT_OF = {word: event for event, words in _EVENT_WORDS.items() for word in words.split()}
_CATEGORY_WORDS = {
    "civilians": "civilian resident inhabitant villager protester demonstrator evacuee worker "
    "patient journalist doctor nurse teacher farmer rescuer volunteer worshipper passenger "
    "refugee pilgrim medic paramedic crewmember",
    "children": "child kid boy girl schoolchild infant baby toddler minor orphan student pupil",
    "women": "woman mother wife widow",
    "combatants": "soldier fighter militant terrorist rebel troop jihadist jihadi gunman "
    "insurgent combatant militiaman mercenary extremist serviceman officer commander guard "
    "policeman police personnel recruit sniper militia force bomber loyalist pilot airman",
    "people": "people person individual man other more victim dead wounded injured "
    "death fatality casualty body corpse life detainee prisoner hostage captive",
}
#: Category of a claim by the lemma (or form) of its counted noun.
CATEGORY_OF = {w: cat for cat, words in _CATEGORY_WORDS.items() for w in words.split()}
_IRREGULAR_PLURALS = {
    "children": "child",
    "schoolchildren": "schoolchild",
    "women": "woman",
    "men": "man",
}
#: Categories whose singular (``a child``) counts as one person.
PERSON_CATEGORIES = {"civilians", "children", "women"}
#: Words of a range or bound inside a number's entity (``between 10 and 15``), not a date.
BOUND_WORDS = set(
    "between and to at least more than over up nearly almost about around some".split()
)
#: Units: a number of these is a measure and has no event (``90 kilometres``).
MEASURES = set(
    "km kilometre kilometer mile metre meter ton tonne kilogram kg hour minute day week month "
    "year time percent dollar euro pound crown litre liter".split()
)
#: Verbs whose subject undergoes the event rather than causing it (``50 people fled``).
EXPERIENCER_VERBS = {"flee", "die", "perish", "escape"}
MONTHS = set(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december".split()
)
#: Verbs that carry no event of their own and hand over to their arguments (``the toll rose``).
LIGHT_VERBS = set(
    "be rise reach hit climb jump stand bring include number total fall increase mount put "
    "raise remain surpass exceed top soar grow leave".split()
)
#: Prepositions through which a count shares the event of its head (``including 5 children``).
LINK_PREPS = {"including", "include", "among", "of", "to", "at", "as"}
#: Prepositions whose object is the place of the event (``in Aleppo``).
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "from"}
#: Words and word pairs that mark a sentence about a running total.
TOTAL_CUES = {"cumulative"}
TOTAL_PHRASES = {("so", "far"), ("to", "date")}
#: Subjects of a killing that make it a running total (``the war has killed 400,000``).
TOTAL_KILLERS = {"war", "conflict", "uprising", "revolt", "crisis", "revolution"}
#: What ``since`` may refer to in a running total (``since the outbreak``), besides a year.
SINCE_START = TOTAL_KILLERS | {"outbreak", "beginning"}


def forms(token: Token) -> list[str]:
    """Forms to look a word up by: lemma, lower case, and crude singular/stem forms, because
    title-case headlines (``Army Kills 10 Terrorists``) defeat the tagger and lemmatizer."""
    lower = token.lower_
    found = [token.lemma_.lower(), lower, _IRREGULAR_PLURALS.get(lower, "")]
    if lower.endswith("ies"):
        found.append(lower[:-3] + "y")
    if lower.endswith(("s", "d")):
        found.append(lower[:-1])
    if lower.endswith(("ed", "es")):
        found.append(lower[:-2])
    if lower.endswith("ing"):
        found.append(lower[:-3])
    return found


def lookup(table: dict[str, str], token: Token) -> str | None:
    """The value of the first of the token's :func:`forms` found in ``table``, else None."""
    return next((table[form] for form in forms(token) if form in table), None)
