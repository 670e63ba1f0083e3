"""Worker processes that die with the process that started them.

A pool worker waits on its task queue; when its parent is killed (SIGTERM, SIGKILL, an OOM
kill) nothing tells it, so it would wait for ever, holding its memory (the models) and the
parent's stdout — and, through it, multiprocessing's resource tracker. :func:`die_with_parent`
is a pool ``initializer``: it starts a daemon thread in the worker that checks every half
second whether the worker has been re-parented (``os.getppid()`` changed), and ends the worker
at once when it has. Ctrl-C and normal exits are unaffected (the pool shuts its workers down
itself).
"""

from __future__ import annotations

import os
import threading
import time

__all__ = ["die_with_parent"]

_POLL_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """Pool initializer: end this process soon after process ``parent`` is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="slant-die-with-parent", daemon=True).start()
