"""The sections of a ``slant.compare/1`` report built from two collected sides (actors are in
:mod:`.actors`).

Rates and means (techniques per 1,000 words, tone, frame shares) come with bootstrap 95 %
intervals per side and for the difference A - B (:mod:`.stats`); a difference is marked
``real`` when its interval excludes zero. Speakers and outlets are counted as the analyzers
name them; casualties are the sums over a side's articles of the people each reports killed.
"""

from __future__ import annotations

import numpy as np

from ..analysis import CASUALTY_CATEGORIES, FRAMES, TECHNIQUE_VOICES, FrameName
from .collect import FRAME_PRESENT, UNATTRIBUTED, SideCollector
from .evidence import EvidenceBook
from .result import (
    Casualties,
    CitedOutlet,
    Difference,
    Frames,
    FrameShare,
    Interval,
    MeanTone,
    PerSide,
    Rate,
    Speaker,
    Techniques,
    TechniqueVoices,
    ToneSection,
    VoiceRates,
)
from .stats import BootstrapResult, bootstrap_ratios, difference_interval

__all__ = ["RatesTable", "casualties", "display_name", "rates", "technique_voices", "voices"]

TOP_ITEMS = 15


class RatesTable:
    """Bootstrap of every per-document rate of both sides: techniques, techniques by voice,
    tone, frames."""

    def __init__(self, sides: tuple[SideCollector, SideCollector], *, reps: int, seed: int) -> None:
        names: set[str] = set()
        for side in sides:
            for counts in side.technique_counts:
                names.update(counts)
        self.techniques = sorted(names)
        self.results = [
            bootstrap_ratios(*self._matrix(side), reps=reps, seed=seed + i)
            for i, side in enumerate(sides)
        ]
        self.difference = difference_interval(*self.results)
        self.sides = sides

    def _matrix(self, side: SideCollector) -> tuple[np.ndarray, np.ndarray]:
        n, t = side.documents, len(self.techniques)
        words = np.asarray(side.words, dtype=np.float64).reshape(n, 1)
        counts = np.array(
            [[c.get(name, 0) for name in self.techniques] for c in side.technique_counts],
            dtype=np.float64,
        ).reshape(n, t)
        voices = np.array(
            [[c.get(voice, 0) for voice in TECHNIQUE_VOICES] for c in side.voice_counts],
            dtype=np.float64,
        ).reshape(n, len(TECHNIQUE_VOICES))
        has_tone = np.array([v is not None for v in side.tones], dtype=np.float64)
        tone = np.array([v or 0.0 for v in side.tones], dtype=np.float64)
        has_frames = np.array([bool(f) for f in side.frames], dtype=np.float64).reshape(n, 1)
        probability = np.array(
            [[float((f or {}).get(name) or 0.0) for name in FRAMES] for f in side.frames],
            dtype=np.float64,
        ).reshape(n, len(FRAMES))
        present = (probability >= FRAME_PRESENT).astype(np.float64)
        numerators = np.column_stack([counts * 1000.0, tone, present, probability, voices * 1000.0])
        denominators = np.column_stack(
            [
                np.repeat(words, t, axis=1),
                has_tone,
                np.repeat(has_frames, 2 * len(FRAMES), 1),
                np.repeat(words, len(TECHNIQUE_VOICES), axis=1),
            ]
        )
        return numerators, denominators

    def column(self, kind: str, index: int = 0) -> int:
        offsets = {"technique": 0, "tone": len(self.techniques)}
        offsets["frame"] = offsets["tone"] + 1
        offsets["frame_probability"] = offsets["frame"] + len(FRAMES)
        offsets["voice"] = offsets["frame_probability"] + len(FRAMES)
        return offsets[kind] + index

    def difference_entry(self, column: int) -> Difference:
        estimate, low, high = self.difference
        interval = _pair(BootstrapResult(estimate, low, high, np.empty(0)).interval(column))
        below, above = interval
        real = below is not None and above is not None and (below > 0 or above < 0)
        value = None if not np.isfinite(estimate[column]) else round(float(estimate[column]), 4)
        return Difference(a_minus_b=value, ci95=interval, real=bool(real))


def _pair(interval: list[float | None]) -> Interval:
    return interval[0], interval[1]


