"""The one exception tree of slant.

Every error a user can cause is a :class:`SlantError` whose message names the input, what
was expected, what was received and what to do next. Shells (CLI, web) print the message on
one line and exit non-zero; the library never prints.

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
    """Base class of every error slant raises on purpose."""


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
