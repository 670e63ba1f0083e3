"""Direct speech: quoted stretches of text, their cue verb and the token naming the speaker.

Method: every double-quoted stretch found by :mod:`.quotemarks` (and single-quoted ones of
:data:`~.speech.MIN_QUOTE_WORDS` words or more, British style) is a candidate; a quote still
open at a paragraph's end continues with the next paragraph when that one opens with a quote
mark (the news convention for long quotations). The cue is looked for, as the attribution
patterns of news prose have it (Pareti 2015; the same orders textacy's ``direct_quotations``
handles), first just after the quote in its clause (``"…," X said``, ``"…," said X``) — not
after a quote that ends its sentence with a full stop — then before it in its sentence (``X
said: "…"``). The speaker token is the cue's subject (:func:`.speakers.subject_of`), else
the nearest person-like noun (``It was left to a commentator on RT to explain: "…"``).
Without a cue, a verb before the quote that governs it gives the speaker (``X voiced alarm
that "…"``); a quote that opens its own sentence with no cue is left for the latest speaker.
A quoted phrase shorter than the minimum is kept only when a cue is attached to it: the cue
governs it (``said it was "delighted"``), or it is a whole utterance closed by its own
punctuation right before its cue (``"No," the minister replied``, ``"Get down!" shouted
Captain Reyes``); else it is a scare quote. A quote inside the subject of its cue (``a woman
described as a "former official" told …``) is a name, not speech; so is a quote after a
naming word (``so-called``, ``dubbed``, ``titled``) and a title: a capitalised phrase with no
punctuation of its own that a clause uses as a noun (``his favourite film is "The Battle of
Algiers"``). A colon attribution with no verb (``The ministry: "…"``, ``Curry's conclusion:
"…"``) takes the noun before the colon (its possessor, when it has one) as the speaker.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ...spans import Span
from .docindex import doc_text
from .quotemarks import DOUBLE_MARKS, SINGLE_MARKS, QuotePair, find_quote_pairs, word_count
from .speakers import subject_of
from .speech import (
    DIRECT_CUES,
    MIN_QUOTE_WORDS,
    NAMING_CUES,
    SpeechEvent,
    is_person_noun,
    is_speaker_like,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["direct_events", "governs"]

_STOP_BEFORE = frozenset(".!?")
_BYLINE = re.compile(r"\s*,?\s+by\s+[A-Z]")
_DOUBLE_MARKS = frozenset('"“”„')
_REPORTED_DEPS = frozenset({"ccomp", "dobj", "xcomp", "oprd", "attr", "acomp", "dative"})
_TOPIC_PREPS = frozenset({"of", "about", "as", "on", "that"})
_WINDOW_AFTER = 14
_WINDOW_BEFORE = 30
#: In ``"…," X said`` the cue comes within this many tokens of the closing mark.
_CUE_REACH = 10
#: ... or this many when a name right after the quote is the cue's subject.
_LONG_REACH = 30
_UTTERANCE_END = frozenset(",?!")
_FUNCTION_WORDS = frozenset("a an the of and or in on at to for with by from".split())
#: Verbs that name or characterise: ``described X as a "…"`` labels X, it is not speech.
_NAMING_VERBS = frozenset(
    "describe call label brand see regard portray characterise characterize depict view "
    "paint cast dub refer".split()
)
#: ... and of thinking: a short quote their object is their term, not reported speech.
_THINKING_OR_NAMING = _NAMING_VERBS | frozenset("consider think believe deem find".split())
#: Verbs of asking and ordering: ``told X to "…"`` is a request, not speech.
_REQUEST_VERBS = frozenset("tell ask urge order instruct advise beg implore command".split())


class _Tokens:
    """Find spaCy tokens by character offset."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts: list[int] = doc.to_array("IDX").tolist()
        self.tokens: list[Token] = list(doc)
        #: Where a quote's window stops: a line break, a sentence end or a double quote mark.
        self.stops: list[bool] = [
            "\n" in t.text or t.text in _STOP_BEFORE or t.text in _DOUBLE_MARKS for t in self.tokens
        ]

    def after(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset)

    def before(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset) - 1


