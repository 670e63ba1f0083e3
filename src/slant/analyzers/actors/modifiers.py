"""The ``modifier`` relation of descriptors: the words just before a name, and the noun it modifies.

Rules over the shared spaCy parse (see :mod:`.descriptors` for what a descriptor is and the
method): the run of adjectives, nouns and titles of office before a name, cut at determiners,
at nouns that head a phrase of their own, at ranks and honorifics, at other actors' names
(:func:`pre_modifiers`); a party kept before an abbreviated title; and the head noun a name
modifies when it denotes a group of people (:func:`group_head`: :data:`GROUP_NOUNS`,
:data:`LABEL_NOUNS`). It does not filter what is only next to the name
(:func:`slant.analyzers.actors.descriptors.is_called`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...analysis import Descriptor, DescriptorRelation
from ...nlp import HONORIFICS as TITLE_ABBREVIATIONS
from ..quotes.speech import PERSON_NOUNS
from .mentions import OFFICES, RANKS
from .predicates import as_descriptor, is_quote, trim

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "ACTOR_LABELS",
    "GROUP_NOUNS",
    "LABEL_NOUNS",
    "MODIFIER_POS",
    "TITLE_COMPANIONS",
    "after_hyphen",
    "group_head",
    "pre_modifiers",
]

#: Head nouns that label the actor or its members when a name modifies them (any actor).
LABEL_NOUNS = frozenset(
    "terrorist militant rebel jihadi jihadist islamist thug gang regime militia insurgent "
    "extremist radical loyalist mercenary proxy puppet occupier invader criminal bandit "
    "junta dictatorship cabal mob".split()
)


#: Head nouns that denote an organisation's or a person's own group ("Assad government",
#: "al-Nusra forces"); not used after nationality or place names ("Syrian army").
GROUP_NOUNS = LABEL_NOUNS | frozenset(
    "government administration force fighter army troop soldier group faction supporter "
    "opposition movement operative attacker member activist bloc nation".split()
)


_DIRECTIONS = frozenset(
    "eastern western northern southern central north south east west northeastern "
    "northwestern southeastern southwestern northeast northwest southeast southwest "
    "upstate downstate midwestern nearby neighboring neighbouring rural urban suburban".split()
)


#: Nouns for what an organisation is (``the pro-government Al-Watan newspaper``): the words
#: before the name describe the organisation, not some other noun.
_KIND_NOUNS = frozenset(
    "newspaper daily paper channel network station broadcaster agency outlet website site "
    "magazine tv television radio party organisation organization company firm coalition "
    "alliance".split()
)


MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN"})


_DETERMINER_TAGS = frozenset({"DT", "PDT", "WDT"})
_ARTICLES = frozenset({"the", "a", "an"})


_PLACE_OR_BODY = frozenset({"GPE", "LOC", "FAC", "ORG"})


#: Party words, which stay a descriptor before an abbreviated title (``GOP Rep.``) whatever
#: entity the model makes of them (``Democratic New York`` as an organisation).
_PARTY_WORDS = frozenset("gop dem democratic democrat republican".split())


ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})


_QUANTIFIERS = frozenset(
    "few many several some other others another more most all only such same own certain "
    "various both each every much less least".split()
)


#: Words that may stand beside an abbreviated title without describing anyone.
TITLE_COMPANIONS = frozenset("former then ex acting current retired incoming outgoing late".split())


#: Companions that say nothing alone (``Former VP Al Gore`` with ``VP`` in the name); ``late``
#: does (the actor has died).
_BARE_COMPANIONS = TITLE_COMPANIONS - {"late"}


#: Offices whose ``of`` phrase is part of the title (``Secretary of State``).
_OF_OFFICES = frozenset("secretary minister chief head director chairman chair".split())


#: A party tag after a name: ``, [R-Texas],``  ``(R-AZ)``  ``, D-N.Y.,``.
#: A word of a modifier run: letters, digits and the marks inside names and titles; a token
#: such as ``now?•`` (a link list glued to a name) ends the run.
_WORDLIKE = re.compile(r"[\w'’.&-]+")


#: Dependencies of a noun that heads a phrase of its own (``after the proposal Rove warns``).
_ARGUMENT_DEPS = frozenset({"pobj", "dobj", "iobj", "nsubj", "nsubjpass", "attr", "npadvmod"})


def _is_abbreviated_title(token: Token) -> bool:
    """``Rep.``, ``Gov.`` (one token, or the word and its full stop)."""
    doc = token.doc
    return token.lower_ in TITLE_ABBREVIATIONS or (
        token.lower_ + "." in TITLE_ABBREVIATIONS
        and token.i + 1 < len(doc)
        and doc[token.i + 1].text == "."
    )


def _before_abbreviated_title(tokens: list[Token]) -> list[Token]:
    """The words of a modifier before its abbreviated title, when they describe the actor: the
    title and what only locates it go, a party stays (``Democratic New York Rep.`` gives
    ``Democratic``, ``former Florida GOP Rep.`` ``GOP``, ``Democratic 2020 hopeful Sen.``
    ``Democratic 2020 hopeful``; ``Former Florida Gov.`` nothing)."""
    titles = [k for k, t in enumerate(tokens) if _is_abbreviated_title(t)]
    if not titles:
        return tokens
    kept = trim(tokens[: titles[0]])
    if not all(
        t.lower_ in TITLE_COMPANIONS or t.ent_type_ in ACTOR_LABELS or t.text == "." for t in kept
    ):
        return kept
    party = [k for k, t in enumerate(kept) if _is_party(t)]
    if not party or party != list(range(party[0], party[-1] + 1)):
        return []
    return kept[party[0] : party[-1] + 1]


def _is_party(token: Token) -> bool:
    """A nationality, religion or party (``Muslim``, ``Democratic``, ``GOP``)."""
    return token.ent_type_ == "NORP" or token.lower_ in _PARTY_WORDS


def after_hyphen(span: Span) -> bool:
    """Whether the name is the second half of a hyphenated word (``anti-Assad``, ``R-Calif``)."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.text.endswith("-") and not before.whitespace_


