"""Arrow schemas of the tidy tables, and the one place that imports the ``[export]`` extra.

pyarrow (Parquet, typed reading) and pandas (data frames) are optional: CSV and JSONL
exports need neither. :func:`require_pyarrow` and :func:`require_pandas` turn their absence
into :class:`~slant.errors.ExtraMissing` with the command that installs them.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..errors import ExtraMissing
from .tables import Table

if TYPE_CHECKING:
    import pyarrow

__all__ = ["arrow_schema", "pandas_types", "require_pandas", "require_pyarrow"]

_INSTALL = "install it with `pip install 'slant[export]'`"


def require_pyarrow() -> ModuleType:
    """The ``pyarrow`` module, or ExtraMissing."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401  (the submodule the writers use)
    except ImportError as exc:
        raise ExtraMissing(f"Parquet and typed tables need pyarrow: {_INSTALL}") from exc
    module: ModuleType = pyarrow
    return module


def require_pandas() -> ModuleType:
    """The ``pandas`` module, or ExtraMissing."""
    try:
        import pandas
    except ImportError as exc:
        raise ExtraMissing(f"data frames need pandas: {_INSTALL}") from exc
    module: ModuleType = pandas
    return module


def arrow_schema(table: Table) -> pyarrow.Schema:
    """The Arrow schema of a tidy table (``json`` columns are strings)."""
    pa = require_pyarrow()
    kinds = {
        "string": pa.string(),
        "json": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
    }
    return pa.schema([pa.field(c.name, kinds[c.type]) for c in table.columns])


def pandas_types() -> Any:
    """The ``types_mapper`` that gives pandas nullable dtypes (``Int64``, ``string``, …) for
    Arrow columns, so that a missing integer stays an integer column."""
    pa, pd = require_pyarrow(), require_pandas()
    mapping = {
        pa.string(): pd.StringDtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.float64(): pd.Float64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    return mapping.get
