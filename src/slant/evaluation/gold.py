"""Gold sets: their JSON lines, and the articles they were annotated on.

Every gold set is a JSON-lines file under ``slant/data/gold/`` (guidelines in the README beside
them), one object a line, with article ids and character offsets only, never article text.
:func:`gold_records` reads one, packaged or given, into dataclass records with one-line errors
that name the file and line; ``eval quotes``, ``eval descriptors`` and ``eval stories`` read
their gold sets with it.

The texts stay outside the repository, and :class:`GoldArticles` finds them. An article id
says where its text is:

- ``fakes:<unit_id>``: the ``article_content`` of that row of the FA-KES CSV
  (``fakes-dev.csv``), read by the ingest CSV reader (:func:`slant.ingest.table.read_csv`);
- ``framing:<ID>``: the ``text`` of that row of the narrative-framing TSV
  (``framing-train.tsv``), read as the frames and roles trainers read it;
- any other id: ``<id>.txt`` in one of the article directories (PTC, samples).

The text is the cell as stored, never stripped or normalised, so ``text[start:end]`` of a
gold span is what the annotator meant.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InputError

__all__ = ["GoldArticles", "gold_records", "packaged_gold"]

_TABLES = {
    "fakes": "the FA-KES CSV (fakes-dev.csv)",
    "framing": "the framing TSV (framing-train.tsv)",
}


T = TypeVar("T")


def packaged_gold(name: str) -> Path:
    """The path of the packaged gold file ``slant/data/gold/<name>``."""
    return Path(str(resources.files("slant").joinpath(f"data/gold/{name}")))


def gold_records(
    path: Path | None, record: Callable[..., T], *, packaged: str, what: str
) -> list[T]:
    """``record(**object)`` for each non-blank line of a gold JSON-lines file: ``path``, or the
    packaged ``slant/data/gold/<packaged>`` when None. ``what`` names a record in errors.

    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Story:
    ...     corpus: str
    ...     unit_id: str
    ...     story: str
    ...     split: str
    >>> gold_records(None, Story, packaged="stories.jsonl", what="gold story")[0].corpus
    'fakes-dev'
    """
    source = packaged_gold(packaged) if path is None else Path(path)
    name = f"slant/data/gold/{packaged}" if path is None else str(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file {name!r}: {exc}", argument="gold_path") from exc
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fields: Any = json.loads(line)
            records.append(record(**fields))
        except (ValueError, TypeError) as exc:
            raise InputError(f"{name} line {number}: not a {what} ({exc})") from exc
    return records


@dataclass
class GoldArticles:
    """Look up gold articles by id in directories of ``<id>.txt`` and in the two tables."""

    directories: list[Path] = field(default_factory=list)
    fakes: Path | None = None
    framing: Path | None = None
    _tables: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def text(self, article: str) -> str:
        """The text of ``article`` (see the module docstring for the id forms)."""
        prefix, _, key = article.partition(":")
        if key and prefix in ("fakes", "framing"):
            if (self.fakes if prefix == "fakes" else self.framing) is None:
                raise InputError(
                    f"article {article!r} of the gold set is a row of {_TABLES[prefix]}: "
                    "give its path",
                    argument=prefix,
                )
            table = self._table(prefix)
            if key not in table:
                path = self.fakes if prefix == "fakes" else self.framing
                raise InputError(f"article {article!r} of the gold set is not in {path}")
            return table[key]
        if not self.directories:
            raise InputError(
                f"article {article!r} of the gold set is a file {article}.txt: give the "
                "directories of the gold articles",
                argument="directories",
            )
        for directory in self.directories:
            candidate = directory / f"{article}.txt"
            if candidate.is_file():
                return candidate.read_text(encoding="utf-8")
        raise InputError(
            f"article {article!r} of the gold set is in none of the --articles directories "
            f"({', '.join(map(str, self.directories))}); pass the directory that holds "
            f"{article}.txt"
        )

    def _table(self, prefix: str) -> dict[str, str]:
        if prefix not in self._tables:
            path = self.fakes if prefix == "fakes" else self.framing
            assert path is not None  # checked by text()
            self._tables[prefix] = _read_fakes(path) if prefix == "fakes" else _read_framing(path)
        return self._tables[prefix]


def _read_fakes(path: Path) -> dict[str, str]:
    """``unit_id`` -> text of the FA-KES CSV, through the ingest CSV reader."""
    from ..document import Document
    from ..ingest.table import ColumnMap, read_csv

    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read the FA-KES CSV {str(path)!r}: {exc}; give its path", argument="fakes"
        ) from exc
    columns = ColumnMap(text="article_content", id="unit_id")
    found = read_csv(raw, name=str(path), columns=columns)
    return {d.external_id: d.text for d in found if isinstance(d, Document) and d.external_id}


def _read_framing(path: Path) -> dict[str, str]:
    """``ID`` -> text of the framing TSV (tab-separated, one article per row)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows: Iterable[dict[str, str]] = list(csv.DictReader(handle, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(
            f"cannot read the framing TSV {str(path)!r}: {exc}; give its path", argument="framing"
        ) from exc
    out = {}
    for row in rows:
        if "ID" not in row or "text" not in row:
            raise InputError(f"{str(path)!r} is not the framing TSV: it needs ID and text columns")
        out[row["ID"]] = row["text"]
    return out
