"""Score ``casualties.killed`` against FA-KES crowd counts, beside two baselines.

Method: each article of a FA-KES CSV (Abu Salem et al., ICWSM 2019; columns ``unit_id``,
``article_content``, ``nb_civilians``, ``nb_children``, ``nb_women``, ``nb_noncivilians``) is
parsed once and run through the ``claims`` analyzer. For each count we report
exact-match accuracy and accuracy within ±10 % of the gold value (at least ±1). Two baselines
run on the same rows: *zero* (always 0) and *keyword*: the first number followed within three
words by one of the count's keywords (civilians: people, civilians, killed, dead, died —
the rule of issue 4; children: children, child; women: women, woman; non-civilians:
fighters, soldiers, militants, rebels, troops, jihadists, terrorists, combatants), else 0.
``part`` restricts the rows to the first or second half of the file, so rules developed on
one half can be measured on the other. It does NOT judge the gold labels: see docs/claims.md
for an error analysis.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..analyzers.claims.numbers import find_quantities
from ..errors import InputError

__all__ = [
    "COUNTS",
    "PARTS",
    "CasualtyEvaluation",
    "Score",
    "evaluate_casualties",
    "keyword_baseline",
    "load_fakes",
]

#: FA-KES column -> key of ``casualties.killed``.
COUNTS = {
    "nb_civilians": "civilians",
    "nb_children": "children",
    "nb_women": "women",
    "nb_noncivilians": "combatants",
}
PARTS = ("all", "first-half", "second-half")
_KEYWORDS = {
    "civilians": {"people", "civilians", "killed", "dead", "died"},
    "children": {"children", "child"},
    "women": {"women", "woman"},
    "combatants": {
        "fighters", "soldiers", "militants", "rebels", "troops", "jihadists", "terrorists",
        "combatants",
    },
}  # fmt: skip


@dataclass(frozen=True)
class Score:
    """Share of articles whose count is exactly right, and within ±10 % (at least ±1)."""

    exact: float
    within_10: float


@dataclass
class CasualtyEvaluation:
    """Scores by method (``slant``, ``keyword``, ``zero``) and count, and slant's errors."""

    articles: int
    scores: dict[str, dict[str, Score]]
    errors: list[dict[str, object]] = field(default_factory=list)


def load_fakes(path: Path, *, part: str = "all") -> list[dict[str, str]]:
    """Read the rows of a FA-KES CSV (all, or its first or second half)."""
    if part not in PARTS:
        raise InputError(f"unknown part {part!r}; use one of {', '.join(PARTS)}")
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read FA-KES CSV {str(path)!r}: {exc}") from exc
    needed = {"unit_id", "article_content", *COUNTS}
    missing = needed - set(rows[0] if rows else ())
    if missing:
        raise InputError(
            f"{str(path)!r} is not a FA-KES CSV: missing column(s) {', '.join(sorted(missing))}"
        )
    half = (len(rows) + 1) // 2
    return rows[:half] if part == "first-half" else rows[half:] if part == "second-half" else rows


def keyword_baseline(text: str) -> dict[str, int]:
    """For each count, the first number followed within three words by one of its keywords.

    >>> keyword_baseline("Strikes killed 8 civilians and 3 children.")["civilians"]
    8
    """
    counts = dict.fromkeys(_KEYWORDS, 0)
    for quantity in find_quantities(text):
        following = {w.strip(".,;:!?\"'()").lower() for w in text[quantity.end :].split()[:3]}
        for key, words in _KEYWORDS.items():
            if not counts[key] and following & words:
                counts[key] = int(quantity.value)
    return counts


def _gold(row: dict[str, str], column: str) -> int:
    value = row[column].strip()
    if not re.fullmatch(r"\d+", value):
        raise InputError(f"row {row['unit_id']}: {column} must be a whole number, got {value!r}")
    return int(value)


def _score(pairs: list[tuple[int, int]]) -> Score:
    if not pairs:
        return Score(0.0, 0.0)
    exact = sum(p == g for p, g in pairs)
    within = sum(abs(p - g) <= max(1.0, 0.1 * g) for p, g in pairs)
    return Score(exact / len(pairs), within / len(pairs))


def evaluate_casualties(
    path: Path, *, part: str = "all", progress: Callable[[int], None] | None = None
) -> CasualtyEvaluation:
    """Run ``claims`` on each article of a FA-KES CSV and score it and both baselines."""
    from ..analyzers.claims import count_killed
    from ..nlp import parse

    rows = load_fakes(path, part=part)
    golds = [{key: _gold(row, column) for column, key in COUNTS.items()} for row in rows]
    predictions: dict[str, list[dict[str, int]]] = {"slant": [], "keyword": [], "zero": []}
    errors: list[dict[str, object]] = []
    for row, gold in zip(rows, golds, strict=True):
        text = row["article_content"]
        predicted = count_killed(parse(text))
        predictions["slant"].append(predicted)
        predictions["keyword"].append(keyword_baseline(text))
        predictions["zero"].append(dict.fromkeys(COUNTS.values(), 0))
        if gold != predicted:
            errors.append({"unit_id": row["unit_id"], "gold": gold, "predicted": predicted})
        if progress:
            progress(1)
    scores = {
        method: {
            column: _score([(p[key], g[key]) for p, g in zip(preds, golds, strict=True)])
            for column, key in COUNTS.items()
        }
        for method, preds in predictions.items()
    }
    return CasualtyEvaluation(articles=len(rows), scores=scores, errors=errors)