def _window(
    tokens: _Tokens, pair: QuotePair, *, forward: bool, limit: int = _WINDOW_AFTER
) -> list[Token]:
    """Tokens just after (``forward``, at most ``limit``) or before the quote in its sentence:
    up to a line break, a sentence end or another double quote mark."""
    out: list[Token] = []
    if forward:
        i = tokens.after(pair.end)
        while i < len(tokens.tokens) and len(out) < limit and not tokens.stops[i]:
            out.append(tokens.tokens[i])
            i += 1
        return out
    i = tokens.before(pair.start)
    while i >= 0 and len(out) < _WINDOW_BEFORE and not tokens.stops[i]:
        out.append(tokens.tokens[i])
        i -= 1
    return out[::-1]


def _is_cue(token: Token) -> bool:
    return token.lemma_.lower() in DIRECT_CUES and token.pos_ in ("VERB", "AUX")


def _merge_paragraphs(text: str, pairs: list[QuotePair]) -> list[list[QuotePair]]:
    """Group an unclosed quote with the next paragraph's quote when that one opens it."""
    groups: list[list[QuotePair]] = []
    for pair in pairs:
        if groups and not groups[-1][-1].closed:
            between = text[groups[-1][-1].end : pair.start]
            if "\n" in between and not between.strip():
                groups[-1].append(pair)
                continue
        groups.append([pair])
    return groups


def _direct_candidates(text: str) -> list[QuotePair]:
    pairs = [
        p for p in find_quote_pairs(text) if p.content.strip() and (p.style == "double" or p.closed)
    ]
    outer: list[QuotePair] = []
    for pair in pairs:
        if outer and pair.content_start < outer[-1].end:  # nested; a shared mark may touch
            continue
        outer.append(pair)
    return outer


def direct_events(doc: Doc, names: list[tuple[int, int]] | None = None) -> list[SpeechEvent]:
    """Direct quotes of a parsed ``doc`` with cue and speaker token, in text order; the spans
    of quoted names and titles, which are not speech, are added to ``names`` when given."""
    text = doc_text(doc)
    tokens = _Tokens(doc)
    events = []
    pairs = _direct_candidates(text)
    for group in _merge_paragraphs(text, pairs):
        first, last = group[0], group[-1]
        c_start, c_end = first.content_start, last.content_end
        suffix = _suffix_cue(doc, tokens, last)
        prefix = _prefix_cue(doc, tokens, first)
        cues = [c for c in (suffix, prefix) if c]
        if prefix is not None and _introduces(text, prefix, c_start, c_end):
            cues = [prefix]  # 'Wallace then asked, "Mr. Pruitt, …?"Unable to …, Pruitt admitted
        if _is_name_or_title(doc, tokens, first, text[c_start:c_end]):
            if names is not None:
                names.append((c_start, c_end))
            continue
        if word_count(text[c_start:c_end]) < MIN_QUOTE_WORDS:
            utterance = text[c_start:c_end].rstrip()[-1:] in _UTTERANCE_END
            before = _window(tokens, first, forward=False)
            colon = bool(before) and before[-1].text == ":"  # 'X emailed: "Huh?!?"'
            cues = [
                c
                for c in cues
                if (governs(c, c_start, c_end) and not _through_other_act(doc, c, c_start, c_end))
                or (c is suffix and utterance)
                or (c is not suffix and colon)
            ]
            if not cues and not _own_sentence(text, before, c_start, c_end):
                continue
        cue = cues[0] if cues else None
        if _BYLINE.match(text, last.end):
            continue  # “Title,” by Author, Outlet, date: a cited headline, not speech
        if cue is not None and _in_subject(cue, c_start):
            continue  # 'a woman described as a "former official" told …' names, not quotes
        if cue is not None and _denied_or_passive(cue, text[c_start:c_end]):
            continue  # 'I don't argue that "…"', 'which was said to "cripple"': no one's speech
        if cue is not None and _names_its_object(cue, c_start, text[c_start:c_end]):
            if names is not None:
                names.append((c_start, c_end))
            continue  # 'we call these people "Vulture Capitalists,"': a label
        content_start, content_end = _trim(text, c_start, c_end)
        if content_end <= content_start:
            continue
        event = SpeechEvent("direct", content_start, content_end, cue=cue)
        before = _window(tokens, first, forward=False)
        if cue is not None:
            after = _window(tokens, last, forward=True)
            event.subject = _speaker_token(cue, before, after, suffix=cue is suffix)
            event.cue_text = cue.text
        else:
            event.subject = _governing_subject(before, c_start, c_end) or _colon_speaker(before)
        if event.subject is None and any(t.pos_ in ("VERB", "AUX") for t in before):
            continue  # a quoted stretch inside a sentence, with no one saying it
        events.append(event)
    return events


