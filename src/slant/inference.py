"""How slant runs its ONNX models: one way to open an onnxruntime session, one thread budget.

Every model (the shared sentence encoder, the technique model) is opened with :func:`session`,
so all run with the same options (onnxruntime's ``SessionOptions``):

- ``intra_op_num_threads`` = :func:`threads`: the CPUs this process may use divided by the
  processes analysing side by side. ``slant annotate --workers N`` gives each worker
  ``cpus // N`` (at least 1) with :func:`set_threads` before it loads a model; the environment
  variable ``SLANT_THREADS`` overrides both. Two workers with two threads each on two cores
  made four busy threads fight over two cores (and over spaCy's time);
- no spinning (``session.intra_op.allow_spinning = 0``): idle pool threads sleep instead of
  busy-waiting for the next operator, which would steal a core from the other workers;
- one inter-op thread (the models are a chain of layers) and every graph optimisation
  (``ORT_ENABLE_ALL``: LayerNorm, GELU and MatMul fusions);
- no memory pattern (``enable_mem_pattern = False``): onnxruntime would plan and keep a block
  for every input shape it meets, and window and name lengths vary; without it the 24 longest
  benchmark articles peaked at 1,000 MB instead of 1,158 MB in one process, for the same CPU
  time (``docs/speed.md``).

Results do not depend on the thread count: the int8 products are exact integer arithmetic
and onnxruntime shares float work out by rows and columns, never along the summed axis;
``tests/test_inference.py`` checks that one and two threads give identical vectors.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

__all__ = ["THREADS_ENV", "available_cpus", "session", "set_threads", "threads"]

#: Environment variable that fixes the intra-op threads of every session.
THREADS_ENV = "SLANT_THREADS"

_threads: int | None = None


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def set_threads(count: int | None) -> None:
    """Use ``count`` intra-op threads in the sessions opened from now on (None: default)."""
    global _threads
    _threads = None if count is None else max(1, int(count))


def threads() -> int:
    """Intra-op threads for a new session: ``SLANT_THREADS``, else :func:`set_threads`'s
    value, else every available CPU.

    >>> set_threads(1); threads()
    1
    >>> set_threads(None)
    """
    value = os.environ.get(THREADS_ENV, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return _threads if _threads is not None else available_cpus()


def session(path: Path, *, intra_threads: int | None = None) -> Any:
    """Open the ONNX model at ``path`` on the CPU with the options of the module docstring.

    Raises whatever onnxruntime raises; callers turn it into a :class:`~slant.errors.ModelError`
    that names their model.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.intra_op_num_threads = intra_threads or threads()
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.enable_mem_pattern = False
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
