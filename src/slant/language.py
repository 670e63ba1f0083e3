"""Which language an article is in, offline, and whether slant's analyzers can read it.

The detector is langid.py (Lui & Baldwin, "langid.py: An Off-the-shelf Language
Identification Tool", ACL 2012), through its maintained fork ``py3langid``: a multinomial
naive Bayes classifier over byte n-grams (1-4) selected by information gain across domains,
trained on 97 languages; the model ships inside the package (about 4 MB), nothing is
downloaded. Probabilities are normalised (``norm_probs``), so the confidence is comparable
across texts. The first :data:`SAMPLE_CHARS` characters are enough and keep it fast.

Every analyzer of slant is built for English (the spaCy English model, the VADER English
lexicon, an English MiniLM and technique model, English cue words), so
:data:`SUPPORTED` is ``{"en"}``. A text detected as another language with confidence at
least :data:`MIN_CONFIDENCE` and :data:`MIN_LETTERS` letters is *unsupported*: the pipeline
then skips the analyzers with the reason stated, instead of returning English-model findings
on Arabic text. A text too short or too mixed to tell is ``und`` (undetermined) and analyzed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = [
    "DETECTOR",
    "LANGUAGE_VERSION",
    "SUPPORTED",
    "LanguageGuess",
    "detect_language",
    "language_record",
]

LANGUAGE_VERSION = "language.v1"
DETECTOR = "langid.py (py3langid)"
SUPPORTED = frozenset({"en"})
SAMPLE_CHARS = 5000
MIN_CONFIDENCE = 0.5
MIN_LETTERS = 20
_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian",
    "fr": "French", "he": "Hebrew", "hi": "Hindi", "it": "Italian", "ja": "Japanese",
    "ko": "Korean", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian",
    "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "zh": "Chinese",
    "und": "undetermined",
}  # fmt: skip


@dataclass(frozen=True)
class LanguageGuess:
    """The detected language: ISO 639-1 ``code`` (``und`` when it cannot be told), its
    English ``name``, the detector's ``confidence`` (0-1), and whether slant supports it."""

    code: str
    name: str
    confidence: float
    supported: bool
    detector: str = DETECTOR

    def reason(self) -> str | None:
        """Why the English-only analyzers are skipped (None when they run)."""
        if self.supported:
            return None
        return (
            f"the text is in {self.name} ({self.code}, confidence {self.confidence:.2f} by "
            f"{self.detector}); slant's analyzers are built for English and would give wrong "
            "findings, so they were skipped"
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text``.

    >>> detect_language("Officials said 27 people were shot dead in the city on Monday.").code
    'en'
    >>> guess = detect_language("В понедельник в городе были застрелены двадцать семь человек.")
    >>> guess.code, guess.supported
    ('ru', False)
    """
    sample = text[:SAMPLE_CHARS]
    letters = sum(1 for c in sample if c.isalpha())
    code, confidence = _identifier().classify(sample)
    if letters < MIN_LETTERS or confidence < MIN_CONFIDENCE:
        return LanguageGuess("und", _NAMES["und"], round(float(confidence), 3), True)
    return LanguageGuess(
        code, _NAMES.get(code, code), round(float(confidence), 3), code in SUPPORTED
    )


def language_record(guess: LanguageGuess, skipped: list[str] | None = None) -> dict[str, Any]:
    """The ``language`` field of an analysis: the guess, the detector's version, the
    analyzers skipped and why (``reason`` is None when they ran)."""
    return {
        **guess.as_dict(),
        "version": LANGUAGE_VERSION,
        "skipped": list(skipped or []),
        "reason": guess.reason(),
    }
