"""The offline API page: the app's OpenAPI document turned into plain lists for a template.

FastAPI's ``/docs`` and ``/redoc`` load JavaScript and CSS from a CDN, which an offline
machine cannot reach, so slant turns them off and renders ``/openapi.json`` itself at
``/api``: each operation with its parameters, request body and responses, and each schema
with its fields and types. It reads only the subset of OpenAPI 3.1 / JSON Schema that
FastAPI writes (``$ref``, ``type``, ``items``, ``anyOf``, ``const``, ``enum``,
``additionalProperties``); it is a reader's page, not a console to send requests from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ApiField", "ApiOperation", "ApiSchema", "describe_openapi", "type_name"]

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class ApiField:
    """A parameter or schema property: its name, where it goes, its type, and what it is."""

    name: str
    type: str
    required: bool
    description: str = ""
    location: str = ""


@dataclass(frozen=True)
class ApiOperation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[ApiField]
    body: str | None
    responses: list[tuple[str, str, str]]


@dataclass(frozen=True)
class ApiSchema:
    name: str
    description: str
    fields: list[ApiField] = field(default_factory=list)


def type_name(schema: dict[str, Any]) -> str:
    """A short human name for a JSON Schema: ``list[Technique]``, ``string | null``."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "const" in schema:
        return repr(schema["const"])
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " | ".join(type_name(s) for s in schema[key])
    kind = schema.get("type")
    if kind == "array":
        inner = schema.get("items") or {}
        if "prefixItems" in schema:
            return "[" + ", ".join(type_name(s) for s in schema["prefixItems"]) + "]"
        return f"list[{type_name(inner)}]" if inner else "list"
    if kind == "object":
        extra = schema.get("additionalProperties")
        return f"dict[string, {type_name(extra)}]" if isinstance(extra, dict) else "object"
    return str(kind) if kind else "any"


def _plain(docstring: str) -> str:
    """A route docstring as one paragraph of plain text (reStructuredText ``code`` unmarked)."""
    return " ".join(docstring.replace("``", "").split())


def _body_name(operation: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    for media, spec in content.items():
        return f"{type_name(spec.get('schema', {}))} ({media})"
    return None


def _responses(operation: dict[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    for code, spec in sorted(operation.get("responses", {}).items()):
        content: dict[str, Any] = spec.get("content", {})
        first: dict[str, Any] = next(iter(content.values()), {})
        schema = first.get("schema", {})
        out.append((code, spec.get("description", ""), type_name(schema) if schema else ""))
    return out


def describe_openapi(spec: dict[str, Any]) -> tuple[list[ApiOperation], list[ApiSchema]]:
    """The operations (in path order) and the schemas of an OpenAPI document."""
    operations = []
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [
                ApiField(
                    name=p["name"],
                    type=type_name(p.get("schema", {})),
                    required=bool(p.get("required")),
                    description=p.get("description", "")
                    or p.get("schema", {}).get("description", ""),
                    location=p.get("in", ""),
                )
                for p in operation.get("parameters", [])
            ]
            operations.append(
                ApiOperation(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=_plain(operation.get("description", "")),
                    parameters=parameters,
                    body=_body_name(operation),
                    responses=_responses(operation),
                )
            )
    schemas = []
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        fields = [
            ApiField(
                name=prop,
                type=type_name(sub),
                required=prop in required,
                description=sub.get("description", ""),
            )
            for prop, sub in schema.get("properties", {}).items()
        ]
        schemas.append(
            ApiSchema(name=name, description=schema.get("description", ""), fields=fields)
        )
    return operations, schemas
