"""The typed result of analyzing one document, and its JSON form (schema ``slant.analysis/1``).

Findings are frozen dataclasses whose field names are the JSON keys of DESIGN.md; every
``start``/``end`` indexes ``Document.text``. :class:`Analysis` gathers them, serialises with
:meth:`Analysis.to_json` and renders as highlighted HTML in Jupyter (``_repr_html_``, with the
view that :mod:`slant.report` registers by :func:`register_html_view`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, get_args

from .document import Document

__all__ = [
    "CASUALTY_CATEGORIES",
    "CLAIM_CATEGORIES",
    "CLAIM_EVENTS",
    "DESCRIPTOR_RELATIONS",
    "FRAMES",
    "QUOTE_KINDS",
    "ROLES",
    "SCHEMA",
    "TECHNIQUE_VOICES",
    "TechniqueVoice",
    "Actor",
    "ClaimCategory",
    "ClaimEvent",
    "DescriptorRelation",
    "FrameName",
    "QuoteKind",
    "Role",
    "RoleName",
    "fields_view",
    "register_html_view",
    "stored_fields",
    "Analysis",
    "Citation",
    "Claim",
    "Descriptor",
    "Quote",
    "ScareQuote",
    "SentenceTone",
    "Technique",
    "Tone",
]

SCHEMA = "slant.analysis/1"

# The vocabularies of slant.analysis/1: each Literal is the type, each tuple its values.
QuoteKind = Literal["direct", "indirect", "according_to"]
DescriptorRelation = Literal["modifier", "apposition", "predicate", "scare_quote", "label"]
ClaimCategory = Literal["civilians", "children", "women", "combatants", "people", "other"]
ClaimEvent = Literal["killed", "injured", "trapped", "displaced", "detained", "other"]
FrameName = Literal["resolution", "human_interest", "conflict", "morality", "economic"]
RoleName = Literal["hero", "villain", "victim"]
TechniqueVoice = Literal["author", "quoted"]

QUOTE_KINDS: tuple[QuoteKind, ...] = get_args(QuoteKind)
DESCRIPTOR_RELATIONS: tuple[DescriptorRelation, ...] = get_args(DescriptorRelation)
CLAIM_CATEGORIES: tuple[ClaimCategory, ...] = get_args(ClaimCategory)
CLAIM_EVENTS: tuple[ClaimEvent, ...] = get_args(ClaimEvent)
FRAMES: tuple[FrameName, ...] = get_args(FrameName)
ROLES: tuple[RoleName, ...] = get_args(RoleName)
TECHNIQUE_VOICES: tuple[TechniqueVoice, ...] = get_args(TechniqueVoice)
#: The categories counted in ``casualties`` (the person categories of a claim but "people").
CASUALTY_CATEGORIES: tuple[ClaimCategory, ...] = ("civilians", "children", "women", "combatants")


@dataclass(frozen=True)
class Technique:
    """A span that uses a persuasion technique (one of the 14 SemEval-2020 labels).

    ``score`` is the calibrated probability that a gold propaganda span overlaps the words
    (``slant/models/techniques/MODEL.md``). ``voice`` says whose words they are: ``author``,
    or ``quoted`` with the index of the quote in ``Analysis.quotes`` (``quote``) and its
    speaker (:mod:`slant.techniques.voice`); ``None`` in results stored before voices existed.
    """

    technique: str
    start: int
    end: int
    text: str
    score: float
    explanation: str = ""
    voice: TechniqueVoice | None = None
    quote: int | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class Quote:
    """Reported speech: ``kind`` is ``direct``, ``indirect`` or ``according_to``.

    ``speaker`` is the resolved name and ``speaker_start``/``speaker_end`` where the text names
    it; ``speaker_mention_start``/``speaker_mention_end`` are the words at the cue that stand
    for the speaker in this sentence (``she``, ``the ministry``), None when nothing does.
    """

    kind: QuoteKind
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    content: str
    content_start: int
    content_end: int
    speaker_mention_start: int | None = None
    speaker_mention_end: int | None = None


@dataclass(frozen=True)
class Citation:
    """An explicit reference to another medium (outlet, and title/author/date when given)."""

    title: str | None
    author: str | None
    outlet: str | None
    date: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Descriptor:
    """Words the text applies to an actor; ``relation`` says how they attach."""

    text: str
    start: int
    end: int
    relation: DescriptorRelation


@dataclass(frozen=True)
class Actor:
    """A person, organisation, place or group, with its merged mentions and descriptors.

    ``role`` and ``role_score`` repeat the actor's :class:`Role` (the ``roles`` field, set by
    the ``roles`` analyzer) when it ran; :func:`fields_view` is the one place that fills them.
    """

    name: str
    type: str
    mentions: list[tuple[int, int]]
    descriptors: list[Descriptor] = field(default_factory=list)
    tone: float | None = None
    times_quoted: int = 0
    role: str | None = None
    role_score: float | None = None


@dataclass(frozen=True)
class Claim:
    """A quantity about people or things, with what happened to them, where and when."""

    value: float
    text: str
    start: int
    end: int
    category: ClaimCategory
    event: ClaimEvent
    place: str | None = None
    date: str | None = None
    approximate: bool = False
    bound: str | None = None


@dataclass(frozen=True)
class Role:
    """The narrative role the text casts an actor in (None: no role beats "none"), the best
    role's probability, and the sentences that mention the actor (the first few)."""

    actor: str
    role: RoleName | None
    score: float
    evidence: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class ScareQuote:
    """A word or short phrase put in quotes to distance the writer from it."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SentenceTone:
    """VADER compound score of one sentence."""

    start: int
    end: int
    compound: float


@dataclass(frozen=True)
class Tone:
    """Document tone: mean compound score of its sentences, and each sentence's score."""

    compound: float
    sentences: list[SentenceTone] = field(default_factory=list)


