"""Validate slant.analysis/1 JSON files against the schema and check every offset.

Usage: python scripts/check_analysis_json.py ANALYSIS.json ARTICLE.txt
Exit 0 when the JSON follows the schema and every ``text[start:end]`` equals the quoted
text; exit 1 with one line per problem otherwise. Used by .ci/run.
"""

from __future__ import annotations

import json
import sys
from importlib import resources

import jsonschema


def problems(data: dict, text: str) -> list[str]:
    schema = json.loads(
        resources.files("slant").joinpath("schemas/analysis.schema.json").read_text("utf-8")
    )
    found = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    checks = [
        ("techniques", "start", "end", "text"),
        ("claims", "start", "end", "text"),
        ("scare_quotes", "start", "end", "text"),
        ("quotes", "content_start", "content_end", "content"),
    ]
    for field, start, end, quoted in checks:
        for item in data.get(field) or []:
            if text[item[start] : item[end]] != item[quoted]:
                found.append(f"{field}: offsets {item[start]}:{item[end]} != {item[quoted]!r}")
    for item in data.get("quotes") or []:
        for span in ("speaker", "speaker_mention"):
            start, end = item.get(f"{span}_start"), item.get(f"{span}_end")
            if (start is None) != (end is None):
                found.append(f"quotes: {span}_start and {span}_end must both be null or not")
            elif start is not None and not (0 <= start < end <= len(text)):
                found.append(f"quotes: {span} offsets {start}:{end} outside the text")
    for actor in data.get("actors") or []:
        for d in actor["descriptors"]:
            if text[d["start"] : d["end"]] != d["text"]:
                found.append(f"actors: descriptor offsets != {d['text']!r}")
    return found


if __name__ == "__main__":
    found = problems(json.load(open(sys.argv[1])), open(sys.argv[2], encoding="utf-8").read())
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)")
    sys.exit(1 if found else 0)
