"""Shared fixtures: paths to ../shared (second tier only), a CLI runner, a fresh corpus file,
and the loader of a ``scripts/`` module."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE_ARTICLE = SHARED / "data" / "samples" / "aleppo-and-mosul.txt"
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def load_script(name: str) -> ModuleType:
    """Import ``scripts/<name>.py`` (scripts are not a package) under the module name ``name``."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.db"
