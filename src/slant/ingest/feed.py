"""RSS and Atom feeds, read by feedparser from a bytes stream: one document per entry.

``feedparser.parse`` takes "a URL, a file name, a stream or a string" and guesses which: bytes
that spell a path (``/etc/feed.xml``, ``/dev/zero``, a FIFO) are opened as that file, and
bytes that spell an ``http``/``file`` URL are fetched. So the data is always handed over
wrapped in :class:`io.BytesIO`, which feedparser only reads; external entities stay off
(feedparser disables them, and drops every unsafe ``<!ENTITY>`` declaration).

An entry's text is its full content when the feed carries it, else its summary, with HTML
turned into text. Entries without text are reported as failures; a file that is not a feed
at all is one error.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html import unescape

from ..dates import normalise_date
from ..document import Document
from ..errors import InputError
from .failures import IngestFailure

__all__ = ["read_feed", "html_fragment_to_text"]

_BLOCK = re.compile(r"(?i)</?(p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_DROP = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (feed summaries): tags dropped, blocks on new lines."""
    text = _DROP.sub(" ", fragment)
    text = _BLOCK.sub("\n", text)
    text = unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def read_feed(
    data: bytes, *, name: str, source: str | None = None
) -> Iterator[Document | IngestFailure]:
    """Yield a document (or a failure) for each entry of an RSS/Atom feed."""
    import feedparser

    # A stream, never the bytes themselves: feedparser would open bytes that spell a path.
    parsed = feedparser.parse(io.BytesIO(data))
    if parsed.get("bozo") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(f"{name}: not a valid RSS/Atom feed ({reason})")
    if not parsed.entries:
        raise InputError(f"{name}: feed has no entries")
    feed_title = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{name} entry {number}"
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        text = html_fragment_to_text(body or "")
        title = html_fragment_to_text(entry.get("title", "")) or None
        if not text:
            yield IngestFailure(where, "entry has no text")
            continue
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}"
        yield Document(
            text=text,
            title=title,
            source=source or feed_title,
            date=normalise_date(entry.get("published") or entry.get("updated")),
            url=entry.get("link") or None,
            external_id=entry.get("id") or None,
        )
