"""Who is mentioned: named actors found by spaCy NER and merged into one cluster per actor.

Method: the entities of the shared parse labelled PERSON, ORG, NORP, GPE, LOC (FAC counts as
LOC) are cleaned (a leading "the", honorifics and ranks such as "Mr", "President" or "Lt Gen",
quote marks and a trailing possessive are cut off; an entity holding a comma or a line break
is split, as the small English model runs "Hama, Idlib" together) and then merged with rules
in the spirit of the string-match sieves of Lee et al. (2013), *Deterministic coreference
resolution based on entity-centric, precision-ranked rules*:

1. the same name, ignoring case ("Isis" / "ISIS");
2. an acronym the text defines, ``Islamic State (IS)``, whose letters are the capitals of the
   long form in order; and an acronym that spells the initials of another name in the text
   ("SDF" / "Syrian Democratic Forces");
3. a surname alone (with or without "al-", "el-") and the one full PERSON name ending in it
   ("Assad" / "Bashar al-Assad"); skipped when two full names share the surname or the word
   is part of an ORG name; a cluster merged this way is a PERSON;
4. an ORG or PERSON name contained, word for word, in a longer ORG or PERSON name
   ("al-Nusra" / "al-Nusra Front" / "Jabhat al-Nusra").

Because en_core_web_sm misses many repeats of a name, every whole-word occurrence of every
known name form (longest first), and of the surname of each full PERSON name when no other full
name shares it, is then added as a mention (matching case, except the first letter of a name
that starts in lower case: "al Qaeda" / "Al Qaeda"). The type of a cluster is the majority NER
label of its mentions; a NORP vote for a name that does not look like a nationality or group
word ("Aleppo") counts as GPE when other labels exist. Types keep spaCy's labels: PERSON, ORG,
NORP (nationalities, religious and political groups), GPE, LOC.
It does not resolve pronouns, metonymy ("Washington" for the US government) or aliases the
text never links ("Daesh" and "Islamic State" stay two actors).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..quotes.docindex import doc_text, entities

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc

__all__ = ["HONORIFICS", "OFFICES", "RANKS", "ActorCluster", "find_actor_clusters"]

_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "NORP", "GPE": "GPE", "LOC": "LOC"}
_LABELS["FAC"] = "LOC"
_TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC")
#: Honorifics and ranks: cut from names, and not descriptors.
RANKS = frozenset(
    "mr mrs ms miss dr sir dame lord lady prof professor sheikh shaykh imam lt gen col maj "
    "sgt capt cpl adm general colonel major lieutenant captain admiral sergeant airman "
    "corporal private rev reverend st saint".split()
)
#: Titles of office: cut from names, but descriptors ("President", "Senator", "Judge").
OFFICES = frozenset(
    "president presidents premier senator sen rep gov governor minister king queen prince "
    "princess pope chancellor judge mayor ayatollah commander".split()
)
HONORIFICS = RANKS | OFFICES
_PARTICLES = ("al-", "el-", "ad-", "as-", "an-", "ar-", "at-")
_NORP_SUFFIX = re.compile(r"(?:an|ans|ese|ish|i|is|ic|s)$", re.IGNORECASE)
_QUOTES = "\"'‘’“”"
_POSSESSIVE = re.compile(r"(?:['’]s?)$")


@dataclass
class ActorCluster:
    """One actor: its display name, type and every mention ``[start, end)`` in text order."""

    name: str
    type: str
    mentions: list[tuple[int, int]]
    forms: set[str]


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim determiner, titles, quote marks and possessive from ``text[start:end]``."""
    while True:
        piece = text[start:end]
        stripped = piece.lstrip(_QUOTES + " ")
        start += len(piece) - len(stripped)
        first, _, rest = stripped.partition(" ")
        if rest and (first.lower() == "the" or first.lower().rstrip(".") in HONORIFICS):
            start += len(first) + 1
            continue
        break
    piece = text[start:end]
    match = _POSSESSIVE.search(piece)
    if match and len(piece) > 3:
        end -= len(match.group(0))
    piece = text[start:end]
    end -= len(piece) - len(piece.rstrip(_QUOTES + " .,").rstrip())
    name = text[start:end]
    if len(name) < 2 or not any(ch.isupper() for ch in name) or not name[0].isalnum():
        return None
    return start, end


def _entity_mentions(doc: Doc) -> list[tuple[int, int, str]]:
    text = doc_text(doc)
    found = []
    for ent in entities(doc):
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        piece_start = ent.start_char
        for part in re.split(r"(,\s+|\s*\n\s*)", text[ent.start_char : ent.end_char]):
            if not re.fullmatch(r",\s+|\s*\n\s*", part):
                cleaned = _clean(text, piece_start, piece_start + len(part))
                if cleaned:
                    found.append((*cleaned, label))
            piece_start += len(part)
    return found


