"""The narrative framing data of Frermann et al., read, and its articles embedded.

L. Frermann, J. Li, S. Khanehzar, G. Mikolajczak, *Conflicts, Villains, Resolutions: Towards
models of Narrative Media Framing*, ACL 2023 (MIT licence): ``framing-train.tsv`` holds one
climate-change article a row with its five frame labels (ID, text, RE, HI, CO, MO, EC),
``framing-roles-train.tsv`` one annotated entity a row (ID, entity, group, role). The frame and
role evaluations (:mod:`.frames`, :mod:`.roles`) and their trainers (:mod:`slant.train.frames`,
:mod:`slant.train.roles`) read them here, and embed the articles' sentences as the analyzers do
(:func:`embed_articles`).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..analyzers.roles import ROLES
from ..errors import InputError
from ..spans import Span, sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "FRAME_COLUMNS",
    "EmbeddedArticle",
    "FramingArticle",
    "RoleMention",
    "embed_articles",
    "read_framing",
    "read_roles",
]

#: Column of the training file for each frame of :data:`~slant.analyzers.frames.FRAMES`.
FRAME_COLUMNS = ("RE", "HI", "CO", "MO", "EC")


@dataclass(frozen=True)
class FramingArticle:
    """One article of the framing data: its id, text and frame labels (None when missing)."""

    id: str
    text: str
    labels: tuple[bool, ...] | None


@dataclass(frozen=True)
class RoleMention:
    """One annotated entity: the article it is in, its string and its role."""

    article_id: str
    entity: str
    role: str


@dataclass(frozen=True)
class EmbeddedArticle:
    """An article's sentence offsets and their vectors (and its parse, when kept)."""

    id: str
    text: str
    spans: list[Span]
    vectors: np.ndarray
    doc: Doc | None = field(default=None, repr=False)


def _rows(path: Path, what: str) -> list[dict[str, str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle, delimiter="\t"))
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read {what} {path}: {exc}") from exc


def read_framing(path: Path) -> list[FramingArticle]:
    """Read ``framing-train.tsv`` (ID, text, RE, HI, CO, MO, EC); labels None if any is blank."""
    rows = _rows(path, "framing data")
    missing = {"ID", "text", *FRAME_COLUMNS} - set(rows[0] if rows else ())
    if missing:
        raise InputError(
            f"{path} is not the framing data: missing columns {sorted(missing)}; "
            "expected a TSV with ID, text, RE, HI, CO, MO, EC"
        )
    articles = []
    for row in rows:
        values = [row[c].strip() for c in FRAME_COLUMNS]
        # One row of the release reads "False)"; the prefix is the label.
        labels = None if not all(values) else tuple(v.startswith("True") for v in values)
        articles.append(FramingArticle(id=row["ID"], text=row["text"], labels=labels))
    return articles


def read_roles(path: Path) -> list[RoleMention]:
    """Read ``framing-roles-train.tsv`` (ID, entity, role, …)."""
    rows = _rows(path, "role data")
    missing = {"ID", "entity", "role"} - set(rows[0] if rows else ())
    if missing:
        raise InputError(
            f"{path} is not the role data: missing columns {sorted(missing)}; "
            "expected a TSV with ID, entity, role"
        )
    unknown = sorted({r["role"] for r in rows} - set(ROLES))
    if unknown:
        raise InputError(f"{path} has unknown roles {unknown}; expected {list(ROLES)}")
    return [RoleMention(r["ID"], r["entity"].strip(), r["role"]) for r in rows]


def embed_articles(
    texts: Sequence[tuple[str, str]], *, keep_docs: bool = False
) -> list[EmbeddedArticle]:
    """Split ``(id, text)`` pairs into sentences as the analyzers do and give every sentence
    the vector the analyzers give it (:func:`slant.vectors.sentence_vectors`)."""
    from ..nlp import get_nlp
    from ..techniques import get_model
    from ..vectors import sentence_vectors

    model = get_model()
    docs = get_nlp().pipe((text for _, text in texts), batch_size=16)
    out = []
    for (article_id, text), doc in zip(texts, docs, strict=True):
        found = sentences(doc)
        vectors = sentence_vectors(model.encode_article(text), found)
        out.append(EmbeddedArticle(article_id, text, found, vectors, doc if keep_docs else None))
    return out
