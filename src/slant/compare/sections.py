"""The sections of a ``slant.compare/1`` report built from two collected sides.

Rates and means (techniques per 1,000 words, tone, frame shares) come with bootstrap 95 %
intervals per side and for the difference A - B (:mod:`.stats`); a difference is marked
``real`` when its interval excludes zero. Actors are joined across sides by
:func:`~.collect.actor_key`; for actors both sides describe, descriptor distributions are
compared with the Jensen-Shannon divergence (base 2, 0 = same words, 1 = no word in
common; Lin 1991) and role distributions with the total variation distance, and both are
ranked by that difference shrunk by the evidence of the thinner side (``d * n / (n + 2)``,
``n`` the smaller count), so one stray word does not outrank a consistent pattern.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from .collect import CASUALTY_CATEGORIES, FRAME_PRESENT, FRAMES, ROLES, SideCollector
from .evidence import EvidenceBook
from .stats import BootstrapResult, bootstrap_ratios, difference_interval

__all__ = ["RatesTable", "actor_sections", "casualties", "rates", "voices"]

TOP_ITEMS = 15
TOP_DESCRIPTORS = 8


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


def _display(side: SideCollector, key: str) -> str:
    names = side.names.get(key)
    return names.most_common(1)[0][0] if names else key


def voices(sides: tuple[SideCollector, ...], book: EvidenceBook) -> dict[str, Any]:
    """The ``quoted`` and ``cited_outlets`` sections: who speaks and which media are cited."""
    quoted, cited = {}, {}
    for key, side in zip("ab", sides, strict=True):
        quoted[key] = [
            {
                "speaker": _display(side, speaker),
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


def _jensen_shannon(p: Counter[str], q: Counter[str]) -> float:
    words = sorted(set(p) | set(q))
    a = np.array([p[w] for w in words], dtype=np.float64)
    b = np.array([q[w] for w in words], dtype=np.float64)
    a, b = a / a.sum(), b / b.sum()
    m = (a + b) / 2

    def kl(x: np.ndarray) -> float:
        mask = x > 0
        return float(np.sum(x[mask] * np.log2(x[mask] / m[mask])))

    return max(0.0, min(1.0, (kl(a) + kl(b)) / 2))


def _total_variation(p: Counter[str], q: Counter[str]) -> float:
    n_p, n_q = sum(p.values()), sum(q.values())
    return 0.5 * sum(abs(p[r] / n_p - q[r] / n_q) for r in ROLES)


def _shrunk(difference: float, p: Counter[str], q: Counter[str]) -> float:
    n = min(sum(p.values()), sum(q.values()))
    return difference * n / (n + 2)


def actor_sections(sides: tuple[SideCollector, SideCollector], book: EvidenceBook) -> dict:
    """``actor_descriptors`` and ``actor_roles`` for actors both sides mention."""
    a, b = sides
    both = set(a.actor_documents) & set(b.actor_documents)
    descriptors, roles = [], []
    for key in both:
        name = _display(a, key)
        if a.descriptors.get(key) and b.descriptors.get(key):
            p, q = a.descriptors[key], b.descriptors[key]
            difference = _jensen_shannon(p, q)
            descriptors.append(
                (
                    _shrunk(difference, p, q),
                    {
                        "actor": name,
                        "difference": round(difference, 4),
                        "documents_a": a.actor_documents[key],
                        "documents_b": b.actor_documents[key],
                        "a": _descriptor_list(a, key, book),
                        "b": _descriptor_list(b, key, book),
                    },
                )
            )
        if a.roles.get(key) and b.roles.get(key):
            p, q = a.roles[key], b.roles[key]
            difference = _total_variation(p, q)
            roles.append(
                (
                    _shrunk(difference, p, q),
                    {
                        "actor": name,
                        "difference": round(difference, 4),
                        "a": _role_entry(a, key, book),
                        "b": _role_entry(b, key, book),
                    },
                )
            )
    return {
        "actor_descriptors": _ranked(descriptors),
        "actor_roles": _ranked(roles),
    }


def _ranked(scored: list[tuple[float, dict[str, Any]]], *, top: int = 30) -> list[dict]:
    return [entry for _, entry in sorted(scored, key=lambda s: (-s[0], s[1]["actor"]))][:top]


def _descriptor_list(side: SideCollector, key: str, book: EvidenceBook) -> list[dict]:
    return [
        {
            "descriptor": text,
            "count": count,
            "examples": book.examples(side.examples["descriptor"].get((key, text))),
        }
        for text, count in side.descriptors[key].most_common(TOP_DESCRIPTORS)
    ]


def _role_entry(side: SideCollector, key: str, book: EvidenceBook) -> dict[str, Any]:
    counts = side.roles[key]
    return {
        "roles": {role: counts[role] for role in ROLES},
        "dominant": counts.most_common(1)[0][0],
        "examples": {
            role: book.examples(side.examples["role"].get((key, role)))
            for role in ROLES
            if counts[role]
        },
    }
