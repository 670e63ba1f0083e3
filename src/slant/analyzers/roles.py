"""Narrative roles: is an actor cast as hero, villain or victim of the story?

Method: the character roles of Frermann et al. (*Conflicts, Villains, Resolutions: Towards models
of Narrative Media Framing*, ACL 2023), learnt from their climate-change articles. An entity is
represented by the vector of its name read alone, the mean vector of the sentences that mention it
(both from the technique encoder, :mod:`slant.vectors`), and their difference; a multinomial
logistic regression (trained by :mod:`slant.train.roles`, weights in ``models/roles/roles.npz``)
gives four scores: hero, villain, victim and :data:`NO_ROLE` (learnt from the actors of the
training articles that the annotators left without a role). ``role`` is the best of the three roles
when it beats "none", else None; ``role_score`` is the best role's probability either way. Mentions
are the ``actors`` analyzer's offsets, or, for :func:`cast_roles`, case-insensitive whole-word
matches of the given string (falling back to its longest word). It reads sentence content, not
syntax: it does not know who does what to whom inside a sentence, so two actors named in the same
sentences get similar context; and much of what it knows is who tends to be cast as what in climate
news (see the model card for how it transfers to other news).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..analysis import ROLES, Actor, Role, RoleName
from ..artefacts import read_npz
from ..document import Document
from ..errors import InputError, ModelError
from ..pipeline import Context, analyzer
from ..spans import overlaps_any
from ..vectors import BASE_ENCODER, DIMENSIONS, require_encoder, text_vectors

__all__ = [
    "NO_ROLE",
    "MODEL_PATH",
    "ROLES",
    "RoleModel",
    "EVIDENCE_SENTENCES",
    "cast_actors",
    "cast_roles",
    "context_vectors",
    "entity_mentions",
    "entity_sentences",
    "get_role_model",
    "role_features",
    "roles",
    "sentences_with",
]

#: The model's fourth class: an actor the story gives no role.
NO_ROLE = "none"
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "roles" / "roles.npz"


def role_features(entity: np.ndarray, context: np.ndarray) -> np.ndarray:
    """Feature rows ``[entity, context, context - entity]`` for matching rows of vectors."""
    return np.hstack([entity, context, context - entity])


@dataclass(frozen=True)
class RoleModel:
    """A multinomial logistic regression over :func:`role_features`."""

    roles: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> RoleModel:
        """Read a model written by :func:`slant.train.roles.save_role_model`."""
        data = read_npz(
            path,
            keys=("roles", "weights", "bias"),
            optional=("encoder",),
            model="role",
            retrain="slant train roles --data ../shared/data/framing-roles-train.tsv",
        )
        model = cls(
            roles=tuple(str(r) for r in data["roles"]),
            weights=np.asarray(data["weights"], dtype=np.float32),
            bias=np.asarray(data["bias"], dtype=np.float32),
        )
        if (
            not set(ROLES) <= set(model.roles)
            or model.weights.shape != (len(model.roles), 3 * DIMENSIONS)
            or model.bias.shape != (len(model.roles),)
        ):
            raise ModelError(
                f"the role model {path} does not match this version of slant: "
                "reinstall slant or retrain it with `slant train roles`"
            )
        require_encoder(
            str(data.get("encoder", BASE_ENCODER)),
            path=path,
            model="role",
            retrain="slant train roles --data ../shared/data/framing-roles-train.tsv",
        )
        return model

    def scores(self, entity: np.ndarray, context: np.ndarray) -> np.ndarray:
        """Role probabilities, shape ``(n, roles)``, for ``n`` entity and context vectors."""
        logits = role_features(entity, context) @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))


@lru_cache(maxsize=1)
def get_role_model() -> RoleModel:
    """Return the committed role model (loaded once)."""
    return RoleModel.load(MODEL_PATH)


def entity_mentions(entity: str, text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each whole-word, case-insensitive occurrence of ``entity`` in ``text``.

    When the full string never occurs, its longest word (the last, on ties) is looked for.

    >>> entity_mentions("President Jair Bolsonaro", "Bolsonaro spoke.")
    [(0, 9)]
    """
    words = re.findall(r"\w+", entity)
    patterns = [r"\s+".join(map(re.escape, entity.split()))] if words else []
    # The longest word, the last one on ties: the surname of "President Jair Bolsonaro".
    longest = max(reversed(words), key=len, default="")
    if len(words) > 1 and len(longest) > 3:
        patterns.append(re.escape(longest))
    for pattern in patterns:
        found = re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)
        spans = [m.span() for m in found.finditer(text)]
        if spans:
            return spans
    return []


