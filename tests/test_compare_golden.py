"""The ``slant.compare/1`` JSON of fixed corpora, byte for byte as recorded.

The analyses are fixed (hand-written for the tiny corpus of :mod:`.test_compare`, stored in
``data/compare/demo_analyses.jsonl`` for the demo articles), so only the comparison code can
change the output. The recorded reports were written by the comparison code before its
result became typed dataclasses; a change to the JSON shows up here as a diff.

Regenerate (only for an intended change of the JSON):
``PYTHONPATH=src python -m tests.test_compare_golden`` from the repository root.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from slant.compare import compare
from slant.demo import DEMO_COLUMNS, DEMO_SIDES, demo_corpus_file
from slant.load import ingest_paths
from slant.store import Corpus

from .test_compare import HERALD, VOICE, _fields

GOLDEN = Path(__file__).parent / "data" / "compare"
DEMO_ANALYSES = GOLDEN / "demo_analyses.jsonl"

#: name -> (corpus kind, compare options)
CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "tiny": ("tiny", {"a": "source:herald", "b": "source:voice", "min_count": 1}),
    "tiny_subjects": (
        "tiny",
        {"subject_a": "terrorists", "subject_b": "regime", "min_count": 1, "window": 1},
    ),
    # The recorded demo analyses carry raw techniques.v2 scores (all under 0.45): every
    # stored finding counts, as when these reports were first recorded.
    "demo": ("demo", {**DEMO_SIDES, "technique_min_score": 0.0}),
    "demo_subjects": (
        "demo",
        {
            "subject_a": "Veldrograd",
            "label_a": "Veldrograd",
            "subject_b": "regime",
            "reps": 200,
            "technique_min_score": 0.0,
        },
    ),
}


def build_tiny(path: Path) -> None:
    """The corpus of :mod:`.test_compare`: six documents with hand-written analyses."""
    from slant.document import Document

    documents = [
        Document(text=t, source="herald", title=f"Herald {i}") for i, (t, _) in enumerate(HERALD)
    ] + [Document(text=t, source="voice") for t, _ in VOICE]
    with Corpus(path) as corpus:
        corpus.add_documents([*documents, Document(text="Not annotated yet.", source="voice")])
        tones = [tone for _, tone in HERALD + VOICE]
        corpus.save_analyses(
            (doc.id, {"all": ("test.v1", _fields(doc.text, tone, doc.source))})
            for doc, tone in zip(documents, tones, strict=True)
        )


def build_demo(path: Path) -> None:
    """The demo articles with the analyses recorded in ``demo_analyses.jsonl``."""
    with Corpus(path) as corpus:
        ingest_paths(corpus, [demo_corpus_file()], columns=DEMO_COLUMNS)
        rows = [json.loads(line) for line in DEMO_ANALYSES.read_text("utf-8").splitlines()]
        corpus.save_analyses((row["id"], {"all": ("demo.v1", row["fields"])}) for row in rows)


def report_json(corpus_path: Path, options: dict[str, Any]) -> str:
    with Corpus(corpus_path, create=False) as corpus:
        return compare(corpus, **options).to_json() + "\n"


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("golden")
    paths = {"tiny": folder / "tiny.db", "demo": folder / "demo.db"}
    build_tiny(paths["tiny"])
    build_demo(paths["demo"])
    return paths


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_json_is_byte_identical(corpora: dict[str, Path], name: str) -> None:
    kind, options = CASES[name]
    recorded = (GOLDEN / f"{name}.json").read_text("utf-8")
    assert report_json(corpora[kind], options) == recorded


def _write() -> None:  # pragma: no cover - run by hand, see the module docstring
    import tempfile

    from slant.demo import load_demo

    GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        if not DEMO_ANALYSES.exists():
            with Corpus(Path(folder) / "annotated.db") as corpus:
                load_demo(corpus)
                lines = [
                    json.dumps({"id": meta["id"], "fields": fields}, ensure_ascii=False)
                    for meta, fields in corpus.iter_analysis_fields()
                ]
            DEMO_ANALYSES.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths = {"tiny": Path(folder) / "tiny.db", "demo": Path(folder) / "demo.db"}
        build_tiny(paths["tiny"])
        build_demo(paths["demo"])
        for name, (kind, options) in CASES.items():
            text = report_json(paths[kind], options)
            (GOLDEN / f"{name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    _write()
