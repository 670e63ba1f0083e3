"""What the text calls each actor: descriptors found by dependency and surface rules.

Method: rules over the shared spaCy parse, each anchored on a mention of an actor (see
:mod:`.mentions`), in the tradition of pattern-based relation extraction (Hearst 1992) and of
the appositive and predicate-nominative sieves of Lee et al. (2013):

- ``modifier``: the run of adjectives, nouns and titles of office just before a name
  (``State department spokesman Mark Toner``, ``al-Qaeda affiliated al-Nusra Front``,
  ``racist, and totalitarian Louis Farrakhan`` gives two); ranks and honorifics right before
  the name (``Lt Gen``, ``Mr``) and runs made only of other actors' names (``Syrian Kurds``)
  are left out, except a nationality or religion before a person (``Muslim Hafiz Kazi``); a
  plural title covers coordinated names (``Presidents Putin and Assad``); and the head noun a
  name modifies when that noun denotes a group of people (``al-Nusra Front terrorists``,
  ``Assad regime``; the nouns are :data:`GROUP_NOUNS` after a person or organisation,
  :data:`LABEL_NOUNS` after a nationality or place: ``Arab jihadis`` but not ``Syrian army``).
- ``apposition``: a noun phrase beside the name, ``Bashar al-Assad, the brutal dictator`` or
  ``Syria's legitimate head of state, President Bashar al-Assad``, from the parse's ``appos``
  arcs and from the surface pattern ``NP, NAME[,.;)]`` the small model often misparses (not in
  brackets, where it is a citation, nor in a list of names).
- ``predicate``: ``X is/was/remains/becomes NP|ADJ``, ``X is called/branded/described as NP``
  and ``described X as NP``; not when negated (``X is not …``) or denied (``denied that X was``)
  (:mod:`.predicates`).
- ``scare_quote``: any part of those descriptors the writer put in scare quotes
  (``the 'brutal dictator' President Bashar al-Assad`` gives ``brutal dictator``).

The rules of the first two relations live in :mod:`.modifiers` and :mod:`.appositions`,
those of the third in :mod:`.predicates`; this module filters what they find
(:func:`is_called`), applies scare quotes and assembles each actor's list
(:func:`find_descriptors`).

The fifth relation, ``label`` (``the terrorists`` standing in for a name), is linked from these
by :func:`slant.analyzers.actors.labels.link_labels`.

A descriptor is what the text *calls* the actor, so :func:`is_called` drops what is only next to
the name: a bare abbreviated title (``Rep.``, ``Former Florida Gov.``: a rank, not a
description), times and dates (``friday morning``), and, for an organisation or a place, a
noun for a person (``ex-Greenpeace founder`` describes the founder, not Greenpeace); a party
tag after a name is an apposition (``Ted Cruz, [R-Texas]``, ``Jeff Flake (R-AZ)``), and an
office with an ``of`` phrase stays one modifier (``Secretary of State Mike Pompeo``). Since
``actors.v3`` it also leaves out the words before a name that itself modifies a noun (``A
senior EPA official``, ``former EPA Administrator Gina McCarthy``; not when the noun is the
actor's own group, ``al-Qaeda affiliated al-Nusra Front terrorists``), directions
(``Northeast``, ``upstate``), a noun before a person that heads a phrase of its own (``after
the proposal Rove warns``), a noun that picks out part of a group (``college Republicans``),
and a run that meets page furniture (``now?• None Trump``); an apposition may follow an age
(``Kiera O'Brien, 21, a senior at Harvard``).

``actors.v4`` (mainstream news, where a headline runs into the lead and the small model's
entities are often not actors) keeps to what the text calls the actor:

- a modifier run stops at a determiner (``like Dem parody bill The Wall Street Journal``) and
  after a noun inside it that heads a phrase of its own (``in Earth Day message President
  Donald Trump`` gives ``President``; not the noun right before the name, its title or kind,
  ``his top economic adviser Larry Kudlow``, ``the consulting firm IHS Markit``, nor a person
  noun, a scare-quoted one, ``the 'brutal dictator' President``, or part of a hyphenated
  word);
- a party before an abbreviated title stays and the title and its place go (``Democratic New
  York Rep.`` gives ``Democratic``, ``former Florida GOP Rep.`` ``GOP``);
- a group word used as a noun for one person is a description, not a mention of the group
  (``Joe Manchin, a Democrat``: an apposition; ``the ranking Democrat`` gives the group
  nothing);
- for a group, a run holding a place or a body picks out part of it (``top California
  Democrats``); for a place or organisation, capitalised words run into the name are the
  name (``the Shasta Lake``, ``Hurricane Irma``; not a title, ``Officer``), and ``former``
  alone or ``nearby`` say nothing;
- names of laws, plans, treaties, documents and meetings the model tags as organisations
  (:data:`_LAW_HEADS`: ``Green New Deal``, ``National Climate Assessment``) get no
  descriptors;
- the surface apposition ``NP, NAME`` is not read after an opening adverbial (``On the other
  side, President Trump``; ``Lacking unanimity, Italy``), between two places (``a mall in
  Chicago, Illinois``), or from the object that ends a reported clause before its speaker (``…
  to target the bottom line, Susan Amron, the chief, said``); a clause on the object gives its
  noun (``Trump's pick to head the committee, William Happer`` gives ``pick``), unless the
  parse sets the name beside the object (``located the Las Vegas shooter, Steven Paddock``);
- a group noun right before another name is that name's kind (``British Antarctic research
  group Project MIDAS``), a piece of a hyphenated word is no descriptor (``re-thinking``), and
  a supposition is no predicate (``if Beyonce were so concerned``).

``actors.v5`` (errors read on the news ``dev``, ``dev2`` and ``dev3`` and PTC ``dev`` articles,
and on what v5 adds and drops against v4 in articles of no gold file):

- a group noun that possesses what follows is still the name's group (``the Trump
  administration's budget``), a participle the name is the object of is no modifier (``after
  Trump called Johnson``), and no name wholly inside a Title Case headline glued to the lead gets
  descriptors (:mod:`.headline`);
- a long noun phrase keeps its head and the complements that fit instead of being dropped
  (``the head of the Office for Coastal Research at …`` gives ``head``); coordinated appositions
  are pairs of their own (``a lawyer for the union and a former judge``); an apposition may
  follow a party tag (``Dana Moore (D-Ore.), the committee's chair``); a title in capitals the
  parse reads as a name is a noun (``Lena Park, CEO of Brightwave``);
- ``one of the N`` is an attribute (``is one of the authors of the report``), a name
  coordinated with the subject shares its predicate (``Chile and Peru are the only members
  …``); a copula whose own subject is a relative pronoun is not the name's (``Neither X nor Y, a
  service that is responsible …``), and a comparative adjective is a comparison, not a
  description (``has been more defiant than …``);
- ``label`` descriptors by the kind of place or body (:mod:`.labels`: ``the state``).

``actors.v6`` (errors read on the fresh news ``dev4`` batch and on ``dev``, ``dev2``, ``dev3``):

- a word that opens a sentence and is a common noun, or is written in lower case elsewhere in
  the text, is no name to describe (:func:`common_word`: ``Content created by … is
  available``); a copula the parse gives two subjects is not the name's (``Residents in Mount
  Shasta, California were furious``); ``is home to`` is where, not what;
- the phrase after a fronted name that the parse hung under it is the main clause's subject,
  no apposition (``Published in the journal Current Biology, a new study found``);
- a determiner tagged as a name, a first name in one entity with the surname (``Ivanka
  Trump``) and ``rural``/``urban`` (part of a place) are no modifiers; a vice president is not
  a president for ``the president`` (:mod:`.labels`).

A descriptor is the noun phrase without determiners and possessors (``brutal dictator``, not
``the brutal dictator``; ``legitimate head of state``, not ``Syria's …``), read by the helpers of
:mod:`.predicates`. It does not read
pronouns, relative clauses other than a copula (``Assad, who has ruled since 2000``) or verbs
of action.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...analysis import Descriptor
from ...nlp import HONORIFICS as TITLE_ABBREVIATIONS
from ...spans import overlaps_any
from ..quotes.docindex import doc_text
from ..quotes.speech import PERSON_NOUNS
from .appositions import find_appositions, noun_for_a_member, party_tag
from .headline import glued_headline_end
from .mentions import ActorCluster
from .modifiers import (
    ACTOR_LABELS,
    GROUP_NOUNS,
    LABEL_NOUNS,
    MODIFIER_POS,
    TITLE_COMPANIONS,
    group_head,
    pre_modifiers,
)
from .predicates import find_predicates

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "GROUP_NOUNS",
    "LABEL_NOUNS",
    "MODIFIER_POS",
    "common_word",
    "find_descriptors",
    "is_called",
    "is_law",
]

#: Head words of the names of laws, plans, treaties, documents and meetings, which the small
#: model often tags as organisations (spaCy's labels for them are LAW and EVENT): ``Green New
#: Deal``, ``Clean Power Plan``, ``Paris Agreement``, ``National Climate Assessment``, ``Climate
#: Action Summit``. They are not actors, so the text calls them nothing here.
_LAW_HEADS = frozenset(
    "deal act plan accord accords agreement treaty protocol rule bill amendment resolution "
    "law doctrine assessment declaration charter summit".split()
)


_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night
    tonight today yesterday tomorrow week weekend month year day hour minute january february
    march april may june july august september october november december""".split()
)


