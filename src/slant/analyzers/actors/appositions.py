"""The ``apposition`` relation of descriptors: a noun phrase set beside a name.

From the parse's ``appos`` arcs and from the surface pattern ``NP, NAME[,.;)]`` that the small
model often misparses (not in brackets, where it is a citation, nor in a list of names, nor
after an opening adverbial or from a reported clause's object before its speaker), and a party
tag after a name (``Jeff Flake (R-AZ)``: :func:`party_tag`). The method is the appositive sieve
of Lee et al. (2013) over the shared parse; :mod:`.descriptors` says what a descriptor is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...analysis import Descriptor
from ..quotes.speech import PERSON_NOUNS, SPEECH_VERBS
from .mentions import HONORIFICS
from .predicates import as_descriptor, is_quote, noun_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["find_appositions", "noun_for_a_member", "party_tag"]

#: Offices written as capitals (``CEO of AWEA``).
_CAPITAL_TITLES = frozenset({"CEO", "CFO", "COO", "CTO"})
#: Clauses on a noun (``pick to head the committee``).
_CLAUSES = frozenset({"acl", "relcl", "xcomp"})


_PARTY_TAG = re.compile(
    r"(?:['’]s)?\s*[,(]\s*\[?([RDI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\]?\s*[,)]"
)


def noun_for_a_member(token: Token) -> bool:
    """A group word used as a noun for one person (``a Democrat``, ``the ranking Democrat``):
    a description of someone, not a mention of the group."""
    return (
        token.ent_type_ == "NORP"
        and token.tag_ in {"NN", "NNP"}
        and any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in token.children)
    )


def party_tag(span: Span, text: str) -> Descriptor | None:
    """``Ted Cruz, [R-Texas],``: the party tag after a name (``text`` is the doc's), as an
    apposition."""
    match = _PARTY_TAG.match(text, span.end_char)
    if match is None:
        return None
    start, end = match.span(1)
    return Descriptor(text=text[start:end], start=start, end=end, relation="apposition")


def _nominal(token: Token) -> bool:
    """A noun, an adjective the parse sets beside a name as a noun (``a senior at``), or a
    group word used as a noun for one person (``Joe Manchin, a Democrat``)."""
    return (
        token.pos_ == "NOUN"
        or (token.pos_ == "ADJ" and token.dep_ == "appos")
        or noun_for_a_member(token)
        or _title_word(token)
    )


def _title_word(token: Token) -> bool:
    """A title the parse reads as a name (``Tom Kernan, CEO of AWEA``): a person noun or an
    abbreviated office in capitals, tagged PROPN, not inside a named entity."""
    return (
        token.pos_ == "PROPN"
        and token.dep_ == "appos"
        and not token.ent_type_
        and (token.lower_ in PERSON_NOUNS or token.text in _CAPITAL_TITLES)
    )


def _speaks_after(span: Span) -> bool:
    """Whether a speech verb follows the name, right after it or after its apposition
    (``…, Susan Amron, the chief of the division, said``)."""
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].text == ",":
        comma = next((j for j in range(i + 1, min(i + 15, len(doc))) if doc[j].text == ","), None)
        i = comma + 1 if comma is not None else i + 1
    return i < len(doc) and doc[i].pos_ == "VERB" and doc[i].lemma_ in SPEECH_VERBS


def _in_brackets(doc: Doc, start: int, end: int) -> bool:
    """Whether a bracket opened in ``doc[start:end]`` is still open at ``end`` (a citation)."""
    before = doc[start:end].text
    return before.rfind("(") > before.rfind(")")


def _fronted(doc: Doc, first: int, comma: int) -> bool:
    """Whether the words from ``first`` (the sentence start) to ``comma`` open the sentence as
    an adverbial, not a noun phrase (``On the other side, President Trump``; ``Lacking
    unanimity, Italy …``)."""
    while first < comma and (is_quote(doc[first]) or doc[first].is_space):
        first += 1
    if any(doc[i].text == "," for i in range(first, comma)):
        return False
    opener = doc[first]
    return opener.pos_ in {"ADP", "SCONJ"} or opener.tag_ in {"VBG", "VBN"}


def _after_brackets(span: Span) -> int:
    """The token after ``(…),`` right after the name (a party tag, an age), else -1."""
    doc, i = span.doc, span.end
    if i >= len(doc) or doc[i].text != "(":
        return -1
    close = next((j for j in range(i + 1, min(i + 8, len(doc))) if doc[j].text == ")"), None)
    if close is None or close + 2 >= len(doc) or doc[close + 1].text != ",":
        return -1
    return close + 2


def find_appositions(span: Span, actor_tokens: set[int], actor_type: str) -> list[Descriptor]:
    doc, root = span.doc, span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "PROPN":
        return []  # "Gov. Jay Inslee of Washington, the self-professed …": not the place's
    stop = set(range(span.start, span.end))
    heads = [c for c in root.children if c.dep_ == "appos" and c.i > span.end]
    if heads and doc[span.end].text in {",", "("}:
        opens = {span.end + 1, _after_brackets(span)}  # "Moore (D-Ore.), the committee's chair"
        heads = [c for c in heads if c.left_edge.i in opens]
    else:
        heads = []
    before = span.start - 1  # back over titles to the word before them
    while before > 0 and doc[before].lower_.rstrip(".") in HONORIFICS:
        before -= 1
    after = doc[span.end] if span.end < len(doc) else None
    closes = after is None or after.text in {",", ".", ";", ")", ":"} or after.is_space
    listed = (
        after is not None
        and after.text == ","
        and span.end + 1 < len(doc)
        and doc[span.end + 1].pos_ == "PROPN"
    )
    closes = closes and not listed
    surface = before > 0 and doc[before].text == "," and closes
    sent_start = span.sent.start if surface else 0  # only here: ``Span.sent`` is costly
    surface = surface and before - 1 >= sent_start  # the comma and a word before it, in the
    # sentence (a walk back over titles past the sentence start lands on no such comma)
    if (
        surface
        and not _in_brackets(doc, sent_start, span.start)
        and not _fronted(doc, sent_start, before)
    ):
        head = doc[before - 1]
        address = head.ent_type_ in {"GPE", "LOC", "FAC"}  # "a mall in Chicago, Illinois"
        while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.i < head.i:
            if any(c.dep_ in {"det", "poss"} for c in head.children):
                break
            head = head.head.head
        if head.dep_ == "dobj" and _speaks_after(span):
            head = root  # "… to target the bottom line, Susan Amron, the chief, said": the
            # object ends the reported clause, the name opens the attribution
        elif head.dep_ == "dobj" and root.head.i != head.i and head.head.dep_ in _CLAUSES:
            # "Trump's pick to head the committee, William Happer"; but where the parse sets the
            # name beside the object, it is the object's ("located the shooter, Paddock")
            head = head.head.head
        if head.pos_ == "NOUN" and not (address and actor_type in {"GPE", "LOC"}):
            heads.append(head)
    if after is not None and after.text == "," and span.end + 1 < len(doc):
        det = doc[span.end + 1]
        if det.like_num and span.end + 3 < len(doc) and doc[span.end + 2].text == ",":
            det = doc[span.end + 3]  # "Kiera O'Brien, 21, a senior at Harvard"
        head = det.head
        if det.lower_ in {"the", "a", "an"} and _nominal(head) and head.i > det.i:
            if head.dep_ not in {"nsubj", "nsubjpass"}:
                heads.append(head)
    out = []
    for head in heads + [c for h in heads for c in _coordinated(h)]:
        if not _nominal(head) or head.i in stop or head.i in actor_tokens:
            continue
        if head.i > span.end and _opens_clause(head):
            continue
        out.append(as_descriptor(noun_phrase(head, stop=stop), "apposition"))
    return [d for d in out if d]


def _opens_clause(head: Token) -> bool:
    """Whether the phrase after the name is the subject of the verb right after it, which the
    parse left without one and hung the phrase under (``Published in the journal Current
    Biology, a new study found``): a fronted phrase ends at the name, the next one opens the
    main clause."""
    doc, after = head.doc, head.right_edge.i + 1
    if after >= len(doc) or doc[after].tag_ not in {"VBD", "VBZ", "VBP", "MD"}:
        return False
    verb = doc[after] if doc[after].tag_ != "MD" else doc[after].head
    return any(a.i == verb.i for a in head.ancestors) and not any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children
    )


def _coordinated(head: Token) -> list[Token]:
    """``X, the director of Y and an expert on Z``: the nouns coordinated with an apposition,
    each with a determiner of its own, are appositions too."""
    doc = head.doc
    return [
        c
        for c in head.children
        if c.dep_ == "conj"
        and c.pos_ == "NOUN"
        and any(d.dep_ == "det" and d.lower_ in {"a", "an", "the"} for d in c.children)
        and not any(doc[i].text == "," for i in range(head.i + 1, c.i))  # one phrase, no list
    ]