def _is_rank(token: Token) -> bool:
    return token.lower_.rstrip(".") in RANKS and token.pos_ == "PROPN"


def _modifier_run(span: Span) -> list[Token]:
    """Tokens right before a name that modify it: adjectives, nouns, titles, quote marks.

    A comma or "and" between two modifiers continues the run when the modifier before it is
    coordinated with one in the run (``racist, and totalitarian Louis Farrakhan``).
    """
    doc = span.doc
    run: list[Token] = []
    i = span.start - 1
    if after_hyphen(span):
        return []
    sent_start = span.sent.start  # once: ``Span.sent`` is looked up anew on each access
    while i >= sent_start:
        token = doc[i]
        if token.tag_ in _DETERMINER_TAGS or (token.dep_ == "det" and token.lower_ in _ARTICLES):
            break  # a determiner opens the name's phrase: "like Dem parody bill The Wall …";
            # also one tagged as a name in a glued headline ("… Clean Power Plan The Trump …")
        previous = doc[i - 1] if i > sent_start else None
        participle = (
            (token.tag_ == "VBN" or (token.tag_ == "VBD" and token.dep_ == "amod"))
            and previous is not None
            and (previous.ent_type_ or previous.tag_ == "HYPH")
            and token.head.i > token.i  # not a verb the name is the object of: "Trump called X"
        )
        hyphenated = bool(run) and run[0].tag_ == "HYPH"
        modifier = (
            token.pos_ in MODIFIER_POS
            or participle
            or token.tag_ == "HYPH"
            or token.ent_type_ in ACTOR_LABELS
        ) and token.lower_ not in _QUANTIFIERS
        office_of = (
            token.lower_ == "of"
            and bool(run)
            and run[0].pos_ == "PROPN"
            and previous is not None
            and previous.lower_ in _OF_OFFICES
        )
        if office_of:  # "Secretary of State Mike Pompeo"
            run.insert(0, token)
            i -= 1
            continue
        if token.text in {",", "and"} and run:
            j = i
            while j > sent_start and doc[j].text in {",", "and"}:
                j -= 1
            coordinated = doc[j]
            if coordinated.dep_ in {"conj", "amod", "compound"} and coordinated.pos_ in {"ADJ"}:
                run[:0] = [doc[k] for k in range(j + 1, i + 1)]
                i = j
                continue
        if not (modifier or hyphenated or is_quote(token)) or token.is_space:
            break
        if not is_quote(token) and not _WORDLIKE.fullmatch(token.text):
            break
        run.insert(0, token)
        i -= 1
    # a noun inside the run that heads a phrase of its own ends it ("in Earth Day message
    # President Donald Trump's …"); the last one is the name's own title or kind ("his top
    # economic adviser Larry Kudlow", "the consulting firm IHS Markit")
    heads_own = [
        k
        for k, t in enumerate(run[:-1])
        if t.pos_ == "NOUN"
        and t.dep_ in _ARGUMENT_DEPS
        and not t.i < t.head.i < span.end
        and not _names_a_person(t)  # "demonising Presidents Putin and Assad"
        and not (is_quote(run[k + 1]) or not t.whitespace_)  # "the 'brutal dictator'", "co-worker"
    ]
    if heads_own:
        run = run[heads_own[-1] + 1 :]
    while run and run[0].text in {",", "and"}:
        run.pop(0)
    while run and _is_rank(run[-1]):
        before = run[-2] if len(run) > 1 else None
        if before is not None and before.text[:1].isupper() and not _is_rank(before):
            if not before.ent_type_:
                break
        run.pop()
    return run


def _names_a_person(token: Token) -> bool:
    """A title of office or a noun for a person (``Presidents``, ``spokesman``)."""
    return token.lower_ in OFFICES or token.lemma_.lower() in PERSON_NOUNS


