"""Turn hand annotations written as words into gold lines of character offsets.

The annotator reads each article and writes one line per speech event, outside the repo
(the annotation file quotes article words, so it is never committed)::

    # fakes:1923848313
    D | Twenty-five people fell ~ the two car bombs | SANA | said | SANA

Fields: kind (``D`` direct, ``I`` indirect, ``A`` according to); the content, as its first
words ``~`` its last words (or in full); the speaker mention at the cue; the cue; the
resolved speaker (``-`` for none). Contents are found in reading order; the mention and the
cue are the whole-word occurrences nearest the content, outside it; the resolved speaker is
the mention itself when the words are the same, else its latest occurrence before the
content (else its first after). A mention or cue ending in `` <`` (`` >``) is the nearest
occurrence before (after) the content instead (``Pruitt < | saying``: another ``Pruitt`` is
nearer on the other side). Every span is printed back from the text for checking, and any
string that cannot be found stops the script.

    python scripts/gold_offsets.py ANNOTATIONS... --out src/slant/data/gold/quotes-news.jsonl \
        --fakes ../shared/data/fakes-dev.csv --framing ../shared/data/framing-train.tsv

Descriptor annotations (``--descriptors``) are lines ``relation | actor words | descriptor
words``; ``^`` as the descriptor gives the previous line's descriptor span to another actor
(``Democrats Jack Reed and Sheldon Whitehouse``). ``--append`` adds a batch of new articles to
an existing gold file: the lines already there keep their splits, and the new articles are
split among themselves by the same SHA-256 rule (so no article ever moves between splits);
``--split NAME`` puts the whole new batch in one split instead (``heldout2``: a batch annotated
after rules were developed, to be scored and never read).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from slant.evaluation.gold import GoldArticles  # noqa: E402

KINDS = {"D": "direct", "I": "indirect", "A": "according_to"}


def _occurrences(text: str, words: str) -> list[int]:
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
    found = [m.start() for m in pattern.finditer(text)]
    if not found:
        found = [m.start() for m in re.compile(pattern.pattern, re.I).finditer(text)]
    return found


def _nearest(
    text: str, words: str, start: int, end: int, *, inside: bool = False
) -> tuple[int, int]:
    """The occurrence of ``words`` nearest ``[start, end)``, outside it unless ``inside``
    (``X, according to Y, did Z``: the attribution sits inside what it qualifies). Words
    ending in `` <`` (`` >``) take the nearest occurrence before (after) the span: the
    annotator's say when another occurrence is nearer the other side."""
    side = words[-1] if words[-2:] in (" <", " >") else ""
    words = words[:-2] if side else words

    def distance(at: int) -> int:
        return max(start - (at + len(words)), at - end, 0)

    every = _occurrences(text, words)
    places = every if inside else [a for a in every if a + len(words) <= start or a >= end]
    places = places or every
    if side:
        places = [a for a in places if (a + len(words) <= start if side == "<" else a >= end)]
    if not places:
        raise SystemExit(f"not found: {words!r}")
    best = min(places, key=distance)
    if side:
        return best, best + len(words)
    # scraped text glues words ("…APPHe went on"): take a glued occurrence when much nearer
    glued = [
        a
        for a in (m.start() for m in re.finditer(re.escape(words), text))
        if a + len(words) <= start or a >= end
    ]
    if glued and distance(min(glued, key=distance)) + 50 < distance(best):
        best = min(glued, key=distance)
    return best, best + len(words)


def _resolved(text: str, words: str, start: int) -> tuple[int, int]:
    places = _occurrences(text, words)
    if not places:
        raise SystemExit(f"resolved speaker not found: {words!r}")
    before = [a for a in places if a < start]
    at = before[-1] if before else places[0]
    return at, at + len(words)


