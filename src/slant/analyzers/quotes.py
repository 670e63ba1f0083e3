"""Reported speech: direct quotes, indirect speech and ``according to X``, with their speakers.

Method: rules over quote marks (:mod:`.quotemarks`) and the spaCy dependency parse, following
the usual decomposition of attribution into *content*, *cue* and *source* (Pareti, 2015;
textacy's ``direct_quotations`` does the direct half):

- **direct**: a double-quoted stretch (or a single-quoted one of five words or more, British
  style). Its cue is the first speech verb after it in its sentence (``"…," X said``,
  ``"…," said X``) or else the last one before it (``X said: "…"``); a quote still open at a
  paragraph's end continues with the next paragraph when that one opens with a quote mark.
  A quote with no cue that starts its own sentence goes to the latest speaker, as news
  convention does. A quoted phrase of fewer than five words counts only when a speech verb
  governs it (``said it was "delighted"``); otherwise it is left to ``scare_quotes``.
- **indirect**: a speech verb of :data:`SPEECH_VERBS` with a clausal complement (``X said
  (that) …``, ``X told reporters …``, ``…, the Home Office said``), not negated, outside any
  direct quote, and not itself mostly a quotation.
- **according_to**: ``according to X``; the content is the rest of its sentence.

Speakers come from :mod:`.speakers` (subject of the cue, full name for short forms and
pronouns). It does not attribute quotes across documents, does not separate nested speech
(``X said Y told him …``), and misses speech with no verb (``X: "…"``) or headlines.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from ..analysis import Quote
from ..pipeline import Context, analyzer
from .quotemarks import QuotePair, find_quote_pairs, word_count
from .speakers import Speaker, SpeakerResolver, is_person_noun, is_speaker_like, subject_of

__all__ = ["DIRECT_CUES", "MIN_QUOTE_WORDS", "SPEECH_VERBS", "extract_quotes", "quotes"]

#: Lemmas of verbs that report speech with a clause (indirect speech) or a quotation.
SPEECH_VERBS = frozenset(
    """say tell add warn claim state announce insist argue explain note declare write report
    allege suggest confirm admit assert reveal tweet mention stress acknowledge caution promise
    deny reply respond recall complain contend emphasize emphasise observe predict testify urge
    vow concede maintain remark agree post testify""".split()
)
#: Lemmas that introduce a direct quote but not indirect speech (``he continued``).
DIRECT_CUES = SPEECH_VERBS | frozenset(
    "continue conclude detail call describe speak ask yell shout scream quip begin".split()
)
#: Quoted stretches shorter than this are quotes only when a speech verb governs them.
MIN_QUOTE_WORDS = 5
_STOP_BEFORE = frozenset(".!?")
_DOUBLE_MARKS = frozenset('"“”„')
_REPORTED_DEPS = frozenset({"ccomp", "dobj", "xcomp", "oprd", "attr", "acomp", "dative"})
_TOPIC_PREPS = frozenset({"of", "about", "as", "on", "that"})
_INFERENCE = frozenset({"suggest", "indicate", "show", "mean"})
_WINDOW_AFTER = 14
_MIN_UNATTRIBUTED_WORDS = 8
#: Indirect speech whose content is this much quotation is reported as the direct quote only.
_MOSTLY_QUOTED = 0.4
#: In ``"…," X said`` the cue comes within this many tokens of the closing mark.
_CUE_REACH = 10
_WINDOW_BEFORE = 30


@dataclass
class _Event:
    kind: str
    content_start: int
    content_end: int
    cue: Any = None
    subject: Any = None
    speaker: Speaker | None = None
    cue_text: str | None = None


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


def _direct_events(doc: Any, tokens: _Tokens) -> list[_Event]:
    text = doc.text
    events = []
    pairs = _direct_candidates(text)
    for group in _merge_paragraphs(text, pairs):
        first, last = group[0], group[-1]
        c_start, c_end = first.content_start, last.content_end
        cues = [c for c in (_suffix_cue(doc, tokens, last), _prefix_cue(doc, tokens, first)) if c]
        if word_count(text[c_start:c_end]) < MIN_QUOTE_WORDS:
            cues = [c for c in cues if _governs(c, c_start, c_end)]
            if not cues:
                continue
        cue = cues[0] if cues else None
        if cue is not None and _in_subject(cue, c_start):
            continue  # 'a woman described as a "former official" told …' names, not quotes
        content_start, content_end = _trim(text, c_start, c_end)
        if content_end <= content_start:
            continue
        event = _Event("direct", content_start, content_end, cue=cue)
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
        if before[-1].text == ":" or _governs(verb, start, end):
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


def _governs(cue: Any, start: int, end: int) -> bool:
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
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside(spans: list[tuple[int, int]], start: int, end: int, share: float) -> bool:
    width = max(1, end - start)
    return any(min(end, e) - max(start, s) >= share * width for s, e in spans)


def _clause_span(tokens: list[Any], para: tuple[int, int]) -> tuple[int, int] | None:
    """Character span of ``tokens`` inside the paragraph, without edge punctuation."""
    toks = [t for t in tokens if para[0] <= t.idx < para[1]]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].lower_ == "that"):
        toks.pop(0)
    if len([t for t in toks if t.is_alpha]) < 3:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _reported_clause(verb: Any) -> tuple[Any, list[Any]] | None:
    """The clause a speech verb reports: its complement (``said (that) …``, ``…, X said``),
    or for ``As X wrote, …`` the clause the ``as`` phrase hangs on."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    after = [c for c in comps if c.i > verb.i]
    if comps:
        comp = (after or comps)[0] if after else comps[-1]
        return comp, list(comp.subtree)
    as_clause = verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    )
    if as_clause and verb.head != verb:
        inside = {t.i for t in verb.subtree}
        return verb.head, [t for t in verb.head.subtree if t.i not in inside and t.i > verb.i]
    return None


