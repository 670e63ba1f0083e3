"""What a reader reports about an input that is neither a document nor a failure.

A table reader says which column fed which document field, and warns when a mapped column
is empty in every row. Readers yield only documents and failures; notes go to a callback
(:data:`NoteHandler`) that the caller passes, and change nothing that is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = ["IngestNote", "NoteHandler"]


@dataclass(frozen=True)
class IngestNote:
    """A remark about one input: ``columns`` (the column mapping used) or ``warning``."""

    input: str
    message: str
    kind: Literal["columns", "warning"] = "warning"

    def __str__(self) -> str:
        return f"{self.input}: {self.message}"


#: What a reader calls with each note (readers yield only documents and failures).
NoteHandler = Callable[[IngestNote], None]
