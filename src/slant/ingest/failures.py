"""What a reader reports for an input (or one row of it) that could not become a document."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IngestFailure"]


@dataclass(frozen=True)
class IngestFailure:
    """One input, or one row/entry of an input, that was skipped, and why."""

    input: str
    message: str
    #: The library argument the failure is about, when there is one (see SlantError).
    argument: str | None = None

    def __str__(self) -> str:
        return f"{self.input}: {self.message}"