def _is_report(verb: Any) -> bool:
    if verb.lemma_.lower() not in SPEECH_VERBS or verb.pos_ != "VERB":
        return False
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ == "to") for c in verb.children):
        return False  # "has not said", "to note that": no speech reported
    # ", suggesting that …" after a fact is the writer's inference, not someone's speech
    inferred = verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.lemma_ in _INFERENCE
    return not inferred or verb.head.lemma_.lower() in DIRECT_CUES


def _indirect_events(doc: Any, direct: list[tuple[int, int]]) -> list[_Event]:
    events = []
    heads: set[int] = set()
    for verb in doc:
        if not _is_report(verb) or _inside(direct, verb.idx, verb.idx + 1, 1):
            continue
        reported = _reported_clause(verb)
        if reported is None:
            continue
        head, tokens = reported
        span = _clause_span(tokens, _paragraph(doc.text, verb.idx))
        if span is None or _inside(direct, span[0], span[1], _MOSTLY_QUOTED):
            continue  # reported speech that is mostly a quotation: the direct quote has it
        subject = subject_of(verb)
        if subject is None or not is_speaker_like(subject):
            continue
        events.append(
            _Event("indirect", span[0], span[1], cue=verb, subject=subject, cue_text=verb.text)
        )
        heads.add(head.i)
    # "X says Y suggested that …" is one speech event of X's, not also one of Y's
    return [e for e in events if e.cue.i not in heads]


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    """``[start, end)`` of the paragraph (text between blank lines) around ``offset``."""
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return (0 if start == -1 else start + 2), (len(text) if end == -1 else end)


def _according_events(doc: Any, resolver: SpeakerResolver) -> list[_Event]:
    events = []
    text = doc.text
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.lower_ != "according" or nxt.lower_ != "to":
            continue
        objects = [c for c in nxt.children if c.dep_ == "pobj"]
        if not objects:
            continue
        source = _source_span(objects[0])
        phrase_start, phrase_end = tok.idx, objects[0].right_edge.idx + len(objects[0].right_edge)
        sent = tok.sent
        left = _trim_punct(text, sent.start_char, phrase_start)
        right = _trim_punct(text, phrase_end, sent.end_char)
        start, end = max((left, right), key=lambda se: se[1] - se[0])
        if end - start < 3:
            continue
        speaker = Speaker(
            name=text[source[0] : source[1]], start=source[0], end=source[1], person_like=False
        )
        events.append(
            _Event(
                "according_to", start, end, speaker=speaker, cue_text=text[tok.idx : nxt.idx + 2]
            )
        )
    return events


