"""The ``label`` relation of descriptors: a definite noun phrase ``the N`` standing in for a name.

Method: a precision-ranked reading of definite descriptions, after the head-match and
semantic-compatibility sieves of Lee et al. (2013) and Haghighi & Klein (2009). ``the N``
(only modifiers between ``the`` and N, N not inside a compound) is linked to an actor in two
ways:

1. **The noun the text has already applied.** The text has already called exactly one actor N
   by the other relations (``al-Nusra Front terrorists`` … ``the terrorists``), and that actor
   is named in the same or one of the three previous sentences; a plural noun is not linked to
   a person or a country (number agreement). An abbreviated title before a name counts as
   applying its office noun (``Gov. Jerry Brown`` … ``the governor``); a lesser office does
   not apply its superior's noun (``Vice President Al Gore`` is no ``president``: v6).
2. **A noun for the actor's kind** (``actors.v5``): a singular noun for a kind of place, or for
   a body that its name calls so (:data:`KIND_NOUNS`: ``the state``, ``the town``, ``the
   council`` for the Climate Leadership Council), stands for the one actor of a fitting entity
   type named in the same or the previous sentence, or, when none is named there, in the three
   previous sentences; labels already linked count as mentions (``Tangier Island`` … ``the
   town's situation`` … ``the town was losing ground``). ``the state`` is a U.S. state only
   (:data:`US_STATES`), ``the city`` never one; no proper noun stands between ``the`` and N
   (``the G9 group``). Where two actors fit, nothing is linked: a wrong link puts words in the
   text's mouth. Kinds of people (``the president`` for an actor never called president) and
   ``the country`` are not read.

``the administration`` after ``the Trump administration`` is that body, not a label of the
person (whatever entity type the model gives the name). Possessive and demonstrative phrases
(``his hand-picked attorney general``, ``this criminal traitor``) are not read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ...analysis import Descriptor
from ...spans import overlaps_any
from ..quotes.docindex import doc_text, token_indexes
from .descriptors import is_law
from .mentions import ActorCluster
from .modifiers import MODIFIER_POS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["KIND_NOUNS", "US_STATES", "link_labels"]

#: A president's administration (``the Trump administration``): ``the administration`` is
#: that body, not a label of the person (``the regime`` for Assad is one).
_OWN_GROUP_NOUNS = frozenset({"administration"})
#: An abbreviated title right before a name, and the nouns that stand for it later (``Gov.
#: Jerry Brown`` … ``the governor``): the title is not a descriptor, but it names the office.
_ABBREVIATED_TITLE = re.compile(r"\b(Gov|Sen|Rep|Pres|Sec|Gen|Adm|Col|Capt|Lt)\.\s*$")
_TITLE_NOUNS = {
    "gov": ("governor",),
    "sen": ("senator",),
    "rep": ("congressman", "congresswoman", "representative", "lawmaker"),
    "pres": ("president",),
    "sec": ("secretary",),
    "gen": ("general",),
    "adm": ("admiral",),
    "col": ("colonel",),
    "capt": ("captain",),
    "lt": ("lieutenant",),
}
_SENTENCES_BACK = 3
_LESSER = frozenset({"vice", "deputy", "assistant", "under"})

_SETTLEMENTS = frozenset("city town village capital municipality".split())
#: Nouns for a body that its own name calls so (``the commission`` for the State Lands
#: Commission, ``the council`` for the Climate Leadership Council; not ``the commission`` for
#: NASA: a body the text names no further is often another one). ``the party``, ``the agency``,
#: ``the group`` and ``the company`` are left out: the news gold, read before these rules,
#: marks them for a named party, agency or group in one case of seven.
_NAMED_BODIES = frozenset(
    "council ministry department union committee corporation institute foundation charity "
    "commission bank university movement board".split()
)
#: Nouns for a kind of place or body, by the entity types they fit (:func:`link_labels`).
KIND_NOUNS: dict[str, frozenset[str]] = {
    "state": frozenset({"GPE"}),
    "province": frozenset({"GPE"}),
    "county": frozenset({"GPE"}),
    "island": frozenset({"GPE", "LOC"}),
    **{noun: frozenset({"GPE"}) for noun in _SETTLEMENTS},
    **{noun: frozenset({"ORG"}) for noun in _NAMED_BODIES},
}
#: The states of the United States: ``the state`` is one of them in this news, ``the
#: country`` or ``the city`` is not.
US_STATES = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming""".split()
    + ["new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota"]
    + ["rhode island", "south carolina", "south dakota", "west virginia"]
)


def _fits(noun: str, cluster: ActorCluster) -> bool:
    """Whether ``the noun`` can stand for ``cluster`` by its kind (module doc, rule 2): its
    entity type, and for a body the word of its own name (``Climate Leadership Council``)."""
    types = KIND_NOUNS.get(noun)
    if types is None or cluster.type not in types or is_law(cluster):
        return False
    if cluster.type == "ORG":
        return noun in cluster.name.lower().split()
    state = cluster.name.lower() in US_STATES
    return state if noun == "state" else not (state and cluster.type == "GPE")


