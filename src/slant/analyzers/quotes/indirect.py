"""Indirect speech (``X said that …``) and ``according to X``, from the dependency parse.

Method: a verb of :data:`~.speech.SPEECH_VERBS` reports speech when it has a clausal
complement (``ccomp``: ``X said (that) …``, ``X told reporters …``, ``…, the Home Office
said``) or heads an ``As X wrote, …`` clause; the content is that clause within the verb's
paragraph, the speaker its subject; a clause after its verb runs on to the end of its
sentence when only words follow it (no comma, dash, quote mark or other speech verb: the
parser may hang the clause's end on the verb), and stops before a second report the parser
joined to it (``noted that A, and told Y that B``: two events) or a side clause with speech
of its own (``conceded that A, although he followed up by saying, "B"``). Negated speech (``has not
said``), infinitives (``to note that``), a writer's inference (``…, suggesting that``) and a
clause that is mostly a quotation (left to :mod:`.direct_speech`) are not reported, nor the
inner verb of nested speech (``X says Y suggested that …`` is X's; ``it said … which it said
had …``, a pronoun's cue inside another report, is part of it). ``X accused Y of …`` reports
the ``of`` phrase. Text that has lost its commas (FA-KES: ``… killed 21 people the
Observatory said.``) leaves the parser no ``ccomp`` for a postposed attribution; then a
speech verb that ends its sentence, with a speaker-like subject just before it (``… the
witness said``) or after it (``… said Kirkuki``), reports the sentence up to that subject.
``according to X`` takes X (its named entity if it has one) as the speaker and the longer
side of its sentence, within its colon or semicolon, as the content. A speech noun with a
possessor reports its ``that`` clause (``DiCaprio's claim that …``, quotes.v5); other speech
reported by a noun (``voiced alarm that``) is not found.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .docindex import doc_text, entities, token_indexes
from .speakers import joined_to_report, subject_of
from .speech import (
    DIRECT_CUES,
    MIN_QUOTE_WORDS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    Speaker,
    SpeechEvent,
    covers,
    is_speaker_like,
    paragraph_bounds,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["according_to_events", "indirect_events", "noun_events", "postposed_events"]

_INFERENCE = frozenset({"suggest", "indicate", "show", "mean"})
#: Indirect speech whose content is this much quotation is reported as the direct quote only.
_MOSTLY_QUOTED = 0.4
_ACCUSING = frozenset({"accuse", "charge"})
#: ``He went on to say that …``, ``continued to insist that …``: the infinitive is the report.
_GOING_ON = frozenset({"go", "continue", "proceed"})
#: ... and at least this many (``said he was "delighted"`` is the direct quote).
_OWN_WORDS = 4
_WORD = re.compile(r"\w[\w'’-]*")
#: After a postposed ``… X said`` only these may end the sentence (``on Sunday``, ``adding``).
_TAIL_DEPS = frozenset({"punct", "npadvmod", "prep", "advmod", "xcomp", "advcl", "dobj"})
#: What a phrase says about its head beside naming it: not part of an ``according to`` source.
_ASIDE_DEPS = frozenset({"relcl", "acl", "appos"})


def _clause_span(tokens: list[Token], para: tuple[int, int]) -> tuple[int, int] | None:
    """Character span of ``tokens`` inside the paragraph, without edge punctuation."""
    attributed = {
        t.i for a in tokens if a.lower_ == "according" and a.dep_ == "prep" for t in a.subtree
    }  # ", according to X" qualifies the clause; it is not part of what was said
    toks = [t for t in tokens if para[0] <= t.idx < para[1] and t.i not in attributed]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].lower_ == "that"):
        toks.pop(0)
    if len([t for t in toks if t.is_alpha]) < 3:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _says_as_much(text: str, span: tuple[int, int], direct: list[tuple[int, int]]) -> bool:
    """Whether a reported clause that is largely a quotation has as many words of its own as
    quoted ones (``said that part of its mission involved creating "a positive perception of
    the country"``): then the clause is one indirect event, the quotation part of it; not
    ``noting that Russia had started "a major operation to launch massive strikes …"``."""
    inside = [(s, e) for s, e in direct if span[0] <= s and e <= span[1] + 2]
    if not inside:
        return False
    quoted = sum(_words(text[s:e]) for s, e in inside)
    own = _words(text[span[0] : span[1]]) - quoted
    return own >= max(quoted, _OWN_WORDS)


#: What ends a reported clause before its sentence does (``, adding that …``, a quotation).
_CLAUSE_BREAKS = frozenset(',;:()[]—–"“”‘’')
#: ... of which these end it when right after it (a quote mark there may be an apostrophe).
_CLAUSE_ENDS = frozenset(',;:()[]—–".!?')


def _to_sentence_end(verb: Token, span: tuple[int, int]) -> tuple[int, int]:
    """A clause reported after its verb runs on to the end of its sentence when nothing but
    words follow it (``claimed it was a 'hoax' promoted by China in order to gain …``, where
    the parser hung the purpose clause on ``claimed``; ``re-engage`` split at its hyphen)."""
    text = doc_text(verb.doc)
    following = text[span[1] : span[1] + 2].strip()[:1]
    if verb.idx > span[0] or not following or following in _CLAUSE_ENDS:
        return span  # the usual case, read from the text without visiting tokens
    rest = [t for t in verb.sent if t.idx >= span[1] and not t.is_space]
    while rest and rest[-1].is_punct and rest[-1].text in ".!?":
        rest.pop()
    if not rest or any(t.text in _CLAUSE_BREAKS or t.lemma_.lower() in SPEECH_VERBS for t in rest):
        return span
    if "\n" in text[span[1] : rest[-1].idx]:
        return span
    return span[0], rest[-1].idx + len(rest[-1])


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _reported_clause(verb: Token) -> tuple[Token, list[Token]] | None:
    """The clause a speech verb reports: its complement (``said (that) …``, ``…, X said``),
    or for ``As X wrote, …`` the clause the ``as`` phrase hangs on."""
    if verb.lemma_.lower() in _ACCUSING:  # "accused the army of avoiding confrontations"
        of = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"]
        objects = [g for c in of for g in c.children if g.dep_ in ("pcomp", "pobj")]
        if objects:
            return objects[0], list(objects[0].subtree)
    children = list(verb.children)
    comps = [c for c in children if c.dep_ == "ccomp"]
    if not comps:  # "said that part of its mission involved …", parsed as an object
        comps = [
            c
            for c in children
            if c.dep_ == "dobj"
            and c.left_edge.i == verb.i + 1
            and c.left_edge.lower_ == "that"
            and any(t.pos_ in ("VERB", "AUX") for t in c.subtree)
        ]
    after = [c for c in comps if c.i > verb.i]  # children come in text order
    if after and _relative_to_object(verb, children, after[0]):
        return None  # "stressed … the role energy could play": a clause of the object noun
    if comps:
        comp = after[0] if after else comps[-1]
        return comp, _coordinated(comp, after[1:])
    as_clause = verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in children
    )
    if as_clause and verb.head != verb:
        inside = {t.i for t in verb.subtree}
        return verb.head, [t for t in verb.head.subtree if t.i not in inside and t.i > verb.i]
    return None


#: Speech verbs whose object before a reported clause is the hearer (``told reporters …``).
_HEARER_VERBS = frozenset(
    """tell inform assure remind notify warn ask advise promise email text message cable answer
    brief caution threaten urge convince persuade""".split()
)


def _relative_to_object(verb: Token, children: list[Token], comp: Token) -> bool:
    """True when a clause the parser took for a verb's complement follows the verb's object
    with no ``that`` (``stressed the geopolitical implications … and the role energy could
    play in …``): a relative clause of that noun (a contact clause, with a subject of its
    own), not reported speech; for a verb whose object is the hearer (``told reporters the
    army …``) it is, and so is a clause whose subject the parser took for the object
    (``claim carbon emissions from driving … are a significant cause``); ``children`` are the
    verb's."""
    if not any(c.dep_ == "dobj" and verb.i < c.i < comp.i for c in children):
        return False  # the usual case: no object before the clause
    if verb.lemma_.lower() in _HEARER_VERBS or comp.left_edge.i < verb.i:
        return False
    own = list(comp.children)
    if any(c.dep_ == "mark" and c.lower_ in ("that", "if", "whether") for c in own):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in own):
        return False
    return any(c.dep_ == "dobj" and verb.i < c.i < comp.left_edge.i for c in children)


