"""Reading input bytes safely: regular files only, a size cap enforced while reading.

Every reader gets its text through :func:`decode` (:mod:`.encoding`: byte-order marks,
binary detection, UTF-8, then a charset detector), so the same input problems give the same
one-line errors whatever the format.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, TooLarge
from .encoding import decode

__all__ = ["MAX_INPUT_BYTES", "decode", "describe_size", "read_bytes"]

#: Largest single input file or fetched page accepted (bytes).
MAX_INPUT_BYTES = 20 * 1024 * 1024


def describe_size(size: int) -> str:
    """A byte count for messages, in binary units: ``20 MiB``, ``512 KiB``, ``900 bytes``.

    >>> describe_size(20 * 1024 * 1024)
    '20 MiB'
    """
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def read_bytes(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Return the bytes of the regular file ``path``; refuse anything else, files over
    ``max_bytes`` (counted while reading, not only from the size the file claims) and empty
    files.

    The file is opened without blocking and checked on its open descriptor, so a FIFO (which
    would wait for a writer), a device such as ``/dev/zero`` (endless) or a socket is refused
    before anything is read, and a file swapped for one after a check cannot slip through.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb", buffering=0) as file:
        try:
            info = os.fstat(fd)
            mode = info.st_mode
            if not stat.S_ISREG(mode):
                raise InputError(
                    f"{path}: not a regular file ({_file_kind(mode)}); give a text, HTML, "
                    "feed or table file"
                )
            data = None if info.st_size > max_bytes else _read_at_most(file, max_bytes)
        except OSError as exc:
            raise InputError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    if data is None:
        size = f"{describe_size(info.st_size)}, " if info.st_size > max_bytes else ""
        raise TooLarge(f"{path}: file is {size}more than the limit of {describe_size(max_bytes)}")
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    return data


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "a special file"


def _read_at_most(file: BinaryIO, max_bytes: int) -> bytes | None:
    """The whole content of ``file``, or None as soon as it exceeds ``max_bytes``."""
    chunks, total = [], 0
    while chunk := file.read(min(1 << 20, max_bytes + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            return None
    return b"".join(chunks)
