"""Article-level features of a candidate span, shared by training and inference.

A window of a few hundred wordpieces cannot see that a phrase recurs elsewhere in the article,
yet that is what makes it *Repetition* (Da San Martino et al., EMNLP 2019, define the technique
by recurrence). The span classifier therefore gets, beside the encoder states, how often the
span's words occur in the whole article and how long the span is. These are counts of exact
(case-folded) occurrences: paraphrased repetition is not detected.
"""

from __future__ import annotations

import math
import re

import numpy as np

__all__ = ["FEATURE_NAMES", "occurrences", "span_features"]

FEATURE_NAMES = ("repeated", "log_other_occurrences", "log_length")


def occurrences(text: str, phrase: str) -> int:
    """Count non-overlapping, case-folded occurrences of ``phrase`` in ``text`` as whole words.

    >>> occurrences("Stop the war. STOP THE WAR now! stop the warlords", "stop the war")
    2
    """
    phrase = " ".join(phrase.split())
    if not phrase:
        return 0
    words = [re.escape(w) for w in phrase.split(" ")]
    pattern = r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"
    return len(re.findall(pattern, text, flags=re.IGNORECASE))


def span_features(text: str, start: int, end: int) -> np.ndarray:
    """Return :data:`FEATURE_NAMES` for ``text[start:end]`` as a float32 vector."""
    count = max(occurrences(text, text[start:end]), 1)
    return np.asarray(
        [float(count > 1), math.log1p(count - 1), math.log1p(end - start) / 6.0],
        dtype=np.float32,
    )