def _coordinated(comp: Token, later: list[Token]) -> list[Token]:
    """The tokens of a reported clause with the clauses coordinated with it that the parser
    hung on the verb as complements of their own (``say heavy traffic disturbs their sleep and
    the company's … activities threaten …``: one clause, two ``ccomp``), short of any second
    report joined to it."""
    tokens = _without_joined_reports(comp)
    if not later:
        return tokens  # the usual case
    whole = len(tokens) == len(list(comp.subtree))  # not cut before a joined report
    for following in later:
        if not (whole and tokens):
            break
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
            tokens.pop()  # the "and" may hang on the first clause
        if not tokens:
            break
        gap = list(comp.doc[tokens[-1].i + 1 : following.left_edge.i])
        if not any(t.dep_ == "cc" for t in gap) or any(
            not (t.is_punct or t.dep_ == "cc") for t in gap
        ):
            break
        more = _without_joined_reports(following)
        whole = len(more) == len(list(following.subtree))
        tokens = [*tokens, *gap, *more]
    return tokens


def _without_joined_reports(comp: Token) -> list[Token]:
    """The subtree of a reported clause, short of a second report the parser joined to it
    (``noted that A, and told Y that B``: ``told Y that B`` and the ``, and`` before it)."""
    joined = [c for c in comp.children if _speaks_aside(c)]
    doc = comp.doc
    verbs = token_indexes(doc, "lemma", SPEECH_VERBS)  # only these can be joined reports
    inside = verbs[bisect_left(verbs, comp.left_edge.i) : bisect_right(verbs, comp.right_edge.i)]
    inner = (doc[i] for i in inside if i != comp.i)
    joined += [t for t in inner if joined_to_report(t) and comp.is_ancestor(t)]
    if not joined:
        return list(comp.subtree)
    cut = min(c.left_edge.i for c in joined)
    tokens = [t for t in comp.subtree if t.i < cut]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tokens


