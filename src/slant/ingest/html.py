"""HTML pages: the main article text and its metadata, extracted with trafilatura.

Scripts, styles, navigation and comments are dropped by the extractor; what remains is plain
text, so markup inside the article can never reach a report unescaped.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import normalise_date
from ..document import Document
from ..errors import InputError

__all__ = ["html_to_document", "read_html"]


def html_to_document(
    html: str,
    *,
    name: str,
    url: str | None = None,
    source: str | None = None,
    warnings: tuple[str, ...] = (),
) -> Document:
    """Extract the article of an HTML page as a Document (title, date, site, url)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None:
        raise InputError(f"{name}: no article text found in the HTML page")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(f"{name}: no article text found in the HTML page")
    return Document(
        text=text,
        title=data.get("title") or None,
        source=source or data.get("sitename") or data.get("hostname") or None,
        date=normalise_date(data.get("date")),
        url=url or data.get("url") or None,
        external_id=name if url is None else None,
        warnings=warnings,
    )


def read_html(
    html: str, *, name: str, source: str | None = None, warnings: tuple[str, ...] = ()
) -> Iterator[Document]:
    """Yield the one article of an HTML file."""
    yield html_to_document(html, name=name, source=source, warnings=warnings)
