"""slant's command line: ``slant COMMAND --help`` for each command.

Commands live in one module per topic, each registering on the apps of :mod:`.app`.
"""

from __future__ import annotations

import importlib

from .app import app

_COMMAND_MODULES = (
    "documents",
    "demo",
    "techniques",
    "quotes",
    "actors",
    "claims",
    "frames",
    "compare",
    "serve",
)

for _name in _COMMAND_MODULES:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"{__name__}.{_name}":
            raise


def main() -> None:
    """Entry point of the ``slant`` command."""
    app()


__all__ = ["app", "main"]
