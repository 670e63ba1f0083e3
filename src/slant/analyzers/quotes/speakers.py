"""Who is speaking: the speaker phrase of a speech verb, resolved to the name the text gives.

Used by the ``quotes`` analyzer. Method (rules over the spaCy dependency parse, in the spirit
of the attribution rules of Pareti, *Attribution: A Computational Approach*, 2015, and of
Muzny et al., *A Two-stage Sieve Approach for Quote Attribution*, EACL 2017):

- the subject of a speech verb is its ``nsubj``, or the subject of the verb it hangs from
  (``…, declaring:`` takes the subject of the main clause; ``a caller who says`` takes the
  noun the relative clause modifies);
- a name is widened to its named entity or its run of proper nouns (``Mark Toner``), a common
  noun to its phrase (``Rombot’s lawyers``, ``a commentator on RT``);
- the *mention* is the words at the cue that stand for the speaker (``she``, ``the
  ministry``, ``Mr. Toner``); the *speaker* is who they resolve to, and where the text names
  them:
- a short form (``Toner``) becomes the longest earlier name of a person or organisation that
  contains it (``Mark Toner``);
- ``he``/``she`` become the latest person who spoke or was named as a subject, whichever came
  last, skipping names in parentheses and names of the other gender where the text shows it
  (``Mr.``/``Mrs.``/``Ms.``, or an earlier ``he``/``she`` resolved to them): agreement in
  gender; ``it`` becomes the latest speaker that is not a person (agreement in number and
  animacy), else the latest organisation named as a subject; ``they`` the latest group or
  plural speaker (Lee & al., *Deterministic coreference resolution based on entity-centric,
  precision-ranked rules*, Computational Linguistics 2013, for the agreement constraints);
- a definite description resolves to the latest speaker it describes: ``the activist`` or
  ``the source`` to the speaker whose phrase has that noun (``a source at Hasaka Police
  Command``), ``the spokesman`` to the person the text introduced with that title
  (``spokesman Mark Toner``), ``the newspaper``/``the group``/``the agency`` to the latest
  speaker that is not a person, else the latest organisation named before; a description
  the text has used for a speaker before stands for that speaker again (``The Duke of
  Sussex`` … ``the duke``), the "exact string match" sieve of Lee et al. (2013) applied to
  the head noun of a description; with no one introduced by a title before, ``said the
  frontline commander`` takes the person given that title just after (``commander Kamal
  Kirkuki told …``);
- a name the entity recogniser labels an organisation is a person when its words are part of
  a person's name in the same text (``O'Rourke`` after ``Beto O'Rourke``: entity-level
  consistency, as in the sieves of Lee et al.);
- a hyphenated title is one word (``the Commander-in-chief``, ``the editor-in-chief``), and
  ``commander-in-chief`` is the president's title; an age (``The 16-year-old``) describes the
  latest person;
- an indefinite pronoun (``Another wrote: "…"``, ``someone``) is a new speaker, never an
  earlier one.

It is not a coreference model: a pronoun whose antecedent is neither the latest speaker nor
the latest person is resolved wrongly, and nested speakers (``X said Y told him``) are not
separated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .docindex import doc_text, entities, entity_at, token_indexes
from .speech import (
    BODY_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    SPEECH_VERBS,
    Speaker,
    is_person_noun,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["SpeakerResolver", "joined_to_report", "subject_of"]

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_RELATIVE = frozenset({"who", "that", "which"})
_TITLE_WORDS = frozenset("mr mrs ms dr sen rep gov gen lt col prof sir".split())  # dot stripped
_TITLE_NOUNS = {
    "sen": "senator",
    "gov": "governor",
    "rep": "representative",
    "gen": "general",
    "dr": "doctor",
    "prof": "professor",
    "col": "colonel",
    "capt": "captain",
    "pres": "president",
}
_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "case", "flat"})
_PHRASE_PREPS = frozenset({"of", "on", "at", "from", "for", "with", "in"})
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acomp", "prep", "ccomp"})
#: How far back (characters) a pronoun or a definite title looks for its antecedent.
_ANTECEDENT_WINDOW = 2500
#: How far ahead a definite title looks for the name it stands for when none came before.
_CATAPHORA_WINDOW = 400
#: Bodies that "the N" may stand for when no name has the noun: the latest organisation.
_COLLECTIVE_NOUNS = frozenset(
    """group newspaper paper agency monitor organisation organization outlet network channel
    broadcaster website coalition alliance movement station magazine daily""".split()
)
#: Titles written as one hyphenated word that stand for another title (``the Commander-in-chief``
#: is the person introduced as ``President``).
_TITLE_SYNONYMS = {"commander-in-chief": "president"}
#: Pronouns that introduce a speaker of their own rather than refer back to one.
_INDEFINITE = frozenset(
    "another others some many several someone somebody anyone anybody everyone".split()
)
_MALE = frozenset({"he", "him", "his", "mr", "mr."})
_FEMALE = frozenset({"she", "her", "hers", "mrs", "mrs.", "ms", "ms."})


def subject_of(verb: Token) -> Token | None:
    """Return the token that is the active subject of ``verb``, climbing to governing verbs.

    Climbs through ``advcl``/``xcomp``/``conj``/``prep`` links (and ``went so far as to
    say``) within one paragraph; a
    passive subject means no speaker; ``as saying`` takes the object of the citing verb; a
    speech verb the parser joined to the clause another one reports (``X noted that A, and
    told Y that B``, ``told`` a ``conj`` inside the ``ccomp`` of ``noted``) takes that verb's
    subject.
    """
    current = verb
    for _ in range(8):
        subjects = [
            c
            for c in current.children
            if c.dep_ in ("nsubj", "nsubjpass") and not _crosses_paragraph(c, current)
        ]
        outer = None if subjects else _outer_report(current)
        if outer is not None:
            current = outer
            continue
        if subjects:
            child = min(subjects, key=lambda c: abs(c.i - current.i))
            if child.dep_ == "nsubjpass":
                return None
            if child.lower_ in _RELATIVE and current.dep_ == "relcl":
                return current.head
            return child
        head = current.head
        if current.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return head  # "a letter from ICE saying …"
        climbs = current.dep_ in _CLIMB_DEPS or (
            current.dep_ == "advmod" and current.lower_ == "far"
        )
        if not climbs or head == current or _crosses_paragraph(head, current):
            return _apposed_name(verb) if current is verb else None
        if head.lower_ == "as" and head.head != head:
            objects = [c for c in head.head.children if c.dep_ == "dobj"]
            if objects:
                return objects[0]
        current = head
    return None


def _apposed_name(verb: Token) -> Token | None:
    """For a speech verb the parser left with no subject right after a name and its
    apposition (``Scott Pruitt, the head of the Environmental Protection Agency, said``,
    ``…, Peggy Shepard, executive director of …, said``, the name taken into the phrase or
    clause before it): that name, the proper noun with an apposition whose phrase ends at
    the comma before the verb."""
    if verb.i < 3 or verb.nbor(-1).text != ",":
        return None
    token = verb.nbor(-2)
    for _ in range(12):
        if (
            token.pos_ == "PROPN"
            and token.i < verb.i
            and any(c.dep_ == "appos" for c in token.children)
        ):
            name = token.ent_type_ in ("PERSON", "ORG") or token.ent_type_ == ""
            return token if name and token.right_edge.i == verb.i - 2 else None
        if token.head == token or token.head.i >= verb.i:
            return None
        token = token.head
    return None


def joined_to_report(verb: Token) -> bool:
    """True for a speech verb with no subject of its own that the parser made part of the
    clause another speech verb reports: a ``conj`` of it (``… noted that A, and told Y that
    B``) or a participle hung on a verb inside it (``Pruitt denied that America has abandoned
    …, arguing that …``; ``the source said that the army is chasing the terrorists who fled
    …, adding that …``)."""
    return _outer_report(verb) is not None


def _outer_report(verb: Token) -> Token | None:
    """The speech verb whose reported clause holds ``verb`` (see :func:`joined_to_report`)."""
    if verb.lemma_.lower() not in SPEECH_VERBS or any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    ):
        return None
    if verb.dep_ == "conj":
        head = verb.head
        reports = head.dep_ == "ccomp" and head.head.lemma_.lower() in SPEECH_VERBS
        return head.head if reports else None
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return None
    current = verb.head
    for _ in range(6):
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in SPEECH_VERBS:
            return current.head if current.head.pos_ == "VERB" else None
        if current.head == current or current.head.lemma_.lower() in SPEECH_VERBS:
            return None
        current = current.head
    return None


def _crosses_paragraph(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any("\n\n" in t.text for t in a.doc[low:high])


def _hyphenated(token: Token) -> tuple[int, int] | None:
    """Token indexes ``[first, last]`` of the hyphenated word ``token`` is part of
    (``Commander``, ``-``, ``in``, ``-``, ``chief``), or None when it stands alone."""
    doc = token.doc
    text, start, end = doc_text(doc), token.idx, token.idx + len(token)
    if text[end : end + 1] != "-" and text[start - 1 : start] != "-":
        return None  # the usual case, read from the text without visiting tokens
    first = last = token.i
    while first >= 2 and doc[first - 1].text == "-" and _glued(doc, first - 2, first):
        first -= 2
    while last + 2 < len(doc) and doc[last + 1].text == "-" and _glued(doc, last, last + 2):
        last += 2
    return (first, last) if last > first else None


def _glued(doc: Doc, left: int, right: int) -> bool:
    """True when the tokens from ``left`` to ``right`` are written with no space between."""
    return all(not doc[i].whitespace_ for i in range(left, right)) and all(
        doc[i].is_alpha or doc[i].like_num for i in (left, right)
    )


def _phrase(token: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``token`` (modifiers, short of-phrase)."""
    doc = token.doc
    ent = entity_at(doc, token.i)
    if ent is not None and ent.label_ in _NAME_LABELS:
        start, end = ent.start, ent.end
    else:
        start = end = token.i
        for child in token.lefts:
            if child.dep_ in _PHRASE_DEPS:
                start = min(start, child.left_edge.i)

        end = token.i + 1
        if token.pos_ != "PROPN":
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ in _PHRASE_PREPS:
                    right = child.right_edge.i + 1
                    if right - token.i <= 6:
                        end = right
    if token.pos_ == "PROPN":  # "Ana Kovacevic" with "Ana" left out of the entity
        while start > token.sent.start and doc[start - 1].pos_ == "PROPN":
            start -= 1
    while start < end - 1 and (
        doc[start].lower_.rstrip(".") in _TITLE_WORDS or doc[start].pos_ in ("DET", "PUNCT")
    ):
        start += 1
    while end - 1 > start and doc[end - 1].pos_ == "PART":  # possessive 's
        end -= 1
    hyphenated = _hyphenated(token)
    if hyphenated is not None:  # "the Commander-in-chief": one word, whichever token heads it
        start, end = min(start, hyphenated[0]), max(end, hyphenated[1] + 1)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


