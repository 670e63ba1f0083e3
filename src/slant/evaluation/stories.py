"""Score story grouping against the hand-labelled stories, with the baseline in the same run.

Gold (``slant/data/gold/stories.jsonl``, guideline in the README beside it): one line per
document, ``{"corpus", "unit_id", "story", "split"}`` — ids only; the texts are read from
the FA-KES sample (``../shared/data/fakes-dev.csv``, ``unit_id`` column) and the bundled demo
corpus. Each split is grouped on its own, as a corpus of its own, so no story of the other
split can hide or cause an error.

Measure: B-cubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009, "A
comparison of extrinsic clustering evaluation metrics"): for each document, precision is the
share of its predicted story that is in its gold story, recall the share of its gold story
that is in its predicted story; both are averaged over documents and F1 is their harmonic
mean. Singletons count: a document rightly left alone scores 1 and 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..errors import InputError
from ..ingest.table import ColumnMap, read_csv, read_jsonl
from ..stories.cluster import Cluster, Settings
from ..stories.features import DocumentFeatures, extract_features
from ..stories.group import BASELINE, cluster_features
from .gold import gold_records
from .scoring import f1

__all__ = [
    "BCubed",
    "StoryScore",
    "bcubed",
    "evaluate_stories",
    "gold_documents",
    "load_gold",
]

#: Where the FA-KES sample is read from when not given.
FAKES_COLUMNS = ColumnMap(
    text="article_content", title="article_title", source="source", date="date", id="unit_id"
)


@dataclass(frozen=True)
class BCubed:
    """B-cubed precision, recall and F1 over ``documents`` documents."""

    precision: float
    recall: float
    f1: float
    documents: int


@dataclass(frozen=True)
class StoryScore:
    """The scores of one system on one corpus and split."""

    system: str
    corpus: str
    split: str
    score: BCubed
    stories: int
    gold_stories: int


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """B-cubed scores of a predicted labelling against the gold one (same keys).

    >>> bcubed({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "y", "c": "y"}).precision
    0.6666666666666666
    """
    if set(predicted) != set(gold):
        raise InputError("bcubed: predicted and gold label different documents")
    members: dict[tuple[str, str], set[str]] = {}
    for item in gold:
        members.setdefault(("p", predicted[item]), set()).add(item)
        members.setdefault(("g", gold[item]), set()).add(item)
    precision = recall = 0.0
    for item in gold:
        mine = members[("p", predicted[item])]
        truth = members[("g", gold[item])]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    n = len(gold) or 1
    precision, recall = precision / n, recall / n
    return BCubed(precision, recall, f1(precision, recall), len(gold))


def load_gold(path: Path | None = None) -> list[dict[str, str]]:
    """The gold lines (packaged file by default)."""
    return gold_records(path, _story_line, packaged="stories.jsonl", what="gold story line")


def _story_line(
    corpus: object, unit_id: object, story: object, split: object, **_: object
) -> dict[str, str]:
    """One gold line's fields (JSON values of any type), as strings; other fields ignored."""
    return {
        "corpus": str(corpus),
        "unit_id": str(unit_id),
        "story": str(story),
        "split": str(split),
    }


def gold_documents(
    corpus: str, fakes: Path | None = None
) -> dict[str, tuple[str, str | None, str | None, str | None, str]]:
    """The documents of a gold corpus (``fakes-dev`` or ``demo``) by unit id, as
    ``(id, title, source, date, text)`` tuples."""
    if corpus == "demo":
        from ..demo import demo_corpus_file

        path, reader, columns = (
            demo_corpus_file(),
            read_jsonl,
            ColumnMap(title="title", source="source", date="date", id="id"),
        )
    elif corpus == "fakes-dev":
        if fakes is None:
            raise InputError(
                "the gold stories of fakes-dev are rows of the FA-KES sample: give its path",
                argument="fakes",
            )
        path, reader, columns = Path(fakes), read_csv, FAKES_COLUMNS
    else:
        raise InputError(f"gold corpus {corpus!r} is not one of: fakes-dev, demo")
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise InputError(
            f"{str(path)!r} cannot be read ({exc}): give the path of the FA-KES sample",
            argument="fakes",
        ) from exc
    found: dict[str, tuple[str, str | None, str | None, str | None, str]] = {}
    for doc in reader(text, name=str(path), columns=columns):
        if isinstance(doc, Document) and doc.external_id and doc.external_id not in found:
            found[doc.external_id] = (doc.external_id, doc.title, doc.source, doc.date, doc.text)
    return found


def _labels(clusters: Sequence[Cluster]) -> dict[str, str]:
    return {m.id: c.key for c in clusters for m in c.members}


def evaluate_stories(
    *,
    gold_path: Path | None = None,
    fakes: Path | None = None,
    splits: Sequence[str] = ("dev", "heldout"),
    settings: Settings | None = None,
    baseline: Settings = BASELINE,
    features_cache: dict[str, list[DocumentFeatures]] | None = None,
) -> list[StoryScore]:
    """Group each gold corpus and split with ``stories.v1`` (``settings``) and the baseline;
    score both. ``features_cache`` (corpus -> features) saves re-extracting in sweeps."""
    gold = load_gold(gold_path)
    scores = []
    for corpus in sorted({g["corpus"] for g in gold}):
        if features_cache is not None and corpus in features_cache:
            features = features_cache[corpus]
        else:
            documents = gold_documents(corpus, fakes)
            missing = sorted({g["unit_id"] for g in gold if g["corpus"] == corpus} - set(documents))
            if missing:
                raise InputError(
                    f"gold corpus {corpus}: {len(missing)} labelled documents are not in the "
                    f"data (first: {missing[0]}); is it the right file?"
                )
            labelled = {g["unit_id"] for g in gold if g["corpus"] == corpus}
            features = extract_features([documents[i] for i in sorted(labelled)])
            if features_cache is not None:
                features_cache[corpus] = features
        for split in splits:
            truth = {
                g["unit_id"]: g["story"]
                for g in gold
                if g["corpus"] == corpus and (split == "all" or g["split"] == split)
            }
            chosen = [f for f in features if f.id in truth]
            if not chosen:
                continue
            truth = {f.id: truth[f.id] for f in chosen}
            for system, config in (("stories.v1", settings), ("baseline", baseline)):
                clusters = cluster_features(chosen, settings=config)
                scores.append(
                    StoryScore(
                        system=system,
                        corpus=corpus,
                        split=split,
                        score=bcubed(_labels(clusters), truth),
                        stories=len(clusters),
                        gold_stories=len(set(truth.values())),
                    )
                )
    return scores
