"""Annotation results as partitioned Parquet (``slant annotate --to-parquet DIR``).

For corpora whose analyses should not all go through one SQLite writer: each batch of
results becomes one partition, a folder ``DIR/part-<time>-<id>/`` holding every tidy table
(``techniques.parquet``, ``documents.parquet``, …, see ``docs/export.md``). A partition is
written in a hidden folder and renamed into place in one step, so a reader (DuckDB's
``'DIR/part-*/techniques.parquet'``, :func:`slant.read_export`) sees all of it or nothing;
a killed run leaves at most a hidden ``.part-*`` folder, which readers ignore and which can
be deleted. The ``documents`` table of the partitions says which documents are done, with
which analyzer versions, so a rerun skips them.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from .arrow import require_pyarrow
from .read import table_files
from .tables import Row
from .write import TableFiles

__all__ = ["done_documents", "write_partition"]


def write_partition(folder: str | Path, rows: Iterable[tuple[str, Row]]) -> Path:
    """Write one partition of ``(table, row)`` pairs (as :func:`tidy_rows` yields) into
    ``folder`` atomically; return its path."""
    folder = Path(folder)
    name = f"part-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
    hidden = folder / f".{name}"
    with TableFiles(hidden, "parquet") as files:
        files.add_all(rows)
    target = folder / name
    os.rename(hidden, target)
    return target


def done_documents(folder: str | Path, versions: Iterable[str]) -> set[str]:
    """Ids of the documents that the partitions in ``folder`` hold results for, by every one
    of the analyzer ``versions``."""
    folder = Path(folder)
    if not folder.is_dir():
        return set()
    require_pyarrow()
    import pyarrow.parquet as pq

    wanted = set(versions)
    done: set[str] = set()
    for path in table_files(folder, "documents"):
        table = pq.read_table(path, columns=["document_id", "analyzers"]).to_pylist()
        for row in table:
            if wanted <= set((row["analyzers"] or "").split(",")):
                done.add(row["document_id"])
    return done
