"""The language of the article, and whether slant's analyzers can read it.

Method: langid.py (Lui & Baldwin, ACL 2012) through :mod:`slant.language`. This analyzer only
records the result; the pipeline reads the same detection before running the others, and
skips them, with the reason, when the language is not one they are built for
(:func:`slant.pipeline.run_in_language`).
"""

from __future__ import annotations

from typing import Any

from ..language import LANGUAGE_VERSION, detect_language, language_record
from ..pipeline import Context, analyzer


@analyzer("language", version=LANGUAGE_VERSION, sets=("language",))
def language(ctx: Context) -> dict[str, Any]:
    """The article's language (langid.py) and whether slant's analyzers support it."""
    return {"language": language_record(detect_language(ctx.document.text))}
