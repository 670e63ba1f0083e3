"""``slant.__all__`` is exactly the public surface of the package (httpx's test, adapted)."""

from __future__ import annotations

import types

import slant


def test_all_lists_every_public_name_and_nothing_else() -> None:
    public = {
        name
        for name, value in vars(slant).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert set(slant.__all__) - {"__version__"} == public
    assert len(slant.__all__) == len(set(slant.__all__))


def test_every_exported_name_is_importable_and_documented() -> None:
    for name in slant.__all__:
        value = getattr(slant, name)
        if callable(value):
            assert value.__doc__, f"slant.{name} has no docstring"


def test_the_shells_names_are_exported() -> None:
    for name in (
        "Corpus",
        "read_path",
        "ingest_paths",
        "ingest_and_annotate",
        "annotate",
        "Filter",
        "parse_filter",
        "render_page",
        "render_fragment",
        "print_summary",
        "compare",
        "render_comparison",
        "print_comparison",
    ):
        assert name in slant.__all__
    assert slant.annotate.__name__ == "annotate_corpus"