def pre_modifiers(span: Span, actor_type: str, actor_tokens: set[int]) -> list[Descriptor]:
    """The modifier run right before a name, split at scare quotes, commas and "and"."""
    root = span.root
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= span.end:
        # "A senior EPA official", "former EPA Administrator Gina McCarthy": the words before
        # the name modify the noun it modifies, unless that noun is the actor's own group or
        # what it is ("al-Qaeda affiliated al-Nusra Front terrorists", "pro-government
        # Al-Watan newspaper")
        head = root.head
        if actor_type in {"GPE", "NORP", "LOC"}:
            return []
        own_group = head.pos_ == "NOUN" and head.lemma_.lower() in GROUP_NOUNS | _KIND_NOUNS
        if head.pos_ == "NOUN" and not own_group:
            return []
        if head.pos_ == "PROPN" and head.i not in actor_tokens:
            return []
    run = _modifier_run(span)
    inside = range(span.start, span.end)
    person = actor_type == "PERSON"
    words = [t for t in run if not is_quote(t)]
    office = bool(words) and words[0].lower_ in _OF_OFFICES and any(t.lower_ == "of" for t in run)
    if not run or not (
        (person and office and run[-1].i == span.start - 1)
        or run[-1].head.i in inside
        or root.head.i == run[-1].i
        or (root.dep_ == "compound" and run[-1].head.i == root.head.i)
        or (
            person
            and run[-1].pos_ == "NOUN"
            and (run[-1].dep_ not in _ARGUMENT_DEPS or _names_a_person(run[-1]))
        )  # not "after the proposal Rove warns", but "demonising Presidents Putin and Assad"
    ):
        return []
    pieces: list[tuple[list[Token], DescriptorRelation]] = [([], "modifier")]
    for token in run:
        if is_quote(token):
            opens = pieces[-1][1] == "modifier" and token.text in {"‘", "“", "'", '"'}
            pieces.append(([], "scare_quote" if opens else "modifier"))
        elif token.text in {",", "and"}:
            pieces.append(([], pieces[-1][1]))
        else:
            pieces[-1][0].append(token)
    if pieces[-1][1] == "scare_quote":
        pieces[-1] = (pieces[-1][0], "modifier")
    out = []
    for tokens, relation in pieces:
        tokens = _before_abbreviated_title(trim(tokens))
        if not tokens or all(
            t.lower_ in _DIRECTIONS or t.lower_ in _BARE_COMPANIONS or t.tag_ == "HYPH"
            for t in tokens
        ):
            continue  # "Northeast"; "Former" alone, its title cut or inside the name
        if actor_type == "NORP" and all(t.pos_ == "NOUN" for t in tokens):
            continue  # "college Republicans": a noun picks out some of the group
        if actor_type == "NORP" and any(t.ent_type_ in _PLACE_OR_BODY for t in tokens):
            continue  # "top California Democrats", "Senate Republicans": part of the group
        glued = tokens[-1].i == span.start - 1 and all(
            t.pos_ == "PROPN"
            and t.text[:1].isupper()
            and t.ent_type_ not in ACTOR_LABELS
            and not _names_a_person(t)  # "Officer Amber Guyger": the title stays
            for t in tokens
        )
        if glued and (actor_type != "PERSON" or span[0].ent_iob_ == "I"):
            continue  # "the Shasta Lake", "Ivanka Trump" (one entity in the parse, the mention
            # its last word): capitalised words run into the name are the name
        if all(t.i in actor_tokens or t.ent_type_ in ACTOR_LABELS for t in tokens):
            if not (person and all(_is_party(t) for t in tokens)):
                continue
        out.append(as_descriptor(tokens, relation))
    return [d for d in out if d]


def group_head(span: Span, actor_type: str, actor_tokens: set[int]) -> Descriptor | None:
    """``al-Nusra Front terrorists``: the group noun a name modifies."""
    root, doc = span.root, span.doc
    head = root.head
    if root.dep_ not in {"compound", "nmod", "amod"} or head.i < span.end or head.pos_ != "NOUN":
        if span.end >= len(doc) or doc[span.end].pos_ != "NOUN":
            return None
        head = doc[span.end]
    nouns = GROUP_NOUNS if actor_type in {"PERSON", "ORG"} else LABEL_NOUNS
    if head.lemma_.lower() not in nouns or after_hyphen(span):
        return None
    tokens = [doc[i] for i in range(span.end, head.i + 1)]
    if any(t.i in actor_tokens or (t.pos_ not in MODIFIER_POS and not is_quote(t)) for t in tokens):
        return None
    if head.i + 1 < len(doc) and head.i + 1 in actor_tokens:
        return None  # "British Antarctic research group Project MIDAS": the next name's kind
    if head.dep_ == "poss" and all(t.pos_ in MODIFIER_POS for t in tokens):
        return as_descriptor(tokens, "modifier")  # "the Trump administration's budget"
    return as_descriptor(trim(tokens), "modifier")
