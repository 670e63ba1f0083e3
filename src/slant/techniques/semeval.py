"""SemEval-2020 Task 11 file formats and its official measures, re-implemented.

Formats (Da San Martino et al., SemEval 2020): a folder of ``article<ID>.txt`` files; span
identification (SI) lines ``ID<TAB>start<TAB>end``; technique classification (TC) lines
``ID<TAB>technique<TAB>start<TAB>end`` (a template has ``?`` as technique). Offsets count
characters of the file read as UTF-8 with line endings kept as they are.

Measures:

- **SI** (Da San Martino et al., EMNLP 2019, section 4): precision and recall with credit for
  partial overlap. For a predicted span ``s`` and a gold span ``t`` (sets of character
  positions), ``C(s, t, h) = |s ∩ t| / h``; ``P = Σ_s Σ_t C(s, t, |s|) / |S|`` and
  ``R = Σ_s Σ_t C(s, t, |t|) / |T|`` over all articles (spans only meet within an article);
  ``F1`` is their harmonic mean. As in the official scorer, overlapping spans of one article
  are first merged, on both sides, and techniques are ignored.
- **TC**: micro-averaged F1 over the given spans: a prediction is right when article, span
  and technique match a gold line (each gold line matched at most once), plus precision,
  recall and F1 per technique.

It does not check that a TC prediction file covers exactly the template's spans.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

__all__ = [
    "Label",
    "Scores",
    "merge_spans",
    "read_articles",
    "read_labels",
    "score_si",
    "score_tc",
    "write_labels",
]

_ARTICLE_FILE = re.compile(r"^article(.+)\.txt$")


@dataclass(frozen=True, order=True)
class Label:
    """One line of a SemEval file; ``technique`` is ``None`` for SI lines, ``"?"`` in templates."""

    article_id: str
    start: int
    end: int
    technique: str | None = None


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 (0 when undefined), with the counts they came from."""

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.predicted,
            "gold": self.gold,
        }


def read_articles(folder: Path) -> dict[str, str]:
    """Return ``{article id: text}`` for every ``article<ID>.txt`` in ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; give the folder of article<ID>.txt files")
    articles = {}
    for path in sorted(folder.iterdir()):
        match = _ARTICLE_FILE.match(path.name)
        if match:
            try:
                articles[match.group(1)] = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    if not articles:
        raise InputError(f"{folder}: no article<ID>.txt files found (SemEval-2020 layout)")
    return articles


def read_labels(path: Path) -> list[Label]:
    """Read an SI (3 columns) or TC (4 columns) file; blank lines are skipped."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such labels file")
    labels = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        cols = line.rstrip("\r").split("\t")
        try:
            if len(cols) == 3:
                labels.append(Label(cols[0], int(cols[1]), int(cols[2])))
            elif len(cols) == 4:
                labels.append(Label(cols[0], int(cols[2]), int(cols[3]), cols[1]))
            else:
                raise ValueError(f"{len(cols)} tab-separated columns")
        except ValueError as exc:
            raise InputError(
                f"{path}, line {number}: expected ID<TAB>start<TAB>end or "
                f"ID<TAB>technique<TAB>start<TAB>end ({exc})"
            ) from exc
        if labels[-1].start >= labels[-1].end or labels[-1].start < 0:
            raise InputError(f"{path}, line {number}: span [{cols[-2]}, {cols[-1]}) is empty")
    return labels


def write_labels(labels: Iterable[Label], path: Path) -> None:
    """Write labels in the SI format (no techniques) or the TC format (all have one)."""
    lines = []
    for label in labels:
        if label.technique is None:
            lines.append(f"{label.article_id}\t{label.start}\t{label.end}")
        else:
            lines.append(f"{label.article_id}\t{label.technique}\t{label.start}\t{label.end}")
    Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping ``[start, end)`` spans.

    >>> merge_spans([(5, 9), (0, 3), (2, 4), (9, 10)])
    [(0, 4), (5, 9), (9, 10)]
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _by_article(labels: Iterable[Label]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for label in labels:
        spans.setdefault(label.article_id, []).append((label.start, label.end))
    return {article: merge_spans(s) for article, s in spans.items()}


def score_si(predicted: Iterable[Label], gold: Iterable[Label]) -> Scores:
    """Score span identification with partial-overlap credit (see module docstring)."""
    pred_spans, gold_spans = _by_article(predicted), _by_article(gold)
    precision_sum = recall_sum = 0.0
    for article, spans in pred_spans.items():
        for s_start, s_end in spans:
            for t_start, t_end in gold_spans.get(article, []):
                overlap = min(s_end, t_end) - max(s_start, t_start)
                if overlap > 0:
                    precision_sum += overlap / (s_end - s_start)
                    recall_sum += overlap / (t_end - t_start)
    n_pred = sum(map(len, pred_spans.values()))
    n_gold = sum(map(len, gold_spans.values()))
    precision = precision_sum / n_pred if n_pred else 0.0
    recall = recall_sum / n_gold if n_gold else 0.0
    return Scores(precision, recall, _f1(precision, recall), n_pred, n_gold)


def score_tc(predicted: Iterable[Label], gold: Iterable[Label]) -> tuple[Scores, dict[str, Scores]]:
    """Score technique classification: micro scores and scores per gold or predicted technique."""
    pred_counts = Counter(predicted)
    gold_counts = Counter(gold)
    hits = pred_counts & gold_counts

    def scores(p: Counter, g: Counter, h: Counter) -> Scores:
        n_pred, n_gold, n_hit = sum(p.values()), sum(g.values()), sum(h.values())
        precision = n_hit / n_pred if n_pred else 0.0
        recall = n_hit / n_gold if n_gold else 0.0
        return Scores(precision, recall, _f1(precision, recall), n_pred, n_gold)

    def only(counts: Counter, technique: str | None) -> Counter:
        return Counter({k: v for k, v in counts.items() if k.technique == technique})

    per_technique = {}
    for technique in sorted({lab.technique or "" for lab in (*pred_counts, *gold_counts)}):
        per_technique[technique] = scores(
            only(pred_counts, technique), only(gold_counts, technique), only(hits, technique)
        )
    return scores(pred_counts, gold_counts, hits), per_technique
