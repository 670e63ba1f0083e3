"""Shared fixtures: paths to ../shared (second tier only), a CLI runner, a fresh corpus file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE_ARTICLE = SHARED / "data" / "samples" / "aleppo-and-mosul.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.db"
