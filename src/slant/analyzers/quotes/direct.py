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
A quoted phrase shorter than the minimum is kept only when a cue governs it (``said it was
"delighted"``), else it is a scare quote; a quote inside the subject of its cue (``a woman
described as a "former official" told …``) is a name, not speech.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from ...spans import Span
from .quotemarks import QuotePair, find_quote_pairs, word_count
from .speakers import subject_of
from .speech import DIRECT_CUES, MIN_QUOTE_WORDS, SpeechEvent, is_person_noun, is_speaker_like

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


class _Tokens:
    """Find spaCy tokens by character offset."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def after(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset)

    def before(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset) - 1


def _window(doc: Any, tokens: _Tokens, pair: QuotePair, *, forward: bool) -> list[Any]:
    """Tokens just after (``forward``) or before the quote in its sentence: up to a line
    break, a sentence end or another double quote mark."""
    out: list[Any] = []
    if forward:
        i = tokens.after(pair.end)
        while i < len(doc) and len(out) < _WINDOW_AFTER:
            tok = doc[i]
            if "\n" in tok.text or tok.text in _STOP_BEFORE or tok.text in _DOUBLE_MARKS:
                break
            out.append(tok)
            i += 1
        return out
    i = tokens.before(pair.start)
    while i >= 0 and len(out) < _WINDOW_BEFORE:
        tok = doc[i]
        if "\n" in tok.text or tok.text in _STOP_BEFORE or tok.text in _DOUBLE_MARKS:
            break
        out.append(tok)
        i -= 1
    return out[::-1]


def _is_cue(token: Any) -> bool:
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
        p
        for p in find_quote_pairs(text)
        if p.content.strip()
        and (p.style == "double" or (p.closed and word_count(p.content) >= MIN_QUOTE_WORDS))
    ]
    outer: list[QuotePair] = []
    for pair in pairs:
        if outer and pair.start < outer[-1].end:
            continue
        outer.append(pair)
    return outer


def direct_events(doc: Any) -> list[SpeechEvent]:
    """Direct quotes of a parsed ``doc`` with cue and speaker token, in text order."""
    text = doc.text
    tokens = _Tokens(doc)
    events = []
    pairs = _direct_candidates(text)
    for group in _merge_paragraphs(text, pairs):
        first, last = group[0], group[-1]
        c_start, c_end = first.content_start, last.content_end
        cues = [c for c in (_suffix_cue(doc, tokens, last), _prefix_cue(doc, tokens, first)) if c]
        if word_count(text[c_start:c_end]) < MIN_QUOTE_WORDS:
            cues = [c for c in cues if governs(c, c_start, c_end)]
            if not cues:
                continue
        cue = cues[0] if cues else None
        if _BYLINE.match(text, last.end):
            continue  # “Title,” by Author, Outlet, date: a cited headline, not speech
        if cue is not None and _in_subject(cue, c_start):
            continue  # 'a woman described as a "former official" told …' names, not quotes
        content_start, content_end = _trim(text, c_start, c_end)
        if content_end <= content_start:
            continue
        event = SpeechEvent("direct", content_start, content_end, cue=cue)
        before = _window(doc, tokens, first, forward=False)
        if cue is not None:
            event.subject = _speaker_token(cue, before + _window(doc, tokens, last, forward=True))
            event.cue_text = cue.text
        else:
            event.subject = _governing_subject(before, c_start, c_end)
        if event.subject is None and any(t.pos_ in ("VERB", "AUX") for t in before):
            continue  # a quoted stretch inside a sentence, with no one saying it
        events.append(event)
    return events


def _suffix_cue(doc: Any, tokens: _Tokens, pair: QuotePair) -> Any | None:
    """The cue of ``"…," X said``: a speech verb just after the quote, in the same clause."""
    if pair.content.rstrip().endswith("."):
        return None
    for position, tok in enumerate(_window(doc, tokens, pair, forward=True)):
        clause_link = tok.pos_ == "SCONJ" or (tok.pos_ == "CCONJ" and tok.head.pos_ != "PROPN")
        if clause_link or position > _CUE_REACH:
            return None
        if _is_cue(tok):
            return tok
    return None


def _prefix_cue(doc: Any, tokens: _Tokens, pair: QuotePair) -> Any | None:
    """The cue of ``X said: "…"``: the last speech verb before the quote in its sentence."""
    cues = [t for t in _window(doc, tokens, pair, forward=False) if _is_cue(t)]
    return cues[-1] if cues else None


def _governing_subject(before: list[Any], start: int, end: int) -> Any | None:
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


def _speaker_token(cue: Any, window: list[Any]) -> Any | None:
    """Subject of the cue; failing that, the nearest speaker-like noun before it."""
    subject = subject_of(cue)
    if subject is not None:
        return subject
    candidates = [
        t
        for t in reversed(window)
        if t.i < cue.i and t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound"
    ]
    people = [t for t in candidates if t.ent_type_ == "PERSON" or t.pos_ == "NOUN"]
    return next((t for t in people + candidates if is_speaker_like(t)), None)


def governs(cue: Any, start: int, end: int) -> bool:
    """True when a token in ``[start, end)`` is in what ``cue`` reports: its complement,
    object or prepositional phrase (``spoke of a "sense of urgency"``), not a side clause."""
    return any(
        start <= t.idx < end
        for child in cue.children
        if child.dep_ in _REPORTED_DEPS or (child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS)
        for t in child.subtree
    )


def _in_subject(cue: Any, offset: int) -> bool:
    subject = subject_of(cue)
    if subject is None:
        return False
    return subject.left_edge.idx <= offset < subject.right_edge.idx + len(subject.right_edge)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    return Span(start, end).strip(text)
