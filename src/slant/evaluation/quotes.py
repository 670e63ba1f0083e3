"""Score quote extraction against the hand-annotated gold set, with textacy as a baseline.

The gold set (``slant/data/gold/quotes.jsonl``, guidelines in the README beside it) holds one
line per speech event: the article id, ``kind`` and the character offsets of the content, the
speaker mention and the cue; never the article text, which is read from the articles
directories (``<id>.txt``).

Matching, per article: gold quotes are taken in order and each is paired with the unpaired
system quote that overlaps it most; the pair counts when the overlap covers at least half of
the gold content span (:data:`MIN_OVERLAP`). Content precision = paired system quotes / all
system quotes; recall = paired gold quotes / all gold quotes. A speaker is right when, in a
pair, the system's speaker name and the gold speaker mention share a word, case-insensitive,
ignoring titles and function words (``Tedros`` = ``Tedros Adhanom Ghebreyesus``); speaker
precision = right speakers / system quotes that name a speaker, recall = right speakers /
gold quotes that name one — this is the *resolution* score. The *mention* score asks for the
words at the cue: a pair's speaker mention is right when the system's mention
(``speaker_mention_start``/``_end``; for textacy, its speaker tokens) overlaps the gold
``speaker_mention`` span; mention precision = right mentions / system quotes that give a
mention (less those paired with a gold event that has none, such as the second sentence of a
quote), recall = right mentions / gold events that have a mention. Gold sets without mention
offsets (the PTC set) report no mention score. Gold articles are read by
:class:`~.gold.GoldArticles` (``<id>.txt``, ``fakes:<id>``, ``framing:<id>``).
Both systems read the same spaCy parse. textacy's
``direct_quotations`` finds direct quotes only, by design, so its recall on indirect speech
is zero; it refuses a text with an odd number of quote marks (an unclosed or multi-paragraph
quote), which then counts as no quotes found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .gold import GoldArticles, gold_records, packaged_gold
from .scoring import precision_recall_f1

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "GOLD_SETS",
    "MIN_OVERLAP",
    "GoldQuote",
    "Prediction",
    "SystemScore",
    "evaluate_quotes",
    "load_gold",
    "same_speaker",
]

MIN_OVERLAP = 0.5
_FUNCTION_WORDS = frozenset(
    "the a an of on in at for and mr mrs ms dr sen gov gen lt s who".split()
)


@dataclass(frozen=True)
class GoldQuote:
    """One annotated speech event: content span, speaker mention span, cue span, kind."""

    article: str
    kind: str
    content_start: int
    content_end: int
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None = None
    cue_end: int | None = None
    split: str = "dev"
    speaker_mention_start: int | None = None
    speaker_mention_end: int | None = None


@dataclass(frozen=True)
class Prediction:
    """What a system says about one quote, reduced to what is scored."""

    kind: str
    speaker: str | None
    content_start: int
    content_end: int
    mention_start: int | None = None
    mention_end: int | None = None


@dataclass
class SystemScore:
    """Precision, recall and F1 of one system on contents and speakers, and recall per kind."""

    name: str
    gold: int = 0
    gold_with_speaker: int = 0
    predicted: int = 0
    predicted_with_speaker: int = 0
    content_matches: int = 0
    speaker_matches: int = 0
    gold_with_mention: int = 0
    predicted_with_mention: int = 0
    mention_matches: int = 0
    gold_by_kind: dict[str, int] = field(default_factory=dict)
    matched_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def content(self) -> tuple[float, float, float]:
        return _prf(self.content_matches, self.predicted, self.gold)

    @property
    def speaker(self) -> tuple[float, float, float]:
        return _prf(self.speaker_matches, self.predicted_with_speaker, self.gold_with_speaker)

    @property
    def mention(self) -> tuple[float, float, float] | None:
        """P/R/F1 of the speaker mention; None when the gold has no mention offsets."""
        if not self.gold_with_mention:
            return None
        return _prf(self.mention_matches, self.predicted_with_mention, self.gold_with_mention)

    def recall_of(self, kind: str) -> float:
        total = self.gold_by_kind.get(kind, 0)
        return self.matched_by_kind.get(kind, 0) / total if total else 0.0


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    return precision_recall_f1(hits, predicted, hits, gold)


#: The packaged quote gold sets: ``ptc`` (PTC articles, written with the v1 rules) and ``news``
#: (FA-KES and framing articles, annotated before the v2 rules).
GOLD_SETS = {"ptc": "quotes.jsonl", "news": "quotes-news.jsonl"}


def default_gold_path(gold_set: str = "ptc") -> Path:
    """The packaged gold file of ``gold_set`` (``ptc`` or ``news``)."""
    if gold_set not in GOLD_SETS:
        raise InputError(f"gold set {gold_set!r} is not one of: {', '.join(GOLD_SETS)}")
    return packaged_gold(GOLD_SETS[gold_set])


def load_gold(path: Path, *, split: str | None = None) -> dict[str, list[GoldQuote]]:
    """Read the gold JSON-lines file into quotes per article id (only ``split``, if given;
    InputError naming the file's splits when it has no such split)."""
    if not path.is_file():
        raise InputError(
            f"gold file {str(path)!r} not found: give a JSON-lines gold file", argument="gold_path"
        )
    gold: dict[str, list[GoldQuote]] = {}
    splits: set[str] = set()
    for quote in gold_records(path, GoldQuote, packaged=path.name, what="gold quote"):
        splits.add(quote.split)
        if split is None or quote.split == split:
            gold.setdefault(quote.article, []).append(quote)
    if not gold:
        names = ", ".join(sorted(splits))
        raise InputError(f"--split {split!r} is not a split of this gold set: {names}")
    return gold


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"\w+", name.lower()) if w not in _FUNCTION_WORDS}


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """True when two speaker names share a content word (case-insensitive).

    >>> same_speaker("Tedros Adhanom Ghebreyesus", "Tedros")
    True
    >>> same_speaker("the Home Office", "the ministry")
    False
    """
    if not predicted or not gold:
        return False
    return bool(_words(predicted) & _words(gold))


