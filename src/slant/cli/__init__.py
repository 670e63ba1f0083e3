"""slant's command line: ``slant COMMAND --help`` for each command.

Commands live in one module per topic, each registering on the apps of :mod:`.app`.
"""

from __future__ import annotations

import importlib

from .app import app

# Importing a command module registers its commands on the apps of .app, in this order
# (the order of `slant --help`).
_COMMAND_MODULES = (
    "analyze",
    "corpus",
    "demo",
    "techniques",
    "eval",
    "train",
    "compare",
    "export",
    "stories",
    "serve",
)
for _name in _COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}")


def main() -> None:
    """Entry point of the ``slant`` command."""
    app()


__all__ = ["app", "main"]
