"""SemEval-2020 Task 11 file formats: articles folders and span/technique label files.

Formats (Da San Martino et al., SemEval 2020): a folder of ``article<ID>.txt`` files; span
identification (SI) lines ``ID<TAB>start<TAB>end``; technique classification (TC) lines
``ID<TAB>technique<TAB>start<TAB>end`` (a template has ``?`` as technique). Offsets count
characters of the file read as UTF-8 with line endings kept as they are. ``slant techniques``
reads and writes them at run time; the task's measures are :mod:`slant.evaluation.semeval`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

__all__ = ["Label", "merge_spans", "read_articles", "read_labels", "write_labels"]

_ARTICLE_FILE = re.compile(r"^article(.+)\.txt$")


@dataclass(frozen=True, order=True)
class Label:
    """One line of a SemEval file; ``technique`` is ``None`` for SI lines, ``"?"`` in templates."""

    article_id: str
    start: int
    end: int
    technique: str | None = None


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