def _nameable(cluster: ActorCluster) -> bool:
    """Whether a label may be linked to ``cluster``: not a one-word organisation name that is
    no acronym (``Finch``, ``Rombot``: most often a person or a brand the model mistyped)."""
    name = cluster.name
    return not (cluster.type == "ORG" and " " not in name and not name.isupper())


def _sentences_back(sentence_starts: list[int], mentions: list[tuple[int, int]], at: int) -> int:
    """How many sentences back from ``at`` the nearest earlier-or-same-sentence mention is."""
    here = bisect_right(sentence_starts, at)
    before = [bisect_right(sentence_starts, s) for s, _ in mentions if s <= at]
    return here - max(before) if before else 10**6


def _lesser(office: Token) -> bool:
    """A lesser office named by its superior's noun (``Vice President``, ``Deputy Secretary``):
    ``the president`` is not a label of a vice president."""
    return any(c.dep_ in {"compound", "amod"} and c.lower_ in _LESSER for c in office.children)


def _applied_nouns(
    doc: Doc, clusters: list[ActorCluster], results: list[list[Descriptor]]
) -> dict[str, dict[int, int]]:
    """For each noun the text applies to an actor, where it first applies it to each one."""
    text = doc_text(doc)
    first_use: dict[str, dict[int, int]] = {}
    for index, descriptors in enumerate(results):
        for d in descriptors:
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is not None and span.root.pos_ in {"NOUN", "PROPN"} and not _lesser(span.root):
                uses = first_use.setdefault(span.root.lemma_.lower(), {})
                uses[index] = min(uses.get(index, d.start), d.start)
    for index, cluster in enumerate(clusters):  # "Gov. Jerry Brown" … "the governor"
        for start, _ in cluster.mentions:
            title = _ABBREVIATED_TITLE.search(text, max(0, start - 8), start)
            for noun in _TITLE_NOUNS.get(title.group(1).lower(), ()) if title else ():
                uses = first_use.setdefault(noun, {})
                uses[index] = min(uses.get(index, start), start)
    return first_use


def _kind_referent(
    head: Token,
    clusters: list[ActorCluster],
    mentions: list[list[tuple[int, int]]],
    sentence_starts: list[int],
) -> int | None:
    """The one actor of the kind ``head`` names within reach of it, if exactly one."""
    noun = head.lemma_.lower()
    if head.tag_ != "NN" or noun not in KIND_NOUNS:
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return None  # "the city of Dover": the name is in the phrase itself
    back = {
        index: _sentences_back(sentence_starts, mentions[index], head.idx)
        for index, cluster in enumerate(clusters)
        if _fits(noun, cluster)
    }
    for reach in (1, _SENTENCES_BACK):  # the sentence and the one before it first
        fitting = [index for index, n in back.items() if n <= reach]
        if fitting:
            return fitting[0] if len(fitting) == 1 and _nameable(clusters[fitting[0]]) else None
    return None


def link_labels(doc: Doc, clusters: list[ActorCluster], results: list[list[Descriptor]]) -> None:
    """Add ``label`` descriptors to ``results`` (one list per cluster): ``the N`` for the one
    actor already called N, or for the one actor of the kind N names (module doc)."""
    text = doc_text(doc)
    actor_tokens: set[int] = set()
    for cluster in clusters:
        for start, end in cluster.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            actor_tokens.update(range(span.start, span.end) if span is not None else ())
    first_use = _applied_nouns(doc, clusters, results)
    taken = [(d.start, d.end) for ds in results for d in ds]
    mentions = [sorted(cluster.mentions) for cluster in clusters]
    sentence_starts = [s.start_char for s in doc.sents]
    for token in (doc[i] for i in token_indexes(doc, "lower", {"the"})):
        if token.lower_ != "the" or token.head.pos_ != "NOUN" or token.head.i <= token.i:
            continue
        head = token.head
        noun = head.lemma_.lower()
        uses = first_use.get(noun, {})
        users = [index for index, at in uses.items() if at < token.idx]
        if len(users) > 1 or (not users and noun not in KIND_NOUNS):
            continue
        if head.dep_ == "compound" or noun in _OWN_GROUP_NOUNS:
            continue  # "the administration" after "the Trump administration" is not Trump
        between = [doc[i] for i in range(token.i + 1, head.i + 1)]
        if any(t.i in actor_tokens or t.pos_ not in MODIFIER_POS for t in between):
            continue
        start, end = between[0].idx, head.idx + len(head.text)
        if overlaps_any((start, end), taken):
            continue
        linked: int | None = None
        if users:
            index = users[0]
            agrees = not (head.tag_ == "NNS" and clusters[index].type in {"PERSON", "GPE"})
            near = _sentences_back(sentence_starts, mentions[index], token.idx) <= _SENTENCES_BACK
            linked = index if agrees and near else None  # "the countries" is not the U.S.
        elif not any(t.pos_ == "PROPN" for t in between[:-1]):  # not "the G9 group"
            linked = _kind_referent(head, clusters, mentions, sentence_starts)
        if linked is None:
            continue
        results[linked].append(Descriptor(text[start:end], start, end, "label"))
        mentions[linked].append((start, end))
        mentions[linked].sort()
        taken.append((start, end))
    for descriptors in results:
        descriptors.sort(key=lambda d: d.start)
