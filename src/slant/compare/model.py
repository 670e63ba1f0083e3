"""Compare two sides of a corpus: :func:`compare` builds the ``slant.compare/1`` report.

A side is the stored documents a FILTER selects (``source:sana,manar``), or, with a subject,
the sentences of those documents that mention it (``--subject-a Aleppo``). Each side is read
once from the store, texts and analyses in step (:mod:`.collect`); distinctive terms are the
Monroe et al. (2008) log-odds z-scores of unigrams and bigrams (:mod:`.stats`), and a second
pass over the texts, stopped as soon as every top term has its examples, finds where each
term is used. Everything else (techniques, tone, frames, voices, actors, casualties) comes
from the stored analyses (:mod:`.sections`); nothing is re-parsed. A document selected by
both filters counts on both sides. The result is a typed :class:`~.result.Comparison`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import numpy as np

from ..errors import InputError, StoreError
from ..filters import Filter, parse_filter
from ..store import Corpus
from ..techniques.calibration import default_min_score
from .actors import actor_sections
from .aligned import ANCHOR_Z, MIN_ANCHOR, ContextCounts, align_terms
from .by_story import story_sections
from .collect import EXAMPLES, SideCollector
from .evidence import EvidenceBook
from .read import Side, read_sides
from .result import SCHEMA, AlignedTerm, Comparison, ExcludedTerms, PerSide, SideSummary, Term
from .sections import RatesTable, casualties, rates, technique_voices, voices
from .self_names import OutletNames
from .spans import inside
from .stats import log_odds_z
from .terms import TermTable, merge_terms, term_occurrences, tokenise, word_pattern

__all__ = ["SCHEMA", "Comparison", "Side", "compare"]


def _side(flt: str | Filter | None, label: str | None, subject: str | None) -> Side:
    parsed = flt if isinstance(flt, Filter) else parse_filter(flt)
    subject = " ".join(subject.split()) if subject else None
    return Side(label=label or subject or str(parsed), filter=parsed, subject=subject)


def compare(
    corpus: Corpus,
    *,
    a: str | Filter | None = None,
    b: str | Filter | None = None,
    label_a: str | None = None,
    label_b: str | None = None,
    subject_a: str | None = None,
    subject_b: str | None = None,
    window: int = 0,
    top_terms: int = 20,
    min_count: int = 3,
    reps: int = 1000,
    seed: int = 0,
    workers: int = 1,
    by_story: bool = False,
    aligned: int = 10,
    technique_min_score: float | None = None,
) -> Comparison:
    """Compare side A (filter ``a``, subject ``subject_a``) with side B of a stored corpus.

    A filter is a FILTER string or a parsed :class:`~slant.filters.Filter` (None: every
    document); labels default to the subject or the filter. ``window`` widens subject
    sentences by that many neighbours; ``top_terms`` distinctive terms are kept per side,
    among terms seen at least ``min_count`` times; ``reps`` bootstrap replicates drawn with
    ``seed`` (the same corpus and seed give the same report); ``workers=2`` reads the two
    sides in two processes on large corpora. ``by_story`` adds the stories both sides report
    and each side's blindspots (from the stories ``slant stories`` stored); ``aligned`` is how
    many aligned term pairs to keep. Technique findings count from ``technique_min_score``
    up (None: the operating point of the single-article reports,
    :func:`~slant.techniques.calibration.default_min_score`; findings stored by an
    uncalibrated analyzer, techniques.v1/v2, then count whole); the value used is recorded
    in the result. Raises :class:`~slant.errors.InputError` for
    sides that select nothing and :class:`~slant.errors.StoreError` for an unannotated corpus.

    >>> with Corpus("fakes.db") as corpus:  # doctest: +SKIP
    ...     result = compare(corpus, a="source:sana,manar", b="source:etilaf,alaraby")
    >>> result.to_dict()["distinctive_terms"]["a"][0]["term"]  # doctest: +SKIP
    'terrorists'
    """
    sides = (_side(a, label_a, subject_a), _side(b, label_b, subject_b))
    if sides[0].filter == sides[1].filter and sides[0].subject == sides[1].subject:
        raise InputError(
            f"both sides select the same documents ({sides[0].filter}): give different "
            "filters for the two sides (a, b), or two subjects (subject_a, subject_b)",
            argument="b",
        )
    if technique_min_score is not None and not 0.0 <= technique_min_score <= 1.0:
        raise InputError(
            f"technique_min_score {technique_min_score} is not a score between 0 and 1",
            argument="technique_min_score",
        )
    readings = read_sides(
        corpus, sides, window=window, workers=workers, min_score=technique_min_score
    )
    collectors = (readings[0].collector, readings[1].collector)
    annotated = [reading.annotated for reading in readings]
    _check_sides(corpus, sides, collectors, annotated)
    book = EvidenceBook(corpus)
    summaries = [
        SideSummary(
            label=side.label,
            filter=side.filter.expression,
            subject=side.subject,
            documents=collector.documents,
            words=int(sum(collector.words)),
            not_annotated=corpus.count_documents(side.documents_filter()) - seen,
        )
        for side, collector, seen in zip(sides, collectors, annotated, strict=True)
    ]
    table = merge_terms(collectors[0].terms, collectors[1].terms)
    subject_words = {w for side in sides for w in tokenise(side.subject or "") if w[0].isalpha()}
    own_names = (OutletNames(collectors[0].sources), OutletNames(collectors[1].sources))
    ranked, named = _distinctive_terms(
        table, top=top_terms, min_count=min_count, leave_out=subject_words, own_names=own_names
    )
    terms = [
        _with_examples(corpus, side, collector, side_terms, book)
        for side, collector, side_terms in zip(sides, collectors, ranked, strict=True)
    ]
    excluded = [
        ExcludedTerms(
            outlet_names=tuple(names),
            sources=tuple(outlets.sources),
            **collector.exclusions.summary(),
        )
        for names, outlets, collector in zip(named, own_names, collectors, strict=True)
    ]
    outlet_words = {word for names in named for term in names for word in term.split()}
    aligned_terms = _aligned_terms(
        corpus, sides, collectors, table, terms, top=aligned, leave_out=outlet_words
    )
    rate_table = RatesTable(collectors, reps=reps, seed=seed)
    techniques, tone, frames = rates(rate_table, book)
    speakers, outlets = voices(collectors, book)
    descriptors, roles = actor_sections(collectors, book)
    shared, blindspots = (
        story_sections(
            corpus,
            collectors[0].document_ids,
            collectors[1].document_ids,
            book,
            min_score=technique_min_score,
        )
        if by_story
        else (None, None)
    )
    return Comparison(
        a=summaries[0],
        b=summaries[1],
        distinctive_terms=PerSide(terms[0], terms[1]),
        actor_descriptors=descriptors,
        techniques=techniques,
        technique_voices=technique_voices(rate_table, book),
        tone=tone,
        quoted=speakers,
        cited_outlets=outlets,
        casualties=casualties(collectors, book),
        frames=frames,
        actor_roles=roles,
        evidence_documents=book.cited,
        aligned_terms=aligned_terms,
        excluded_terms=PerSide(excluded[0], excluded[1]),
        stories=shared,
        blindspots=blindspots,
        technique_min_score=(
            default_min_score() if technique_min_score is None else technique_min_score
        ),
    )


def _aligned_terms(
    corpus: Corpus,
    sides: tuple[Side, Side],
    collectors: tuple[SideCollector, SideCollector],
    table: TermTable,
    terms: list[tuple[Term, ...]],
    *,
    top: int,
    leave_out: set[str],
) -> tuple[AlignedTerm, ...]:
    """Aligned pairs among the distinctive terms of the two sides (:mod:`.aligned`): one
    more pass over each side's texts counts the contexts of its terms. Words of the outlet
    names found in the texts (``leave_out``) are no anchors."""
    if top <= 0 or not terms[0] or not terms[1]:
        return ()
    z = log_odds_z(table.unigram_a, table.unigram_b)
    shared = (table.unigram_a >= MIN_ANCHOR) & (table.unigram_b >= MIN_ANCHOR)
    outlets = OutletNames([*collectors[0].sources, *collectors[1].sources])
    anchors = [
        table.words[i]
        for i in np.nonzero(shared & (np.abs(z) < ANCHOR_Z))[0]
        if not outlets.source_named(table.words[i]) and table.words[i] not in leave_out
    ]
    stories = corpus.story_assignments()
    counts = []
    for side, collector, side_terms in zip(sides, collectors, terms, strict=True):
        context = ContextCounts(frozenset(term.term for term in side_terms))
        wanted = set(collector.document_ids)
        for document in corpus.iter_documents(side.documents_filter()):
            if document.id not in wanted:
                continue
            news = collector.masked(document.text, document.source)
            windows = collector.windows.get(document.id) if side.subject else None
            for start, end in windows or [(0, len(news))]:
                context.add_text(news[start:end], stories.get(document.id))
        counts.append(context)
    examples = [{term.term: term.examples for term in side_terms} for side_terms in terms]
    pairs = align_terms(
        counts[0],
        counts[1],
        anchors=anchors,
        top=top,
        examples_a=examples[0],
        examples_b=examples[1],
    )
    return tuple(pairs)


def _check_sides(
    corpus: Corpus,
    sides: tuple[Side, ...],
    collectors: tuple[SideCollector, ...],
    annotated: list[int],
) -> None:
    for side, collector, seen in zip(sides, collectors, annotated, strict=True):
        if collector.documents:
            continue
        selected = corpus.count_documents(side.documents_filter())
        if selected and not seen:
            raise StoreError(
                f"corpus {str(corpus.path)!r} has no analyses of the {selected} documents "
                f"side {side.label!r} selects: run `slant annotate --corpus {corpus.path}` first"
            )
        sources = ", ".join(f"{name} ({n})" for name, n in corpus.sources()[:20])
        what = f" mentioning {side.subject!r}" if side.subject else ""
        raise InputError(
            f"side {side.label!r} (filter {str(side.filter)!r}) selects no documents{what} "
            f"in {str(corpus.path)!r}; its sources are: {sources or 'none (the corpus is empty)'}"
        )


def _distinctive_terms(
    table: TermTable,
    *,
    top: int,
    min_count: int,
    leave_out: set[str],
    own_names: tuple[OutletNames, OutletNames],
) -> tuple[tuple[list[Term], list[Term]], tuple[list[str], list[str]]]:
    """The top terms of each side (without examples yet), and the terms left out of each
    side's list because they name one of its own outlets (``own_names``). Terms made of a
    subject's words
    (``leave_out``) are not ranked, as they tell the subjects apart trivially."""
    words = table.words
    left_out = np.array([word in leave_out for word in words], dtype=bool)
    shift = np.int64(2**32)
    counts: list[tuple[np.ndarray, np.ndarray, Callable[[int], str], np.ndarray]] = [
        (table.unigram_a, table.unigram_b, words.__getitem__, left_out),
        (
            table.bigram_a,
            table.bigram_b,
            table.bigram_text,
            left_out[table.codes // shift] | left_out[table.codes % shift],
        ),
    ]
    ranked: tuple[list[tuple[float, Term]], list[tuple[float, Term]]] = ([], [])
    named: tuple[list[tuple[float, str]], list[tuple[float, str]]] = ([], [])
    for y_a, y_b, name, skip in counts:
        z = log_odds_z(y_a, y_b)
        z[((y_a + y_b) < min_count) | skip] = 0.0
        for side_terms, side_named, names, sign in zip(
            ranked, named, own_names, (1.0, -1.0), strict=True
        ):
            kept = 0
            for i in _ranked_indices(sign * z, top):
                term = name(i)
                if names.source_named(term):
                    side_named.append((float(sign * z[i]), term))
                    continue
                if kept == top:
                    break
                kept += 1
                side_terms.append(
                    (
                        float(sign * z[i]),
                        Term(
                            term=term,
                            z=round(float(z[i]), 3),
                            count_a=int(y_a[i]),
                            count_b=int(y_b[i]),
                        ),
                    )
                )
    a, b = ([term for _, term in sorted(items, key=lambda s: -s[0])[:top]] for items in ranked)
    left_a, left_b = ([t for _, t in sorted(items, key=lambda s: -s[0])] for items in named)
    return (a, b), (left_a, left_b)


#: Extra candidates ranked per side, so that leaving out outlet names still fills the list.
_NAMED_SLACK = 30


def _ranked_indices(scores: np.ndarray, top: int) -> Iterator[int]:
    """The ``top`` best indices, then (for the lists that leave some out) up to
    :data:`_NAMED_SLACK` more, in rank order; ties keep the order of :func:`_top_indices`."""
    first = _top_indices(scores, top)
    yield from (int(i) for i in first)
    seen = set(first.tolist())
    yield from (int(i) for i in _top_indices(scores, top + _NAMED_SLACK) if int(i) not in seen)


def _top_indices(scores: np.ndarray, top: int) -> np.ndarray:
    if scores.size > top:
        candidates = np.argpartition(-scores, top)[:top]
    else:
        candidates = np.arange(scores.size)
    candidates = candidates[scores[candidates] > 0]
    return candidates[np.argsort(-scores[candidates], kind="stable")]


def _with_examples(
    corpus: Corpus,
    side: Side,
    collector: SideCollector,
    terms: list[Term],
    book: EvidenceBook,
) -> tuple[Term, ...]:
    """The terms with uses of each in up to EXAMPLES different documents of the side."""
    found: dict[str, list[tuple[str, int, int]]] = {term.term: [] for term in terms}
    missing = set(found)
    if missing:
        wanted = set(collector.document_ids)
        candidates = word_pattern(missing)
        for document in corpus.iter_documents(side.documents_filter()):
            if document.id not in wanted or not candidates.search(document.text):
                continue
            windows = collector.windows.get(document.id) if side.subject else None
            for term, start, end in term_occurrences(document.text):
                if term not in missing or not inside(start, end, windows):
                    continue
                if all(doc_id != document.id for doc_id, _, _ in found[term]):
                    found[term].append((document.id, start, end))
                    book.remember(document)
                    if len(found[term]) >= EXAMPLES:
                        missing.discard(term)
            if not missing:
                break
    return tuple(replace(term, examples=book.examples(found[term.term])) for term in terms)