def rates(table: RatesTable, book: EvidenceBook) -> tuple[Techniques, ToneSection, Frames]:
    """The ``techniques``, ``tone`` and ``frames`` sections."""
    technique_rates: list[dict[str, Rate]] = []
    tones: list[MeanTone] = []
    frame_shares: list[dict[FrameName, FrameShare]] = []
    for side, result in zip(table.sides, table.results, strict=True):
        per_technique = {}
        for i, name in enumerate(table.techniques):
            column = table.column("technique", i)
            per_technique[name] = Rate(
                per_1000_words=result.value(column, digits=3),
                ci95=_pair(result.interval(column, digits=3)),
                count=int(sum(c.get(name, 0) for c in side.technique_counts)),
                examples=book.examples(side.examples["technique"].get(name)),
            )
        technique_rates.append(per_technique)
        column = table.column("tone")
        tones.append(
            MeanTone(
                mean=result.value(column),
                ci95=_pair(result.interval(column)),
                documents=int(sum(v is not None for v in side.tones)),
                most_negative=book.examples(
                    [e for score, e in sorted(side.saddest, reverse=True) if score > 0]
                ),
                most_positive=book.examples(
                    [e for score, e in sorted(side.happiest, reverse=True) if score > 0]
                ),
            )
        )
        per_frame = {}
        for i, frame in enumerate(FRAMES):
            share, mean = table.column("frame", i), table.column("frame_probability", i)
            per_frame[frame] = FrameShare(
                share=result.value(share),
                ci95=_pair(result.interval(share)),
                mean_probability=result.value(mean),
                examples=book.examples(side.examples["frame"].get(frame)),
            )
        frame_shares.append(per_frame)
    techniques = Techniques(
        a=technique_rates[0],
        b=technique_rates[1],
        difference={
            name: table.difference_entry(table.column("technique", i))
            for i, name in enumerate(table.techniques)
        },
    )
    tone = ToneSection(
        difference=table.difference_entry(table.column("tone")), a=tones[0], b=tones[1]
    )
    a, b = (int(sum(bool(f) for f in side.frames)) for side in table.sides)
    frames = Frames(
        a=frame_shares[0],
        b=frame_shares[1],
        difference={
            frame: table.difference_entry(table.column("frame", i))
            for i, frame in enumerate(FRAMES)
        },
        documents=PerSide(a, b),
    )
    return techniques, tone, frames


def technique_voices(table: RatesTable, book: EvidenceBook) -> TechniqueVoices:
    """The ``technique_voices`` section: every technique finding per 1,000 words in each
    side's own voice and, separately, inside the quotes it carries."""
    per_side = []
    for side, result in zip(table.sides, table.results, strict=True):
        rates = {}
        for i, voice in enumerate(TECHNIQUE_VOICES):
            column = table.column("voice", i)
            rates[voice] = Rate(
                per_1000_words=result.value(column, digits=3),
                ci95=_pair(result.interval(column, digits=3)),
                count=int(sum(c.get(voice, 0) for c in side.voice_counts)),
                examples=book.examples(side.examples["technique_voice"].get(voice)),
            )
        unattributed = int(sum(c.get(UNATTRIBUTED, 0) for c in side.voice_counts))
        per_side.append(VoiceRates(rates["author"], rates["quoted"], unattributed))
    return TechniqueVoices(
        a=per_side[0],
        b=per_side[1],
        difference={
            voice: table.difference_entry(table.column("voice", i))
            for i, voice in enumerate(TECHNIQUE_VOICES)
        },
    )


def display_name(side: SideCollector, key: str) -> str:
    """The most frequent spelling of an actor or speaker on one side."""
    names = side.names.get(key)
    return names.most_common(1)[0][0] if names else key


def voices(
    sides: tuple[SideCollector, SideCollector], book: EvidenceBook
) -> tuple[PerSide[tuple[Speaker, ...]], PerSide[tuple[CitedOutlet, ...]]]:
    """The ``quoted`` and ``cited_outlets`` sections: who speaks and which media are cited,
    most frequent first."""
    quoted, cited = [], []
    for side in sides:
        quoted.append(
            tuple(
                Speaker(
                    speaker=display_name(side, speaker),
                    quotes=count,
                    examples=book.examples(side.examples["speaker"].get(speaker)),
                )
                for speaker, count in side.speakers.most_common(TOP_ITEMS)
            )
        )
        cited.append(
            tuple(
                CitedOutlet(
                    outlet=outlet,
                    citations=count,
                    examples=book.examples(side.examples["outlet"].get(outlet)),
                )
                for outlet, count in side.outlets.most_common(TOP_ITEMS)
            )
        )
    return PerSide(quoted[0], quoted[1]), PerSide(cited[0], cited[1])


def casualties(
    sides: tuple[SideCollector, SideCollector], book: EvidenceBook
) -> PerSide[Casualties]:
    """Killed people reported, summed over each side's documents, with the claims behind them."""
    a, b = (
        Casualties(
            killed_civilians_reported=int(side.casualties["civilians"]),
            killed_children_reported=int(side.casualties["children"]),
            killed_women_reported=int(side.casualties["women"]),
            killed_combatants_reported=int(side.casualties["combatants"]),
            documents_reporting_killed=side.casualty_documents,
            examples={
                category: book.examples(side.examples["casualties"].get(category))
                for category in CASUALTY_CATEGORIES
            },
        )
        for side in sides
    )
    return PerSide(a, b)
