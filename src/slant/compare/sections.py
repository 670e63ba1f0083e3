"""The sections of a ``slant.compare/1`` report built from two collected sides (actors are in
:mod:`.actors`).

Rates and means (techniques per 1,000 words, tone, frame shares) come with bootstrap 95 %
intervals per side and for the difference A - B (:mod:`.stats`); a difference is marked
``real`` when its interval excludes zero. Speakers and outlets are counted as the analyzers
name them; casualties are the sums over a side's articles of the people each reports killed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .collect import CASUALTY_CATEGORIES, FRAME_PRESENT, FRAMES, SideCollector
from .evidence import EvidenceBook
from .stats import BootstrapResult, bootstrap_ratios, difference_interval

__all__ = ["RatesTable", "casualties", "display_name", "rates", "voices"]

TOP_ITEMS = 15


class RatesTable:
    """Bootstrap of every per-document rate of both sides: techniques, tone, frames."""

    def __init__(self, sides: tuple[SideCollector, SideCollector], *, reps: int, seed: int) -> None:
        names = set()
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
        has_tone = np.array([v is not None for v in side.tones], dtype=np.float64)
        tone = np.array([v or 0.0 for v in side.tones], dtype=np.float64)
        has_frames = np.array([bool(f) for f in side.frames], dtype=np.float64).reshape(n, 1)
        probability = np.array(
            [[float((f or {}).get(name) or 0.0) for name in FRAMES] for f in side.frames],
            dtype=np.float64,
        ).reshape(n, len(FRAMES))
        present = (probability >= FRAME_PRESENT).astype(np.float64)
        numerators = np.column_stack([counts * 1000.0, tone, present, probability])
        denominators = np.column_stack(
            [np.repeat(words, t, axis=1), has_tone, np.repeat(has_frames, 2 * len(FRAMES), 1)]
        )
        return numerators, denominators

    def column(self, kind: str, index: int = 0) -> int:
        offsets = {"technique": 0, "tone": len(self.techniques)}
        offsets["frame"] = offsets["tone"] + 1
        offsets["frame_probability"] = offsets["frame"] + len(FRAMES)
        return offsets[kind] + index

    def difference_entry(self, column: int) -> dict[str, Any]:
        estimate, low, high = self.difference
        interval = BootstrapResult(estimate, low, high, np.empty(0)).interval(column)
        real = interval[0] is not None and (interval[0] > 0 or interval[1] < 0)
        value = None if not np.isfinite(estimate[column]) else round(float(estimate[column]), 4)
        return {"a_minus_b": value, "ci95": interval, "real": bool(real)}


def rates(table: RatesTable, book: EvidenceBook) -> dict[str, dict[str, Any]]:
    """The ``techniques``, ``tone`` and ``frames`` sections."""
    techniques: dict[str, Any] = {"a": {}, "b": {}, "difference": {}}
    tone: dict[str, Any] = {"difference": table.difference_entry(table.column("tone"))}
    frames: dict[str, Any] = {"a": {}, "b": {}, "difference": {}, "documents": {}}
    for key, side, result in zip("ab", table.sides, table.results, strict=True):
        for i, name in enumerate(table.techniques):
            column = table.column("technique", i)
            techniques[key][name] = {
                "per_1000_words": result.value(column, digits=3),
                "ci95": result.interval(column, digits=3),
                "count": int(sum(c.get(name, 0) for c in side.technique_counts)),
                "examples": book.examples(side.examples["technique"].get(name)),
            }
        column = table.column("tone")
        tone[key] = {
            "mean": result.value(column),
            "ci95": result.interval(column),
            "documents": int(sum(v is not None for v in side.tones)),
            "most_negative": book.examples(
                [e for score, e in sorted(side.saddest, reverse=True) if score > 0]
            ),
            "most_positive": book.examples(
                [e for score, e in sorted(side.happiest, reverse=True) if score > 0]
            ),
        }
        for i, name in enumerate(FRAMES):
            share, mean = table.column("frame", i), table.column("frame_probability", i)
            frames[key][name] = {
                "share": result.value(share),
                "ci95": result.interval(share),
                "mean_probability": result.value(mean),
                "examples": book.examples(side.examples["frame"].get(name)),
            }
        frames["documents"][key] = int(sum(bool(f) for f in side.frames))
    for i, name in enumerate(table.techniques):
        techniques["difference"][name] = table.difference_entry(table.column("technique", i))
    for i, name in enumerate(FRAMES):
        frames["difference"][name] = table.difference_entry(table.column("frame", i))
    return {"techniques": techniques, "tone": tone, "frames": frames}


def display_name(side: SideCollector, key: str) -> str:
    """The most frequent spelling of an actor or speaker on one side."""
    names = side.names.get(key)
    return names.most_common(1)[0][0] if names else key


def voices(sides: tuple[SideCollector, ...], book: EvidenceBook) -> dict[str, Any]:
    """The ``quoted`` and ``cited_outlets`` sections: who speaks and which media are cited."""
    quoted, cited = {}, {}
    for key, side in zip("ab", sides, strict=True):
        quoted[key] = [
            {
                "speaker": display_name(side, speaker),
                "quotes": count,
                "examples": book.examples(side.examples["speaker"].get(speaker)),
            }
            for speaker, count in side.speakers.most_common(TOP_ITEMS)
        ]
        cited[key] = [
            {
                "outlet": outlet,
                "citations": count,
                "examples": book.examples(side.examples["outlet"].get(outlet)),
            }
            for outlet, count in side.outlets.most_common(TOP_ITEMS)
        ]
    return {"quoted": quoted, "cited_outlets": cited}


def casualties(sides: tuple[SideCollector, ...], book: EvidenceBook) -> dict[str, Any]:
    """Killed people reported, summed over each side's documents, with the claims behind them."""
    out = {}
    for key, side in zip("ab", sides, strict=True):
        entry: dict[str, Any] = {
            f"killed_{category}_reported": int(side.casualties[category])
            for category in CASUALTY_CATEGORIES
        }
        entry["documents_reporting_killed"] = side.casualty_documents
        entry["examples"] = {
            category: book.examples(side.examples["casualties"].get(category))
            for category in CASUALTY_CATEGORIES
        }
        out[key] = entry
    return out