def sentences_with(
    mentions: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]]
) -> list[int]:
    """Indices of the ``sentences`` that overlap any of the ``mentions`` spans."""
    return [i for i, sentence in enumerate(sentences) if overlaps_any(sentence, mentions)]


def entity_sentences(entity: str, text: str, sentences: Sequence[tuple[int, int]]) -> list[int]:
    """Indices of the sentences that mention ``entity`` (see :func:`entity_mentions`).

    >>> entity_sentences("the regime", "The regime fell. Crowds cheered.", [(0, 16), (17, 32)])
    [0]
    """
    return sentences_with(entity_mentions(entity, text), sentences)


def context_vectors(vectors: np.ndarray, groups: list[list[int]]) -> np.ndarray:
    """Normalised mean of each group of sentence vectors (all sentences for an empty group)."""
    rows = [vectors[g].mean(axis=0) if g else vectors.mean(axis=0) for g in groups]
    context = np.array(rows, dtype=np.float32).reshape(len(groups), DIMENSIONS)
    return np.asarray(context / np.maximum(np.linalg.norm(context, axis=1, keepdims=True), 1e-12))


def _best_role(scores: np.ndarray, classes: tuple[str, ...]) -> tuple[str | None, float]:
    """The role to report (None when "no role" wins) and the best of the three role scores."""
    ranked = [(float(p), c) for p, c in zip(scores, classes, strict=True) if c in ROLES]
    role_score, role = max(ranked)
    return (role if int(np.argmax(scores)) == classes.index(role) else None), round(role_score, 4)


def cast_roles(text: str, entities: list[str]) -> list[dict[str, Any]]:
    """Return the narrative role the text gives each entity string, with all role scores.

    ``entities`` need not be named entities ("climate alarmists", "the regime"). An entity the
    text never mentions gets ``role=None`` and ``mentions=0`` (its scores then read the whole
    text and mean little).

    >>> [cast] = cast_roles("Brave firefighters saved the village.", ["firefighters"])
    >>> cast["entity"], cast["mentions"], sorted(cast["scores"])
    ('firefighters', 1, ['hero', 'none', 'victim', 'villain'])
    """
    if not text.strip():
        raise InputError("cast_roles got an empty text; pass the article text")
    names = [e.strip() for e in entities]
    if not all(names):
        raise InputError("cast_roles got an empty entity string; pass names like 'the regime'")
    if not names:
        return []
    model = get_role_model()
    ctx = Context(Document(text=text))
    sentences, vectors = ctx.sentences, ctx.sentence_vectors
    if not sentences:
        raise InputError("cast_roles got a text without sentences; pass the article text")
    groups = [entity_sentences(name, text, sentences) for name in names]
    probabilities = model.scores(text_vectors(names), context_vectors(vectors, groups))
    out = []
    for name, group, row in zip(names, groups, probabilities, strict=True):
        role, _ = _best_role(row, model.roles)
        out.append(
            {
                "entity": name,
                "role": role if group else None,
                "scores": {r: round(float(p), 4) for r, p in zip(model.roles, row, strict=True)},
                "mentions": len(group),
            }
        )
    return out


#: Sentences kept as evidence of each actor's role (the first that mention it).
EVIDENCE_SENTENCES = 3


def _role_name(role: str | None) -> RoleName | None:
    return next((r for r in ROLES if r == role), None)


def cast_actors(
    actors: list[Actor],
    sentences: Sequence[tuple[int, int]],
    vectors: np.ndarray,
    *,
    model: RoleModel | None = None,
) -> list[Role]:
    """The role of each actor, from the sentences that mention it and their vectors."""
    if not actors or not sentences:
        return []
    model = model or get_role_model()
    groups = [sentences_with(list(actor.mentions), sentences) for actor in actors]
    probabilities = model.scores(
        text_vectors([a.name for a in actors]), context_vectors(vectors, groups)
    )
    cast = []
    for actor, group, row in zip(actors, groups, probabilities, strict=True):
        role, score = _best_role(row, model.roles)
        evidence = [(sentences[i][0], sentences[i][1]) for i in group[:EVIDENCE_SENTENCES]]
        cast.append(Role(actor=actor.name, role=_role_name(role), score=score, evidence=evidence))
    return cast


@analyzer("roles", version="roles.v2", sets=("roles",), requires=("actors",))
def roles(ctx: Context) -> dict[str, list[Role]]:
    """Hero, villain or victim for each actor (Frermann et al. 2023 roles)."""
    actors: list[Actor] = ctx.output("actors")
    if not actors:
        return {"roles": []}
    return {"roles": cast_actors(actors, ctx.sentences, ctx.sentence_vectors)}
