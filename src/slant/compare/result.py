"""The typed result of a comparison, and its JSON form (schema ``slant.compare/1``).

:class:`Comparison` holds one frozen dataclass per section of the report; field names are
the JSON keys and fields come in the order the JSON shows them, so :meth:`Comparison.to_dict`
is one generic walk (:func:`plain`). Per-side values are a :class:`PerSide` (``a``, ``b``).
Every :class:`Example` indexes the stored text of its document: ``text`` is
``document.text[start:end]`` and ``context`` the sentence around it, from ``context_start``.

A new section is a frozen dataclass here, a field of :class:`Comparison` (after the existing
ones, so the JSON keeps its order) and a property of ``compare.schema.json``;
``tests/test_compare_schema.py`` checks that the two agree, field by field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Generic, Literal, TypeVar

from ..analysis import CASUALTY_CATEGORIES, ClaimCategory, FrameName, RoleName, TechniqueVoice

__all__ = [
    "SCHEMA",
    "AlignedTerm",
    "Blindspot",
    "ExcludedTerms",
    "StoryDescriptor",
    "StoryDocument",
    "StoryNumber",
    "StoryQuote",
    "StorySides",
    "StoryTechnique",
    "ActorDescriptors",
    "ActorRoles",
    "Casualties",
    "CitedDocument",
    "CitedOutlet",
    "Comparison",
    "DescriptorCount",
    "Difference",
    "Example",
    "FrameShare",
    "Frames",
    "Interval",
    "MeanTone",
    "PerSide",
    "Rate",
    "RoleCounts",
    "SideKey",
    "SideSummary",
    "Speaker",
    "TechniqueVoices",
    "Techniques",
    "Term",
    "ToneSection",
    "VoiceRates",
    "plain",
]

SCHEMA = "slant.compare/1"

T = TypeVar("T")
SideKey = Literal["a", "b"]
SIDES: tuple[SideKey, SideKey] = ("a", "b")
#: A 95 % bootstrap interval (None where undefined, e.g. a side with no tone).
Interval = tuple[float | None, float | None]


@dataclass(frozen=True)
class PerSide(Generic[T]):
    """One value for side A and one for side B."""

    a: T
    b: T

    def __getitem__(self, key: SideKey) -> T:
        """The value of side ``"a"`` or ``"b"``."""
        if key == "a":
            return self.a
        if key == "b":
            return self.b
        raise KeyError(key)

    def items(self) -> Iterator[tuple[SideKey, T]]:
        """``("a", a)`` then ``("b", b)``."""
        yield "a", self.a
        yield "b", self.b


@dataclass(frozen=True)
class Example:
    """A finding in the sentence around it, with offsets into its document's stored text."""

    document: str
    start: int
    end: int
    text: str
    context: str
    context_start: int


Examples = tuple[Example, ...]


@dataclass(frozen=True)
class CitedDocument:
    """The metadata of a document that evidence points to."""

    title: str | None
    source: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True)
class SideSummary:
    """What a side selects: its label, filter, subject and size."""

    label: str
    filter: str
    subject: str | None
    documents: int
    words: int
    not_annotated: int


@dataclass(frozen=True)
class Term:
    """A distinctive term: log-odds z-score (> 0: side A), counts per side, examples."""

    term: str
    z: float
    count_a: int
    count_b: int
    examples: Examples = ()


@dataclass(frozen=True)
class DescriptorCount:
    """Words a side applies to an actor, how often, and where."""

    descriptor: str
    count: int
    examples: Examples


@dataclass(frozen=True)
class ActorDescriptors:
    """What each side calls an actor both describe; ``difference`` is Jensen-Shannon."""

    actor: str
    difference: float
    documents_a: int
    documents_b: int
    a: tuple[DescriptorCount, ...]
    b: tuple[DescriptorCount, ...]


@dataclass(frozen=True)
class Difference:
    """A - B with its 95 % interval; ``real`` when the interval excludes zero."""

    a_minus_b: float | None
    ci95: Interval
    real: bool


@dataclass(frozen=True)
class Rate:
    """A technique's uses per 1,000 words on one side, with its interval and examples."""

    per_1000_words: float | None
    ci95: Interval
    count: int
    examples: Examples