def _capitals(form: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", form) if w and w[0].isupper())


def _is_acronym(form: str) -> bool:
    return 2 <= len(form) <= 6 and form.isupper() and form.isalpha()


_ACRONYM_IN_BRACKETS = re.compile(r"[’'”]?\s+\(([A-Z]{2,6})\)")
_NAME_WORD = re.compile(r"(?:[a-z]{1,3}-)?[A-Z][\w’'-]*|of|the|and|for")


def _defined_acronyms(text: str) -> list[tuple[str, str]]:
    """Pairs ``(long form, acronym)`` written as ``Long Form (LF)``.

    The long form is the run of capitalised words (and of/the/and/for) just before the
    brackets, shortened from the left until its capitals spell the acronym in order.

    >>> _defined_acronyms("fighters of the Syrian Democratic Forces (SDF) advanced")
    [('Syrian Democratic Forces', 'SDF')]
    """
    pairs = []
    for match in _ACRONYM_IN_BRACKETS.finditer(text):
        acronym = match.group(1)
        words = [
            w.strip("‘’'\"“”") for w in text[max(0, match.start() - 120) : match.start()].split()
        ]
        run: list[str] = []
        for word in reversed(words):
            if not _NAME_WORD.fullmatch(word):
                break
            run.insert(0, word)
        while run and run[0] in {"of", "the", "and", "for"}:
            run.pop(0)
        for first in range(len(run)):
            candidate = " ".join(run[first:]).rstrip("’'")
            capitals = _capitals(candidate)
            if capitals and capitals[0] == acronym[0] and _in_order(acronym, capitals):
                pairs.append((candidate, acronym))
                break
    return pairs


def _in_order(letters: str, capitals: str) -> bool:
    remaining = iter(capitals)
    return all(letter in remaining for letter in letters)


def _surname_keys(form: str) -> list[str]:
    last = form.split()[-1].lower()
    keys = [last]
    for particle in _PARTICLES:
        if last.startswith(particle):
            keys.append(last[len(particle) :])
    return keys


class _Forms:
    """Union-find over lower-cased name forms."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.people: set[str] = set()

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _merge_forms(surface: dict[str, str], labels: dict[str, Counter[str]], text: str) -> _Forms:
    forms = _Forms()
    keys = list(surface)
    for key in keys:
        forms.find(key)
    for long_form, acronym in _defined_acronyms(text):
        forms.union(acronym.lower(), long_form.lower())
        surface.setdefault(acronym.lower(), acronym)
        surface.setdefault(long_form.lower(), long_form)
    for key in keys:
        if _is_acronym(surface[key]):
            for other in keys:
                if other != key and _capitals(surface[other]) == surface[key]:
                    forms.union(key, other)
    top = {k: labels[k].most_common(1)[0][0] for k in keys}  # each form's majority label
    surnames = {k: _surname_keys(k) for k in keys if " " in k and top[k] == "PERSON"}
    org_names = [f" {k} " for k in keys if top[k] == "ORG"]
    for key in keys:
        if " " in key or top[key] in ("GPE", "NORP", "LOC"):
            continue
        owners = {forms.find(f) for f, last in surnames.items() if key in last}
        in_org_name = any(f" {key} " in k for k in org_names if k != f" {key} ")
        if len(owners) == 1 and not in_org_name:
            forms.union(key, owners.pop())
            forms.people.add(key)
    person_or_org = [k for k in keys if set(labels[k]) & {"ORG", "PERSON"}]
    for short in person_or_org:
        for long in person_or_org:
            if long != short and f" {short} " in f" {long} " and short[0].isalpha():
                if all(any(ch.isupper() for ch in w) for w in surface[short].split()):
                    forms.union(short, long)
    return forms


def _add_surnames(surface: dict[str, str], labels: dict[str, Counter[str]], forms: _Forms) -> None:
    """Let the surname of each full PERSON name be found alone ("Toner" after "Mark Toner")."""
    owners: dict[str, set[str]] = {}
    for key in list(surface):
        if " " in key and labels.get(key) and labels[key].most_common(1)[0][0] == "PERSON":
            last = surface[key].split()[-1]
            if last[:1].isupper() and len(last) > 2:
                owners.setdefault(last, set()).add(forms.find(key))
    for surname, roots in owners.items():
        if len(roots) == 1 and surname.lower() not in surface:
            surface[surname.lower()] = surname
            forms.union(surname.lower(), roots.pop())
            forms.people.add(surname.lower())


def _cluster_type(label_votes: Counter[str], forms: list[str]) -> str:
    votes = Counter(label_votes)
    if len(votes) > 1 and not any(_NORP_SUFFIX.search(f.split()[-1]) for f in forms):
        votes["GPE"] += votes.pop("NORP", 0)
    best = max(votes.values())
    return next(t for t in _TYPE_PRIORITY if votes.get(t) == best)


def _display_name(forms: list[str], counts: Counter[str], actor_type: str) -> str:
    words = [f for f in forms if not _is_acronym(f)] or forms
    if actor_type == "PERSON":
        return max(words, key=lambda f: (len(f.split()), counts[f], len(f)))
    return max(words, key=lambda f: (counts[f], len(f)))


@lru_cache(maxsize=4096)
def _whole_word(form: str) -> re.Pattern[str]:
    """The pattern of ``form`` as a whole word, any case (compiled once per form, not once
    per document: names recur across a corpus)."""
    return re.compile(rf"(?<![\w’']){re.escape(form)}(?![\w])", re.IGNORECASE)


#: A character outside ASCII that case-insensitive matching takes for an ASCII letter
#: (the Kelvin sign for ``k``, the long s for ``s``).
_ASCII_TWIN = re.compile("[a-z]", re.IGNORECASE)


def _folded(text: str) -> str | None:
    """``text`` lower-cased, when that keeps every offset and matches exactly what
    case-insensitive matching of an ASCII name matches; else None."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    if any(_ASCII_TWIN.match(c) for c in set(text) if not c.isascii()):
        return None
    return lowered


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what ``\w`` matches


def _occurrences(text: str, folded: str | None, form: str) -> Iterator[tuple[int, int]]:
    """``[start, end)`` of each match of :func:`_whole_word` in ``text``, as ``finditer``
    gives them; for an ASCII name in a text :func:`_folded` allows, found with ``str.find``
    on the folded text (no pattern to compile, one pass in C per name)."""
    if folded is None or not form.isascii():
        for match in _whole_word(form).finditer(text):
            yield match.start(), match.end()
        return
    needle, size, pos = form.lower(), len(form), 0
    while (at := folded.find(needle, pos)) >= 0:
        before = text[at - 1] if at else ""
        after = text[at + size] if at + size < len(text) else ""
        if (before and (_is_word(before) or before in "’'")) or (after and _is_word(after)):
            pos = at + 1
            continue
        yield at, at + size
        pos = at + size


def find_actor_clusters(doc: Doc) -> list[ActorCluster]:
    """Return the actors named in a spaCy ``Doc``, in order of first mention.

    >>> from slant.nlp import parse
    >>> [c.name for c in find_actor_clusters(parse("Islamic State (IS) lost. IS fled."))]
    ['Islamic State']
    """
    text = doc_text(doc)
    entity_mentions = _entity_mentions(doc)
    surface: dict[str, str] = {}
    labels: dict[str, Counter[str]] = {}
    for start, end, label in entity_mentions:
        key = text[start:end].lower()
        surface.setdefault(key, text[start:end])
        labels.setdefault(key, Counter())[label] += 1
    forms = _merge_forms(surface, labels, text)
    _add_surnames(surface, labels, forms)
    for key in surface:
        labels.setdefault(key, Counter())
    taken: list[tuple[int, int, str]] = []
    covered = bytearray(len(text))
    folded = _folded(text)
    for key in sorted(surface, key=len, reverse=True):
        form = surface[key]
        for start, end in _occurrences(text, folded, form):
            found = text[start:end]
            if found[1:] != form[1:] or (found[0] != form[0] and form[0].isupper()):
                continue
            if _is_acronym(form) and found != form:
                continue
            if not any(covered[start:end]):
                taken.append((start, end, key))
                covered[start:end] = b"\x01" * (end - start)
    groups: dict[str, list[tuple[int, int, str]]] = {}
    for start, end, key in sorted(taken):
        groups.setdefault(forms.find(key), []).append((start, end, key))
    clusters = []
    for members in groups.values():
        keys = sorted({k for _, _, k in members})
        votes: Counter[str] = Counter()
        for k in keys:
            votes.update(labels[k])
        if not votes:
            continue
        names = [surface[k] for k in keys]
        counts = Counter(text[s:e] for s, e, _ in members)
        actor_type = "PERSON" if forms.people & set(keys) else _cluster_type(votes, names)
        clusters.append(
            ActorCluster(
                name=_display_name(
                    names, Counter({surface[k]: counts[surface[k]] for k in keys}), actor_type
                ),
                type=actor_type,
                mentions=[(s, e) for s, e, _ in members],
                forms=set(keys),
            )
        )
    clusters.sort(key=lambda c: c.mentions[0])
    return clusters
