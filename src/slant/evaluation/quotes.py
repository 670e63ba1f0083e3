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
gold quotes that name one. Both systems read the same spaCy parse. textacy's
``direct_quotations`` finds direct quotes only, by design, so its recall on indirect speech
is zero; it refuses a text with an odd number of quote marks (an unclosed or multi-paragraph
quote), which then counts as no quotes found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = [
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


@dataclass(frozen=True)
class Prediction:
    """What a system says about one quote, reduced to what is scored."""

    kind: str
    speaker: str | None
    content_start: int
    content_end: int


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
    gold_by_kind: dict[str, int] = field(default_factory=dict)
    matched_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def content(self) -> tuple[float, float, float]:
        return _prf(self.content_matches, self.predicted, self.gold)

    @property
    def speaker(self) -> tuple[float, float, float]:
        return _prf(self.speaker_matches, self.predicted_with_speaker, self.gold_with_speaker)

    def recall_of(self, kind: str) -> float:
        total = self.gold_by_kind.get(kind, 0)
        return self.matched_by_kind.get(kind, 0) / total if total else 0.0


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def default_gold_path() -> Path:
    """The packaged gold file."""
    return Path(str(resources.files("slant") / "data" / "gold" / "quotes.jsonl"))


def load_gold(path: Path, *, split: str | None = None) -> dict[str, list[GoldQuote]]:
    """Read the gold JSON-lines file into quotes per article id (only ``split``, if given)."""
    if not path.is_file():
        raise InputError(f"gold file {str(path)!r} not found: pass --gold FILE (JSON lines)")
    gold: dict[str, list[GoldQuote]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            quote = GoldQuote(**json.loads(line))
        except (ValueError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a gold quote line ({exc})") from exc
        if split is None or quote.split == split:
            gold.setdefault(quote.article, []).append(quote)
    if not gold:
        raise InputError(f"gold file {str(path)!r} has no quotes in split {split!r}")
    return gold


def read_article(article: str, directories: Iterable[Path]) -> str:
    """The text of ``<article>.txt`` from the first directory that has it."""
    for directory in directories:
        candidate = directory / f"{article}.txt"
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise InputError(
        f"article {article!r} of the gold set is in none of the --articles directories "
        f"({', '.join(map(str, directories))}); pass the directory that holds {article}.txt"
    )


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


def slant_system(doc: Any) -> list[Prediction]:
    """slant's ``quotes`` analyzer on a parsed document."""
    from ..analyzers.quotes import extract_quotes

    return [
        Prediction(q.kind, q.speaker, q.content_start, q.content_end) for q in extract_quotes(doc)
    ]


def textacy_system(doc: Any) -> list[Prediction]:
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
        out.append(Prediction("direct", speaker, content.start_char, content.end_char))
    return out


SYSTEMS: dict[str, Callable[[Any], list[Prediction]]] = {
    "slant quotes.v1": slant_system,
    "textacy direct_quotations": textacy_system,
}


def evaluate_quotes(
    *, gold_path: Path | None = None, article_dirs: Iterable[Path], split: str | None = None
) -> list[SystemScore]:
    """Score every system of :data:`SYSTEMS` on the gold set (or one ``split`` of it: ``dev``
    or ``heldout``); both read one shared parse per article."""
    from ..nlp import parse

    directories = list(article_dirs)
    gold = load_gold(gold_path or default_gold_path(), split=split)
    scores = [SystemScore(name) for name in SYSTEMS]
    for article, quotes in sorted(gold.items()):
        text = read_article(article, directories)
        doc = parse(text)
        for score, system in zip(scores, SYSTEMS.values(), strict=True):
            _score_article(score, text, quotes, system(doc))
    return scores