def _is_name_or_title(doc: Doc, tokens: _Tokens, pair: QuotePair, content: str) -> bool:
    """A quote that names rather than reports: after ``so-called``/``dubbed``/``titled``, or a
    capitalised title used inside a clause (``his favourite film is "The Battle of Algiers"``)."""
    before = _window(tokens, pair, forward=False)
    if before and (before[-1].lower_ in NAMING_CUES or _known_as(before) or _requested(before)):
        return True
    words = content.split()
    # a programme or work after a possessive or "on" keeps its title's final stop inside the
    # marks, American style: 'Gore said Monday on NBC's "Today Show."'
    named_after = bool(before) and (before[-1].tag_ == "POS" or before[-1].lower_ in ("on", "in"))
    if named_after and content.rstrip()[-1:] in ".,":
        content = content.rstrip()[:-1]
        words = content.split()
    if not words or content.rstrip()[-1:] in ".,?!:;" or len(words) > 8:
        return False
    title_case = all(w[:1].isupper() or w.lower() in _FUNCTION_WORDS for w in words)
    # a title sits inside a sentence: words before it that are not just its cue
    return (
        title_case
        and len(words) > 1
        and bool(before)
        and (before[-1].pos_ in ("AUX", "DET", "ADP", "VERB", "PRON", "ADJ") or named_after)
    )


def _own_sentence(text: str, before: list[Token], start: int, end: int) -> bool:
    """A short quote that is a sentence of its own (``"He is a fraud."`` after a quote): the
    next sentence of the speaker's quotation, left for the latest speaker."""
    content = text[start:end].strip()
    return (
        not before
        and len(content.split()) >= 3
        and content[:1].isupper()
        and content[-1:] in (".", "?", "!")
    )


def _known_as(before: list[Token]) -> bool:
    """``known as "…"``, ``described herself as a "…"``: a name or a label, not speech."""
    words = [t for t in before if not t.is_punct]
    if words and words[-1].pos_ == "DET":
        words = words[:-1]
    if len(words) < 2 or words[-1].lower_ != "as":
        return False
    return words[-2].lower_ in ("known", "referred") or any(
        t.lemma_.lower() in _NAMING_VERBS and t.pos_ == "VERB" for t in words[:-1]
    )


def _requested(before: list[Token]) -> bool:
    """``told the teen to 'chill' and 'work on …'``: an order or request in quotes (an
    infinitive after a verb of asking), which reports no speech."""
    for position, tok in enumerate(before):
        if tok.lemma_.lower() in _REQUEST_VERBS and tok.pos_ == "VERB":
            rest = before[position + 1 :]
            for k, word in enumerate(rest[:-1]):
                if word.lower_ == "to" and rest[k + 1].text in DOUBLE_MARKS | SINGLE_MARKS:
                    return True
    return False


