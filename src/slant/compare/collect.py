"""Gather one side of a comparison from stored analyses, one document at a time.

A :class:`SideCollector` reads each document's stored ``slant.analysis/1`` fields (and its
text, for term counts) once, keeps per-document numbers for the bootstrap (words, technique
counts, technique counts by voice, tone, frames) and corpus-level tallies (speakers, outlets,
actors with their descriptors and roles, casualties), and remembers at most
:data:`EXAMPLES` evidence spans per item as ``(document id, start, end)``. In subject mode
only the findings inside the subject windows count (:mod:`.spans`); frames and roles stay
article-level judgements of the documents that mention the subject, since the analyzers give
them per article.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from ..analysis import CASUALTY_CATEGORIES, FRAMES, ROLES, RoleName
from ..techniques.calibration import min_score_for
from .boilerplate import Boilerplate, Exclusions
from .spans import Span, inside, subject_windows
from .terms import TermCounts

__all__ = ["EXAMPLES", "FRAME_PRESENT", "UNATTRIBUTED", "Evidence", "SideCollector", "actor_key"]

#: Evidence spans kept per item (term, technique, speaker, descriptor, role, ...).
EXAMPLES = 3
#: A frame counts as present in an article when its probability reaches this.
FRAME_PRESENT = 0.5
#: The voice key of technique findings stored without one (before ``techniques.v3``).
UNATTRIBUTED = "unattributed"

Evidence = tuple[str, int, int]
#: One document's stored ``slant.analysis/1`` fields, as JSON-shaped values.
Fields = dict[str, Any]


def actor_key(name: str) -> str:
    """The key that joins one actor across documents and sides.

    >>> actor_key("The  Syrian Army")
    'syrian army'
    """
    words = name.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class _Examples(defaultdict[Any, list[Evidence]]):
    """Evidence spans per key, at most :data:`EXAMPLES` each."""

    def __init__(self, factory: Callable[[], list[Evidence]] = list) -> None:
        super().__init__(factory)  # the factory argument lets a pickled copy rebuild itself

    def add(self, key: Any, evidence: Evidence) -> None:
        found = self[key]
        if len(found) < EXAMPLES:
            found.append(evidence)


class SideCollector:
    """Everything one side contributes to a comparison (see module docstring)."""

    def __init__(
        self,
        *,
        subject: re.Pattern[str] | None = None,
        window: int = 0,
        boilerplate: Boilerplate | None = None,
        min_score: float | None = None,
    ) -> None:
        self.terms = TermCounts()
        #: Techniques scored below this are not counted (None: the operating point, see
        #: :func:`~slant.techniques.calibration.min_score_for`).
        self.min_score = min_score
        #: Datelines, bylines and recurring boilerplate, blanked before terms are counted.
        self.boilerplate = boilerplate
        self.exclusions = Exclusions()
        self.sources: Counter[str] = Counter()
        self.subject = subject
        self.window = window
        self.document_ids: list[str] = []
        self.words: list[int] = []
        self.tones: list[float | None] = []
        self.technique_counts: list[Counter[str]] = []
        self.voice_counts: list[Counter[str]] = []
        self.frames: list[dict[str, float] | None] = []
        self.windows: dict[str, list[Span]] = {}
        self.examples: dict[str, _Examples] = defaultdict(_Examples)
        self.speakers: Counter[str] = Counter()
        self.outlets: Counter[str] = Counter()
        self.casualties: Counter[str] = Counter()
        self.casualty_documents = 0
        self.names: dict[str, Counter[str]] = defaultdict(Counter)
        self.actor_documents: Counter[str] = Counter()
        self.descriptors: dict[str, Counter[str]] = defaultdict(Counter)
        self.roles: dict[str, Counter[RoleName]] = defaultdict(Counter)
        self._keys: dict[str, str] = {}
        self.saddest: list[tuple[float, Evidence]] = []
        self.happiest: list[tuple[float, Evidence]] = []

    def add(self, meta: dict[str, Any], fields: dict[str, Any], text: str) -> bool:
        """Add one annotated document; False (and nothing added) when the subject is absent."""
        doc_id = meta["id"]
        sentences = (fields.get("tone") or {}).get("sentences") or []
        windows = None
        if self.subject is not None:
            windows = subject_windows(text, self.subject, sentences=sentences, window=self.window)
            if not windows:
                return False
        news = self.masked(text, meta.get("source"), record=True)
        if meta.get("source"):
            self.sources[meta["source"]] += 1
        if windows is not None:
            self.windows[doc_id] = windows
            self.terms.add_texts(news[s:e] for s, e in windows)
            self.words.append(sum(len(text[s:e].split()) for s, e in windows))
        else:
            self.terms.add_text(news)
            self.words.append(int(meta.get("words") or len(text.split())))
        self.document_ids.append(doc_id)
        self._tone(doc_id, fields, sentences, windows)
        version = (meta.get("analyzers") or {}).get("techniques")
        lowest = min_score_for(self.min_score, version)
        shown = [t for t in fields.get("techniques") or [] if t["score"] >= lowest]
        self._techniques(doc_id, shown, windows)
        self._frames(doc_id, fields)
        self._voices(doc_id, fields, windows)
        self._actors(doc_id, fields.get("actors") or [], windows)
        self._casualties(doc_id, fields, windows)
        return True

    def masked(self, text: str, source: str | None, *, record: bool = False) -> str:
        """``text`` with the side's boilerplate blanked (offsets kept); ``record`` notes what
        was left out in :attr:`exclusions`."""
        if self.boilerplate is None:
            return text
        return self.boilerplate.mask(text, source, self.exclusions if record else None)

    def _tone(
        self,
        doc_id: str,
        fields: Fields,
        sentences: list[dict[str, Any]],
        windows: list[Span] | None,
    ) -> None:
        chosen = sentences
        if windows is not None:
            chosen = [s for s in sentences if inside(s["start"], s["end"], windows)]
        if windows is None and fields.get("tone") is not None:
            self.tones.append(float(fields["tone"]["compound"]))
        elif chosen:
            self.tones.append(sum(s["compound"] for s in chosen) / len(chosen))
        else:
            self.tones.append(None)
        if chosen:  # one candidate per document and direction keeps the examples varied
            low = min(chosen, key=lambda s: s["compound"])
            high = max(chosen, key=lambda s: s["compound"])
            _keep_extreme(self.saddest, (-low["compound"], (doc_id, low["start"], low["end"])))
            _keep_extreme(self.happiest, (high["compound"], (doc_id, high["start"], high["end"])))

    def _techniques(
        self, doc_id: str, techniques: list[dict[str, Any]], windows: list[Span] | None
    ) -> None:
        counts: Counter[str] = Counter()
        voices: Counter[str] = Counter()
        for found in techniques:
            if inside(found["start"], found["end"], windows):
                evidence = (doc_id, found["start"], found["end"])
                counts[found["technique"]] += 1
                self.examples["technique"].add(found["technique"], evidence)
                voice = found.get("voice") or UNATTRIBUTED
                voices[voice] += 1
                self.examples["technique_voice"].add(voice, evidence)
        self.technique_counts.append(counts)
        self.voice_counts.append(voices)

    def _frames(self, doc_id: str, fields: Fields) -> None:
        frames = fields.get("frames")
        self.frames.append(frames)
        if not frames:
            return
        evidence = fields.get("frame_evidence") or {}
        for frame in FRAMES:
            if (frames.get(frame) or 0.0) >= FRAME_PRESENT:
                for item in evidence.get(frame) or []:
                    self.examples["frame"].add(frame, (doc_id, item["start"], item["end"]))

    def _voices(self, doc_id: str, fields: Fields, windows: list[Span] | None) -> None:
        for quote in fields.get("quotes") or []:
            speaker = quote.get("speaker")
            if speaker and inside(quote["content_start"], quote["content_end"], windows):
                key = actor_key(speaker)
                self.speakers[key] += 1
                self.names[key][speaker] += 1
                evidence = (doc_id, quote["content_start"], quote["content_end"])
                self.examples["speaker"].add(key, evidence)
        for citation in fields.get("citations") or []:
            outlet = citation.get("outlet")
            if outlet and inside(citation["start"], citation["end"], windows):
                self.outlets[outlet] += 1
                self.examples["outlet"].add(outlet, (doc_id, citation["start"], citation["end"]))

    def _actors(
        self, doc_id: str, actors: list[dict[str, Any]], windows: list[Span] | None
    ) -> None:
        descriptor_examples, role_examples = self.examples["descriptor"], self.examples["role"]
        for actor in actors:
            mentions = actor.get("mentions") or []
            if windows is not None:
                mentions = [m for m in mentions if inside(m[0], m[1], windows)]
            if not mentions:
                continue
            key = self._keys.get(actor["name"]) or self._keys.setdefault(
                actor["name"], actor_key(actor["name"])
            )
            self.actor_documents[key] += 1
            self.names[key][actor["name"]] += 1
            counts = self.descriptors[key]
            for descriptor in actor.get("descriptors") or []:
                start, end = descriptor["start"], descriptor["end"]
                if windows is None or inside(start, end, windows):
                    text = " ".join(descriptor["text"].lower().split())
                    counts[text] += 1
                    if counts[text] <= EXAMPLES:
                        descriptor_examples.add((key, text), (doc_id, start, end))
            role = actor.get("role")
            if role in ROLES:
                self.roles[key][role] += 1
                role_examples.add((key, role), (doc_id, mentions[0][0], mentions[0][1]))

    def _casualties(self, doc_id: str, fields: Fields, windows: list[Span] | None) -> None:
        killed_claims = [
            c
            for c in fields.get("claims") or []
            if c.get("event") == "killed" and inside(c["start"], c["end"], windows)
        ]
        if windows is None:
            killed = ((fields.get("casualties") or {}).get("killed")) or {}
            reported = {k: int(killed.get(k) or 0) for k in CASUALTY_CATEGORIES}
        else:
            reported = dict.fromkeys(CASUALTY_CATEGORIES, 0)
            for claim in killed_claims:
                if claim.get("category") in reported:
                    category = claim["category"]
                    reported[category] = max(reported[category], int(claim["value"]))
        if any(reported.values()):
            self.casualty_documents += 1
        self.casualties.update(reported)
        for claim in killed_claims:
            if reported.get(claim.get("category")):
                evidence = (doc_id, claim["start"], claim["end"])
                self.examples["casualties"].add(claim["category"], evidence)

    @property
    def documents(self) -> int:
        return len(self.document_ids)


def _keep_extreme(heap: list[tuple[float, Evidence]], item: tuple[float, Evidence]) -> None:
    if len(heap) < EXAMPLES:
        heapq.heappush(heap, item)
    elif item[0] > heap[0][0]:
        heapq.heapreplace(heap, item)
