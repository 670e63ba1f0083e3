"""Constrained B/I/O Viterbi decoding of the tagger's probabilities into character spans.

The tagger gives each wordpiece P(O), P(B), P(I). The threshold decoder of
:func:`slant.techniques.runtime.decode_spans` reads them one token at a time; this one finds
the single best tag path under the log-probabilities (Viterbi 1967) with the transition
constraints of a B/I/O tagging: I never follows O (a span begins with B), and no span runs
across a blank line (no PTC span does), or, with ``split_lines``, across any line break. It is
the constraint Lample et al. (2016) build into a CRF, applied here to the tagger's own
probabilities without learned transitions. ``o_bias`` is added to the log-probability of O:
below 0 it favours spans (recall), above 0 fewer spans (precision).

A model uses it when its ``config.json`` says ``"si_decoder": "viterbi"`` (with
``si_o_bias``); the shipped model does not: on a cross-validation fold it gains SI F1 over all
spans (0.396 → 0.412) but its spans rank worse at the default operating point of the calibrated
score (docs/techniques.md, "Decoding and training recipes"). ``scripts/technique_decoding.py``
tunes and scores it. A span's score is its mean inside-probability ``1 - P(O)``, as for the
threshold decoder.
"""

from __future__ import annotations

import numpy as np

from .encoding import BEGIN, INSIDE, OUTSIDE, Encoded, char_span

__all__ = ["viterbi_spans", "viterbi_tags"]

_NEVER = -1e18


def viterbi_tags(tag_probs: np.ndarray, cut: np.ndarray, *, o_bias: float = 0.0) -> list[int]:
    """The best tag path (OUTSIDE/BEGIN/INSIDE per token); no INSIDE after OUTSIDE or at a cut.

    ``cut[t]``: a span may not continue from token ``t - 1`` into token ``t``.

    >>> probs = np.array([[0.8, 0.1, 0.1], [0.2, 0.1, 0.7], [0.1, 0.2, 0.7], [0.9, 0.05, 0.05]])
    >>> viterbi_tags(probs, np.zeros(4, dtype=bool))  # I after O is not allowed: O B I O
    [0, 1, 2, 0]
    >>> viterbi_tags(probs, np.array([False, False, True, False]))  # no span across token 2's cut
    [0, 0, 1, 0]
    """
    n = len(tag_probs)
    if n == 0:
        return []
    emit = np.log(np.clip(tag_probs.astype(np.float64), 1e-6, 1.0))
    emit[:, OUTSIDE] += o_bias
    rows, cuts = emit.tolist(), cut.tolist()
    outside, begin, inside = rows[0][OUTSIDE], rows[0][BEGIN], _NEVER
    back: list[tuple[int, int]] = [(OUTSIDE, OUTSIDE)]  # best previous tag for O/B, and for I
    for t in range(1, n):
        e = rows[t]
        if outside >= begin and outside >= inside:
            best_tag, best = OUTSIDE, outside
        elif begin >= inside:
            best_tag, best = BEGIN, begin
        else:
            best_tag, best = INSIDE, inside
        from_span = BEGIN if begin >= inside else INSIDE
        continued = _NEVER if cuts[t] else max(begin, inside) + e[INSIDE]
        outside, begin, inside = best + e[OUTSIDE], best + e[BEGIN], continued
        back.append((best_tag, from_span))
    tags = [0] * n
    tags[-1] = int(np.argmax([outside, begin, inside]))
    for t in range(n - 1, 0, -1):
        tags[t - 1] = back[t][1] if tags[t] == INSIDE else back[t][0]
    return tags


def viterbi_spans(
    encoded: Encoded,
    tag_probs: np.ndarray,
    line_break: np.ndarray,
    paragraph_break: np.ndarray,
    *,
    o_bias: float,
    split_lines: bool,
    min_chars: int = 1,
) -> list[tuple[int, int, float]]:
    """``(start, end, score)`` character spans of the best path's B I* runs, whole words.

    Spans shorter than ``min_chars`` or without a letter or digit are dropped; spans that
    overlap once widened to whole words are merged.
    """
    cut = (paragraph_break | line_break) if split_lines else paragraph_break
    tags = viterbi_tags(tag_probs, cut, o_bias=o_bias)
    spans: list[tuple[int, int, float]] = []
    text, run = encoded.text, None
    for i in range(len(tags) + 1):
        tag = tags[i] if i < len(tags) else OUTSIDE
        if run is not None and tag != INSIDE:
            start, end = char_span(encoded, run, i - 1)
            piece = text[start:end]
            if len(piece) >= min_chars and any(c.isalnum() for c in piece):
                score = float((1.0 - tag_probs[run:i, OUTSIDE]).mean())
                if spans and start < spans[-1][1]:
                    s, e, previous = spans.pop()
                    spans.append((s, max(e, end), max(previous, round(score, 4))))
                else:
                    spans.append((start, end, round(score, 4)))
            run = None
        if i < len(tags) and tag == BEGIN:
            run = i
    return spans
