"""The news gold sets: offsets that index the articles as ingested, and their splits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slant.errors import InputError
from slant.evaluation.gold import GoldArticles

from .conftest import SHARED

pytestmark = pytest.mark.shared

GOLD = Path(__file__).resolve().parents[1] / "src" / "slant" / "data" / "gold"
DATA = SHARED / "data"


def _articles() -> GoldArticles:
    return GoldArticles(fakes=DATA / "fakes-dev.csv", framing=DATA / "framing-train.tsv")


def _lines(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (GOLD / name).read_text().splitlines() if line]


#: The second quote batch, annotated before any rule of quotes.v4 and held out whole.
QUOTE_HELDOUT2 = ("framing:20", "framing:39", "framing:93", "framing:97", "framing:179")
QUOTE_HELDOUT2 += ("framing:213",)
#: The third, annotated before any rule of quotes.v5, all of it for rule work (``dev3``).
QUOTE_DEV3 = ("framing:327", "framing:614", "framing:691", "framing:765", "framing:868")
QUOTE_DEV3 += ("framing:12", "framing:112", "framing:189", "framing:254")
#: The fourth, annotated before any rule of quotes.v6, all of it for rule work (``dev4``).
QUOTE_DEV4 = ("framing:19", "framing:122", "framing:230", "framing:259", "framing:25")
QUOTE_DEV4 += ("framing:128", "framing:478", "framing:277", "framing:49")


def test_quote_gold_is_big_enough_and_split_by_article_in_halves() -> None:
    lines = _lines("quotes-news.jsonl")
    split_of = {q["article"]: q["split"] for q in lines}
    assert all(split_of[q["article"]] == q["split"] for q in lines)  # one split per article
    first = [q for q in lines if q["split"] in ("dev", "heldout")]
    articles = {str(q["article"]) for q in first}
    assert len(first) >= 300 and len(articles) >= 30
    dev = [a for a in articles if split_of[a] == "dev"]
    assert len(dev) == len(articles) // 2
    assert {a.partition(":")[0] for a in articles} == {"fakes", "framing"}
    second = {str(q["article"]) for q in lines if q["split"] == "heldout2"}
    assert second == set(QUOTE_HELDOUT2) and not second & articles
    third = {str(q["article"]) for q in lines if q["split"] == "dev3"}
    assert third == set(QUOTE_DEV3) and not third & (articles | second)
    assert len([q for q in lines if q["split"] == "dev3"]) >= 80
    fourth = {str(q["article"]) for q in lines if q["split"] == "dev4"}
    assert fourth == set(QUOTE_DEV4) and not fourth & (articles | second | third)
    assert len([q for q in lines if q["split"] == "dev4"]) >= 90
    assert {q["split"] for q in lines} == {"dev", "heldout", "heldout2", "dev3", "dev4"}


@pytest.mark.parametrize("name", ["quotes-news.jsonl", "descriptors-news.jsonl"])
def test_gold_spans_index_the_ingested_text(name: str) -> None:
    articles = _articles()
    for line in _lines(name):
        text = articles.text(str(line["article"]))
        starts = [k for k in line if k.endswith("_start") and line[k] is not None]
        for key in starts:
            start, end = int(line[key]), int(line[key.replace("_start", "_end")])  # type: ignore[arg-type]
            span = text[start:end]
            assert 0 <= start < end <= len(text), (line, key)
            assert span == span.strip() and span, (line, key)


def test_fakes_text_is_the_cell_the_csv_reader_stores() -> None:
    from slant.ingest.table import ColumnMap, read_csv

    raw = (DATA / "fakes-dev.csv").read_text(encoding="utf-8")
    first = next(iter(read_csv(raw, name="f", columns=ColumnMap(text="article_content"))))
    assert _articles().text("fakes:1923848313") == first.text  # type: ignore[union-attr]


def test_unknown_gold_article_is_a_one_line_error(tmp_path: Path) -> None:
    articles = GoldArticles(directories=[tmp_path], fakes=DATA / "fakes-dev.csv")
    with pytest.raises(InputError, match="not in"):
        articles.text("fakes:0")
    with pytest.raises(InputError, match="none of the --articles"):
        articles.text("article1")
    with pytest.raises(InputError, match="cannot read the framing TSV"):
        GoldArticles(framing=tmp_path / "missing.tsv").text("framing:1")


#: The descriptor news gold, in the batches it was annotated in; each batch is split by the
#: SHA-256 of its own ids, so no article ever moved between splits when a batch was added.
DESCRIPTOR_BATCHES = (
    ("framing:4", "framing:87", "framing:91", "framing:161", "framing:167", "framing:175")
    + ("framing:194", "framing:263"),
    ("framing:9", "framing:13", "framing:99", "framing:102", "framing:164", "framing:174")
    + ("framing:210", "framing:215", "framing:219", "framing:221", "framing:245")
    + ("framing:476", "framing:522", "framing:557", "framing:779", "framing:802"),
    ("framing:229", "framing:520", "framing:527", "framing:811"),
)

#: The fourth batch, annotated before any rule of ``actors.v4``: all of it ``heldout2``.
DESCRIPTOR_HELDOUT2 = ("framing:40", "framing:110", "framing:213", "framing:225", "framing:504")
DESCRIPTOR_HELDOUT2 += ("framing:512", "framing:824")
#: The fifth, annotated after it and before any rule of ``actors.v4``, for rule work: ``dev2``.
DESCRIPTOR_DEV2 = ("framing:43", "framing:59", "framing:134", "framing:253", "framing:424")
DESCRIPTOR_DEV2 += ("framing:545", "framing:738", "framing:832")
#: The sixth, annotated before any rule of ``actors.v5``, for rule work: ``dev3``.
DESCRIPTOR_DEV3 = ("framing:146", "framing:315", "framing:675", "framing:756", "framing:757")
DESCRIPTOR_DEV3 += ("framing:797", "framing:804", "framing:835")
#: The seventh, annotated before any rule of ``actors.v6``, for rule work: ``dev4``.
DESCRIPTOR_DEV4 = ("framing:73", "framing:109", "framing:123", "framing:277", "framing:583")
DESCRIPTOR_DEV4 += ("framing:593", "framing:667", "framing:733", "framing:761", "framing:771")
DESCRIPTOR_DEV4 += ("framing:823", "framing:843")


def test_descriptor_gold_batches_are_split_by_their_own_hashes() -> None:
    import hashlib

    lines = _lines("descriptors-news.jsonl")
    split_of = {str(p["article"]): p["split"] for p in lines}
    assert all(split_of[str(p["article"])] == p["split"] for p in lines)  # one split per article
    halves = {a for batch in DESCRIPTOR_BATCHES for a in batch}
    later = set(DESCRIPTOR_HELDOUT2) | set(DESCRIPTOR_DEV2) | set(DESCRIPTOR_DEV3)
    later |= set(DESCRIPTOR_DEV4)
    assert set(split_of) == halves | later
    assert {split_of[a] for a in DESCRIPTOR_HELDOUT2} == {"heldout2"}
    assert {split_of[a] for a in DESCRIPTOR_DEV2} == {"dev2"}
    assert {split_of[a] for a in DESCRIPTOR_DEV3} == {"dev3"}
    assert {split_of[a] for a in DESCRIPTOR_DEV4} == {"dev4"}
    assert all(int(a.partition(":")[2]) % 2 for a in DESCRIPTOR_DEV4)  # odd ids: not the quotes'
    assert len([p for p in lines if p["split"] == "dev4"]) >= 80
    for batch in DESCRIPTOR_BATCHES:
        ordered = sorted(batch, key=lambda a: hashlib.sha256(a.encode()).hexdigest())
        half = len(ordered) // 2
        assert [split_of[a] for a in ordered] == ["dev"] * half + ["heldout"] * (len(batch) - half)
    heldout = [p for p in lines if p["split"] == "heldout"]
    assert len(heldout) >= 60
    assert len([p for p in lines if p["split"] == "heldout2"]) >= 50
