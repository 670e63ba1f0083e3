"""Run the technique model with onnxruntime and numpy only: find spans, name their technique.

The model folder (``slant/models/techniques``) holds ``model.onnx`` (MiniLM encoder + B/I/O
tagger, int8 per channel), ``head.npz`` (the span classifier), ``tokenizer.json`` and
``config.json`` (windowing, thresholds tuned on held-out articles). An article is encoded once
(:func:`encode_article`): overlapping windows of wordpieces go through the encoder in one batch,
and per-token tag probabilities are averaged over the windows that see the token.

- **Span identification**: tokens whose probability of being inside a span reaches
  ``si_threshold`` form runs; gaps of at most ``si_max_gap`` tokens are bridged; a run is split
  where a word is most likely a span *beginning* and, with ``si_split_lines``, at line breaks;
  runs map back to whole words in the text
  (:func:`slant.techniques.encoding.char_span`). A span's score is its mean inside-probability.
  With ``si_decoder: viterbi`` the best constrained B/I/O path is decoded instead
  (:mod:`slant.techniques.viterbi`, ``si_o_bias``).
- **Technique classification**: the classifier of :mod:`slant.train.techniques` on the states
  of the window that holds the span best (the states named by ``tc_parts``: by default its mean,
  first and ``[CLS]`` states; ``max`` adds max-pooling), plus article features; with
  ``repetition_rule`` a phrase that recurs in the article is labelled Repetition (the rule of
  the DESIGN probe).
- **Two heads**: a folder may add ``detected_head.npz``, a classifier of the same inputs fitted
  on the spans the tagger itself finds (:mod:`slant.train.technique_head`), with its own
  ``tc_prior_shift`` and ``repetition_rule`` under ``detected_head`` in ``config.json``. It
  names the spans the model detects (``classify(..., detected=True)``); ``head.npz`` names
  spans given from outside (a SemEval TC template). Without it ``head.npz`` names both.

It finds at most one technique per detected span; the SemEval template may list a span twice,
and then it gets its two most likely techniques.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..inference import session
from .encoding import (
    BEGIN,
    OUTSIDE,
    Encoded,
    batch_inputs,
    char_span,
    encode_text,
    load_tokenizer,
    token_range,
    window_ranges,
)
from .features import span_features
from .viterbi import viterbi_spans

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")

__all__ = [
    "DEFAULT_TC_PARTS",
    "DETECTED_HEAD_FILE",
    "TC_PARTS",
    "ArticleStates",
    "TechniqueModel",
    "decode_spans",
    "default_model_dir",
]

#: The states a span's representation can be made of (each one hidden vector): the mean state
#: of its wordpieces, the state of its first wordpiece, the window's ``[CLS]`` state, and the
#: element-wise maximum over its wordpieces (max-pooling).
TC_PARTS = ("mean", "first", "cls", "max")
#: The parts of the representation when a model's config names none (``tc_parts``): what the
#: classifier of :mod:`slant.train.techniques` is trained on.
DEFAULT_TC_PARTS = ("mean", "first", "cls")
#: The optional head for the spans the model detects (module docstring: two heads).
DETECTED_HEAD_FILE = "detected_head.npz"


def default_model_dir() -> Path:
    """Return the folder of the model shipped with slant."""
    return Path(__file__).resolve().parents[1] / "models" / "techniques"


@dataclass(frozen=True)
class ArticleStates:
    """What the encoder made of one article: tokens, windows, tag probabilities, states."""

    encoded: Encoded
    windows: list[tuple[int, int]]
    tag_probs: np.ndarray  # (tokens, 3) averaged over windows
    hidden: np.ndarray  # (windows, width, hidden size)


class TechniqueModel:
    """The ONNX technique model of one folder; load it once and reuse it."""

    def __init__(self, folder: Path | None = None, *, threads: int | None = None) -> None:
        folder = Path(folder) if folder is not None else default_model_dir()
        try:
            self.config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            self.tokenizer = load_tokenizer(folder / "tokenizer.json")
            head = np.load(folder / "head.npz")
            self.weight, self.bias = head["weight"], head["bias"]
            self.detected_head: tuple[np.ndarray, np.ndarray] | None = None
            if (folder / DETECTED_HEAD_FILE).is_file():
                detected = np.load(folder / DETECTED_HEAD_FILE)
                self.detected_head = (detected["weight"], detected["bias"])
            self.session = session(folder / "model.onnx", intra_threads=threads)
        except Exception as exc:  # OSError, bad JSON/npz, or onnxruntime's untyped errors
            raise ModelError(
                f"{folder}: cannot load the technique model ({exc}); reinstall slant or "
                "retrain it with `slant train techniques`"
            ) from exc
        self.folder = folder
        self.techniques: list[str] = self.config["techniques"]
        self.tc_parts: tuple[str, ...] = tuple(self.config.get("tc_parts", DEFAULT_TC_PARTS))
        unknown = sorted(set(self.tc_parts) - set(TC_PARTS))
        if unknown or not self.tc_parts:
            raise ModelError(
                f"{folder / 'config.json'}: tc_parts {list(self.tc_parts)}: give some of "
                f"{', '.join(TC_PARTS)}"
            )
        self.cls_id = self._special_id("[CLS]")
        self.sep_id = self._special_id("[SEP]")

    def _special_id(self, token: str) -> int:
        found = self.tokenizer.token_to_id(token)
        if found is None:
            raise ModelError(f"the technique model's tokenizer lacks {token}: reinstall slant")
        return int(found)

    @property
    def version(self) -> str:
        return str(self.config["version"])

    def encode_article(self, text: str) -> ArticleStates:
        """Encode ``text`` in overlapping windows and average the tag probabilities.

        Each window goes through the encoder alone: the int8 model quantizes its activations
        per input, so a window's states depend only on its own wordpieces (never on the other
        windows, nor on other documents), no window is padded, and the activation memory is
        one window's (a batch of 16 windows set a worker's peak memory on long articles).
        """
        encoded = encode_text(self.tokenizer, text)
        if len(encoded) == 0:
            probs = np.zeros((0, 3), dtype=np.float32)
            return ArticleStates(encoded, [], probs, np.zeros((0, 2, 1), dtype=np.float32))
        windows = window_ranges(
            len(encoded), size=self.config["window"], stride=self.config["stride"]
        )
        ids, mask = batch_inputs(encoded, windows, cls_id=self.cls_id, sep_id=self.sep_id)
        width = ids.shape[1]
        prob_parts, hidden_parts = [], []
        for row, (start, end) in enumerate(windows):
            used = end - start + 2
            probs, hidden = self.run(ids[row : row + 1, :used], mask[row : row + 1, :used])
            if used < width:  # a short last window: pad its outputs to the others' width
                probs = np.pad(probs, ((0, 0), (0, width - used), (0, 0)))
                hidden = np.pad(hidden, ((0, 0), (0, width - used), (0, 0)))
            prob_parts.append(probs)
            hidden_parts.append(hidden)
        window_probs = np.concatenate(prob_parts)
        totals = np.zeros((len(encoded), 3), dtype=np.float32)
        counts = np.zeros((len(encoded), 1), dtype=np.float32)
        for row, (start, end) in enumerate(windows):
            totals[start:end] += window_probs[row, 1 : end - start + 1]
            counts[start:end] += 1
        return ArticleStates(encoded, windows, totals / counts, np.concatenate(hidden_parts))

    def run(self, ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Tag probabilities ``(batch, width, 3)`` and last hidden states ``(batch, width,
        384)`` of a batch of ``[CLS] … [SEP]`` inputs."""
        try:
            probs, hidden = self.session.run(
                ["tag_probs", "hidden"], {"input_ids": ids, "attention_mask": mask}
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"the technique model failed to run: {exc}") from exc
        return np.asarray(probs), np.asarray(hidden)

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last hidden states of a batch of inputs (see :meth:`run`)."""
        return self.run(ids, mask)[1]

    def find_spans(
        self,
        states: ArticleStates,
        *,
        threshold: float | None = None,
        max_gap: int | None = None,
        split_lines: bool | None = None,
        min_chars: int | None = None,
        decoder: str | None = None,
        o_bias: float | None = None,
    ) -> list[tuple[int, int, float]]:
        """Return ``(start, end, score)`` spans, decoded with the tuned settings by default.

        ``decoder``: ``"threshold"`` (:func:`decode_spans`: ``threshold``, ``max_gap``) or
        ``"viterbi"`` (:func:`slant.techniques.viterbi.viterbi_spans`: ``o_bias``).
        """
        config = self.config
        decoder = config.get("si_decoder", "threshold") if decoder is None else decoder
        split_lines = config.get("si_split_lines", True) if split_lines is None else split_lines
        min_chars = config.get("si_min_chars", 1) if min_chars is None else min_chars
        if decoder == "viterbi":
            encoded = states.encoded
            return viterbi_spans(
                encoded,
                states.tag_probs,
                *_breaks_before(encoded.text, encoded.offsets),
                o_bias=config.get("si_o_bias", 0.0) if o_bias is None else o_bias,
                split_lines=split_lines,
                min_chars=min_chars,
            )
        if decoder != "threshold":
            raise ModelError(f"si_decoder {decoder!r}: give threshold or viterbi")
        return decode_spans(
            states.encoded,
            states.tag_probs,
            threshold=config.get("si_threshold", 0.5) if threshold is None else threshold,
            max_gap=config.get("si_max_gap", 0) if max_gap is None else max_gap,
            split_lines=split_lines,
            min_chars=min_chars,
        )

    def classify(
        self, states: ArticleStates, spans: list[tuple[int, int]], *, detected: bool = False
    ) -> np.ndarray:
        """Return technique probabilities, one row per ``(start, end)`` character span.

        ``detected``: the spans are the model's own detections; the detected-span head names
        them when the folder has one (module docstring), else ``head.npz`` does.
        """
        if not spans:
            return np.zeros((0, len(self.techniques)), dtype=np.float32)
        weight, bias, settings, name = self.weight, self.bias, self.config, "head.npz"
        if detected and self.detected_head is not None:
            (weight, bias), settings = self.detected_head, self.config.get("detected_head", {})
            name = DETECTED_HEAD_FILE
        rows = np.stack([self.span_representation(states, start, end) for start, end in spans])
        if rows.shape[1] != weight.shape[1]:
            raise ModelError(
                f"{self.folder}: {name} takes {weight.shape[1]} inputs but tc_parts "
                f"{list(self.tc_parts)} make {rows.shape[1]}: retrain or refit the head"
            )
        logits = rows @ weight.T + bias
        shift = settings.get("tc_prior_shift", 0.0)
        if shift and "class_counts" in self.config:
            counts = np.asarray(self.config["class_counts"], dtype=np.float64) + 1.0
            logits = logits + shift * np.log(counts / counts.sum())
        probs = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        if settings.get("repetition_rule"):
            repetition = self.techniques.index("Repetition")
            for i, (start, end) in enumerate(spans):
                if span_features(states.encoded.text, start, end)[0]:
                    probs[i] = probs[i] * 0.5
                    probs[i, repetition] += 0.5
        return np.asarray(probs)

    def span_representation(self, states: ArticleStates, start: int, end: int) -> np.ndarray:
        """The classifier's input for characters ``[start, end)``: the :attr:`tc_parts` of the
        window that holds the span best, then the span features of :mod:`.features`."""
        first, last = token_range(states.encoded, start, end)
        row, a, b = self._best_window(states.windows, first, last)
        window_hidden = states.hidden[row]
        part = window_hidden[a - states.windows[row][0] + 1 : b - states.windows[row][0] + 1]
        pieces = {
            "mean": lambda: part.mean(0),
            "first": lambda: part[0],
            "cls": lambda: window_hidden[0],
            "max": lambda: part.max(0),
        }
        features = span_features(states.encoded.text, start, end)
        return np.concatenate([*(pieces[name]() for name in self.tc_parts), features])

    @staticmethod
    def _best_window(windows: list[tuple[int, int]], first: int, last: int) -> tuple[int, int, int]:
        """The window that holds the most of tokens ``[first, last)``, furthest from its edges."""
        best = max(
            range(len(windows)),
            key=lambda w: (
                min(last, windows[w][1]) - max(first, windows[w][0]),
                min(first - windows[w][0], windows[w][1] - last),
            ),
        )
        a, b = max(first, windows[best][0]), min(last, windows[best][1])
        return best, a, max(b, a + 1)


def _inside_word(text: str, offsets: np.ndarray, i: int) -> bool:
    """Whether token ``i`` continues the word of token ``i - 1`` (a ``##`` wordpiece)."""
    start = offsets[i, 0]
    return start == offsets[i - 1, 1] and text[start - 1].isalnum() and text[start].isalnum()


def decode_spans(
    encoded: Encoded,
    tag_probs: np.ndarray,
    *,
    threshold: float,
    max_gap: int,
    split_lines: bool,
    min_chars: int = 1,
) -> list[tuple[int, int, float]]:
    """Turn per-token B/I/O probabilities into ``(start, end, score)`` character spans.

    Tokens with ``P(B) + P(I) >= threshold`` are inside; gaps of at most ``max_gap`` tokens
    between inside tokens are bridged, except across a blank line; a run breaks where a word's
    most likely tag is B, at blank lines (no PTC span crosses one) and, when ``split_lines``,
    at every line break. Spans are widened to whole words; spans shorter than ``min_chars`` or
    without a letter or digit are dropped.
    """
    text, offsets = encoded.text, encoded.offsets
    line_break, paragraph_break = _breaks_before(text, offsets)
    inside = (1.0 - tag_probs[:, OUTSIDE]) >= threshold
    positions = np.nonzero(inside)[0]
    for left, right in zip(positions[:-1], positions[1:], strict=False):
        if 1 < right - left <= max_gap + 1 and not paragraph_break[left + 1 : right + 1].any():
            inside[left:right] = True
    cut = paragraph_break | (line_break if split_lines else False)
    spans, run_start = [], None
    for i in range(len(inside) + 1):
        breaks = (
            i < len(inside)
            and run_start is not None
            and (cut[i] or (tag_probs[i].argmax() == BEGIN and not _inside_word(text, offsets, i)))
        )
        if run_start is not None and (i == len(inside) or not inside[i] or breaks):
            start, end = char_span(encoded, run_start, i - 1)
            score = float((1.0 - tag_probs[run_start:i, OUTSIDE]).mean())
            piece = text[start:end]
            if len(piece) >= min_chars and any(c.isalnum() for c in piece):
                spans.append((start, end, round(score, 4)))
            run_start = None
        if i < len(inside) and inside[i] and run_start is None:
            run_start = i
    return spans


def _breaks_before(text: str, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each token: is there a line break / a blank line between it and the token before?"""
    line_break = np.zeros(len(offsets), dtype=bool)
    paragraph_break = np.zeros(len(offsets), dtype=bool)
    for i in range(1, len(offsets)):
        gap = text[offsets[i - 1, 1] : offsets[i, 0]]
        if "\n" in gap:
            line_break[i] = True
            paragraph_break[i] = _BLANK_LINE.search(gap) is not None
    return line_break, paragraph_break