def is_called(descriptor: Descriptor, doc: Doc, actor_type: str) -> bool:
    """Whether ``descriptor`` says what the actor is called, not only what stands by its name:
    not a bare abbreviated title, not a time or date, not a person noun for a body or place."""
    span = doc.char_span(descriptor.start, descriptor.end, alignment_mode="expand")
    if span is None:
        return True
    tokens = [t for t in span if not t.is_punct or t.text == "."]
    after = doc_text(doc)[descriptor.end : descriptor.end + 1]
    if not any(c.isalpha() for c in descriptor.text) or (after == "-" and len(tokens) == 1):
        return False  # "re" of "re-thinking": part of a word, not one
    abbreviated = [
        t
        for t in tokens
        if t.lower_ in TITLE_ABBREVIATIONS
        or (
            t.lower_ + "." in TITLE_ABBREVIATIONS
            and t.i + 1 < len(doc)
            and doc[t.i + 1].text == "."
        )
    ]
    if abbreviated and all(
        t in abbreviated
        or t.text == "."
        or t.lower_ in TITLE_COMPANIONS
        or t.ent_type_ in ACTOR_LABELS
        for t in tokens
    ):
        return False
    age = any(
        t.lower_ in ("old", "year-old", "years-old") or t.lower_.endswith("-old") for t in tokens
    )
    if not age and any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in _TIME_WORDS for t in tokens):
        return False
    if actor_type != "PERSON" and descriptor.relation == "modifier" and tokens:
        head = tokens[-1]
        if head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_NOUNS | {"founder", "co-founder"}:
            return False
    return True


