"""Narrative roles: cast_roles, the roles analyzer, mention matching, model loading, CV score."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import slant
from slant.analyzers.roles import (
    MODEL_PATH,
    NO_ROLE,
    ROLES,
    RoleModel,
    cast_roles,
    entity_sentences,
    get_role_model,
)
from slant.errors import InputError, ModelError

from .conftest import SHARED

STORY = (
    "Greedy oil executives covered up the damage their company was causing for decades. "
    "The oil company dumped toxic waste into the river and lied to regulators. "
    "Poor farmers along the river lost their crops and their children fell sick. "
    "The farmers now cannot feed their families. "
    "Volunteers from a local charity brought clean water and food to the villages."
)


def test_committed_model_has_the_three_roles() -> None:
    model = get_role_model()
    assert model.roles == (*ROLES, NO_ROLE)
    assert MODEL_PATH.stat().st_size < 1_000_000


@pytest.mark.parametrize(
    ("entity", "role"),
    [("the oil company", "villain"), ("farmers", "victim"), ("volunteers", "hero")],
)
def test_obvious_roles(entity: str, role: str) -> None:
    (result,) = cast_roles(STORY, [entity])
    assert result["entity"] == entity
    assert result["role"] == role
    assert result["mentions"] >= 1


def test_scores_are_a_distribution_over_roles() -> None:
    results = cast_roles(STORY, ["oil executives", "children", "regulators"])
    assert [r["entity"] for r in results] == ["oil executives", "children", "regulators"]
    for result in results:
        assert set(result["scores"]) == {*ROLES, NO_ROLE}
        assert sum(result["scores"].values()) == pytest.approx(1.0, abs=1e-3)
        assert all(0.0 <= p <= 1.0 for p in result["scores"].values())


def test_entity_the_text_never_mentions_gets_no_role() -> None:
    (result,) = cast_roles(STORY, ["the prime minister"])
    assert result["role"] is None
    assert result["mentions"] == 0


def test_no_entities_gives_empty_list() -> None:
    assert cast_roles(STORY, []) == []


@pytest.mark.parametrize(("text", "entities"), [("", ["x"]), ("  \n", ["x"]), (STORY, ["  "])])
def test_bad_input_gives_input_error(text: str, entities: list[str]) -> None:
    with pytest.raises(InputError):
        cast_roles(text, entities)


def test_cast_roles_is_exported_from_the_package() -> None:
    assert "cast_roles" in slant.__all__
    assert slant.cast_roles(STORY, ["farmers"]) == cast_roles(STORY, ["farmers"])


@pytest.mark.parametrize(
    ("entity", "text", "expected"),
    [
        ("the regime", "The regime fell. Crowds cheered the end of the regime.", [0, 1]),
        ("climate alarmists", "Climate  alarmists say so. Others do not.", [0]),
        ("regime", "The regimes fell. Nothing else.", []),
        ("President Jair Bolsonaro", "Bolsonaro spoke. Others listened.", [0]),
        ("U.S.", "The U.S. left. Then it came back.", [0]),
    ],
)
def test_entity_sentences(entity: str, text: str, expected: list[int]) -> None:
    from slant.nlp import parse
    from slant.spans import sentences as article_sentences

    assert entity_sentences(entity, text, article_sentences(parse(text))) == expected


def test_analyzer_fills_role_of_each_actor() -> None:
    text = (
        "Russian jets bombed a hospital in Aleppo, killing twelve patients. "
        "Doctors Without Borders evacuated the wounded children."
    )
    analysis = slant.analyze(text, analyzers=["roles"])
    assert analysis.actors
    assert analysis.analyzers["roles"] == "roles.v2"
    for actor in analysis.actors:
        assert actor.role in (*ROLES, None)
        assert 0.0 <= actor.role_score <= 1.0


def test_missing_model_file_gives_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot read the role model"):
        RoleModel.load(tmp_path / "missing.npz")


@pytest.mark.parametrize(
    ("roles", "weights"),
    [(ROLES, np.zeros((3, 10))), (("hero", "villain", "martyr"), np.zeros((3, 3 * 384)))],
)
def test_model_that_does_not_fit_gives_model_error(
    tmp_path: Path, roles: tuple[str, ...], weights: np.ndarray
) -> None:
    path = tmp_path / "roles.npz"
    np.savez(path, roles=np.array(roles), weights=weights, bias=np.zeros(3))
    with pytest.raises(ModelError, match="does not match"):
        RoleModel.load(path)


@pytest.mark.shared
def test_grouped_cross_validation_beats_majority(tmp_path: Path) -> None:
    from slant.train.roles import train_and_score_roles

    path, scores = train_and_score_roles(
        SHARED / "data" / "framing-roles-train.tsv",
        articles_path=SHARED / "data" / "framing-train.tsv",
        out=tmp_path / "roles.npz",
    )
    assert sum(scores.annotated.support.values()) == 1580
    assert scores.annotated.macro_f1 > scores.annotated.baseline_macro_f1 + 0.3
    assert scores.with_none.macro_f1 > scores.with_none.baseline_macro_f1 + 0.3
    assert RoleModel.load(path).roles == (*ROLES, NO_ROLE)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([0.7, 0.1, 0.1, 0.1], ("hero", 0.7)),
        ([0.1, 0.2, 0.3, 0.4], (None, 0.3)),
        ([0.05, 0.45, 0.1, 0.4], ("villain", 0.45)),
    ],
)
def test_best_role_gives_no_role_when_none_wins(
    scores: list[float], expected: tuple[str | None, float]
) -> None:
    from slant.analyzers.roles import _best_role

    assert _best_role(np.array(scores), (*ROLES, NO_ROLE)) == expected


@pytest.mark.parametrize("command", ["eval", "train"])
def test_cli_reports_missing_role_data_in_one_line(command: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from slant.cli import app

    result = CliRunner().invoke(app, [command, "roles", "--data", str(tmp_path / "none.tsv")])
    assert result.exit_code == 1
    assert "cannot read role data" in result.output


def test_cli_rejects_unknown_roles(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from slant.cli import app

    path = tmp_path / "roles.tsv"
    path.write_text("ID\tentity\trole\n1\tthe regime\tmartyr\n")
    result = CliRunner().invoke(app, ["eval", "roles", "--data", str(path)])
    assert result.exit_code == 1
    assert "unknown roles ['martyr']" in result.output
