"""Per story, side by side: for every stored story both sides report, what each side's reports
say — numbers with their sentences, whom they quote, what they call the actors, the
techniques and the tone — and the stories only one side reported (blindspots).

Stories are those ``slant stories`` stored (:mod:`slant.stories`); this module only reads
them and the stored analyses of their documents, like the rest of compare. A story counts
for a side when one of its documents is among the side's compared documents.
``blindspots["a"]`` lists the stories only side A reported — what a reader of side B alone
never sees — and ``blindspots["b"]`` those only B reported: stories of two or more reports in
the corpus, ranked by how many reports the side has (then by how many in all).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..filters import Filter
from ..store import Corpus
from ..stories.model import Story
from ..techniques.calibration import min_score_for
from .evidence import EvidenceBook
from .result import (
    Blindspot,
    CitedDocument,
    PerSide,
    StoryDescriptor,
    StoryDocument,
    StoryNumber,
    StoryQuote,
    StorySides,
    StoryTechnique,
)

__all__ = ["TOP_BLINDSPOTS", "TOP_PER_STORY", "story_side_by_side", "story_sections"]

#: Items of each kind kept per side of a story.
TOP_PER_STORY = 8
#: Blindspots kept per side.
TOP_BLINDSPOTS = 20


def _side(
    corpus: Corpus, ids: Sequence[str], book: EvidenceBook, min_score: float | None
) -> dict[str, Any]:
    """What the reports ``ids`` of one side of a story say (keys: the StorySides fields
    without their ``_a``/``_b``); techniques scored below ``min_score`` (None: the operating
    point, :func:`~slant.techniques.calibration.min_score_for`) are not counted."""
    metadata = corpus.document_metadata(ids)
    documents = tuple(
        StoryDocument(
            id=d, **{k: metadata.get(d, {}).get(k) for k in ("title", "source", "date", "url")}
        )
        for d in sorted(ids, key=lambda d: (metadata.get(d, {}).get("date") or "", d))
    )
    numbers: list[StoryNumber] = []
    speakers: Counter[str] = Counter()
    speaker_example: dict[str, tuple[str, int, int]] = {}
    descriptors: Counter[tuple[str, str]] = Counter()
    descriptor_example: dict[tuple[str, str], tuple[str, int, int]] = {}
    techniques: Counter[str] = Counter()
    technique_example: dict[str, tuple[str, int, int]] = {}
    tones = []
    for doc in documents:
        fields, versions = corpus.analysis_fields(doc.id)
        lowest = min_score_for(min_score, versions.get("techniques"))
        for claim in fields.get("claims") or []:
            if len(numbers) < TOP_PER_STORY:
                numbers.append(
                    StoryNumber(
                        value=claim.get("value"),
                        category=claim.get("category"),
                        event=claim.get("event"),
                        text=claim.get("text"),
                        source=doc.source,
                        examples=book.examples([(doc.id, claim["start"], claim["end"])]),
                    )
                )
        for quote in fields.get("quotes") or []:
            if quote.get("speaker"):
                speakers[quote["speaker"]] += 1
                speaker_example.setdefault(
                    quote["speaker"], (doc.id, quote["content_start"], quote["content_end"])
                )
        for actor in fields.get("actors") or []:
            for descriptor in actor.get("descriptors") or []:
                key = (actor["name"], " ".join(descriptor["text"].lower().split()))
                descriptors[key] += 1
                descriptor_example.setdefault(key, (doc.id, descriptor["start"], descriptor["end"]))
        for technique in fields.get("techniques") or []:
            if technique["score"] < lowest:
                continue
            techniques[technique["technique"]] += 1
            technique_example.setdefault(
                technique["technique"], (doc.id, technique["start"], technique["end"])
            )
        if fields.get("tone") is not None:
            tones.append(float(fields["tone"]["compound"]))
    return {
        "documents": documents,
        "numbers": tuple(numbers),
        "quoted": tuple(
            StoryQuote(speaker=s, count=n, examples=book.examples([speaker_example[s]]))
            for s, n in speakers.most_common(TOP_PER_STORY)
        ),
        "descriptors": tuple(
            StoryDescriptor(
                actor=actor,
                descriptor=text,
                count=n,
                examples=book.examples([descriptor_example[(actor, text)]]),
            )
            for (actor, text), n in descriptors.most_common(TOP_PER_STORY)
        ),
        "techniques": tuple(
            StoryTechnique(technique=t, count=n, examples=book.examples([technique_example[t]]))
            for t, n in techniques.most_common(TOP_PER_STORY)
        ),
        "tone": round(sum(tones) / len(tones), 3) if tones else None,
    }


def _sides_of(
    corpus: Corpus,
    story: Story,
    ids_a: Sequence[str],
    ids_b: Sequence[str],
    book: EvidenceBook,
    min_score: float | None,
) -> StorySides:
    a, b = _side(corpus, ids_a, book, min_score), _side(corpus, ids_b, book, min_score)
    return StorySides(
        story=story.id,
        title=story.title,
        first_date=story.first_date,
        last_date=story.last_date,
        **{f"{key}_a": a[key] for key in a},
        **{f"{key}_b": b[key] for key in b},
    )


def story_side_by_side(
    corpus: Corpus,
    story_id: str,
    *,
    a: Filter | None = None,
    b: Filter | None = None,
    min_score: float | None = None,
) -> tuple[Story, StorySides, dict[str, CitedDocument]] | None:
    """One stored story split in two sides (None if there is no such story), and the
    metadata of the documents its evidence cites. Side A is the documents matching ``a``
    (default: those of the story's first source), side B those matching ``b`` (default: the
    rest); a document matching both is on both. Techniques count from ``min_score`` up
    (None: the operating point)."""
    story = corpus.get_story(story_id)
    if story is None:
        return None
    members = set(story.documents)
    first_source = corpus.document_metadata(story.documents[:1]).get(story.documents[0], {})
    a = a or Filter(sources=((first_source.get("source") or "").lower(),))
    ids_a = [d for d in corpus.story_assignments(a) if d in members]
    if b is None:
        ids_b = [d for d in story.documents if d not in set(ids_a)]
    else:
        ids_b = [d for d in corpus.story_assignments(b) if d in members]
    book = EvidenceBook(corpus)
    return story, _sides_of(corpus, story, ids_a, ids_b, book, min_score), book.cited


def story_sections(
    corpus: Corpus,
    documents_a: Sequence[str],
    documents_b: Sequence[str],
    book: EvidenceBook,
    *,
    min_score: float | None = None,
) -> tuple[tuple[StorySides, ...], PerSide[tuple[Blindspot, ...]]]:
    """The stories both sides report (most reports first) and each side's blindspots;
    techniques count from ``min_score`` up (None: the operating point)."""
    assignments = corpus.story_assignments()
    members: dict[str, tuple[list[str], list[str]]] = {}
    for ids, index in ((documents_a, 0), (documents_b, 1)):
        for doc in ids:
            key = assignments.get(doc)
            if key is not None:
                members.setdefault(key, ([], []))[index].append(doc)
    shared: list[StorySides] = []
    missing: dict[str, list[Blindspot]] = {"a": [], "b": []}
    for story_id, (ids_a, ids_b) in members.items():
        story = corpus.get_story(story_id)
        if story is None:
            continue
        if ids_a and ids_b:
            shared.append(_sides_of(corpus, story, ids_a, ids_b, book, min_score))
        elif len(story.documents) >= 2:
            blind, ids = ("a", ids_a) if ids_a else ("b", ids_b)
            missing[blind].append(
                Blindspot(
                    story=story.id,
                    title=story.title,
                    first_date=story.first_date,
                    documents=len(ids),
                    reports=len(story.documents),
                    sources=story.sources,
                )
            )
    shared.sort(key=lambda s: (-(len(s.documents_a) + len(s.documents_b)), s.first_date))
    for key in missing:
        missing[key].sort(key=lambda b: (-b.documents, -b.reports, b.first_date))
    ranked = {key: tuple(spots[:TOP_BLINDSPOTS]) for key, spots in missing.items()}
    return tuple(shared), PerSide(ranked["a"], ranked["b"])
