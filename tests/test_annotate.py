"""Batch annotation: a document's stored analysis does not depend on the rest of its batch."""

from __future__ import annotations

import json

from slant.annotate import analyze_batch
from slant.demo import DEMO_COLUMNS, demo_corpus_file
from slant.ingest import read_path
from slant.pipeline import resolve


def _stored_json(rows: list) -> dict[str, str]:
    return {doc_id: json.dumps(result, sort_keys=True) for doc_id, result in rows}


def test_document_alone_and_in_a_batch_store_identical_json() -> None:
    documents = [d for d in read_path(demo_corpus_file(), columns=DEMO_COLUMNS)][:4]
    assert len(documents) == 4
    names = [spec.name for spec in resolve(None)]
    batch, failed = analyze_batch(documents, names)
    assert not failed
    in_batch = _stored_json(batch)
    for document in (documents[0], documents[-1]):
        alone, failed = analyze_batch([document], names)
        assert not failed
        assert _stored_json(alone)[document.id] == in_batch[document.id]
    reordered, _ = analyze_batch(documents[::-1], names)
    assert _stored_json(reordered) == in_batch