def _apply_scare_quotes(
    descriptors: list[Descriptor], scare_spans: list[tuple[int, int]]
) -> list[Descriptor]:
    out = []
    for d in descriptors:
        inside = [(s, e) for s, e in scare_spans if d.start <= s and e <= d.end]
        if d.relation != "scare_quote" and any((s, e) == (d.start, d.end) for s, e in inside):
            d = Descriptor(text=d.text, start=d.start, end=d.end, relation="scare_quote")
        out.append(d)
    return out


def _dedupe(descriptors: list[Descriptor]) -> list[Descriptor]:
    kept: list[Descriptor] = []
    for d in sorted(descriptors, key=lambda d: (d.start, -(d.end - d.start))):
        if not overlaps_any((d.start, d.end), [(k.start, k.end) for k in kept]):
            kept.append(d)
    return kept


def _shared_modifiers(
    span: Span, modifiers_by_root: dict[int, list[Descriptor]]
) -> list[Descriptor]:
    """``Presidents Putin and Assad``: a plural modifier of the first conjunct covers the rest."""
    root = span.root
    if root.dep_ != "conj":
        return []
    shared = []
    for d in modifiers_by_root.get(root.head.i, []):
        last = span.doc.char_span(d.start, d.end, alignment_mode="expand")
        if last is not None and last[-1].tag_ in {"NNS", "NNPS"}:
            shared.append(d)
    return shared


