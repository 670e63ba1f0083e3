"""The Typer applications every CLI module registers its commands on, and the error shell.

Each ``slant/cli/<topic>.py`` module adds commands to :data:`app`, :data:`eval_app` or
:data:`train_app`; a command body is a few lines over one library call, wrapped in
:func:`fail_on_errors` so a :class:`~slant.errors.SlantError` becomes one ``Error: …`` line on
stderr and exit code 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import typer
from rich.console import Console

from ..errors import SlantError

__all__ = [
    "app",
    "console",
    "err_console",
    "eval_app",
    "fail",
    "fail_on_errors",
    "say",
    "train_app",
]

app = typer.Typer(
    name="slant",
    help="Read news and show, with evidence, how it is told.\n\n"
    "Start with `slant demo`, or `slant analyze article.txt`.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure slant's analyzers against gold data.", no_args_is_help=True)
train_app = typer.Typer(
    help="Train slant's models (needs the [train] extra).", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def say(level: str, message: object) -> None:
    """Print ``Level: message`` on stderr as one unwrapped line (``Error``, ``Warning``)."""
    line = " ".join(str(message).split())
    err_console.print(f"{level}: {line}", markup=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``Error: message`` on stderr (one line) and return the Exit to raise."""
    say("Error", message)
    return typer.Exit(code)


@contextmanager
def fail_on_errors(flags: Mapping[str, str] | None = None) -> Iterator[None]:
    """Turn SlantError (and Ctrl-C) into a one-line error and a non-zero exit.

    ``flags`` maps the library's argument names to this command's options: an error about
    one of them (:attr:`SlantError.argument <slant.errors.SlantError>`) ends with the option.
    """
    try:
        yield
    except SlantError as exc:
        flag = (flags or {}).get(exc.argument or "")
        raise fail(f"{exc} ({flag})" if flag else str(exc)) from None
    except KeyboardInterrupt:
        err_console.print("Interrupted.", markup=False)
        sys.exit(130)