def _score_article(
    score: SystemScore, text: str, gold: list[GoldQuote], predicted: list[Prediction]
) -> None:
    score.gold += len(gold)
    score.gold_with_speaker += sum(1 for q in gold if q.speaker_start is not None)
    score.predicted += len(predicted)
    score.predicted_with_speaker += sum(1 for p in predicted if p.speaker)
    score.gold_with_mention += sum(1 for q in gold if q.speaker_mention_start is not None)
    score.predicted_with_mention += sum(1 for p in predicted if p.mention_start is not None)
    free = list(predicted)
    for quote in sorted(gold, key=lambda q: q.content_start):
        score.gold_by_kind[quote.kind] = score.gold_by_kind.get(quote.kind, 0) + 1
        width = quote.content_end - quote.content_start
        overlaps = [
            (min(quote.content_end, p.content_end) - max(quote.content_start, p.content_start), i)
            for i, p in enumerate(free)
        ]
        best = max(overlaps, default=(0, -1))
        if best[0] < MIN_OVERLAP * width:
            continue
        match = free.pop(best[1])
        score.content_matches += 1
        score.matched_by_kind[quote.kind] = score.matched_by_kind.get(quote.kind, 0) + 1
        if quote.speaker_start is not None and quote.speaker_end is not None:
            gold_speaker = text[quote.speaker_start : quote.speaker_end]
            score.speaker_matches += same_speaker(match.speaker, gold_speaker)
        score.mention_matches += _same_mention(quote, match)
        if quote.speaker_mention_start is None and match.mention_start is not None:
            score.predicted_with_mention -= 1  # no mention to find: neither right nor wrong


def _same_mention(quote: GoldQuote, match: Prediction) -> bool:
    """True when the system's speaker mention overlaps the gold one."""
    if quote.speaker_mention_start is None or quote.speaker_mention_end is None:
        return False
    if match.mention_start is None or match.mention_end is None:
        return False
    return (
        match.mention_start < quote.speaker_mention_end
        and quote.speaker_mention_start < match.mention_end
    )


def slant_system(doc: Doc) -> list[Prediction]:
    """slant's ``quotes`` analyzer on a parsed document."""
    from ..analyzers.quotes import extract_quotes

    return [
        Prediction(
            q.kind,
            q.speaker,
            q.content_start,
            q.content_end,
            # quotes.v1 had no mention of its own: where it named the speaker stands for it
            getattr(q, "speaker_mention_start", q.speaker_start),
            getattr(q, "speaker_mention_end", q.speaker_end),
        )
        for q in extract_quotes(doc)
    ]


def textacy_system(doc: Doc) -> list[Prediction]:
    """textacy's ``extract.triples.direct_quotations`` (speaker tokens joined by spaces)."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        raise InputError(
            "the textacy baseline needs textacy: pip install 'slant[test]' (or textacy)"
        ) from exc
    out = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy refuses texts with an odd number of quote marks
        return []
    for triple in triples:
        speaker = " ".join(t.text for t in triple.speaker) or None
        content = triple.content
        mention = (
            (min(t.idx for t in triple.speaker), max(t.idx + len(t) for t in triple.speaker))
            if triple.speaker
            else (None, None)
        )
        out.append(Prediction("direct", speaker, content.start_char, content.end_char, *mention))
    return out


def _slant_name() -> str:
    from ..pipeline import available_analyzers

    return f"slant {available_analyzers()['quotes'].version}"


SYSTEMS: dict[str, Callable[[Doc], list[Prediction]]] = {
    "slant": slant_system,
    "textacy direct_quotations": textacy_system,
}


def evaluate_quotes(
    *,
    gold_path: Path | None = None,
    article_dirs: Iterable[Path] = (),
    split: str | None = None,
    gold_set: str = "ptc",
    articles: GoldArticles | None = None,
) -> list[SystemScore]:
    """Score every system of :data:`SYSTEMS` on a gold set (``gold_path``, else the packaged
    ``gold_set``), or one ``split`` of it (``dev``, ``heldout``, ...); both systems read one shared
    parse per article. ``articles`` finds the texts (default: ``article_dirs`` and the FA-KES
    and framing tables beside the repo)."""
    from ..nlp import parse

    articles = articles or GoldArticles(directories=list(article_dirs))
    gold = load_gold(gold_path or default_gold_path(gold_set), split=split)
    scores = [SystemScore(_slant_name() if name == "slant" else name) for name in SYSTEMS]
    for article, quotes in sorted(gold.items()):
        text = articles.text(article)
        doc = parse(text)
        for score, system in zip(scores, SYSTEMS.values(), strict=True):
            _score_article(score, text, quotes, system(doc))
    return scores