@dataclass(frozen=True)
class Techniques:
    """Technique rates per side and their differences, by technique name."""

    a: Mapping[str, Rate]
    b: Mapping[str, Rate]
    difference: Mapping[str, Difference]

    def side(self, key: SideKey) -> Mapping[str, Rate]:
        """The rates of side ``"a"`` or ``"b"``."""
        return self.a if key == "a" else self.b


@dataclass(frozen=True)
class VoiceRates:
    """One side's technique uses (all techniques) per 1,000 words in its own voice and inside
    the quotes it carries; ``unattributed``: findings stored with no voice (before
    ``techniques.v3``; re-annotate to split them)."""

    author: Rate
    quoted: Rate
    unattributed: int


@dataclass(frozen=True)
class TechniqueVoices:
    """Technique rates by voice per side, and the differences A - B for each voice."""

    a: VoiceRates
    b: VoiceRates
    difference: Mapping[TechniqueVoice, Difference]

    def side(self, key: SideKey) -> VoiceRates:
        """The rates of side ``"a"`` or ``"b"``."""
        return self.a if key == "a" else self.b


@dataclass(frozen=True)
class MeanTone:
    """The mean tone of a side's documents, and its most negative and positive sentences."""

    mean: float | None
    ci95: Interval
    documents: int
    most_negative: Examples
    most_positive: Examples


@dataclass(frozen=True)
class ToneSection:
    """Mean tone per side and the difference (which the JSON shows first)."""

    difference: Difference
    a: MeanTone
    b: MeanTone

    def side(self, key: SideKey) -> MeanTone:
        """The tone of side ``"a"`` or ``"b"``."""
        return self.a if key == "a" else self.b


@dataclass(frozen=True)
class Speaker:
    """Someone a side quotes, how often, and where."""

    speaker: str
    quotes: int
    examples: Examples


@dataclass(frozen=True)
class CitedOutlet:
    """A medium a side cites, how often, and where."""

    outlet: str
    citations: int
    examples: Examples


@dataclass(frozen=True)
class Casualties:
    """People reported killed, summed over a side's documents, with the claims behind them."""

    killed_civilians_reported: int
    killed_children_reported: int
    killed_women_reported: int
    killed_combatants_reported: int
    documents_reporting_killed: int
    examples: Mapping[ClaimCategory, Examples]

    def killed(self, category: ClaimCategory) -> int:
        """The people of ``category`` (one of :data:`CASUALTY_CATEGORIES`) reported killed."""
        if category not in CASUALTY_CATEGORIES:
            raise KeyError(category)
        value: int = getattr(self, f"killed_{category}_reported")
        return value


@dataclass(frozen=True)
class FrameShare:
    """The share of a side's articles with a frame present, and its mean probability."""

    share: float | None
    ci95: Interval
    mean_probability: float | None
    examples: Examples


@dataclass(frozen=True)
class Frames:
    """Frame shares per side, their differences, and the documents with frames per side."""

    a: Mapping[FrameName, FrameShare]
    b: Mapping[FrameName, FrameShare]
    difference: Mapping[FrameName, Difference]
    documents: PerSide[int]

    def side(self, key: SideKey) -> Mapping[FrameName, FrameShare]:
        """The frame shares of side ``"a"`` or ``"b"``."""
        return self.a if key == "a" else self.b


@dataclass(frozen=True)
class RoleCounts:
    """How often a side casts an actor in each role, its dominant role, and where."""

    roles: Mapping[RoleName, int]
    dominant: RoleName
    examples: Mapping[RoleName, Examples]


@dataclass(frozen=True)
class ActorRoles:
    """The roles each side casts an actor in; ``difference`` is the total variation."""

    actor: str
    difference: float
    a: RoleCounts
    b: RoleCounts


@dataclass(frozen=True)
class AlignedTerm:
    """ "A says X where B says Y": a distinctive term of A and one of B used in the same
    contexts (:mod:`.aligned`), with the anchor words they share and examples of each."""

    a: str
    b: str
    score: float
    count_a: int
    count_b: int
    shared_contexts: tuple[str, ...]
    examples_a: Examples = ()
    examples_b: Examples = ()


