"""What counts as speech and who can speak: the lexicons and records the quote finders share.

The quote analyzer (:mod:`.quotes`) gathers *speech events* from three finders —
:mod:`.direct` (quotation marks), :mod:`.indirect` (``X said that …``,
``according to X``) — each a :class:`SpeechEvent` with the content span, the cue and the
token or name of the speaker, before speakers are resolved in reading order. The verb lists
are lemmas (so ``said``, ``says``, ``saying`` and ``has said`` all count), built from the
reporting verbs of the attribution literature: the cue verbs of PARC 3.0 (Pareti, *PARC 3.0:
A Corpus of Attribution Relations*, LREC 2016; Pareti, *Attribution: A Computational
Approach*, 2015, ch. 4, its most frequent speech cues) and the speech-act classes of Levin's
*English Verb Classes* (1993, §37: verbs of communication, manner of speaking, complaining);
manner-of-speaking verbs (``whisper``, ``shout``, ``mutter``) introduce direct quotes only.
Thought verbs (``believe``, ``fear``, ``hope``), which PARC counts as attributions of belief,
are left out on purpose: they report no speech; so are ``agree`` and ``concur`` (quotes.v6),
which PARC counts but the news gold does not (``countries agreed to …``, ``top candidates agree
that …`` report a position, not words). The speaker nouns are hand-made: people
(``spokesman``, and any ``-er``/``-or``/``-ist``/``-ian`` noun) and bodies or documents that
news lets speak (``the ministry``, ``a report``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...analysis import QuoteKind
from .docindex import name_words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "BODY_NOUNS",
    "DIRECT_CUES",
    "GROUP_PRONOUNS",
    "MIN_QUOTE_WORDS",
    "NAMING_CUES",
    "PERSON_NOUNS",
    "PERSON_PRONOUNS",
    "SPEAKER_NOUNS",
    "SPEECH_NOUNS",
    "SPEECH_VERBS",
    "Speaker",
    "SpeechEvent",
    "covers",
    "is_person_noun",
    "is_speaker_like",
    "paragraph_bounds",
]

#: Lemmas of verbs that report speech with a clause (indirect speech) or a quotation.
SPEECH_VERBS = frozenset(
    """say tell add warn claim state announce insist argue explain note declare write report
    allege suggest confirm admit assert reveal tweet mention stress acknowledge caution promise
    deny reply respond recall complain contend emphasize emphasise observe predict testify urge
    vow concede maintain remark post ask assure inform answer point comment disclose
    indicate notify advise remind recount reiterate repeat clarify specify counter retort
    protest object dispute propose recommend estimate forecast pledge threaten boast brag
    lament stress underline highlight hint signal speculate charge accuse affirm
    announce broadcast email text message cable inquire enquire wonder plead demand""".split()
)
#: Nouns of a speech act that report a clause of their possessor's (``DiCaprio's claim that
#: …``, ``the ministry's warning that …``): the nominal cues of PARC 3.0 (Pareti 2016).
SPEECH_NOUNS = frozenset(
    """claim statement assertion allegation warning announcement insistence admission
    argument suggestion promise pledge denial contention assurance accusation prediction
    declaration""".split()
)
#: Lemmas that introduce a direct quote but not indirect speech (``he continued``): manner of
#: speaking and of going on (Levin 1993, §37.3), and verbs of writing or reading out.
DIRECT_CUES = SPEECH_VERBS | frozenset(
    """continue conclude detail call describe speak yell shout scream quip begin exclaim
    whisper mutter murmur mumble cry sob gasp sigh snap growl bark roar laugh chuckle joke
    chant sing shriek holler bellow hiss grumble stammer stutter rasp croak muse gush fume
    rant read sneer scoff tease interject interrupt intone venture""".split()
)
#: Quoted stretches shorter than this are quotes only when a cue is attached to them (a speech
#: verb governs them, or ``"No," the minister replied``).
MIN_QUOTE_WORDS = 5
#: Verbs and words that name or label what follows in quotes: a name, a title, a term.
NAMING_CUES = frozenset(
    """so-called dubbed titled entitled nicknamed named branded christened headlined labelled
    labeled termed""".split()
)

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it"})
_RELATIVE = frozenset({"who", "that", "which"})
_QUANTIFIERS = frozenset("one two three some many most all both each several none few".split())
#: ... of which these stand for unnamed people when they are a speech verb's subject on their
#: own (``Some have said …``, ``Others argue …``).
_UNNAMED_PEOPLE = frozenset("some many others several".split())
#: A common noun a proper name modifies speaks for what is named (``Washington state``,
#: ``New York regulators``, ``Fox News host``).
_NAMED_COMPOUND = frozenset({"GPE", "ORG", "NORP"})
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ee", "ess")
#: Nouns for a person who can speak (beyond the ``-er``/``-or``/``-ist``/``-ian`` ones).
PERSON_NOUNS = frozenset(
    """official spokesman spokeswoman spokesperson minister president chief head source expert
    doctor analyst witness eyewitness man woman resident activist leader commander aide member
    critic journalist correspondent judge senator governor mayor secretary director professor
    scientist lawyer attorney counsel victim mother father son daughter wife husband friend
    neighbor neighbour chairman chairwoman ambassador diplomat envoy general colonel captain
    major sheriff coroner nurse surgeon candidate hopeful guard officer agent analyst pope
    congressman congresswoman student cardinal priest bishop imam rabbi person informant teen
    scholar client plaintiff proponent duke duchess prince princess king queen monarch emir
    sultan earl countess pundit advocate host anchor expert skeptic sceptic economist
    opponent voter
    """.split()
)
#: Nouns for a group, a body or a document that can be said to speak.
BODY_NOUNS = frozenset(
    """police report statement letter newspaper agency government ministry department family
    authority investigator prosecutor people group supporter study survey poll website blog tv
    media outlet paper office administration army military force committee council court union
    company firm organisation organization campaign party couple staff team official expert
    source member critic resident activist document article complaint memo email embassy
    review alert story note record petition dispatch message release motion update suit text
    medium observatory television channel network broadcaster station coalition alliance
    board panel institute commission caucus foundation association regulator tank order bill
    proposal resolution ruling bureau
    """.split()
)
SPEAKER_NOUNS = PERSON_NOUNS | BODY_NOUNS


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: ``name`` as the text gives it in full; the mention that names it."""

    name: str
    start: int
    end: int
    person_like: bool


