"""Generic news frames of an article, with the sentences that support each frame most.

Method: the five generic frames of Semetko & Valkenburg (*Framing European politics*, Journal of
Communication 2000) — resolution, human interest, conflict, morality, economic — as annotated on
climate-change news by Frermann et al. (*Conflicts, Villains, Resolutions: Towards models of
Narrative Media Framing*, ACL 2023). Each sentence's vector is pooled from the technique
encoder's pass over the article (:mod:`slant.vectors`: one transformer pass serves techniques,
frames and roles); the article is the mean and the element-wise maximum of its sentence
vectors, and one logistic regression per frame (trained by :mod:`slant.train.frames`, weights in
``models/frames/frames.npz``) gives its score. The bias of each frame is shifted so that a score
of 0.5 is the decision threshold chosen by cross-validation for F1: ``score >= 0.5`` means
"frame present"; scores rank articles but are not calibrated probabilities. Evidence: each
sentence is scored by the same regression as if it were the whole article; the
:data:`EVIDENCE_PER_FRAME` best are returned, with their offsets. It does not find frames the
model was not trained on (issue-specific frames), nor say whether the writer endorses a frame;
the training data is about climate change (see the model card for where it transfers).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..artefacts import read_npz
from ..errors import ModelError
from ..pipeline import Context, analyzer
from ..spans import Span, sentences
from ..vectors import BASE_ENCODER, DIMENSIONS, require_encoder, sentence_vectors

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "frames_of_sentences",
    "EVIDENCE_PER_FRAME",
    "FRAMES",
    "MODEL_PATH",
    "FrameModel",
    "find_frames",
    "frames",
    "get_frame_model",
    "pool_sentences",
]

#: The frame names of ``slant.analysis/1``, in the order of the training columns RE HI CO MO EC.
FRAMES = ("resolution", "human_interest", "conflict", "morality", "economic")
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "frames" / "frames.npz"
EVIDENCE_PER_FRAME = 3

_POOLINGS = {
    "mean": lambda vectors: vectors.mean(axis=0),
    "max": lambda vectors: vectors.max(axis=0),
}


def pool_sentences(vectors: np.ndarray, poolings: tuple[str, ...]) -> np.ndarray:
    """Concatenate the named poolings (``mean``, ``max``) of an article's sentence vectors."""
    return np.concatenate([_POOLINGS[name](vectors) for name in poolings])


@dataclass(frozen=True)
class FrameModel:
    """One logistic regression per frame over pooled sentence vectors (see module docstring)."""

    frames: tuple[str, ...]
    poolings: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> FrameModel:
        """Read a model written by :func:`slant.train.frames.train_frames`."""
        data = read_npz(
            path,
            keys=("frames", "poolings", "weights", "bias"),
            optional=("encoder",),
            model="frame",
            retrain="slant train frames --data ../shared/data/framing-train.tsv",
        )
        model = cls(
            frames=tuple(str(f) for f in data["frames"]),
            poolings=tuple(str(p) for p in data["poolings"]),
            weights=np.asarray(data["weights"], dtype=np.float32),
            bias=np.asarray(data["bias"], dtype=np.float32),
        )
        expected = (len(model.frames), DIMENSIONS * len(model.poolings))
        if (
            any(p not in _POOLINGS for p in model.poolings)
            or model.weights.shape != expected
            or model.bias.shape != (len(model.frames),)
        ):
            raise ModelError(
                f"the frame model {path} does not match this version of slant: "
                "reinstall slant or retrain it with `slant train frames`"
            )
        require_encoder(
            str(data.get("encoder", BASE_ENCODER)),
            path=path,
            model="frame",
            retrain="slant train frames --data ../shared/data/framing-train.tsv",
        )
        return model

    def article_scores(self, vectors: np.ndarray) -> np.ndarray:
        """Score of each frame for an article given its sentence vectors ``(n, 384)``."""
        logits = self.weights @ pool_sentences(vectors, self.poolings) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-logits)))

    def sentence_scores(self, vectors: np.ndarray) -> np.ndarray:
        """Score of each frame for each sentence taken alone: shape ``(n, frames)``."""
        pooled = np.hstack([vectors for _ in self.poolings])
        return np.asarray(1.0 / (1.0 + np.exp(-(pooled @ self.weights.T + self.bias))))


@lru_cache(maxsize=1)
def get_frame_model() -> FrameModel:
    """Return the committed frame model (loaded once)."""
    return FrameModel.load(MODEL_PATH)


def find_frames(
    doc: Doc, *, model: FrameModel | None = None, evidence_per_frame: int = EVIDENCE_PER_FRAME
) -> tuple[dict[str, float], dict[str, list[dict[str, Any]]]]:
    """Return the frame scores of a parsed article and, per frame, its best evidence sentences.

    >>> from slant.nlp import parse
    >>> scores, evidence = find_frames(parse("The strike cost the economy two billion dollars."))
    >>> bool(scores["economic"] > scores["human_interest"])
    True
    """
    from ..techniques import get_model

    spans = sentences(doc)
    vectors = sentence_vectors(get_model().encode_article(doc.text), spans)
    return frames_of_sentences(spans, vectors, model=model, evidence_per_frame=evidence_per_frame)


def frames_of_sentences(
    spans: list[Span],
    vectors: np.ndarray,
    *,
    model: FrameModel | None = None,
    evidence_per_frame: int = EVIDENCE_PER_FRAME,
) -> tuple[dict[str, float], dict[str, list[dict[str, Any]]]]:
    """:func:`find_frames` from an article's sentences and their encoder vectors."""
    model = model or get_frame_model()
    if not spans:
        return {name: 0.0 for name in model.frames}, {name: [] for name in model.frames}
    article = model.article_scores(vectors)
    per_sentence = model.sentence_scores(vectors)
    scores = {name: round(float(p), 4) for name, p in zip(model.frames, article, strict=True)}
    evidence: dict[str, list[dict[str, Any]]] = {}
    for column, name in enumerate(model.frames):
        best = np.argsort(-per_sentence[:, column], kind="stable")[:evidence_per_frame]
        evidence[name] = [
            {
                "start": spans[i][0],
                "end": spans[i][1],
                "score": round(float(per_sentence[i, column]), 4),
            }
            for i in best
        ]
    return scores, evidence


@analyzer("frames", version="frames.v2", sets=("frames", "frame_evidence"))
def frames(ctx: Context) -> dict[str, Any]:
    """Generic news frames (Semetko & Valkenburg) and the sentences that support each."""
    scores, evidence = frames_of_sentences(ctx.sentences, ctx.sentence_vectors)
    return {"frames": scores, "frame_evidence": evidence}