def _source_span(head: Any) -> tuple[int, int]:
    """The named source inside ``according to …`` (the entity if any, else the phrase)."""
    ents = [
        e for e in head.doc.ents if head.left_edge.i <= e.start and e.end <= head.right_edge.i + 1
    ]
    ents = [e for e in ents if e.label_ in ("ORG", "PERSON", "GPE", "NORP", "WORK_OF_ART")]
    if ents:
        ent = ents[-1]
        start = ent.start + (1 if ent[0].pos_ == "DET" else 0)
        return head.doc[start].idx, ent.end_char
    toks = [t for t in head.subtree if t.i <= head.i or t.dep_ in ("prep", "pobj", "compound")]
    toks = [t for t in toks if t.pos_ != "DET"] or [head]
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _trim_punct(text: str, start: int, end: int) -> tuple[int, int]:
    strip = " \t\n,;:()–—-"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip + ".":
        end -= 1
    return start, end


def extract_quotes(doc: Any) -> list[Quote]:
    """Return the direct, indirect and ``according to`` quotes of a parsed ``doc``, in order.

    >>> [q.speaker for q in extract_quotes(parse('"We won," Ann Lee said.'))]  # doctest: +SKIP
    ['Ann Lee']
    """
    text = doc.text
    tokens = _Tokens(doc)
    resolver = SpeakerResolver(doc)
    direct = _direct_events(doc, tokens)
    direct_spans = [(e.content_start, e.content_end) for e in direct]
    resolver.quoted = direct_spans
    events = direct + _indirect_events(doc, direct_spans) + _according_events(doc, resolver)
    events.sort(key=lambda e: (e.content_start, e.content_end))
    found: list[Quote] = []
    for event in events:
        speaker = event.speaker
        if speaker is None and event.subject is not None:
            speaker = resolver.resolve(event.subject, at=event.content_end)
        elif speaker is None and event.kind == "direct":
            speaker = resolver.latest(event.content_start)
            if speaker is not None:
                resolver.remember(speaker, at=event.content_end)
        elif speaker is not None:
            resolver.remember(speaker, at=event.content_end)
        if event.kind == "direct" and speaker is None and event.cue is None:
            words = word_count(text[event.content_start : event.content_end])
            if words < _MIN_UNATTRIBUTED_WORDS:
                continue  # a short quoted line on its own, no one saying it: a title, a slogan
        kind = "direct" if event.kind.startswith("direct") else event.kind
        found.append(
            Quote(
                kind=kind,
                speaker=speaker.name if speaker else None,
                speaker_start=speaker.start if speaker else None,
                speaker_end=speaker.end if speaker else None,
                cue=event.cue_text,
                content=text[event.content_start : event.content_end],
                content_start=event.content_start,
                content_end=event.content_end,
            )
        )
    return _drop_nested(found)


def _drop_nested(found: list[Quote]) -> list[Quote]:
    """Drop a short direct quote that lies inside reported indirect speech (one speech event)."""
    indirect = [(q.content_start, q.content_end) for q in found if q.kind != "direct"]
    return [
        q
        for q in found
        if q.kind != "direct"
        or word_count(q.content) >= MIN_QUOTE_WORDS
        or not _inside(indirect, q.content_start, q.content_end, 1.0)
    ]


@analyzer("quotes", version="quotes.v1", sets=("quotes",))
def quotes(ctx: Context) -> dict[str, list[Quote]]:
    """Direct and indirect quotes with speaker, cue and content offsets."""
    return {"quotes": extract_quotes(ctx.doc)}