def _colon_speaker(before: list[Token]) -> Token | None:
    """``The ministry: "…"``, ``Curry's ultimate conclusion: "…"``: the noun before the colon,
    its possessor first, when no verb comes between the sentence start and the colon."""
    if len(before) < 2 or before[-1].text != ":":
        return None
    head = before[-2]
    if any(t.pos_ in ("VERB", "AUX") for t in before[:-1]) or head.pos_ not in ("NOUN", "PROPN"):
        return None
    possessor = next((c for c in head.children if c.dep_ == "poss"), None)
    if possessor is not None and possessor.pos_ == "PROPN":
        return possessor
    return head if is_speaker_like(head) else None


def _suffix_cue(doc: Doc, tokens: _Tokens, pair: QuotePair) -> Token | None:
    """The cue of ``"…," X said``: a speech verb just after the quote, in the same clause."""
    if pair.content.rstrip().endswith("."):
        return None
    window = _window(tokens, pair, forward=True)
    for position, tok in enumerate(window):
        clause_link = tok.pos_ == "SCONJ" or (tok.pos_ == "CCONJ" and tok.head.pos_ != "PROPN")
        if clause_link or position > _CUE_REACH:
            break
        if _is_cue(tok):
            return tok
    # '"…," Alfredo Sirkis, executive director of Brazil Climate Center, a think tank, said.'
    # a name right after the quote, then its appositions, then the cue whose subject it is;
    # however long the appositions, when the parse makes the name that cue's subject
    if window and window[0].pos_ == "PROPN":
        name = window[0]
        while name.dep_ in ("compound", "flat") and name.head.i > name.i:
            name = name.head
        cue = name.head
        if name.dep_ == "nsubj" and cue.i > name.i and _is_cue(cue) and cue.sent == name.sent:
            return cue
    if window and window[0].pos_ in ("PROPN", "PRON"):
        for tok in _window(tokens, pair, forward=True, limit=_LONG_REACH):
            if _is_cue(tok):
                subject = subject_of(tok)
                return tok if subject is not None and subject.i <= window[0].i + 3 else None
    return None


def _introduces(text: str, cue: Token, start: int, end: int) -> bool:
    """True for a cue right before a quote that closes its own sentence (``Wallace then asked,
    "Mr. Pruitt, are we …?"``): only a comma or colon between, a question or exclamation
    at its end. A speech verb after such a quote belongs to the next sentence."""
    between = text[cue.idx + len(cue) : start].strip(" \t\"“”'‘’")
    return between in (",", ":") and text[start:end].rstrip()[-1:] in ("?", "!")


def _prefix_cue(doc: Doc, tokens: _Tokens, pair: QuotePair) -> Token | None:
    """The cue of ``X said: "…"``: the last speech verb before the quote in its sentence."""
    cues = [t for t in _window(tokens, pair, forward=False) if _is_cue(t)]
    return cues[-1] if cues else None


def _governing_subject(before: list[Token], start: int, end: int) -> Token | None:
    """For ``X voiced alarm that "…"`` or ``X offered this: "…"``: the subject of the verb
    before the quote that governs it (or ends in a colon), when that subject can speak."""
    for verb in reversed([t for t in before if t.pos_ == "VERB"]):
        if before[-1].text == ":" or governs(verb, start, end):
            subject = subject_of(verb)
            if subject is None:
                return None
            named = subject.pos_ == "PROPN" or subject.ent_type_ in ("PERSON", "ORG")
            pronoun = subject.lower_ in ("he", "she", "they")
            return subject if named or pronoun or is_person_noun(subject) else None
    return None


