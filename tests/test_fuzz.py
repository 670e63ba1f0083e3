"""Property-based fuzzing (Hypothesis) of every reader and of the quote-mark finder.

The property of a reader: whatever the bytes, it yields documents or reports the input as
bad (an :class:`IngestFailure` row, or one :class:`InputError`) — never another exception,
never a hang — and every document has non-empty text, and text and metadata that UTF-8 can
hold (JSON can spell lone surrogates: the first failure kept). The quote-mark finder must return
pairs whose offsets index the text, in order, with ``text[content_start:content_end] ==
content``. Inputs that once broke a property are kept in ``tests/data/fuzz/`` (one file per
input, ``<reader>-<name>``) and replayed by :func:`test_kept_failures_stay_fixed`.

Each property has a budget of ``SLANT_FUZZ_EXAMPLES`` examples (default 60, a few seconds)
and no deadline per example; a longer run: ``SLANT_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slant.analyzers.quotes.quotemarks import find_quote_pairs
from slant.document import Document
from slant.errors import InputError
from slant.ingest import ColumnMap, IngestFailure
from slant.ingest.feed import read_feed
from slant.ingest.files import decode
from slant.ingest.html import read_html
from slant.ingest.table import read_csv, read_jsonl
from slant.ingest.text import read_text

KEPT = Path(__file__).parent / "data" / "fuzz"
EXAMPLES = int(os.environ.get("SLANT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 60,  # the short run in `make test` is the same every time
)


def _check_items(items: Iterable[object]) -> None:
    for item in items:
        assert isinstance(item, Document | IngestFailure), type(item)
        if isinstance(item, Document):
            assert item.text.strip()
            for value in (item.text, item.title, item.source, item.date, item.url):
                if value is not None:
                    value.encode("utf-8")  # storable: no lone surrogates


def _from_bytes(data: bytes) -> str | None:
    try:
        return decode(data, "fuzz")[0]
    except InputError:
        return None


def read_text_bytes(data: bytes) -> None:
    text = _from_bytes(data)
    if text is not None and text.strip():
        _check_items(read_text(text, name="fuzz"))


def read_html_bytes(data: bytes) -> None:
    text = _from_bytes(data)
    if text is not None:
        try:
            _check_items(read_html(text, name="fuzz.html"))
        except InputError:
            pass


def read_feed_bytes(data: bytes) -> None:
    try:
        _check_items(read_feed(data, name="fuzz.xml"))
    except InputError:
        pass


def read_table_bytes(reader: Callable[..., Iterable[object]]) -> Callable[[bytes], None]:
    def read(data: bytes) -> None:
        text = _from_bytes(data)
        if text is None:
            return
        try:
            _check_items(reader(text, name="fuzz", columns=ColumnMap()))
        except InputError:
            pass

    return read


READERS: dict[str, Callable[[bytes], None]] = {
    "text": read_text_bytes,
    "html": read_html_bytes,
    "feed": read_feed_bytes,
    "csv": read_table_bytes(read_csv),
    "jsonl": read_table_bytes(read_jsonl),
}

# Bytes that look like the format often enough to get past the first check.
_SEEDS = {
    "text": [b"Officials said ", "“Quoted,” she said. ".encode(), b"\xef\xbb\xbf", b"\xff\xfe"],
    "html": [b"<html><body><p>", b"<article>", b"<script>", b"</p>", b"<!--", b"&amp;"],
    "feed": [
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>',
        b"<description>",
        b"</description></item></channel></rss>",
        b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
        b"/dev/zero",
        b"file:///etc/passwd",
    ],
    "csv": [b"text,source\n", b'"', b",", b"\n", b'""', b"\r\n"],
    "jsonl": [b'{"text": "', b'"}\n', b'{"text": 1}\n', b"[", b"{", b"\\ud800"],
}


def _shaped(kind: str) -> st.SearchStrategy[bytes]:
    pieces = st.one_of(st.sampled_from(_SEEDS[kind]), st.binary(max_size=40))
    return st.lists(pieces, max_size=20).map(b"".join)


@pytest.mark.parametrize("kind", sorted(READERS))
def test_readers_never_crash(kind: str) -> None:
    @FUZZ
    @given(data=st.one_of(_shaped(kind), st.binary(max_size=400)))
    def property_holds(data: bytes) -> None:
        READERS[kind](data)

    property_holds()


@FUZZ
@given(data=st.binary(max_size=2000))
def test_decode_returns_text_or_refuses(data: bytes) -> None:
    try:
        text, warnings = decode(data, "fuzz")
    except InputError as exc:
        assert str(exc).startswith("fuzz: ")
        return
    assert isinstance(text, str) and all(w.startswith("fuzz: ") for w in warnings)
    assert text.count("\ufffd") <= max(1, 0.1 * len(text.split()) * 20)


_QUOTE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(['"', "“", "”", "'", "‘", "’", "«", "»", "\n\n", " ", ".", "&quot;"]),
        st.sampled_from(["said", "moderate", "It's", "rebels'", "<b>", "</b>", "a"]),
        st.text(max_size=5),
    ),
    max_size=60,
).map("".join)


def _check_pairs(text: str) -> None:
    previous = -1
    for pair in find_quote_pairs(text):
        assert 0 <= pair.start <= pair.content_start <= pair.content_end <= pair.end
        assert pair.end <= len(text) and pair.start >= previous
        assert text[pair.content_start : pair.content_end] == pair.content
        previous = pair.start


@FUZZ
@given(text=_QUOTE_TEXT)
def test_quote_pairs_index_the_text(text: str) -> None:
    _check_pairs(text)


def _kept() -> list[Path]:
    return sorted(KEPT.glob("*")) if KEPT.exists() else []


@pytest.mark.parametrize("path", _kept(), ids=lambda p: p.name)
def test_kept_failures_stay_fixed(path: Path) -> None:
    kind = path.name.split("-", 1)[0]
    data = path.read_bytes()
    if kind == "quotes":
        _check_pairs(data.decode("utf-8"))
    elif kind == "decode":
        try:
            decode(data, "fuzz")
        except InputError:
            pass
    else:
        READERS[kind](data)