def assign_splits(records: list[dict[str, object]]) -> None:
    """Half the articles ``dev``, half ``heldout``: articles in order of the SHA-256 of their
    id, the first half dev. Fixed by the ids alone, before any system output was read."""
    ids = sorted(
        {str(r["article"]) for r in records}, key=lambda a: hashlib.sha256(a.encode()).hexdigest()
    )
    dev = set(ids[: len(ids) // 2])
    for record in records:
        record["split"] = "dev" if record["article"] in dev else "heldout"


def convert(lines: list[str], articles: GoldArticles, *, show: bool) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    article, text, cursor = "", "", 0
    for line in lines:
        if not line.strip():
            continue
        if line.startswith("#"):
            article = line[1:].strip()
            text, cursor = articles.text(article), 0
            continue
        kind, content, mention, cue, resolved = (f.strip() for f in line.split(" | "))
        first, _, last = content.partition(" ~ ")
        start = text.find(first, cursor)
        if start < 0:
            raise SystemExit(f"{article}: content not found after {cursor}: {first!r}")
        end = start + len(first)
        if last:
            tail = text.find(last, end - len(last) if len(last) < len(first) else start)
            if tail < 0:
                raise SystemExit(f"{article}: end of content not found: {last!r}")
            end = tail + len(last)
        cursor = start + 1
        record: dict[str, object] = {"article": article, "kind": KINDS[kind]}
        record.update(content_start=start, content_end=end)
        inside = kind == "A"
        m_span = (
            _nearest(text, mention, start, end, inside=inside)
            if mention != "-"
            else (
                None,
                None,
            )
        )
        c_span = _nearest(text, cue, start, end, inside=inside) if cue != "-" else (None, None)
        if resolved == "-":
            r_span: tuple[int | None, int | None] = (None, None)
        elif resolved == mention.removesuffix(" <").removesuffix(" >"):
            r_span = m_span
        else:
            r_span = _resolved(text, resolved, start)
        record.update(speaker_start=r_span[0], speaker_end=r_span[1])
        record.update(speaker_mention_start=m_span[0], speaker_mention_end=m_span[1])
        record.update(cue_start=c_span[0], cue_end=c_span[1], split="")
        if show:

            def cut(span: tuple[int | None, int | None], text: str = text) -> str:
                return "-" if span[0] is None else text[span[0] : span[1]]

            print(
                f"{article} {kind} [{cut((start, end))[:60]!r}…{cut((start, end))[-25:]!r}]"
                f" M={cut(m_span)!r} C={cut(c_span)!r} R={cut(r_span)!r} @{m_span[0]}/{start}"
            )
        out.append(record)
    return out


def convert_descriptors(
    lines: list[str], articles: GoldArticles, *, show: bool
) -> list[dict[str, object]]:
    """Lines ``relation | actor words | descriptor words``: descriptors in reading order, the
    actor mention nearest each."""
    out: list[dict[str, object]] = []
    article, text, cursor = "", "", 0
    for line in lines:
        if not line.strip():
            continue
        if line.startswith("#"):
            article = line[1:].strip()
            text, cursor = articles.text(article), 0
            continue
        relation, actor, descriptor = (f.strip() for f in line.split(" | "))
        if descriptor == "^":  # the previous descriptor, shared by coordinated names
            if not out or out[-1]["article"] != article:
                raise SystemExit(f"{article}: '^' with no descriptor before it")
            start, end = int(str(out[-1]["descriptor_start"])), int(str(out[-1]["descriptor_end"]))
        else:
            descriptor, _, nth = descriptor.partition("@")  # "Republican@2": 2nd occurrence
            places = [a for a in _occurrences(text, descriptor) if a >= cursor]
            if len(places) < int(nth or 1):
                raise SystemExit(f"{article}: descriptor not found after {cursor}: {descriptor!r}")
            start = places[int(nth or 1) - 1]
            end = start + len(descriptor)
            cursor = start + 1
        a_start, a_end = _nearest(text, actor, start, end)
        out.append(
            {
                "article": article,
                "actor_start": a_start,
                "actor_end": a_end,
                "descriptor_start": start,
                "descriptor_end": end,
                "relation": relation,
                "split": "",
            }
        )
        if show:
            context = text[max(0, min(start, a_start) - 20) : max(end, a_end) + 20]
            print(
                f"{article} {relation}: {text[a_start:a_end]!r} <- {text[start:end]!r}"
                f" | {context!r}"
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("annotations", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--show", action="store_true", help="print every span back")
    parser.add_argument("--descriptors", action="store_true", help="descriptor annotations")
    parser.add_argument("--fakes", type=Path, help="the FA-KES CSV (for fakes:<id> articles)")
    parser.add_argument("--framing", type=Path, help="the framing TSV (for framing:<ID>)")
    parser.add_argument(
        "--append", action="store_true", help="add a batch of new articles to --out"
    )
    parser.add_argument("--split", help="one split for every line (default: SHA-256 halves)")
    args = parser.parse_args()
    articles = GoldArticles(fakes=args.fakes, framing=args.framing)
    lines = [line for path in args.annotations for line in path.read_text().splitlines()]
    convert_lines = convert_descriptors if args.descriptors else convert
    records = convert_lines(lines, articles, show=args.show)
    if args.split:
        for record in records:
            record["split"] = args.split
    else:
        assign_splits(records)
    if args.append:
        old = [json.loads(line) for line in args.out.read_text().splitlines() if line.strip()]
        again = {str(r["article"]) for r in old} & {str(r["article"]) for r in records}
        if again:
            raise SystemExit(f"already in {args.out}: {' '.join(sorted(again))}")
        records = old + records
    args.out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    print(f"{len(records)} lines in {len({r['article'] for r in records})} articles -> {args.out}")


if __name__ == "__main__":
    main()