class SpeakerResolver:
    """Resolve speaker tokens of one document in reading order (keeps the latest speakers)."""

    def __init__(self, doc: Doc, *, quoted: list[tuple[int, int]] | None = None) -> None:
        """``quoted``: spans of direct quotes, whose names are not antecedents."""
        self.doc = doc
        self.text = doc_text(doc)
        self.history: list[tuple[Speaker, int]] = []
        self.quoted = quoted or []
        self.brackets = _bracketed(self.text)
        self.names = sorted(
            [
                (e.start_char, e.end_char, _clean(e.text), e.label_)
                for e in entities(doc)
                if e.label_ in ("PERSON", "ORG")
            ]
            + _unlabelled_subject_names(doc)
        )
        self.person_names = [
            frozenset(n[2].lower().split())
            for n in self.names
            if n[3] == "PERSON" and len(n[2].split()) > 1
        ]
        self.person_words = frozenset().union(*self.person_names)
        self.names = [
            (start, end, name, "PERSON" if label == "ORG" and self._known_person(name) else label)
            for start, end, name, label in self.names
        ]
        self.gender: dict[str, str] = _gender_by_honorific(doc, self.names)
        #: (offset, head noun, speaker) of each description resolved to a speaker
        self.described: list[tuple[int, str, Speaker]] = []

    def resolve(self, token: Token, *, at: int) -> Speaker:
        """Return the speaker ``token`` stands for; remember it as speaking at offset ``at``."""
        speaker = self._resolve(token)
        self.remember(speaker, at=at)
        title = _title_of(token)
        if title is not None and speaker.name.lower() != title:
            self.described.append((token.idx, title, speaker))
        if token.lower_ in _MALE | _FEMALE and speaker.person_like:
            self.gender[speaker.name] = "m" if token.lower_ in _MALE else "f"
        return speaker

    def mention(self, token: Token) -> tuple[int, int]:
        """``[start, end)`` of the words at the cue that stand for the speaker."""
        if token.pos_ == "PRON":
            return token.idx, token.idx + len(token)
        start, end = _phrase(token)
        named = _named_apposition(token)
        if named is not None:  # "A spokeswoman for the campaign, Kate Waters, said"
            n_start, n_end = _phrase(named)
            start, end = min(start, n_start), max(end, n_end)
        return start, end

    def remember(self, speaker: Speaker, *, at: int) -> None:
        """Record a speaker found some other way (``according to X``) as speaking at ``at``."""
        self.history.append((speaker, at))

    def latest(self, before: int, *, within: int = _ANTECEDENT_WINDOW) -> Speaker | None:
        """The latest speaker of speech before offset ``before``, at most ``within``
        characters back (default: the look-back window)."""
        event = self._latest_event(before, within=within)
        return event[0] if event else None

    def _latest_event(
        self, before: int, *, within: int = _ANTECEDENT_WINDOW
    ) -> tuple[Speaker, int] | None:
        return next(
            ((s, at) for s, at in reversed(self.history) if at < before and before - at <= within),
            None,
        )

    def _known_person(self, name: str) -> bool:
        """True when every word of ``name`` is a word of a longer person's name in the text."""
        words = set(name.lower().split())
        if not words <= self.person_words:
            return False
        return any(words < full for full in self.person_names)

    def _remembered(self, title: str, before: int) -> Speaker | None:
        """The speaker the latest earlier description with head noun ``title`` stood for."""
        return next(
            (
                speaker
                for at, noun, speaker in reversed(self.described)
                if noun == title and at < before and before - at <= _ANTECEDENT_WINDOW
            ),
            None,
        )

    def _resolve(self, token: Token) -> Speaker:
        if token.lower_ in _INDEFINITE and token.pos_ in ("PRON", "DET"):
            return self._literal(token)  # "Another wrote": someone new
        hyphenated = _hyphenated(token)
        if hyphenated is not None:
            found = self._hyphenated_title(token, hyphenated)
            if found is not None:
                return found
        if token.pos_ == "PRON":
            person = token.lower_ in PERSON_PRONOUNS
            return self._antecedent(token, person=person) or self._literal(token)
        lefts = [c for c in token.lefts if c.dep_ != "punct"]
        definite = bool(lefts) and lefts[0].lower_ in ("the", "this")
        definite = definite and (token.pos_ == "NOUN" or token.lemma_.lower() in PERSON_NOUNS)
        if definite and not any(c.dep_ == "poss" for c in lefts):
            described = self._described(token)
            if described is not None:
                return described
        named = next(
            (c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None
        )
        if named is not None and token.pos_ == "NOUN":
            token = named  # "a researcher with the organisation, Matthew Collins, said"
        start, end = _phrase(token)
        phrase = self.text[start:end]
        bare = [c.lower_ for c in token.lefts] in (["the"], ["this"])
        title = token.lemma_.lower() in PERSON_NOUNS and token.ent_type_ != "PERSON"
        if token.pos_ == "PROPN" and not (bare and title):
            person = token.ent_type_ not in ("ORG", "GPE", "NORP", "FAC")
            person = person or self._known_person(_clean(phrase))
            return self._full_name(phrase, start, end, person=person)
        if token.ent_type_ in ("PERSON", "ORG") and not (bare and title):
            person = token.ent_type_ == "PERSON" or self._known_person(_clean(phrase))
            return self._full_name(phrase, start, end, person=person)
        person = is_person_noun(token) or (bare and title)
        if person and bare:
            lemma = token.lemma_.lower()
            titled = self._titled(lemma, token.sent.start_char)
            found = titled or self._remembered(lemma, token.idx)
            found = found or self._antecedent(token, person=True)
            if found is not None:
                return found
        return Speaker(name=phrase, start=start, end=end, person_like=person)

    def _hyphenated_title(self, token: Token, span: tuple[int, int]) -> Speaker | None:
        """``the Commander-in-chief``: the person introduced with that title (or the one it
        stands for), else the one the same title stood for before, else the latest person."""
        word = _hyphenated_title_word(token.doc, span)
        if word is None or span[0] == 0 or token.doc[span[0] - 1].lower_ not in ("the", "this"):
            return None
        title = _TITLE_SYNONYMS.get(word, word)
        found = self._titled(title, token.sent.start_char) or self._remembered(word, token.idx)
        return found or self._antecedent(token, person=True)

    def _literal(self, token: Token) -> Speaker:
        return Speaker(
            name=token.text, start=token.idx, end=token.idx + len(token), person_like=False
        )

    def _described(self, token: Token) -> Speaker | None:
        """``the spokesman``: the person introduced with that title; ``the source``/``the
        activist``: the latest speaker whose phrase has that noun (``a source at …``);
        ``the department``: the latest organisation whose name has it; ``the group``/``the
        newspaper``: the latest speaker that is not a person, else the latest organisation.
        Documents (``the statement``) speak as themselves."""
        noun = token.lower_
        lemma = token.lemma_.lower()
        if is_person_noun(token) or lemma in PERSON_NOUNS:
            titled = self._titled(lemma, token.sent.start_char)
            found = titled or self._remembered(lemma, token.idx)
            found = found or self._titled_later(lemma, token.idx)
            if found is not None:
                return found
        for speaker, at in reversed(self.history):
            if at >= token.idx or token.idx - at > _ANTECEDENT_WINDOW:
                continue
            words = [w.strip(".,").lower() for w in speaker.name.split()]
            if (noun in words or lemma in words) and len(words) > 1:
                return speaker
        if is_person_noun(token) or lemma not in BODY_NOUNS:
            return None
        for start, end, name, label in reversed(self.names):
            words = [w.lower() for w in name.split()]
            near = 0 <= token.idx - start <= _ANTECEDENT_WINDOW and end <= token.idx
            if label == "ORG" and near and (noun in words or lemma in words):
                return Speaker(name=name, start=start, end=end, person_like=False)
        return self._organisation(token) if lemma in _COLLECTIVE_NOUNS else None

    def _organisation(self, token: Token) -> Speaker | None:
        event = next(
            (
                (s, at)
                for s, at in reversed(self.history)
                if at < token.idx and token.idx - at <= _ANTECEDENT_WINDOW and not s.person_like
            ),
            None,
        )
        orgs = [n for n in self.names if n[3] == "ORG" and self._antecedent_ok(n, token)]
        if orgs and (event is None or orgs[-1][0] > event[1]):
            start, end = orgs[-1][0], orgs[-1][1]
            return self._full_name(self.text[start:end], start, end, person=False)
        return event[0] if event else None

    def _antecedent(self, token: Token, *, person: bool) -> Speaker | None:
        """For ``it``/``they``: the latest speaker that is not a person (``they``: or a plural
        one), else the latest organisation. For ``he``/``she``/``the senator``: the latest
        person who spoke or was named as a subject, whichever came last, of the same gender
        when it is known."""
        if not person:
            event = self._latest_event(token.idx)
            plural = token.lower_ in ("they", "them")
            if plural and event is not None:
                group = not event[0].person_like or event[0].name.lower().endswith("s")
                if group:
                    return event[0]
            found = self._organisation(token)
            if found is None and plural and event is not None:
                return event[0]
            return found
        gender = "m" if token.lower_ in _MALE else "f" if token.lower_ in _FEMALE else None

        def agrees(name: str) -> bool:
            known = self.gender.get(name)
            return gender is None or known is None or known == gender

        spoke = next(
            (
                (s, at)
                for s, at in reversed(self.history)
                if at < token.idx and s.person_like and agrees(s.name)
            ),
            None,
        )
        people = [
            n
            for n in self.names
            if n[3] == "PERSON"
            and self._antecedent_ok(n, token)
            and agrees(self._full_name(n[2], n[0], n[1]).name)
        ]
        if people and (spoke is None or people[-1][0] > spoke[1]):
            start, end, _, _ = people[-1]
            return self._full_name(self.text[start:end], start, end)
        if spoke is None and gender is not None:
            # no subject agrees: a person of that gender named in any role ("met Ms. Ann Lee")
            known = [
                n
                for n in self.names
                if n[3] == "PERSON"
                and n[1] <= token.idx
                and token.idx - n[0] <= _ANTECEDENT_WINDOW
                and self.gender.get(self._full_name(n[2], n[0], n[1]).name) == gender
            ]
            if known:
                start, end, _, _ = known[-1]
                return self._full_name(self.text[start:end], start, end)
        return spoke[0] if spoke else None

    def _antecedent_ok(self, name: tuple[int, int, str, str], token: Token) -> bool:
        """A person mention can be an antecedent when it is a subject, before ``token``."""
        start, end = name[0], name[1]
        if end > token.idx or token.idx - start > _ANTECEDENT_WINDOW:
            return False
        if any(q_start <= start < q_end for q_start, q_end in self.quoted + self.brackets):
            return False
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass", "appos", "ROOT"):
            return True
        return root.dep_ == "pobj" and root.head.dep_ == "agent"

    def _full_name(self, phrase: str, start: int, end: int, *, person: bool = True) -> Speaker:
        """Expand a short form to the longest name before it (or anywhere) that contains it."""
        words = set(phrase.lower().split())
        best = _clean(phrase)
        for n_start, _, name, _ in self.names:
            if len(name) > len(best) and words <= set(name.lower().split()):
                if n_start <= start or best == _clean(phrase):
                    best = name
        return Speaker(name=best, start=start, end=end, person_like=person)

    def _titled(self, noun: str, before: int) -> Speaker | None:
        """``the spokesman`` -> the person introduced with that title in an earlier sentence.

        The title must be attached to the name: ``spokesman Mark Toner`` (compound) or
        ``Leeann Tweeden, a radio news anchor`` (apposition).
        """
        for n_start, n_end, name, label in reversed(self.names):
            if label != "PERSON" or n_end >= before or before - n_start > _ANTECEDENT_WINDOW:
                continue
            if self._has_title(n_start, n_end, noun):
                return Speaker(name=name, start=n_start, end=n_end, person_like=True)
        return None

    def _titled_later(self, noun: str, after: int) -> Speaker | None:
        """``said the frontline commander. … commander Kamal Kirkuki told …``: with no one
        introduced by that title before, the first person given it just after (cataphora)."""
        for n_start, n_end, name, label in self.names:
            if label != "PERSON" or n_start <= after or n_start - after > _CATAPHORA_WINDOW:
                continue
            if self._has_title(n_start, n_end, noun):
                return Speaker(name=name, start=n_start, end=n_end, person_like=True)
        return None

    def _has_title(self, start: int, end: int, noun: str) -> bool:
        """True when the name at ``[start, end)`` carries the title ``noun``."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        linked = [c.lemma_.lower() for c in root.children if c.dep_ in ("compound", "appos")]
        if root.dep_ == "appos":
            linked.append(root.head.lemma_.lower())
        if span.start > 0:  # "Sen. Al Franken" -> the senator
            title = self.doc[span.start - 1].lower_.rstrip(".")
            linked.append(_TITLE_NOUNS.get(title, title))
        return noun in linked


def _gender_by_honorific(doc: Doc, names: list[tuple[int, int, str, str]]) -> dict[str, str]:
    """``Mr. Tom Reed`` is male, ``Ms. Ann Lee`` female: the gender the text shows for a name."""
    found: dict[str, str] = {}
    text = doc_text(doc)
    for start, _, name, label in names:
        if label != "PERSON":
            continue
        before = text[max(0, start - 6) : start].split()
        word = before[-1].lower().rstrip(".") if before else ""
        if word in ("mr", "mrs", "ms", "miss"):
            found[name] = "m" if word == "mr" else "f"
    return found


def _bracketed(text: str) -> list[tuple[int, int]]:
    """Spans inside parentheses: an aside (``(South Bend Mayor Pete Buttigieg is also …)``)
    names no antecedent for the pronoun after it."""
    spans, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth, start = depth + 1, index if depth == 0 else start
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    return spans


def _unlabelled_subject_names(doc: Doc) -> list[tuple[int, int, str, str]]:
    """Proper-noun subjects the entity recogniser missed ("Police Chief U. Reneé Hall gave"),
    taken as person names."""
    found = []
    text = doc_text(doc)
    for token in (doc[i] for i in token_indexes(doc, "dep", {"nsubj"})):
        if token.dep_ == "nsubj" and token.pos_ == "PROPN" and not token.ent_type_:
            start, end = _phrase(token)
            words = text[start:end].split()
            body = token.lemma_.lower() in _NOT_PERSON_WORDS
            if len(words) >= 2 and not body and all(w[:1].isupper() for w in words):
                found.append((start, end, _clean(text[start:end]), "PERSON"))
    return found


#: Words that make a capitalised subject a body, not a person ("terror Group on Peshmerga").
_NOT_PERSON_WORDS = BODY_NOUNS | frozenset(
    "front forces brigade brigades movement center centre institute observatory ministry".split()
)


def _clean(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS | {"the", "a", "an"}:
        words = words[1:]
    cleaned = " ".join(words)
    for suffix in ("’s", "'s"):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
    return cleaned


def _title_of(token: Token) -> str | None:
    """The head noun of a description (``duke`` for ``The Duke of Sussex`` and ``the duke``,
    ``commander-in-chief``), or None for names and pronouns."""
    hyphenated = _hyphenated(token)
    if hyphenated is not None:
        return _hyphenated_title_word(token.doc, hyphenated)
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN") and (lemma in PERSON_NOUNS or is_person_noun(token)):
        return lemma
    return None


def _hyphenated_title_word(doc: Doc, span: tuple[int, int]) -> str | None:
    """``commander-in-chief`` for the tokens of ``Commander-in-chief``, when a part of the
    word is a person noun (a title) or it gives an age (``16-year-old``); None for other
    hyphenated words (``Ocasio-Cortez``)."""
    first, last = doc[span[0]], doc[span[1]]
    word = doc_text(doc)[first.idx : last.idx + len(last)].lower()
    titled = any(part in PERSON_NOUNS for part in word.split("-"))
    return word if titled or word.endswith("-year-old") else None


def _named_apposition(token: Token) -> Token | None:
    """The person's name set beside a common-noun subject (``a spokeswoman …, Kate Waters``)."""
    if token.pos_ != "NOUN":
        return None
    return next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