_NESTED: dict[str, type] = {
    "techniques": Technique,
    "quotes": Quote,
    "citations": Citation,
    "claims": Claim,
    "scare_quotes": ScareQuote,
}


def _actor_from_dict(data: dict[str, Any]) -> Actor:
    data = dict(data)
    data["mentions"] = [tuple(m) for m in data.get("mentions", [])]
    data["descriptors"] = [Descriptor(**d) for d in data.get("descriptors", [])]
    return Actor(**_known(Actor, data))


def _role_from_dict(data: dict[str, Any]) -> Role:
    data = dict(data)
    data["evidence"] = [tuple(e) for e in data.get("evidence", [])]
    return Role(**_known(Role, data))


def _tone_from_dict(data: dict[str, Any] | None) -> Tone | None:
    if data is None:
        return None
    sentences = [SentenceTone(**s) for s in data.get("sentences", [])]
    return Tone(compound=data["compound"], sentences=sentences)


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def fields_view(values: dict[str, Any]) -> dict[str, Any]:
    """JSON-shaped fields as ``slant.analysis/1`` shows them: ``actors[].role`` and
    ``role_score`` filled from the ``roles`` field (matched by actor name) when it is there.

    The one place where a field repeats another: the store merges fields by owner, in any
    order, and this view derives the repetition afterwards.

    >>> view = fields_view({"actors": [{"name": "Aleppo"}],
    ...                     "roles": [{"actor": "Aleppo", "role": "victim", "score": 0.8}]})
    >>> view["actors"][0]["role"], view["actors"][0]["role_score"]
    ('victim', 0.8)
    """
    roles = values.get("roles")
    if roles is None or "actors" not in values:
        return values
    by_actor = {r["actor"]: r for r in roles}
    actors = []
    for actor in values["actors"]:
        cast = by_actor.get(actor.get("name"))
        if cast is not None:
            actor = {**actor, "role": cast["role"], "role_score": cast["score"]}
        actors.append(actor)
    return {**values, "actors": actors}


def _roles_from_cast_actors(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "roles": [
            {
                "actor": a["name"],
                "role": a.get("role"),
                "score": a.get("role_score"),
                "evidence": [],
            }
            for a in result.get("actors", [])
            if a.get("role_score") is not None
        ]
    }