def is_law(cluster: ActorCluster) -> bool:
    """A law, plan or treaty the model took for an organisation or place (``Green New Deal``)."""
    words = cluster.name.split()
    return cluster.type != "PERSON" and bool(words) and words[-1].lower() in _LAW_HEADS


def _opens_sentence(token: Token) -> bool:
    """The first word of its sentence, after any quote marks and brackets."""
    return all(t.is_punct for t in token.doc[token.sent.start : token.i])


def common_word(spans: list[Span], text: str) -> bool:
    """A common noun with the capital of a sentence start that the model took for a name
    (``Wildfires are common``, ``Content created by …``, ``Cap and trade is …``): every mention
    is one word opening a sentence, tagged a common noun or written in lower case elsewhere in
    the text. Its descriptors would be what the text says of the thing."""
    if not spans or any(len(s) > 1 or not _opens_sentence(s[0]) for s in spans):
        return False
    word = spans[0].text
    if all(s[0].pos_ == "NOUN" for s in spans):
        return True
    return re.search(r"(?<![\w-])" + re.escape(word.lower()) + r"(?![\w-])", text) is not None


def find_descriptors(
    doc: Doc,
    clusters: list[ActorCluster],
    *,
    scare_spans: Sequence[tuple[int, int]] = (),
) -> list[list[Descriptor]]:
    """Return, for each cluster (same order), the descriptors the text applies to it.

    ``scare_spans`` are the ``[start, end)`` of words inside scare quotes (the
    ``scare_quotes`` analyzer); descriptors equal to one get the relation ``scare_quote``.
    """
    text = doc_text(doc)
    headline = glued_headline_end(text)
    actor_tokens: set[int] = set()
    spans_by_cluster: list[list[Span]] = []
    for cluster in clusters:
        parsed = (doc.char_span(s, e, alignment_mode="expand") for s, e in cluster.mentions)
        spans = [s for s in parsed if s is not None and len(s)]
        if is_law(cluster):
            actor_tokens.update(t.i for span in spans for t in span)
            spans = []
        if common_word(spans, text):
            spans = []
        spans = [s for s in spans if not noun_for_a_member(s.root)]
        spans_by_cluster.append(spans)
        actor_tokens.update(t.i for span in spans for t in span)
    modifiers_by_root: dict[int, list[Descriptor]] = {}
    for cluster, spans in zip(clusters, spans_by_cluster, strict=True):
        for span in spans:
            modifiers_by_root[span.root.i] = pre_modifiers(span, cluster.type, actor_tokens)
    results: list[list[Descriptor]] = []
    for cluster, spans in zip(clusters, spans_by_cluster, strict=True):
        found: list[Descriptor] = []
        for span in spans:
            if span.end_char <= headline:
                continue  # a name inside a glued headline ("… Chief Blames Congress For …")
            found += modifiers_by_root[span.root.i] or _shared_modifiers(span, modifiers_by_root)
            group = group_head(span, cluster.type, actor_tokens)
            if group:
                found.append(group)
            found += find_appositions(span, actor_tokens, cluster.type)
            party = party_tag(span, text) if cluster.type == "PERSON" else None
            if party:
                found.append(party)
            found += find_predicates(span)
        found = [d for d in found if is_called(d, doc, cluster.type)]
        results.append(_dedupe(_apply_scare_quotes(found, list(scare_spans))))
    return results
