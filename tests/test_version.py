"""The version is written once, in pyproject.toml, and read from the package metadata."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import slant

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_version_comes_from_the_installed_metadata() -> None:
    assert slant.__version__ == importlib.metadata.version("slant")


def test_pyproject_is_the_one_place_the_version_is_written() -> None:
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    assert slant.__version__ == declared
    init = (Path(slant.__file__)).read_text(encoding="utf-8")
    assert declared not in init