def _speaks_aside(clause: Token) -> bool:
    """True for a side clause after a comma that holds speech of its own (``conceded that A,
    although he followed up this concession by saying, "B"``): not part of A."""
    first = clause.left_edge
    return (
        clause.dep_ == "advcl"
        and first.i > 0
        and first.nbor(-1).text == ","
        and any(t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" for t in clause.subtree)
    )


def _speech_verbs(doc: Doc) -> list[Token]:
    """The tokens whose lemma is a speech verb, the only ones :func:`_is_report` accepts."""
    return [doc[i] for i in token_indexes(doc, "lemma", SPEECH_VERBS)]


def _is_report(verb: Token) -> bool:
    if verb.lemma_.lower() not in SPEECH_VERBS or verb.pos_ != "VERB":
        return False
    children = list(verb.children)
    deps = {c.dep_ for c in children}
    going_on = verb.dep_ == "xcomp" and verb.head.lemma_ in _GOING_ON  # "went on to say that"
    # "went so far as to say …", "went as far as to claim …"
    going_on = going_on or (
        verb.head.lower_ == "far" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
    )
    to = "aux" in deps and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
    if "neg" in deps or (to and not going_on):
        return False  # "has not said", "to note that": no speech reported
    if verb.lemma_.lower() == "point" and not any(c.lower_ == "out" for c in children):
        return False  # only "pointed out that …" is speech
    if "auxpass" in deps and "agent" not in deps:
        return False  # "as has been suggested, …", "it was reported that …": no one speaks
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(d.startswith("aux") for d in deps):
        return False  # "When asked whether …, X said": a question put to X, not X's report
    # ", suggesting that …" after a fact is the writer's inference, not someone's speech
    inferred = verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.lemma_ in _INFERENCE
    return not inferred or verb.head.lemma_.lower() in DIRECT_CUES


def indirect_events(
    doc: Doc, direct: list[tuple[int, int]], names: Sequence[tuple[int, int]] = ()
) -> list[SpeechEvent]:
    """Indirect speech of ``doc``; ``direct`` are the contents of its direct quotes and
    ``names`` those of quoted names and titles: a clause that is mostly one of them is not
    reported here, unless it has as many words of its own as quoted (direct quotes only)."""
    quoted = [*direct, *names]
    title_spans = list(names)
    events: list[tuple[Token, SpeechEvent]] = []  # with the cue verb of each
    heads: set[int] = set()
    text = doc_text(doc)
    for verb in _speech_verbs(doc):
        if not _is_report(verb) or covers(quoted, verb.idx, verb.idx + 1, 1):
            continue
        reported = _reported_clause(verb)
        if reported is None:
            continue
        head, tokens = reported
        span = _clause_span(tokens, paragraph_bounds(text, verb.idx))
        if span is None:
            continue
        span = _to_sentence_end(verb, span)
        if covers(title_spans, span[0], span[1], _MOSTLY_QUOTED):
            continue  # "says his favourite film is "The Battle of Algiers"": a title
        absorbs = covers(direct, span[0], span[1], _MOSTLY_QUOTED)
        if absorbs and not _says_as_much(text, span, direct):
            continue  # reported speech that is mostly a quotation: the direct quote has it
        subject = subject_of(verb)
        if subject is None or not is_speaker_like(subject):
            continue
        if verb.idx > span[1]:
            span = _before_speaker(span, subject)
        event = SpeechEvent(
            "indirect", span[0], span[1], cue=verb, subject=subject, cue_text=verb.text
        )
        # a quotation inside a clause that says as much of its own is part of this one event,
        # however small a share of the clause it is; not one that closes the clause right
        # before its attribution ("…," Booker told), which is that quotation's own cue: the
        # words before a whole quoted sentence there are the writer's lead-in ("Which means
        # that the move "is a one-two punch to human health,"" said Georges Benjamin)
        closing = [(s, e) for s, e in direct if verb.idx > span[1] and span[0] <= s < span[1] <= e]
        event.absorbs_quotes = _says_as_much(text, span, direct) and not closing
        heads.add(head.i)
        if any(_words(text[s:e]) >= MIN_QUOTE_WORDS for s, e in closing):
            continue
        events.append((verb, event))
    # "X says Y suggested that …" is one speech event of X's, not also one of Y's; so is
    # "it said … the groups which it said had suffered": a pronoun's cue inside another
    # event's clause (a named speaker there, "a Vox article warning … and a Guardian article
    # claiming …", may be a parse that joined two events)
    spans = [(e.content_start, e.content_end) for _, e in events]
    return [
        e
        for verb, e in events
        if verb.i not in heads and not (_pronoun(e.subject) and _inside(verb.idx, spans))
    ]


def _before_speaker(span: tuple[int, int], subject: Token) -> tuple[int, int]:
    """A reported clause the parser ran on into its speaker's phrase (``…, many residents …
    are African American, Peggy Shepard, executive director of …, said``) ends before it."""
    first = subject.left_edge
    if not span[0] < first.idx < span[1]:
        return span
    words = [t for t in subject.doc[: first.i] if t.idx >= span[0]]
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    return (span[0], words[-1].idx + len(words[-1])) if words else span


def _pronoun(token: Token | None) -> bool:
    return token is not None and token.pos_ == "PRON"


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def postposed_events(
    doc: Doc, found: list[tuple[int, int]], quoted: list[tuple[int, int]] | None = None
) -> list[SpeechEvent]:
    """``… the Observatory said.`` / ``… said Kirkuki.`` with no comma and no ``ccomp``: the
    sentence up to the speaker, when no other event (``found`` spans) covers it and the verb
    is not inside a direct quote (``quoted``)."""
    events = []
    text = doc_text(doc)
    for verb in _speech_verbs(doc):
        if not _is_report(verb) or any(c.dep_ == "ccomp" for c in verb.children):
            continue
        if covers(quoted or [], verb.idx, verb.idx + 1, 1):
            continue  # a speech verb inside a quotation is the quoted speaker's words
        if any(c.dep_ == "dobj" and c.lower_ in ("what", "which") for c in verb.children):
            continue  # "… some examples of what they say": a free relative, not an attribution
        if any(_own_complement(verb, c) for c in verb.children):
            continue  # "… and that Wheeler has proposed gutting existing regulations …"
        subject = _postposed_subject(verb)
        if subject is None or not is_speaker_like(subject):
            continue
        sent = verb.sent
        last = max(verb.i, subject.i)
        attached = {t.i for c in verb.children if _tail_child(verb, c) for t in c.subtree}
        tail = doc[last + 1 : sent.end]
        if any(not (t.is_punct or t.is_space or t.i in attached) for t in tail):
            continue  # the verb does not end its sentence
        end_token = subject.left_edge if subject.i < verb.i else verb
        tokens = list(doc[sent.start : end_token.i])
        while tokens and tokens[0].lower_ in ("but", "and", "meanwhile", "however"):
            tokens.pop(0)
        if not any(t.pos_ in ("VERB", "AUX") for t in tokens):
            continue  # not a clause
        if tokens and tokens[0].dep_ == "mark" and tokens[0].head.head == verb:
            continue  # "Before Trump announced …, Li told reporters …": when, not what
        span = _clause_span(tokens, paragraph_bounds(text, verb.idx))
        if span is None or covers(found, span[0], span[1], 0.5):
            continue
        events.append(
            SpeechEvent("indirect", span[0], span[1], cue=verb, subject=subject, cue_text=verb.text)
        )
    return events


def noun_events(doc: Doc, found: list[tuple[int, int]]) -> list[SpeechEvent]:
    """``DiCaprio's claim that he only produces 11 tons …``: a speech noun with a possessor
    that can speak and a ``that`` clause of its own (not a relative clause: ``the claim that
    he made``), when no other event (``found`` spans) covers the clause."""
    events = []
    text = doc_text(doc)
    for i in token_indexes(doc, "lemma", SPEECH_NOUNS):
        noun = doc[i]
        if noun.pos_ != "NOUN":
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if not owners or owners[0].pos_ not in ("PROPN", "NOUN") or not is_speaker_like(owners[0]):
            continue
        clauses = [
            c
            for c in noun.children
            if c.dep_ in ("acl", "relcl", "ccomp")
            and c.i > noun.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            and any(m.dep_ in ("nsubj", "nsubjpass", "expl") for m in c.children)
        ]
        if not clauses:
            continue
        span = _clause_span(list(clauses[0].subtree), paragraph_bounds(text, noun.idx))
        if span is None or covers(found, span[0], span[1], 0.5):
            continue
        events.append(
            SpeechEvent(
                "indirect", span[0], span[1], cue=noun, subject=owners[0], cue_text=noun.text
            )
        )
    return events


def _own_complement(verb: Token, child: Token) -> bool:
    """True for a verb complement right after a speech verb with words of its own: an
    infinitive or a gerund with an object (``proposed to expand …``, ``proposed gutting
    existing regulations``); the verb reports that, not the clause before it (``… the
    Observatory said speaking to AFP`` still ends its sentence)."""
    if child.dep_ != "xcomp" or not 0 < child.i - verb.i <= 2:  # "proposed (to) expand"
        return False
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    return infinitive or any(c.dep_ == "dobj" for c in child.children)


def _tail_child(verb: Token, child: Token) -> bool:
    """What may follow a postposed ``X said``: ``on Sunday``, ``adding that …``, ``told AFP``."""
    if child.dep_ in ("npadvmod", "prep", "advmod", "xcomp", "advcl", "punct", "agent"):
        return child.i > verb.i
    told = verb.lemma_.lower() == "tell" and child.dep_ in ("dobj", "dative")
    return told and (child.pos_ == "PROPN" or child.lower_ in ("reporters", "journalists"))


def _postposed_subject(verb: Token) -> Token | None:
    """The subject of a postposed speech verb: its ``nsubj``, or the name right after it
    (``said Kirkuki``, which the parser may take for an object)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        return subjects[0]
    following = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    finite = verb.tag_ in ("VBD", "VBZ", "VBP")  # "said Kirkuki", not "urging Trump to …"
    if finite and following is not None and following.pos_ == "PROPN":
        head = following
        while head.dep_ in ("compound", "flat") and head.head.i > head.i:
            head = head.head
        return head
    return None


def according_to_events(doc: Doc, quoted: Sequence[tuple[int, int]] = ()) -> list[SpeechEvent]:
    """``according to X, …``: X as speaker, the rest of the sentence as content; not inside a
    direct quote (``quoted`` spans: the quoted speaker citing a source is part of that quote)
    nor inside an apposition, where it qualifies a description (``Joe Biden, the
    candidate-to-beat according to most polls, …``), not a statement (quotes.v6)."""
    events = []
    text = doc_text(doc)
    for i in token_indexes(doc, "lower", {"according"}):
        if i + 1 >= len(doc):
            continue
        tok, nxt = doc[i], doc[i + 1]
        if tok.lower_ != "according" or nxt.lower_ != "to":
            continue
        if tok.head.dep_ == "appos" or covers(list(quoted), tok.idx, tok.idx + 1, 1):
            continue
        objects = [c for c in nxt.children if c.dep_ == "pobj"]
        if not objects:
            continue
        source = _source_span(objects[0])
        phrase_start, phrase_end = tok.idx, objects[0].right_edge.idx + len(objects[0].right_edge)
        sent = tok.sent
        # what it attributes stays on its side of a colon or semicolon ("… on how blacks are
        # suffering:Most of the worst effects …, according to the Rev. Leo Woodberry")
        opening = max(
            text.rfind(":", sent.start_char, phrase_start),
            text.rfind(";", sent.start_char, phrase_start),
        )
        closing = [
            i
            for i in (
                text.find(":", phrase_end, sent.end_char),
                text.find(";", phrase_end, sent.end_char),
            )
            if i >= 0
        ]
        left = _trim_punct(text, max(sent.start_char, opening + 1), phrase_start)
        right = _trim_punct(text, phrase_end, min([sent.end_char, *closing]))
        start, end = max((left, right), key=lambda se: se[1] - se[0])
        if end - start < 3:
            continue
        speaker = Speaker(
            name=text[source[0] : source[1]], start=source[0], end=source[1], person_like=False
        )
        events.append(
            SpeechEvent(
                "according_to", start, end, speaker=speaker, cue_text=text[tok.idx : nxt.idx + 2]
            )
        )
    return events


def _source_span(head: Token) -> tuple[int, int]:
    """The named source inside ``according to …`` (the entity if any, else the phrase)."""
    # the source itself, not what a relative clause or an apposition adds about it
    # ("scientists who have revealed the shrinkage … in Montana", "the Rev. Leo Woodberry,
    # executive director of … in Florence, S.C.")
    aside = {t.i for c in head.children if c.dep_ in _ASIDE_DEPS for t in c.subtree}
    own = [t.i for t in head.subtree if t.i not in aside]
    first, last = min(own), max(own) + 1
    ents = [e for e in entities(head.doc) if first <= e.start and e.end <= last]
    ents = [e for e in ents if e.label_ in ("ORG", "PERSON", "GPE", "NORP", "WORK_OF_ART")]
    if ents:
        ent = ents[-1]
        start = ent.start + (1 if ent[0].pos_ == "DET" else 0)
        return head.doc[start].idx, ent.end_char
    toks = [
        t
        for t in head.subtree
        if t.i not in aside and (t.i <= head.i or t.dep_ in ("prep", "pobj", "compound"))
    ]
    toks = [t for t in toks if t.pos_ != "DET"] or [head]
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _trim_punct(text: str, start: int, end: int) -> tuple[int, int]:
    strip = " \t\n,;:()–—-"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip + ".":
        end -= 1
    return start, end
