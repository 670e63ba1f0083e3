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
from pathlib import Path

import typer

from ..errors import SlantError
from ..report.console import SafeConsole, escape_json_controls

__all__ = [
    "app",
    "console",
    "err_console",
    "eval_app",
    "fail",
    "fail_on_errors",
    "say",
    "train_app",
    "with_hint",
    "check_out",
    "write_json",
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

# Article text reaches both (titles, quotes, file names in errors): no control characters.
console = SafeConsole(highlight=False)
err_console = SafeConsole(stderr=True, highlight=False)


def say(level: str, message: object) -> None:
    """Print ``Level: message`` on stderr as one unwrapped line (``Error``, ``Warning``)."""
    line = " ".join(str(message).split())
    err_console.print(f"{level}: {line}", markup=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``Error: message`` on stderr (one line) and return the Exit to raise."""
    say("Error", message)
    return typer.Exit(code)


#: The command line option of each library argument that errors name
#: (:attr:`SlantError.argument <slant.errors.SlantError>`); commands add their own.
FLAGS = {
    "allow_private": "--allow-private",
    "articles_path": "--articles FILE",
    "corpus": "--corpus",
    "dev_articles": "--dev-articles",
    "fakes": "--fakes",
    "format": "--format",
    "framing": "--framing",
    "gold_path": "--gold FILE",
    "text_column": "--text-col",
}


def with_hint(message: object, argument: str | None, flags: Mapping[str, str] | None = None) -> str:
    """``message``, ending with the option of ``argument`` when there is one.

    >>> with_hint("corpus 'x.db' is not a slant corpus", "corpus")
    "corpus 'x.db' is not a slant corpus (--corpus)"
    """
    flag = {**FLAGS, **(flags or {})}.get(argument or "")
    return f"{message} ({flag})" if flag else str(message)


@contextmanager
def fail_on_errors(flags: Mapping[str, str] | None = None) -> Iterator[None]:
    """Turn SlantError (and Ctrl-C) into a one-line error and a non-zero exit.

    The library's messages are in its own terms; an error about one of its arguments ends
    with this command's option for it (:data:`FLAGS`, and ``flags`` for this command).
    """
    try:
        yield
    except SlantError as exc:
        raise fail(with_hint(exc, exc.argument, flags)) from None
    except KeyboardInterrupt:
        err_console.print("Interrupted.", markup=False)
        sys.exit(130)


def check_out(out: Path | None, option: str = "--out") -> None:
    """Fail now, before any work, when ``out`` cannot be written: its folder is missing or it
    is a folder itself."""
    if out is None:
        return
    if out.is_dir():
        raise fail(f"{option} {out}: is a folder; give a file name")
    if not out.parent.is_dir():
        raise fail(f"{option} {out}: the folder {out.parent} does not exist; create it first")


def write_json(text: str, out: Path | None) -> None:
    """Write JSON to ``out``, or to stdout with C1 controls escaped (see report.console)."""
    if out is None:
        sys.stdout.write(escape_json_controls(text) + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")
