"""A SemEval-2020 Task 11 / PTC articles folder: ``article<ID>.txt`` files, title on line one.

The PTC article number becomes the document's ``external_id`` so that technique labels in
the SemEval formats can be matched back to stored documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..document import Document
from ..errors import SlantError
from .failures import IngestFailure
from .files import decode, read_bytes
from .text import title_from_first_line

__all__ = ["is_ptc_folder", "read_ptc"]

_ARTICLE = re.compile(r"^article(\d+)\.txt$")


def is_ptc_folder(path: Path) -> bool:
    """True when ``path`` is a folder whose .txt files are all named ``article<ID>.txt``."""
    if not path.is_dir():
        return False
    names = [p.name for p in path.iterdir() if p.suffix == ".txt"]
    return bool(names) and all(_ARTICLE.match(n) for n in names)


def read_ptc(path: Path, *, source: str | None = None) -> Iterator[Document | IngestFailure]:
    """Yield one document per article of a PTC folder, in article-number order."""
    numbered = [(found.group(1), p) for p in path.iterdir() if (found := _ARTICLE.match(p.name))]
    for number, file in sorted(numbered, key=lambda pair: int(pair[0])):
        try:
            text, warnings = decode(read_bytes(file), str(file))
            yield Document(
                text=text,
                title=title_from_first_line(text),
                source=source or "ptc",
                external_id=number,
                warnings=warnings,
            )
        except SlantError as exc:
            yield IngestFailure(str(file), str(exc))