@dataclass(frozen=True)
class ExcludedTerms:
    """What was left out of one side's distinctive terms: terms naming its own outlets
    (``sources``), and the most frequent boilerplate, bylines and the number of datelines
    blanked out of its texts (:mod:`.boilerplate`)."""

    outlet_names: tuple[str, ...]
    sources: tuple[str, ...]
    boilerplate: tuple[str, ...]
    bylines: tuple[str, ...]
    datelines: int


@dataclass(frozen=True)
class StoryDocument:
    """A report of a story."""

    id: str
    title: str | None
    source: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True)
class StoryNumber:
    """A number a report of the story gives (a stored claim), with its sentence."""

    value: float | None
    category: str | None
    event: str | None
    text: str | None
    source: str | None
    examples: Examples


@dataclass(frozen=True)
class StoryQuote:
    """A speaker the reports of one side quote, how often, and a quote."""

    speaker: str
    count: int
    examples: Examples


@dataclass(frozen=True)
class StoryDescriptor:
    """What one side's reports call an actor."""

    actor: str
    descriptor: str
    count: int
    examples: Examples


@dataclass(frozen=True)
class StoryTechnique:
    """A technique in one side's reports of the story, with an example."""

    technique: str
    count: int
    examples: Examples


@dataclass(frozen=True)
class StorySides:
    """One story both sides report, side by side (:mod:`.by_story`)."""

    story: str
    title: str
    first_date: str
    last_date: str
    documents_a: tuple[StoryDocument, ...]
    documents_b: tuple[StoryDocument, ...]
    numbers_a: tuple[StoryNumber, ...]
    numbers_b: tuple[StoryNumber, ...]
    quoted_a: tuple[StoryQuote, ...]
    quoted_b: tuple[StoryQuote, ...]
    descriptors_a: tuple[StoryDescriptor, ...]
    descriptors_b: tuple[StoryDescriptor, ...]
    techniques_a: tuple[StoryTechnique, ...]
    techniques_b: tuple[StoryTechnique, ...]
    tone_a: float | None
    tone_b: float | None


@dataclass(frozen=True)
class Blindspot:
    """A story of two or more reports of which only one side has any."""

    story: str
    title: str
    first_date: str
    documents: int
    reports: int
    sources: tuple[str, ...]


#: Sections present only when asked for (``by_story``); left out of the JSON when absent.
_OPTIONAL = ("stories", "blindspots")


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`slant.compare.compare`; :meth:`to_dict` is ``slant.compare/1``."""

    a: SideSummary
    b: SideSummary
    distinctive_terms: PerSide[tuple[Term, ...]]
    actor_descriptors: tuple[ActorDescriptors, ...]
    techniques: Techniques
    technique_voices: TechniqueVoices
    tone: ToneSection
    quoted: PerSide[tuple[Speaker, ...]]
    cited_outlets: PerSide[tuple[CitedOutlet, ...]]
    casualties: PerSide[Casualties]
    frames: Frames
    actor_roles: tuple[ActorRoles, ...]
    evidence_documents: Mapping[str, CitedDocument]
    aligned_terms: tuple[AlignedTerm, ...] = ()
    excluded_terms: PerSide[ExcludedTerms] | None = None
    stories: tuple[StorySides, ...] | None = None
    blindspots: PerSide[tuple[Blindspot, ...]] | None = None
    #: Technique findings count from this calibrated score up (0: every stored finding).
    technique_min_score: float = 0.0

    @property
    def sides(self) -> PerSide[SideSummary]:
        """The two side summaries."""
        return PerSide(self.a, self.b)

    def to_dict(self) -> dict[str, Any]:
        """Return the ``slant.compare/1`` dictionary."""
        out: dict[str, Any] = {"schema": SCHEMA}
        out.update(
            (key, value)
            for key, value in plain(self).items()
            if value is not None or key not in _OPTIONAL
        )
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the ``slant.compare/1`` JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: dataclasses become dicts (fields in order), tuples lists.

    >>> plain(PerSide(a=(1, 2), b=Difference(0.5, (0.1, None), True)))
    {'a': [1, 2], 'b': {'a_minus_b': 0.5, 'ci95': [0.1, None], 'real': True}}
    """
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    return value
