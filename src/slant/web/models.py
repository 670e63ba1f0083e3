"""Typed request and response bodies of the JSON API: they are its OpenAPI documentation.

The analysis response reuses the finding dataclasses of :mod:`slant.analysis`, so the
documented ``slant.analysis/1`` shape cannot drift from what the library writes; like the
compare response it allows keys added later (DESIGN.md: keys may be added, none renamed).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..analysis import Actor, Citation, Claim, Quote, ScareQuote, Technique, Tone

__all__ = [
    "AnalysisOut",
    "AnalyzeRequest",
    "CompareOut",
    "CompareRequest",
    "DocumentList",
    "DocumentOut",
    "DocumentSummary",
    "ErrorOut",
    "HealthOut",
    "IngestJobOut",
]


class ErrorOut(BaseModel):
    """Every error of the API has this shape, and the same status as the response."""

    ok: Literal[False] = False
    error: str = Field(description="What went wrong and what to do about it.")
    status: int = Field(description="The HTTP status code.")


_SURROGATE = re.compile("[\ud800-\udfff]")


class _ValidUnicode(BaseModel):
    """A request body whose strings are valid Unicode: JSON may spell a lone surrogate
    (``"\\ud800"``), which no UTF-8 text can hold and which would fail deep in an analysis."""

    @field_validator("*", mode="after")
    @classmethod
    def no_lone_surrogates(cls, value: Any) -> Any:
        for text in value if isinstance(value, list) else [value]:
            found = _SURROGATE.search(text) if isinstance(text, str) else None
            if found:
                raise ValueError(
                    f"contains a lone surrogate (U+{ord(found.group()):04X}) at character "
                    f"{found.start()}: send valid Unicode text"
                )
        return value


class AnalyzeRequest(_ValidUnicode):
    """Give ``text`` (with optional metadata) or ``url``, not both."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article text.")
    url: str | None = Field(None, description="An http(s) URL to fetch the article from.")
    title: str | None = None
    source: str | None = None
    date: str | None = Field(None, description="ISO date, e.g. 2016-11-16.")
    analyzers: list[str] | None = Field(
        None, description="Analyzers to run (default: all), e.g. ['tone', 'quotes']."
    )

    @model_validator(mode="after")
    def one_input(self) -> AnalyzeRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of 'text' or 'url'")
        return self


class DocumentMeta(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    length: int
    language: str | None = Field(None, description="ISO 639-1 code (langid.py), 'und' if unsure.")


class AnalysisOut(BaseModel):
    """An analysis in the ``slant.analysis/1`` schema (offsets index the document text)."""

    model_config = ConfigDict(extra="allow")

    schema_: Literal["slant.analysis/1"] = Field(alias="schema")
    document: DocumentMeta
    techniques: list[Technique] = []
    quotes: list[Quote] = []
    citations: list[Citation] = []
    actors: list[Actor] = []
    claims: list[Claim] = []
    casualties: dict[str, dict[str, int]] | None = None
    scare_quotes: list[ScareQuote] = []
    tone: Tone | None = None
    frames: dict[str, float] | None = None
    language: dict[str, Any] | None = Field(
        None, description="The detected language; analyzers skipped for it, and why."
    )
    analyzers: dict[str, str] = {}


class DocumentSummary(BaseModel):
    """A stored document's metadata; ``snippet`` marks matched words with [ and ]."""

    id: str
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    words: int | None = None
    snippet: str | None = None


class DocumentList(BaseModel):
    """One page of documents matching the query and filters."""

    total: int = Field(description="Documents matching (search results are capped).")
    limit: int
    offset: int
    filter: str = Field(description="The filter in slant's FILTER syntax.")
    documents: list[DocumentSummary]


class DocumentOut(BaseModel):
    """A stored document with its text and analysis (computed now when not stored)."""

    id: str
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    text: str
    analysis_stored: bool = Field(description="False when the analysis was computed now.")
    analysis: AnalysisOut


class CompareRequest(_ValidUnicode):
    """Two sides in FILTER syntax (``source:sana date:2016``), or two subjects."""

    model_config = ConfigDict(extra="forbid")

    a: str = Field("", description="FILTER of side A, e.g. 'source:herald'.")
    b: str = Field("", description="FILTER of side B.")
    label_a: str | None = None
    label_b: str | None = None
    subject_a: str | None = Field(None, description="Subject of side A, e.g. 'Veldrograd'.")
    subject_b: str | None = None

    @model_validator(mode="after")
    def two_sides(self) -> CompareRequest:
        if not (self.a or self.b or self.subject_a or self.subject_b):
            raise ValueError("give the two sides: 'a' and 'b' filters, or two subjects")
        return self


class CompareSide(BaseModel):
    model_config = ConfigDict(extra="allow")

    label: str | None = None
    filter: str | None = None
    documents: int
    words: int | None = None


class CompareOut(BaseModel):
    """A comparison in the ``slant.compare/1`` schema (see the compare documentation)."""

    model_config = ConfigDict(extra="allow")

    schema_: Literal["slant.compare/1"] = Field(alias="schema")
    a: CompareSide
    b: CompareSide


class HealthOut(BaseModel):
    ok: Literal[True] = True
    version: str
    corpus: str
    documents: int
    annotated: int
    analyzers: dict[str, str] = Field(description="Analyzers the server runs: name → version.")


class IngestJobOut(BaseModel):
    """An ingest of an uploaded file, running in the background: poll it until done."""

    id: str
    filename: str
    state: Literal["queued", "reading", "annotating", "done", "failed"]
    read: int = Field(description="Documents read and stored so far.")
    added: int
    present: int = Field(description="Documents that were already in the corpus.")
    failed: int
    failures: list[str] = Field(description="The first failures, with their reasons.")
    to_annotate: int
    annotated: int
    error: str | None = None
