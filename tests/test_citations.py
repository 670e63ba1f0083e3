"""Citations of other media, outlet-name normalisation and date parsing."""

from __future__ import annotations

import pytest

from slant.analyzers.citations import extract_citations, iso_date
from slant.analyzers.citations.outlets import canonical_outlet, find_outlets, is_known_outlet
from slant.pipeline import analyze

from .conftest import SAMPLE_ARTICLE


def _cite(text: str) -> list[tuple[str | None, str | None, str | None, str | None, str]]:
    found = extract_citations(text)
    return [(c.title, c.author, c.outlet, c.date, text[c.start : c.end]) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "No plan. (US rejects cooperating with Russia or Assad, Aranews, 9 November 2016)",
            [
                (
                    "US rejects cooperating with Russia or Assad",
                    None,
                    "ARA News",
                    "2016-11-09",
                    "US rejects cooperating with Russia or Assad, Aranews, 9 November 2016",
                )
            ],
        ),
        (
            "He said so. (US double standards by Ziad Haidar, 2 November 2016)",
            [
                (
                    "US double standards",
                    "Ziad Haidar",
                    None,
                    "2016-11-02",
                    "US double standards by Ziad Haidar, 2 November 2016",
                )
            ],
        ),
        (
            "(See US not liberating Raqqa, Russia Today, 8 November 2016)",
            [
                (
                    "US not liberating Raqqa",
                    None,
                    "RT",
                    "2016-11-08",
                    "See US not liberating Raqqa, Russia Today, 8 November 2016",
                )
            ],
        ),
        (
            "(Russia destroys weaponry by Jay Syrmopoulos, Global Research, 26 October 2016)",
            [
                (
                    "Russia destroys weaponry",
                    "Jay Syrmopoulos",
                    "Global Research",
                    "2016-10-26",
                    "Russia destroys weaponry by Jay Syrmopoulos, Global Research, 26 October 2016",
                )
            ],
        ),
        (
            "“Man sentenced to 20 years,” by Justin Carissimo, CBS News, October 27, 2017:",
            [
                (
                    "Man sentenced to 20 years",
                    "Justin Carissimo",
                    "CBS News",
                    "2017-10-27",
                    "“Man sentenced to 20 years,” by Justin Carissimo, CBS News, October 27, 2017",
                )
            ],
        ),
        ("A source told Reuters on Monday.", [(None, None, "Reuters", None, "Reuters")]),
        ("It was reported by the BBC.", [(None, None, "BBC", None, "BBC")]),
        (
            "According to a report in The Guardian, he left.",
            [(None, None, "The Guardian", None, "Guardian")],
        ),
        (
            "The Dallas Morning News reported that police could act.",
            [(None, None, "Dallas Morning News", None, "The Dallas Morning News")],
        ),
        ("He said so in an interview with the AP.", [(None, None, "AP", None, "AP")]),
        (
            "(Reuters, 9 November 2016)",
            [(None, None, "Reuters", "2016-11-09", "Reuters, 9 November 2016")],
        ),
        ("Forces (the SDF, the YPG and Arab jihadis, Syrian Kurds) moved.", []),
        ("The group (IFRC) spoke (thanks to Lookmann) and told reporters.", []),
        ("(a, b)", []),
        ("Unbalanced (US rejects it, RT, 9 November 2016", []),
    ],
)
def test_extract_citations(text: str, expected: list[tuple]) -> None:
    assert _cite(text) == expected


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("9 November 2016", "2016-11-09"),
        ("October 27, 2017", "2017-10-27"),
        ("Nov. 8, 2016", "2016-11-08"),
        ("1st March 2015", "2015-03-01"),
        ("Sept 3, 2016", "2016-09-03"),
        ("2016-11-16", "2016-11-16"),
        ("Thursday", None),
        ("31 February 2016", None),
    ],
)
def test_iso_date(raw: str, iso: str | None) -> None:
    assert iso_date(raw) == iso


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("RT", "RT"),
        ("Russia Today", "RT"),
        ("BBC News", "BBC"),
        ("the BBC", "BBC"),
        ("Associated Press", "AP"),
        ("The Associated Press", "AP"),
        ("Guardian", "The Guardian"),
        ("the Guardian", "The Guardian"),
        ("Sputnik News", "Sputnik"),
        ("the Kyiv Independent", "Kyiv Independent"),
        ("  Al  Jazeera ", "Al Jazeera"),
    ],
)
def test_canonical_outlet(name: str, canonical: str) -> None:
    assert canonical_outlet(name) == canonical


def test_known_outlets_and_finding_them() -> None:
    assert is_known_outlet("Russia Today") and not is_known_outlet("reporters")
    text = "But Swedish TV said, and RT agreed with Sky News."
    assert [text[s:e] for s, e in find_outlets(text)] == ["Swedish TV", "RT", "Sky News"]


def test_citations_analyzer_in_pipeline() -> None:
    analysis = analyze(
        "Talks failed. (Talks fail again, RT, 8 November 2016)", analyzers=["citations"]
    )
    assert [(c.outlet, c.date) for c in analysis.citations] == [("RT", "2016-11-08")]
    assert analysis.analyzers == {"citations": "citations.v1"}


@pytest.mark.shared
def test_sample_article_citations() -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    found = {(c.outlet, c.date, c.author) for c in extract_citations(text)}
    assert ("ARA News", "2016-11-09", None) in found
    assert ("RT", "2016-11-08", None) in found
    assert ("RT", "2016-11-16", None) in found
    assert ("Sputnik", "2016-11-15", None) in found
    assert ("Global Research", "2016-10-26", "Jay Syrmopoulos") in found
    assert (None, "2016-11-02", "Ziad Haidar") in found
    for citation in extract_citations(text):
        assert 0 <= citation.start < citation.end <= len(text)
