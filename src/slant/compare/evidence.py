"""Turn evidence spans ``(document id, start, end)`` into examples a reader can check.

An example (:class:`~.result.Example`) has ``document``, ``start``, ``end``, ``text``,
``context`` and ``context_start``:
``text`` is exactly ``document.text[start:end]`` and ``context`` the sentence around it
(``context_start`` is where it begins in the document), so a report can show the finding in
its sentence and anyone can find it again in the stored text. Texts are read from the store
only for the few documents that evidence points to, and kept for reuse.
"""

from __future__ import annotations

from ..document import Document
from ..store import Corpus
from .result import CitedDocument, Example
from .spans import context_around

__all__ = ["EvidenceBook"]

Evidence = tuple[str, int, int]


class EvidenceBook:
    """Examples from evidence spans, and the metadata of every document they cite."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._documents: dict[str, Document | None] = {}
        self.cited: dict[str, CitedDocument] = {}

    def remember(self, document: Document) -> None:
        """Keep a document already read (saves a store read when its evidence is shown)."""
        self._documents[document.id] = document

    def _document(self, document_id: str) -> Document | None:
        if document_id not in self._documents:
            self._documents[document_id] = self._corpus.get_document(document_id)
        return self._documents[document_id]

    def example(self, evidence: Evidence) -> Example | None:
        """The example for one evidence span (None when the document is gone)."""
        document_id, start, end = evidence
        document = self._document(document_id)
        if document is None or not 0 <= start <= end <= len(document.text):
            return None
        context_start, context_end = context_around(document.text, start, end)
        self.cited.setdefault(
            document_id,
            CitedDocument(
                title=document.title, source=document.source, date=document.date, url=document.url
            ),
        )
        return Example(
            document=document_id,
            start=start,
            end=end,
            text=document.text[start:end],
            context=document.text[context_start:context_end],
            context_start=context_start,
        )

    def examples(self, spans: list[Evidence] | None) -> tuple[Example, ...]:
        """Examples of several evidence spans, in order, skipping any that cannot be shown."""
        found = (self.example(evidence) for evidence in spans or [])
        return tuple(example for example in found if example is not None)
