"""The ``slant.compare/1`` JSON Schema against the types of :mod:`slant.compare.result`.

Every field of every dataclass a :class:`Comparison` holds is a property of the matching
schema node, with a JSON type the annotation allows; every required key is a field; and the
recorded reports of real comparisons validate.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from slant.compare import result
from slant.compare.result import Comparison, PerSide

SCHEMA = json.loads(resources.files("slant.compare").joinpath("compare.schema.json").read_text())
GOLDEN = Path(__file__).parent / "data" / "compare"
JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """The node with its ``$ref`` (and the ref's own refs) merged in, siblings winning."""
    while "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        node = {**root["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _hints(cls: type, args: tuple[Any, ...] = ()) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(result))
    if cls is PerSide:
        hints = {name: args[0] for name in hints}
    return {f.name: hints[f.name] for f in fields(cls)}


def _json_types(hint: Any) -> set[str]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_json_types(arg) for arg in typing.get_args(hint)))
    if origin is typing.Literal:
        return {JSON_TYPES[type(arg)] for arg in typing.get_args(hint)}
    if origin is tuple:
        return {"array"}
    if hint in JSON_TYPES:
        return {JSON_TYPES[hint]} | ({"number"} if hint is int else set())
    return {"object"}


def _check(hint: Any, node: dict[str, Any], path: str, seen: list[str], root: dict) -> None:
    """Walk the annotation ``hint`` and the schema ``node`` together (see module docstring)."""
    node = _resolve(node, root)
    allowed = node.get("type")
    if allowed is not None:
        allowed = {allowed} if isinstance(allowed, str) else set(allowed)
        expected = _json_types(hint)
        assert expected & allowed, f"{path}: schema type {allowed}, annotation {hint}"
    origin, args = typing.get_origin(hint) or hint, typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                _check(arg, node, path, seen, root)
    elif origin is tuple:
        items = node.get("items", {})
        for arg in args:
            if arg is not Ellipsis:
                _check(arg, items, f"{path}[]", seen, root)
    elif isinstance(origin, type) and issubclass(origin, Mapping):
        value = args[1]
        if "additionalProperties" in node and isinstance(node["additionalProperties"], dict):
            _check(value, node["additionalProperties"], f"{path}{{}}", seen, root)
        for key, child in node.get("properties", {}).items():
            _check(value, child, f"{path}.{key}", seen, root)
    elif is_dataclass(origin):
        seen.append(path)
        hints = _hints(origin, args)
        properties = node.get("properties", {})
        missing = set(hints) - set(properties)
        assert not missing, f"{path} ({origin.__name__}): fields not in the schema: {missing}"
        unknown = set(node.get("required", [])) - set(hints) - {"schema"}
        assert not unknown, f"{path}: required keys no field holds: {unknown}"
        for name, field_hint in hints.items():
            _check(field_hint, properties[name], f"{path}.{name}", seen, root)


def test_every_dataclass_field_is_a_schema_property() -> None:
    seen: list[str] = []
    _check(Comparison, SCHEMA, "$", seen, SCHEMA)
    sections = {f.name for f in fields(Comparison)}
    assert sections | {"schema"} == set(SCHEMA["properties"])
    assert len(seen) > 20, seen  # every section, its entries and their examples were walked


def test_a_field_missing_from_the_schema_is_caught() -> None:
    broken = json.loads(json.dumps(SCHEMA))
    del broken["$defs"]["mean"]["properties"]["most_positive"]
    with pytest.raises(AssertionError, match="most_positive"):
        _check(Comparison, broken, "$", [], broken)
    broken = json.loads(json.dumps(SCHEMA))
    broken["$defs"]["casualties"]["properties"]["killed_women_reported"]["type"] = "string"
    with pytest.raises(AssertionError, match="killed_women_reported"):
        _check(Comparison, broken, "$", [], broken)


@pytest.mark.parametrize("name", ["tiny", "tiny_subjects", "demo", "demo_subjects"])
def test_recorded_reports_validate(name: str) -> None:
    report = json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["schema"] == result.SCHEMA
