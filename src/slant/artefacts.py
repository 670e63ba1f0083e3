"""Reading the small numpy artefacts of slant's linear models (``models/*/*.npz``).

One place turns a missing, corrupt or incomplete file into a :class:`~slant.errors.ModelError`
that says how to get a working one back.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from .errors import ModelError

__all__ = ["read_npz"]


def read_npz(
    path: Path,
    *,
    keys: Iterable[str],
    model: str,
    retrain: str,
    optional: Iterable[str] = (),
) -> dict[str, np.ndarray]:
    """The arrays ``keys`` of the ``.npz`` file ``path`` (no pickles), and those of ``optional``
    that it has.

    ``model`` names it in errors ("frame"), ``retrain`` is the command that rebuilds it.
    """
    try:
        with np.load(path, allow_pickle=False) as data:
            found = {key: data[key] for key in keys}
            found.update({key: data[key] for key in optional if key in data.files})
            return found
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(
            f"cannot read the {model} model {path}: {exc}; reinstall slant or retrain it "
            f"with `{retrain}`"
        ) from exc