def _speaker_token(
    cue: Token, before: list[Token], after: list[Token], *, suffix: bool
) -> Token | None:
    """Subject of the cue; failing that, for ``"…" X said`` / ``"…," said X`` the speaker-like
    word between the quote and the cue or right after the cue (the name's last word), else the
    nearest speaker-like noun before the cue."""
    subject = subject_of(cue)
    if subject is not None:
        return subject
    if suffix:
        between = [t for t in after if t.i < cue.i]
        following = [t for t in after if t.i > cue.i][:4]
        for group in (list(reversed(between)), following):
            nouns = [t for t in group if t.pos_ in ("PROPN", "NOUN", "PRON") and is_speaker_like(t)]
            if nouns:
                head = nouns[0]
                while (
                    head.dep_ in ("compound", "flat")
                    and head.head.i != head.i
                    and head.head.pos_ in ("PROPN", "NOUN")
                ):
                    head = head.head
                return head
    window = before + after
    candidates = [
        t
        for t in reversed(window)
        if t.i < cue.i and t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound"
    ]
    people = [t for t in candidates if t.ent_type_ == "PERSON" or t.pos_ == "NOUN"]
    return next((t for t in people + candidates if is_speaker_like(t)), None)


def governs(cue: Token, start: int, end: int) -> bool:
    """True when a token in ``[start, end)`` is in what ``cue`` reports: its complement,
    object or prepositional phrase (``spoke of a "sense of urgency"``), not a side clause."""
    return any(
        start <= t.idx < end
        for child in cue.children
        if child.dep_ in _REPORTED_DEPS or (child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS)
        for t in child.subtree
    )


def _through_other_act(doc: Doc, cue: Token, start: int, end: int) -> bool:
    """True when a short quote a cue governs hangs on it through an infinitive or a verb of
    thinking or naming (``protest what they consider a climate "crisis"``, ``called on FERC to
    factor in estimates, like the … "social cost of carbon"``): the words are that verb's
    object, a term, not the speaker's speech (quotes.v6)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    inside = [t for t in span if not t.is_punct] if span is not None else []
    if not inside:
        return False
    word = inside[0]
    while word.head != word and word.head != cue:
        word = word.head
        if word.idx >= start and word.idx < end:
            continue
        if word.lemma_.lower() in _THINKING_OR_NAMING and word.pos_ == "VERB":
            return True
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children):
            return True
    return False


def _denied_or_passive(cue: Token, content: str) -> bool:
    """True for a negated cue (``I don't argue that "…"``, ``never said "…"``), which reports
    no speech, and for a short quote under a passive cue with no one named (``which was said
    to "cripple"``), a phrase the text distances itself from."""
    deps = {c.dep_ for c in cue.children}
    if "neg" in deps:
        return True
    passive = "nsubjpass" in deps or "auxpass" in deps
    return passive and word_count(content) < MIN_QUOTE_WORDS


def _names_its_object(cue: Token, offset: int, content: str) -> bool:
    """True for ``we call these people "Vulture Capitalists,"``: a naming verb before a quoted
    name in title case, with its object between them, gives the object a name; it reports no
    speech. A quoted judgement (``called the allegation "categorically not true"``) is speech."""
    if cue.lemma_.lower() not in _NAMING_VERBS or cue.idx > offset:
        return False
    words = content.strip(" ,.;:!?").split()
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in _FUNCTION_WORDS for w in words):
        return False
    return any(c.dep_ in ("dobj", "dative") and c.idx < offset for c in cue.children)


def _in_subject(cue: Token, offset: int) -> bool:
    """True when a quote at ``offset`` is inside the subject of ``cue``; a quote after a cue
    that stands outside its subject is not (``Al Gore said Wednesday: 'Brilliant decision
    …'``, where the parser takes the verbless quote for an apposition of Gore), while one
    after a cue inside the subject's phrase still is (``a Vox article warning "…"``)."""
    subject = subject_of(cue)
    if subject is None:
        return False
    if offset > cue.idx and not subject.is_ancestor(cue):
        return False
    return subject.left_edge.idx <= offset < subject.right_edge.idx + len(subject.right_edge)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    return Span(start, end).strip(text)
