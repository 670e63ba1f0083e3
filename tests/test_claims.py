"""Quantity claims, the casualty count of the main event, and ``slant eval casualties``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from slant.analyzers.claims import count_killed, find_claims
from slant.cli import app
from slant.evaluation.casualties import evaluate_casualties, keyword_baseline
from slant.nlp import parse
from slant.pipeline import analyze

from .conftest import SHARED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # active, passive, headline and participle forms
        ("Air strikes killed 12 civilians in Idlib.", [(12, "civilians", "killed")]),
        ("At least 16 civilians were killed in Aleppo.", [(16, "civilians", "killed")]),
        ("Gunmen shot dead 27 demonstrators.", [(27, "civilians", "killed")]),
        ("27 demonstrators were shot dead.", [(27, "civilians", "killed")]),
        ("Twenty-seven soldiers died in the ambush.", [(27, "combatants", "killed")]),
        ("Two Russian pilots were killed in Syria.", [(2, "combatants", "killed")]),
        ("The army said it had killed 40 terrorists.", [(40, "combatants", "killed")]),
        ("Bomb kills 25 in Homs.", [(25, "people", "killed")]),
        # nominal forms
        ("The death toll rose to 70 on Monday.", [(70, "people", "killed")]),
        ("The attack caused 70 deaths.", [(70, "people", "killed")]),
        ("70 civilian deaths were reported.", [(70, "civilians", "killed")]),
        ("Rescuers pulled 14 bodies from the rubble.", [(14, "people", "killed")]),
        ("The death toll from the strikes was 45.", [(45, "people", "killed")]),
        ("The number of civilians killed has risen to 20.", [(20, "people", "killed")]),
        ("Eleven children among 18 dead.", [(11, "children", "killed"), (18, "people", "killed")]),
        # nested and coordinated counts
        (
            "The bombing killed 12 people, including 5 children.",
            [(12, "people", "killed"), (5, "children", "killed")],
        ),
        (
            "The strikes killed 8 civilians and 50 militants.",
            [(8, "civilians", "killed"), (50, "combatants", "killed")],
        ),
        (
            "Two women and three children were among the dead.",
            [(2, "women", "killed"), (3, "children", "killed")],
        ),
        # other events
        ("More than 200 people were injured in the blast.", [(200, "people", "injured")]),
        ("Hundreds of people were wounded.", [(200, "people", "injured")]),
        ("Some 94,000 civilians are trapped in Aleppo.", [(94_000, "civilians", "trapped")]),
        ("Fighting has displaced 1.5 million people.", [(1_500_000, "people", "displaced")]),
        ("Dozens of civilians fled the town.", [(24, "civilians", "displaced")]),
        ("Police arrested a dozen protesters.", [(12, "civilians", "detained")]),
        ("Up to 30 fighters were captured near Raqqa.", [(30, "combatants", "detained")]),
        ("Three journalists were abducted in Idlib.", [(3, "civilians", "detained")]),
        ("Between 10 and 15 rebels were killed.", [(10, "combatants", "killed")]),
        # things, agents, dates and years
        ("The US dropped 50 tons of weapons.", [(50, "other", "other")]),
        ("The siege of Homs, about 90 kilometres away, goes on.", [(90, "other", "other")]),
        ("A car bomb killed four people.", [(4, "people", "killed")]),
        ("On 15 November 2016 the army advanced.", []),
        ("The revolt began in 2011.", []),
        ("The army advanced for 29 days.", []),
    ],
)
def test_claims_value_category_event(text: str, expected: list[tuple[float, str, str]]) -> None:
    claims = find_claims(parse(text))
    assert [(c.value, c.category, c.event) for c in claims] == expected
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Some 94,000 civilians are trapped in eastern Aleppo.", "place", "eastern Aleppo"),
        ("Air strikes killed 12 civilians in Idlib on Sunday.", "place", "Idlib"),
        ("Air strikes killed 12 civilians in Idlib on Sunday.", "date", "Sunday"),
        ("At least 16 civilians were killed.", "bound", "at_least"),
        ("At least 16 civilians were killed.", "text", "At least 16 civilians"),
        ("More than 200 people were injured.", "bound", "more_than"),
        ("Up to 30 fighters were captured.", "bound", "up_to"),
        ("Some 94,000 civilians are trapped.", "bound", "about"),
        ("Some 94,000 civilians are trapped.", "approximate", True),
        ("Dozens of civilians fled the town.", "approximate", True),
        ("Dozens of civilians fled the town.", "text", "Dozens of civilians"),
        ("Between 10 and 15 rebels were killed.", "bound", "range"),
        ("Between 10 and 15 rebels were killed.", "date", None),
    ],
)
def test_claim_details(text: str, field: str, value: object) -> None:
    (claim,) = find_claims(parse(text))
    assert getattr(claim, field) == value


def _killed(civilians: int = 0, children: int = 0, women: int = 0, combatants: int = 0) -> dict:
    return {"civilians": civilians, "children": children, "women": women, "combatants": combatants}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air strikes killed 12 civilians in Idlib.", _killed(12)),
        ("The bombing killed 12 people, including 5 children.", _killed(12, children=5)),
        ("At least 11 civilians including two children were killed.", _killed(11, children=2)),
        ("The strikes killed 8 civilians and 50 militants.", _killed(8, combatants=50)),
        ("Rebel fire kills three schoolchildren.", _killed(3, children=3)),
        ("Two women and three children were among the dead.", _killed(5, children=3, women=2)),
        ("Twenty-seven soldiers died in the ambush.", _killed(combatants=27)),
        (
            "At least 41 civilians have been killed since the siege began, including 9 children.",
            _killed(41, children=9),
        ),
        ("A woman was killed and 25 others were wounded.", _killed(1, women=1)),
        # the first event counts; totals over years and vague figures do not
        (
            "A car bomb killed 9 people on Sunday. "
            "More than 300,000 people have been killed since the war began in 2011.",
            _killed(9),
        ),
        (
            "The war has killed more than 300,000 people. A shell killed 4 civilians on Monday.",
            _killed(4),
        ),
        ("Strikes killed dozens of civilians. The toll reached 31.", _killed(31)),
        ("Some 94,000 civilians are trapped in eastern Aleppo.", _killed()),
        ("A suicide bomber killed four people.", _killed(4)),
    ],
)
def test_count_killed(text: str, expected: dict) -> None:
    assert count_killed(parse(text)) == expected


def test_analyzer_fills_claims_and_casualties() -> None:
    result = analyze("Gunmen shot dead 27 demonstrators in Aleppo.", analyzers=["claims"])
    data = result.to_dict()
    assert data["casualties"] == {"killed": _killed(27)}
    (claim,) = data["claims"]
    assert claim["text"] == "27 demonstrators"
    assert claim["place"] == "Aleppo"
    assert result.analyzers == {"claims": "claims.v1"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strikes killed 8 civilians and 3 children.", {"civilians": 8, "children": 3}),
        ("In 2014 strikes killed 8 civilians.", {"civilians": 2014}),
        ("Clashes killed 20 rebels.", {"combatants": 20}),
        ("Nothing happened.", {}),
    ],
)
def test_keyword_baseline(text: str, expected: dict) -> None:
    assert keyword_baseline(text) == {**dict.fromkeys(_killed(), 0), **expected}


def _write_fakes(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_eval_command_prints_scores_of_slant_and_baselines(tmp_path: Path) -> None:
    rows = [
        {"unit_id": "1", "article_content": "In 2014 strikes killed 8 civilians and 50 militants.",
         "nb_civilians": "8", "nb_children": "0", "nb_women": "0", "nb_noncivilians": "50"},
        {"unit_id": "2", "article_content": "Shelling kills 12 people, including 5 children.",
         "nb_civilians": "12", "nb_children": "5", "nb_women": "0", "nb_noncivilians": "0"},
    ]  # fmt: skip
    path = tmp_path / "fakes.csv"
    _write_fakes(path, rows)
    result = CliRunner().invoke(app, ["eval", "casualties", "--csv", str(path)])
    assert result.exit_code == 0, result.output
    assert "nb_civilians" in result.output and "keyword" in result.output
    scores = evaluate_casualties(path).scores
    assert scores["slant"]["nb_civilians"].exact == 1.0
    assert scores["keyword"]["nb_civilians"].exact == 0.5
    assert scores["zero"]["nb_women"].exact == 1.0


def test_eval_command_parts_and_error_listing(tmp_path: Path) -> None:
    rows = [
        {"unit_id": str(i), "article_content": f"Shelling kills {n} civilians.",
         "nb_civilians": str(gold), "nb_children": "0", "nb_women": "0", "nb_noncivilians": "0"}
        for i, (n, gold) in enumerate([(3, 3), (4, 4), (5, 9)])
    ]  # fmt: skip
    path = tmp_path / "fakes.csv"
    _write_fakes(path, rows)
    command = ["eval", "casualties", "--csv", str(path), "--part", "second-half", "--errors", "5"]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    assert "1 articles" in result.output
    assert "2: gold {'civilians': 9" in result.output
    assert evaluate_casualties(path, part="first-half").articles == 2
    bad = CliRunner().invoke(app, ["eval", "casualties", "--csv", str(path), "--part", "middle"])
    assert bad.exit_code == 1 and "unknown part 'middle'" in bad.output


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such CSV file"), ("unit_id,text\n1,hello\n", "missing column")],
)
def test_eval_command_bad_input(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "bad.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "casualties", "--csv", str(path)])
    assert result.exit_code == 1
    assert message in result.output


@pytest.mark.shared
def test_sample_article_claims() -> None:
    text = (SHARED / "data" / "samples" / "aleppo-and-mosul.txt").read_text(encoding="utf-8")
    claims = find_claims(parse(text))
    found = {(c.value, c.category, c.event, c.place) for c in claims}
    assert (94_000, "civilians", "trapped", "eastern Aleppo") in found
    assert (1_000_000, "civilians", "trapped", "Mosul") in found
    assert any((c.value, c.category, c.event) == (27, "civilians", "killed") for c in claims)
    assert any(
        (c.value, c.category, c.text) == (30_000, "combatants", "30,000 fighters") for c in claims
    )
    assert all(text[c.start : c.end] == c.text for c in claims)
    assert count_killed(parse(text)) == _killed(27)


@pytest.mark.shared
def test_eval_on_fakes_beats_both_baselines_on_civilians() -> None:
    path = SHARED / "data" / "fakes-dev.csv"
    command = ["eval", "casualties", "--csv", str(path), "--part", "second-half"]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    assert "99 articles" in result.output and "nb_civilians" in result.output
    scores = evaluate_casualties(path, part="second-half").scores
    civilians = {method: scores[method]["nb_civilians"].exact for method in scores}
    assert civilians["slant"] > civilians["keyword"] > civilians["zero"]
    assert civilians["slant"] > 0.7
