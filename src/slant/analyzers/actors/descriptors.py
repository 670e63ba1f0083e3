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

The fifth relation, ``label`` (``the terrorists`` standing in for a name), is linked from these
by :func:`slant.analyzers.actors.link_labels`.

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

from ...analysis import Descriptor, DescriptorRelation
from ...nlp import HONORIFICS as TITLE_ABBREVIATIONS
from ...spans import overlaps_any
from ..quotes.docindex import doc_text
from ..quotes.speech import PERSON_NOUNS, SPEECH_VERBS
from .mentions import HONORIFICS, OFFICES, RANKS, ActorCluster
from .predicates import as_descriptor, find_predicates, is_quote, noun_phrase, trim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["GROUP_NOUNS", "LABEL_NOUNS", "MODIFIER_POS", "find_descriptors", "is_called"]

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
    "opposition movement operative attacker member activist".split()
)
_DIRECTIONS = frozenset(
    "eastern western northern southern central north south east west northeastern "
    "northwestern southeastern southwestern northeast northwest southeast southwest "
    "upstate downstate midwestern nearby neighboring neighbouring".split()
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
_PLACE_OR_BODY = frozenset({"GPE", "LOC", "FAC", "ORG"})
#: Clauses on a noun (``pick to head the committee``).
_CLAUSES = frozenset({"acl", "relcl", "xcomp"})
#: Head words of the names of laws, plans, treaties, documents and meetings, which the small
#: model often tags as organisations (spaCy's labels for them are LAW and EVENT): ``Green New
#: Deal``, ``Clean Power Plan``, ``Paris Agreement``, ``National Climate Assessment``, ``Climate
#: Action Summit``. They are not actors, so the text calls them nothing here.
_LAW_HEADS = frozenset(
    "deal act plan accord accords agreement treaty protocol rule bill amendment resolution "
    "law doctrine assessment declaration charter summit".split()
)
#: Party words, which stay a descriptor before an abbreviated title (``GOP Rep.``) whatever
#: entity the model makes of them (``Democratic New York`` as an organisation).
_PARTY_WORDS = frozenset("gop dem democratic democrat republican".split())
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_QUANTIFIERS = frozenset(
    "few many several some other others another more most all only such same own certain "
    "various both each every much less least".split()
)


#: Words that may stand beside an abbreviated title without describing anyone.
_TITLE_COMPANIONS = frozenset(
    "former then ex acting current retired incoming outgoing late".split()
)
#: Companions that say nothing alone (``Former VP Al Gore`` with ``VP`` in the name); ``late``
#: does (the actor has died).
_BARE_COMPANIONS = _TITLE_COMPANIONS - {"late"}
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night
    tonight today yesterday tomorrow week weekend month year day hour minute january february
    march april may june july august september october november december""".split()
)
#: Offices whose ``of`` phrase is part of the title (``Secretary of State``).
_OF_OFFICES = frozenset("secretary minister chief head director chairman chair".split())
#: A party tag after a name: ``, [R-Texas],``  ``(R-AZ)``  ``, D-N.Y.,``.
#: A word of a modifier run: letters, digits and the marks inside names and titles; a token
#: such as ``now?•`` (a link list glued to a name) ends the run.
_WORDLIKE = re.compile(r"[\w'’.&-]+")
#: Dependencies of a noun that heads a phrase of its own (``after the proposal Rove warns``).
_ARGUMENT_DEPS = frozenset({"pobj", "dobj", "iobj", "nsubj", "nsubjpass", "attr", "npadvmod"})
_PARTY_TAG = re.compile(
    r"(?:['’]s)?\s*[,(]\s*\[?([RDI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\]?\s*[,)]"
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
        or t.lower_ in _TITLE_COMPANIONS
        or t.ent_type_ in _ACTOR_LABELS
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
        t.lower_ in _TITLE_COMPANIONS or t.ent_type_ in _ACTOR_LABELS or t.text == "." for t in kept
    ):
        return kept
    party = [k for k, t in enumerate(kept) if _is_party(t)]
    if not party or party != list(range(party[0], party[-1] + 1)):
        return []
    return kept[party[0] : party[-1] + 1]


def _is_party(token: Token) -> bool:
    """A nationality, religion or party (``Muslim``, ``Democratic``, ``GOP``)."""
    return token.ent_type_ == "NORP" or token.lower_ in _PARTY_WORDS


def _noun_for_a_member(token: Token) -> bool:
    """A group word used as a noun for one person (``a Democrat``, ``the ranking Democrat``):
    a description of someone, not a mention of the group."""
    return (
        token.ent_type_ == "NORP"
        and token.tag_ in {"NN", "NNP"}
        and any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in token.children)
    )


def _party_tag(span: Span, text: str) -> Descriptor | None:
    """``Ted Cruz, [R-Texas],``: the party tag after a name (``text`` is the doc's), as an
    apposition."""
    match = _PARTY_TAG.match(text, span.end_char)
    if match is None:
        return None
    start, end = match.span(1)
    return Descriptor(text=text[start:end], start=start, end=end, relation="apposition")


def _after_hyphen(span: Span) -> bool:
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
    if _after_hyphen(span):
        return []
    while i >= span.sent.start:
        token = doc[i]
        if token.tag_ in _DETERMINER_TAGS:
            break  # a determiner opens the name's phrase: "like Dem parody bill The Wall …"
        previous = doc[i - 1] if i > span.sent.start else None
        participle = (
            (token.tag_ == "VBN" or (token.tag_ == "VBD" and token.dep_ == "amod"))
            and previous is not None
            and (previous.ent_type_ or previous.tag_ == "HYPH")
        )
        hyphenated = bool(run) and run[0].tag_ == "HYPH"
        modifier = (
            token.pos_ in MODIFIER_POS
            or participle
            or token.tag_ == "HYPH"
            or token.ent_type_ in _ACTOR_LABELS
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
            while j > span.sent.start and doc[j].text in {",", "and"}:
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


def _pre_modifiers(span: Span, actor_type: str, actor_tokens: set[int]) -> list[Descriptor]:
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
            and t.ent_type_ not in _ACTOR_LABELS
            and not _names_a_person(t)  # "Officer Amber Guyger": the title stays
            for t in tokens
        )
        if actor_type != "PERSON" and glued:
            continue  # "the Shasta Lake": capitalised words run into the name are the name
        if all(t.i in actor_tokens or t.ent_type_ in _ACTOR_LABELS for t in tokens):
            if not (person and all(_is_party(t) for t in tokens)):
                continue
        out.append(as_descriptor(tokens, relation))
    return [d for d in out if d]


def _group_head(span: Span, actor_type: str, actor_tokens: set[int]) -> Descriptor | None:
    """``al-Nusra Front terrorists``: the group noun a name modifies."""
    root, doc = span.root, span.doc
    head = root.head
    if root.dep_ not in {"compound", "nmod", "amod"} or head.i < span.end or head.pos_ != "NOUN":
        if span.end >= len(doc) or doc[span.end].pos_ != "NOUN":
            return None
        head = doc[span.end]
    nouns = GROUP_NOUNS if actor_type in {"PERSON", "ORG"} else LABEL_NOUNS
    if head.lemma_.lower() not in nouns or _after_hyphen(span):
        return None
    tokens = [doc[i] for i in range(span.end, head.i + 1)]
    if any(t.i in actor_tokens or (t.pos_ not in MODIFIER_POS and not is_quote(t)) for t in tokens):
        return None
    if head.i + 1 < len(doc) and head.i + 1 in actor_tokens:
        return None  # "British Antarctic research group Project MIDAS": the next name's kind
    return as_descriptor(trim(tokens), "modifier")


def _nominal(token: Token) -> bool:
    """A noun, an adjective the parse sets beside a name as a noun (``a senior at``), or a
    group word used as a noun for one person (``Joe Manchin, a Democrat``)."""
    return (
        token.pos_ == "NOUN"
        or (token.pos_ == "ADJ" and token.dep_ == "appos")
        or _noun_for_a_member(token)
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


def _appositions(span: Span, actor_tokens: set[int], actor_type: str) -> list[Descriptor]:
    doc, root = span.doc, span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "PROPN":
        return []  # "Gov. Jay Inslee of Washington, the self-professed …": not the place's
    stop = set(range(span.start, span.end))
    heads = [
        c
        for c in root.children
        if c.dep_ == "appos"
        and c.i > span.end
        and doc[span.end].text in {",", "("}
        and c.left_edge.i == span.end + 1
    ]
    sent_start = span.sent.start
    before = span.start - 1
    while before > sent_start and doc[before].lower_.rstrip(".") in HONORIFICS:
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
    surface = before - 1 >= sent_start and doc[before].text == "," and closes
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
    for head in heads:
        if not _nominal(head) or head.i in stop or head.i in actor_tokens:
            continue
        out.append(as_descriptor(noun_phrase(head, stop=stop), "apposition"))
    return [d for d in out if d]


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


def _is_law(cluster: ActorCluster) -> bool:
    """A law, plan or treaty the model took for an organisation or place (``Green New Deal``)."""
    words = cluster.name.split()
    return cluster.type != "PERSON" and bool(words) and words[-1].lower() in _LAW_HEADS


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
    actor_tokens: set[int] = set()
    spans_by_cluster: list[list[Span]] = []
    for cluster in clusters:
        parsed = (doc.char_span(s, e, alignment_mode="expand") for s, e in cluster.mentions)
        spans = [s for s in parsed if s is not None and len(s)]
        if _is_law(cluster):
            actor_tokens.update(t.i for span in spans for t in span)
            spans = []
        spans = [s for s in spans if not _noun_for_a_member(s.root)]
        spans_by_cluster.append(spans)
        actor_tokens.update(t.i for span in spans for t in span)
    modifiers_by_root: dict[int, list[Descriptor]] = {}
    for cluster, spans in zip(clusters, spans_by_cluster, strict=True):
        for span in spans:
            modifiers_by_root[span.root.i] = _pre_modifiers(span, cluster.type, actor_tokens)
    results: list[list[Descriptor]] = []
    for cluster, spans in zip(clusters, spans_by_cluster, strict=True):
        found: list[Descriptor] = []
        for span in spans:
            found += modifiers_by_root[span.root.i] or _shared_modifiers(span, modifiers_by_root)
            group = _group_head(span, cluster.type, actor_tokens)
            if group:
                found.append(group)
            found += _appositions(span, actor_tokens, cluster.type)
            party = _party_tag(span, text) if cluster.type == "PERSON" else None
            if party:
                found.append(party)
            found += find_predicates(span)
        found = [d for d in found if is_called(d, doc, cluster.type)]
        results.append(_dedupe(_apply_scare_quotes(found, list(scare_spans))))
    return results
