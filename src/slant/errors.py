"""The one exception tree of slant.

Every error a user can cause is a :class:`SlantError` whose message names the input, what
was expected, what was received and what to do next, in library terms (parameters, not command
line flags; ``argument`` names the parameter at fault). Shells (CLI, web) print the message on
one line, with their own hint for the argument, and exit non-zero; the library never prints.

::

    SlantError
     ├── InputError            bad input: empty, binary, too large, malformed, missing column
     │    ├── TooLarge         an input over a size limit (HTTP 413 in the web app)
     │    └── FetchError       a URL is refused (scheme, private address) or cannot be fetched
     │         └── UpstreamError    the server failed or could not be reached
     │              └── FetchTimeout  the server did not answer in time
     ├── StoreError            the SQLite corpus store failed or is not what slant expects
     ├── ModelError            a trained artefact is missing or cannot be run
     ├── ExtraMissing          an optional extra ([export], [dask]) is needed but not installed
     └── AnalyzerError         an analyzer name or selection is invalid
"""

from __future__ import annotations

__all__ = [
    "AnalyzerError",
    "ExtraMissing",
    "FetchError",
    "FetchTimeout",
    "InputError",
    "ModelError",
    "SlantError",
    "StoreError",
    "TooLarge",
    "UpstreamError",
]


class SlantError(Exception):
    """Base class of every error slant raises on purpose.

    The message is in library terms. ``argument`` names the parameter of the library call at
    fault, when one is (``"articles_path"``, ``"format"``), so that each shell can add its own
    hint: the CLI names its flag, the web app its form field.

    >>> error = InputError("the role data needs its articles", argument="articles_path")
    >>> str(error), error.argument
    ('the role data needs its articles', 'articles_path')
    """

    def __init__(self, message: str = "", *, argument: str | None = None) -> None:
        super().__init__(message)
        self.argument = argument


class InputError(SlantError):
    """The input (file, text, row, feed, URL) cannot be used as a document."""


class TooLarge(InputError):
    """An input (file, text, upload) larger than a limit."""


class FetchError(InputError):
    """A URL could not be fetched, or is not allowed to be fetched."""


class UpstreamError(FetchError):
    """An allowed URL whose server failed, refused the connection or sent too much."""


class FetchTimeout(UpstreamError):
    """An allowed URL whose server did not answer in time."""


class StoreError(SlantError):
    """The corpus store failed, or the file is not a slant store."""


class ModelError(SlantError):
    """A trained artefact is missing, corrupt, or failed to run."""


class ExtraMissing(SlantError):
    """A feature needs an optional extra (``pip install 'slant[export]'``) that is missing."""


class AnalyzerError(SlantError):
    """An analyzer name is unknown or a selection cannot be satisfied."""