def is_person_noun(token: Token) -> bool:
    """True for a singular common noun that names a person (``spokesman``, ``caller``)."""
    lemma = token.lemma_.lower()
    if token.tag_ != "NN" or lemma in BODY_NOUNS - PERSON_NOUNS:
        return False
    return lemma in PERSON_NOUNS or (len(lemma) > 5 and lemma.endswith(_PERSON_SUFFIXES))


def is_speaker_like(token: Token) -> bool:
    """True for tokens that can stand for a speaker: names, pronouns, people and bodies."""
    if token.ent_type_ in _NAME_LABELS or token.pos_ == "PROPN":
        return True
    if token.lower_ in _QUANTIFIERS | {"others"}:  # "one of the women", "some of them"
        of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        objects = [c for p in of for c in p.children if c.dep_ == "pobj"]
        if objects:
            return is_speaker_like(objects[0])
        unnamed = token.lower_ in _UNNAMED_PEOPLE and token.dep_ == "nsubj"
        return (
            unnamed and token.pos_ != "NUM" and token.head.tag_ != "VBG"
        )  # not "with some denying"
    if token.pos_ == "PRON":
        return token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | _RELATIVE
    lemma = token.lemma_.lower()
    if lemma in SPEAKER_NOUNS or (len(lemma) > 5 and lemma.endswith(_PERSON_SUFFIXES)):
        return True
    if token.pos_ != "NOUN":
        return False
    if any(c.dep_ == "compound" and c.ent_type_ in _NAMED_COMPOUND for c in token.lefts):
        return True
    # "Menezes said": a name the tagger took for a plural noun this once (quotes.v6)
    return token.is_title and token.text in name_words(token.doc)


@dataclass
class SpeechEvent:
    """One act of reported speech before its speaker is resolved.

    ``subject`` is the spaCy token that names or stands for the speaker (resolved later, in
    reading order); ``speaker`` is set instead when the finder already knows the name.
    """

    kind: QuoteKind
    content_start: int
    content_end: int
    cue: Token | None = None
    subject: Token | None = None
    speaker: Speaker | None = None
    cue_text: str | None = None
    #: an indirect clause with a quotation inside that it reports as one event
    absorbs_quotes: bool = False


def covers(spans: list[tuple[int, int]], start: int, end: int, share: float) -> bool:
    """True when one of ``spans`` overlaps at least ``share`` of ``[start, end)``.

    >>> covers([(0, 10)], 5, 15, 0.5), covers([(0, 10)], 8, 18, 0.5)
    (True, False)
    """
    width = max(1, end - start)
    return any(min(end, e) - max(start, s) >= share * width for s, e in spans)


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """``[start, end)`` of the paragraph (text between blank lines) around ``offset``.

    >>> paragraph_bounds("a\\n\\nbc\\n\\nd", 4)
    (3, 5)
    """
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return (0 if start == -1 else start + 2), (len(text) if end == -1 else end)