# Stored results whose shape an older slant wrote: (analyzer, field it no longer sets) -> upgrade.
_UPGRADES: dict[tuple[str, str], Callable[[dict[str, Any]], dict[str, Any]]] = {
    # roles.v1 rows written by slant 0.1.0 rewrote the whole ``actors`` field.
    ("roles", "actors"): _roles_from_cast_actors,
}


def stored_fields(analyzer: str, result: dict[str, Any]) -> dict[str, Any]:
    """The fields of one stored analyzer result, in today's shape (older rows upgraded).

    >>> stored_fields("roles", {"actors": [{"name": "X", "role": "hero", "role_score": 0.7}]})
    {'roles': [{'actor': 'X', 'role': 'hero', 'score': 0.7, 'evidence': []}]}
    """
    for (name, old_field), upgrade in _UPGRADES.items():
        if analyzer == name and old_field in result:
            return upgrade(result)
    return result


@dataclass
class Analysis:
    """Everything slant found in one document.

    A field is ``None`` (lists: empty) when the analyzer that fills it did not run;
    ``analyzers`` maps each analyzer that ran to its version.
    """

    document: Document
    techniques: list[Technique] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    casualties: dict[str, dict[str, int]] | None = None
    scare_quotes: list[ScareQuote] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    tone: Tone | None = None
    frames: dict[str, float] | None = None
    frame_evidence: dict[str, list[dict[str, Any]]] | None = None
    language: dict[str, Any] | None = None
    analyzers: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the ``slant.analysis/1`` dictionary."""
        doc = self.document
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "document": {
                "id": doc.id,
                "title": doc.title,
                "source": doc.source,
                "date": doc.date,
                "url": doc.url,
                "length": len(doc.text),
                "language": (self.language or {}).get("code"),
            },
        }
        for f in fields(self):
            if f.name == "document":
                continue
            value = getattr(self, f.name)
            if isinstance(value, list):
                out[f.name] = [asdict(v) for v in value]
            elif value is not None and hasattr(value, "__dataclass_fields__"):
                out[f.name] = asdict(value)
            else:
                out[f.name] = value
        for actor in out["actors"]:
            actor["mentions"] = [list(m) for m in actor["mentions"]]
        for role in out["roles"]:
            role["evidence"] = [list(e) for e in role["evidence"]]
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the ``slant.analysis/1`` JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_fields(cls, document: Document, values: dict[str, Any]) -> Analysis:
        """Build an Analysis from JSON-shaped field values (as stored), ignoring unknown keys."""
        kwargs: dict[str, Any] = {}
        for name, value in fields_view(values).items():
            if name == "roles":
                kwargs[name] = [_role_from_dict(r) for r in value]
            elif name in _NESTED:
                kwargs[name] = [_NESTED[name](**_known(_NESTED[name], v)) for v in value]
            elif name == "actors":
                kwargs[name] = [_actor_from_dict(a) for a in value]
            elif name == "tone":
                kwargs[name] = _tone_from_dict(value)
            elif name in {f.name for f in fields(cls)} and name != "document":
                kwargs[name] = value
        return cls(document=document, **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str) -> Analysis:
        """Rebuild an Analysis from its ``slant.analysis/1`` dictionary and the document text."""
        meta = data.get("document", {})
        document = Document(
            text=text,
            title=meta.get("title"),
            source=meta.get("source"),
            date=meta.get("date"),
            url=meta.get("url"),
            id=meta.get("id", ""),
        )
        values = {k: v for k, v in data.items() if k not in ("schema", "document")}
        return cls.from_fields(document, values)

    def _repr_html_(self) -> str | None:
        """The analysis as HTML for Jupyter (None, plain text instead, with no view set)."""
        return None if _html_view is None else _html_view(self)


#: Renders an analysis as HTML for Jupyter; set by :mod:`slant.report` when slant is imported.
_html_view: Callable[[Analysis], str] | None = None


def register_html_view(view: Callable[[Analysis], str] | None) -> None:
    """Make ``view`` the HTML of :meth:`Analysis._repr_html_` (None: no HTML).

    The renderer lives in :mod:`slant.report`, which depends on this module, so it registers
    itself here instead of this module importing it.
    """
    global _html_view
    _html_view = view
