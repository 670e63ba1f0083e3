"""Reported speech: direct quotes, indirect speech and ``according to X``, with their speakers.

Method: rules over quote marks and the spaCy dependency parse, after the decomposition of
attribution into *content*, *cue* and *source* (Pareti, *Attribution: A Computational
Approach*, 2015); textacy's ``direct_quotations`` does the direct half and is the baseline of
``slant eval quotes``. Three finders collect speech events — :mod:`.direct` (quoted text in
every news order, multi-paragraph quotes, colon attributions), :mod:`.indirect` (``X said that
…``, ``…, X said``, ``… X said`` with no comma, ``X accused Y of …``, ``according to X``) — and
:mod:`.speakers` then resolves each speaker in reading order: the words at the cue that stand
for the speaker are the *mention* (``speaker_mention_start``/``_end``), and they resolve to a
name: the full name for a short form (``Toner``), a pronoun by agreement and the previous
speaker, a description (``the spokesman``, ``the newspaper``, a description used for a speaker
before, ``the Commander-in-chief``); a stand-alone quote with no cue goes to the latest speaker
and has no mention, when that speech came at most a few sentences before it (else no one is
saying it, and it is not reported: quotes.v5). A short quoted phrase inside indirect speech is
part of that speech, not a second event, and so is a longer one when the clause has as many
words of its own (``said that part of its mission involved creating "a positive perception of
the country"``, ``said that what is important is "what we do to balance out" negative
effects``), unless it closes the clause right before its own cue (``"…," Booker told``); a
pronoun's speech verb inside another report (``… the groups which it said had suffered …``) is
part of that report (quotes.v4). quotes.v5 adds: unnamed speakers (``Some have said``,
``pundits``, a noun a name modifies: ``Washington state``), a name whose apposition the parser
took away from its verb, a quote's name however long its apposition, the cue before a question
over a speech verb of the next sentence, speech nouns with a possessor (``X's claim that``),
side clauses and participles with speech of their own, and leaves out negated and passive cues,
labels after ``call X``, programme titles, a quote far from any speaker, and the writer's
lead-in to a whole quotation. quotes.v6 leaves out ``agree``, ``according to`` inside a
quotation or an apposition, a ``…, X proposed to …`` verb with a complement of its own, a
clause of a verb's object taken for its complement, and a short quote reached through an
infinitive or a verb of thinking; it joins coordinated clauses the parser hung on one verb, and
takes a name the tagger made a plural noun for a speaker. A headline glued to the first
sentence (:mod:`.headlines`, also a sentence-case one its lead restates) reports no speech, and
a clause that runs back into it starts after it. HTML left in a text is ignored: the rules
read a parse of the text with its markup blanked (same offsets), so markup is never reported
as speech.

It does not attribute quotes across documents, is no coreference model (see
:mod:`.speakers`), and misses headlines and embedded tweets. Scored against hand-annotated gold
sets: see ``docs/quotes.md``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ...analysis import Quote
from ...pipeline import Context, analyzer
from .direct import direct_events
from .docindex import doc_text
from .headlines import headline_end, quote_ends_headline
from .indirect import according_to_events, indirect_events, noun_events, postposed_events
from .quotemarks import mask_markup, word_count
from .speakers import SpeakerResolver
from .speech import MIN_QUOTE_WORDS, SpeechEvent, covers

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_quotes", "quotes"]

#: A quote with neither cue nor speaker must be this long to count (else: a title, a slogan).
_MIN_UNATTRIBUTED_WORDS = 8
#: A quote with no cue continues the latest speaker's quotation when it begins at most this
#: many characters after that speech (three or four sentences); further on, it is no one's.
_CONTINUATION_REACH = 600


def extract_quotes(doc: Doc) -> list[Quote]:
    """Return the direct, indirect and ``according to`` quotes of a parsed ``doc``, in order.

    >>> from slant.nlp import parse
    >>> [q.speaker for q in extract_quotes(parse('"We won," Ann Lee said.'))]
    ['Ann Lee']
    """
    text = doc_text(doc)
    masked = mask_markup(text)
    if masked != text:  # markup in the text: read a parse with the markup blanked
        from ...nlp import parse

        doc = parse(masked)
    names: list[tuple[int, int]] = []
    direct = direct_events(doc, names)
    direct_spans = [(e.content_start, e.content_end) for e in direct]
    resolver = SpeakerResolver(doc, quoted=direct_spans)
    # a reported clause that is mostly a quoted title ("says his favourite film is "…"") is
    # no more speech than the title itself
    events = direct + indirect_events(doc, direct_spans, names)
    events += according_to_events(doc, direct_spans)
    taken = [(e.content_start, e.content_end) for e in events]
    events += postposed_events(doc, taken, direct_spans)
    events += noun_events(doc, [(e.content_start, e.content_end) for e in events])
    events.sort(key=lambda e: (e.content_start, e.content_end))
    absorbing = [(e.content_start, e.content_end) for e in events if e.absorbs_quotes]
    headline = headline_end(text)
    events = [
        _after_headline(text, e, headline)
        for e in events
        if (e.kind != "direct" or not covers(absorbing, e.content_start, e.content_end, 0.9))
        and not (e.cue is not None and e.cue.idx < headline)
        and not (e.kind == "direct" and e.content_start < headline)
        and not (e.kind == "direct" and quote_ends_headline(text, e.content_start, e.content_end))
    ]
    events = [e for e in events if e.content_end - e.content_start > 2]
    found: list[Quote] = []
    for event in events:
        speaker = event.speaker
        mention = (speaker.start, speaker.end) if speaker is not None else (None, None)
        if speaker is None and event.subject is not None:
            mention = resolver.mention(event.subject)
            speaker = resolver.resolve(event.subject, at=event.content_end)
        elif speaker is None and event.kind == "direct":
            speaker = resolver.latest(event.content_start, within=_CONTINUATION_REACH)
            if speaker is None and resolver.latest(event.content_start) is not None:
                continue  # sentences after the last speech event, a quote no one is saying
            if speaker is not None:
                resolver.remember(speaker, at=event.content_end)
        elif speaker is not None:
            resolver.remember(speaker, at=event.content_end)
        if event.kind == "direct" and speaker is None and event.cue is None:
            words = word_count(text[event.content_start : event.content_end])
            if words < _MIN_UNATTRIBUTED_WORDS:
                continue  # a short quoted line on its own, no one saying it: a title, a slogan
        found.append(
            Quote(
                kind=event.kind,
                speaker=speaker.name if speaker else None,
                speaker_start=speaker.start if speaker else None,
                speaker_end=speaker.end if speaker else None,
                cue=event.cue_text,
                content=text[event.content_start : event.content_end],
                content_start=event.content_start,
                content_end=event.content_end,
                speaker_mention_start=mention[0],
                speaker_mention_end=mention[1],
            )
        )
    return _drop_nested(found)


def _after_headline(text: str, event: SpeechEvent, headline: int) -> SpeechEvent:
    """A reported clause that runs back into the headline glued before it starts after it
    (``Environmental groups to sue … tests Environmental groups plan to sue …, two people …
    told``: the content is the lead's clause, quotes.v6)."""
    if not event.content_start < headline < event.content_end:
        return event
    start = headline
    while start < event.content_end and (text[start].isspace() or text[start] in "\"'”’)–—-:"):
        start += 1
    return replace(event, content_start=start)


def _drop_nested(found: list[Quote]) -> list[Quote]:
    """Drop a short direct quote that lies (mostly: its final stop may be outside) inside
    reported indirect speech: one speech event."""
    indirect = [(q.content_start, q.content_end) for q in found if q.kind != "direct"]
    return [
        q
        for q in found
        if q.kind != "direct"
        or word_count(q.content) >= MIN_QUOTE_WORDS
        or not covers(indirect, q.content_start, q.content_end, 0.5)
    ]


@analyzer("quotes", version="quotes.v6", sets=("quotes",))
def quotes(ctx: Context) -> dict[str, list[Quote]]:
    """Direct and indirect quotes with speaker, cue and content offsets."""
    return {"quotes": extract_quotes(ctx.doc)}
