"""Predicate descriptors (``X is a terrorist group``), and the noun-phrase reading every
descriptor rule of :mod:`.descriptors` shares.

Method: rules over the shared spaCy parse, after the predicate-nominative sieve of Lee et al.
(2013). For a mention of an actor that is the subject of a copula (``X is/was/remains/becomes
NP|ADJ``), or the object of a verb of naming (``X is called/branded/described as NP``,
``described X as NP``), the attribute, adjective or ``as`` object is a ``predicate`` descriptor.
A copula in a relative clause on the name counts too (``Janet McCabe, who was an EPA
official``). Nothing is read when the verb is negated (``X is not …``), the attribute is
(``is no fan of``), the clause is denied (``denied that X was``) or supposed (``if X were so
concerned``), when a quote mark stands
between the verb and the attribute (the attribute is outside the quote), nor from adjectives
that describe a state of readiness or a stance rather than the actor (``X is able to``,
``likely``, ``due``, ``critical of``, ``unaware of``).

A descriptor is the noun phrase without determiners and possessors (``brutal dictator``, not
``the brutal dictator``; ``legitimate head of state``, not ``Syria's …``): :func:`noun_phrase`,
:func:`trim` and :func:`as_descriptor` read it that way for predicates, appositions and
modifiers alike. It does NOT read predicates of pronouns (``he is a dictator``) or verbs of
action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...analysis import Descriptor, DescriptorRelation

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["as_descriptor", "find_predicates", "is_quote", "noun_phrase", "trim"]

_COPULAS = frozenset({"be", "become", "remain", "seem"})
_NAMING_VERBS = frozenset(
    "call brand label describe designate dub term name consider regard see portray".split()
)
_NOT_DESCRIPTIVE = frozenset(
    "able unable likely unlikely sure ready willing due set about eager keen going".split()
)
_DENIALS = frozenset({"deny", "reject", "dispute", "refute"})
_CONDITIONALS = frozenset({"if", "unless", "whether"})
_RELATIVES = frozenset({"who", "which", "that"})
#: ``critical of``, ``opposed to``, ``happy with``: an adjective with these gives a stance
#: toward something, not what the actor is (``instrumental in``, ``serious about`` still
#: describe it).
_STANCE_PREPOSITIONS = frozenset({"of", "to", "with", "toward", "towards"})
_MAX_TOKENS = 10


def is_quote(token: Token) -> bool:
    """Whether a token is a quote mark, curly ones included."""
    return token.is_quote or token.text in {"‘", "’", "“", "”"}


def trim(tokens: list[Token]) -> list[Token]:
    """Drop determiners, possessors, punctuation and quote marks at the ends."""
    while tokens and (
        tokens[0].pos_ in {"DET", "PRON", "PUNCT", "PART", "CCONJ", "ADP", "SPACE"}
        or is_quote(tokens[0])
        or tokens[0].dep_ == "poss"
    ):
        if tokens[0].dep_ == "poss":
            tokens = [t for t in tokens if t.i > tokens[0].i and t.dep_ != "case"]
        else:
            tokens = tokens[1:]
    while tokens and (
        tokens[-1].pos_ in {"PUNCT", "ADP", "CCONJ", "DET", "SPACE"} or is_quote(tokens[-1])
    ):
        tokens = tokens[:-1]
    return tokens


def noun_phrase(head: Token, *, stop: set[int]) -> list[Token]:
    """The noun phrase headed by ``head``: its left modifiers and of/in-complements, as many
    complements as fit in ``_MAX_TOKENS`` words (``director of the Sabin Center for Climate
    Change Law at Columbia Law School`` gives ``director of the Sabin Center for Climate Change
    Law``)."""
    doc = head.doc
    left = head.i
    while (
        left - 1 >= head.left_edge.i
        and left - 1 not in stop
        and doc[left - 1].text != ","
        and not doc[left - 1].is_space
    ):
        left -= 1
    first = left  # the first word kept: after determiners and possessors
    while first < head.i and (
        doc[first].pos_ in {"DET", "PRON", "PART"} or doc[first].dep_ == "poss"
    ):
        first += 1
    right = head.i
    for child in head.rights:
        if child.dep_ not in {"prep", "compound", "amod", "pobj"} or child.i != right + 1:
            break
        edge = child.right_edge.i
        span = range(child.i, edge + 1)
        if any(i in stop or doc[i].text in {",", ";", "("} or doc[i].is_space for i in span):
            break
        if edge - first + 1 > _MAX_TOKENS:
            break  # a long phrase keeps its head and the complements that fit
        right = edge
    tokens = [doc[i] for i in range(left, right + 1)]
    for j in range(len(tokens) - 2, -1, -1):
        possessive = tokens[j].tag_ == "POS" or (
            tokens[j].text in {"’", "'"} and j > 0 and tokens[j - 1].text.endswith("s")
        )
        if possessive and tokens[j].i < head.i:
            tokens = tokens[j + 1 :]
            break
    tokens = trim(tokens)
    return tokens if 0 < len(tokens) <= _MAX_TOKENS else []


def as_descriptor(tokens: list[Token], relation: DescriptorRelation) -> Descriptor | None:
    """The descriptor covering ``tokens`` (first to last, in document order), or None."""
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    words = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    return Descriptor(text=words, start=start, end=end, relation=relation)


def _named_as(verb: Token, stop: set[int]) -> list[Descriptor | None]:
    """``described X as a "nomad" and a "vagabond"``: the objects of ``as`` and their conjuncts
    (None where a phrase gives no descriptor)."""
    out: list[Descriptor | None] = []
    for child in verb.children:
        if child.dep_ == "oprd" and child.pos_ in {"NOUN", "ADJ"}:
            out.append(as_descriptor(noun_phrase(child, stop=stop), "predicate"))
        elif child.dep_ == "prep" and child.lower_ == "as":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in {"NOUN", "PROPN"} and obj.i not in stop:
                    for noun in [obj, *(c for c in obj.children if c.dep_ == "conj")]:
                        out.append(as_descriptor(noun_phrase(noun, stop=stop), "predicate"))
    return out


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"not", "n't", "n’t", "never"} for c in verb.children)


def _closes_quote(token: Token) -> bool:
    """A quote mark that closes a quotation (``…measure," the state's attorney general``), not
    one that opens a scare-quoted attribute (``is "a butcher"``)."""
    if not is_quote(token) or token.i == 0:
        return False
    return token.text in {"”", "’"} or token.doc[token.i - 1].text in {",", ".", "?", "!"}


def _one_of(token: Token) -> bool:
    """``one of the authors``: the number ``one`` with an ``of`` phrase, a noun phrase."""
    return token.lower_ == "one" and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children
    )


def _comparative(adjective: Token) -> bool:
    """``more combative``, ``bigger``: a comparative adjective (``most destructive`` is not)."""
    return adjective.tag_ == "JJR" or any(
        c.dep_ in {"advmod", "amod"} and c.lower_ in {"more", "less"} for c in adjective.children
    )


def _copula_predicates(verb: Token, stop: set[int]) -> list[Descriptor | None]:
    """The attribute or adjective of a copula: ``is a terrorist group``, ``was brutal``.

    Not an attribute negated by its determiner (``is no fan of``), not one outside the quote
    the verb is in (a closing quote mark between them), not an adjective with an infinitive or a
    stance complement (``able to``, ``critical of``, ``unaware of``), which says how the actor
    stands toward something, not what it is."""
    doc = verb.doc
    out: list[Descriptor | None] = []
    for child in verb.children:
        between = doc[verb.i + 1 : child.left_edge.i]
        if child.i > verb.i and any(_closes_quote(t) for t in between):
            continue
        if child.dep_ == "attr" and _one_of(child):  # "is one of the authors of the study"
            out.append(as_descriptor(noun_phrase(child, stop=stop), "predicate"))
        elif child.dep_ == "attr" and child.pos_ in {"NOUN", "PROPN"}:
            if any(c.dep_ == "det" and c.lower_ == "no" for c in child.children):
                continue
            if child.lower_ == "home" and any(c.lower_ == "to" for c in child.children):
                continue  # "X is home to six of the most polluted cities": where, not what
            out.append(as_descriptor(noun_phrase(child, stop=stop), "predicate"))
        elif child.dep_ == "acomp" and child.lower_ not in _NOT_DESCRIPTIVE:
            if _comparative(child):
                continue  # "has been more combative than …": a comparison, not a description
            if not any(
                c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in _STANCE_PREPOSITIONS)
                for c in child.children
            ):
                left = [doc[i] for i in range(child.left_edge.i, child.i)]
                out.append(as_descriptor(trim(left + [child]), "predicate"))
    return out


def find_predicates(span: Span) -> list[Descriptor]:
    """``X is a terrorist group``, ``X, who was an EPA official``, ``X was described as a
    nomad``, ``X and Y are the only countries``; not when negated or denied."""
    root = span.root
    subject = root.head if root.dep_ == "conj" and root.head.dep_ == "nsubj" else root
    verb = subject.head  # a name coordinated with the subject shares its verb
    stop = set(range(span.start, span.end))
    out: list[Descriptor | None] = []
    for relative in root.children:  # "Janet McCabe, who was an EPA official"
        if relative.dep_ == "relcl" and relative.lemma_ in _COPULAS and not _negated(relative):
            if any(c.dep_ == "nsubj" and c.lower_ in _RELATIVES for c in relative.children):
                out += _copula_predicates(relative, stop)
    copular = subject.dep_ == "nsubj" and verb.lemma_ in _COPULAS
    naming = root.dep_ in {"nsubjpass", "dobj"} and verb.lemma_ in _NAMING_VERBS
    if not (copular or naming):
        return [d for d in out if d]
    if _negated(verb) or (verb.dep_ == "ccomp" and verb.head.lemma_ in _DENIALS):
        return [d for d in out if d]
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONALS for c in verb.children):
        return [d for d in out if d]  # "if Beyonce were so concerned": supposed, not said
    # another subject of the same verb: the clause is not the name's ("X nor Y, an agency that
    # is responsible": Y's; "Residents in Mount Shasta, California were furious": the parse
    # gives the verb two subjects, and the predicate is said of the residents)
    other_subject = any(c.dep_ == "nsubj" and c.i != subject.i for c in verb.children)
    if copular and not other_subject:
        out += _copula_predicates(verb, stop)
    if naming:
        out += _named_as(verb, stop)
    return [d for d in out if d]
