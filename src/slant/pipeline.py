"""The analyze pipeline: a registry of named, versioned analyzers over one shared parse.

An analyzer is a pure function ``(Context) -> dict`` that returns values for the
:class:`~slant.analysis.Analysis` fields it declares. It is registered where it is defined::

    @analyzer("tone", version="tone.v1", sets=("tone",))
    def tone(ctx: Context) -> dict: ...

    @analyzer("actors", version="actors.v1", sets=("actors",), requires=("tone", "quotes"))
    def actors(ctx: Context) -> dict: ...   # reads ctx.results["tone"], ctx.results["quotes"]

``requires`` names analyzers whose output it reads; the pipeline runs them first (adding
them to a selection when needed) and fails loudly on an unknown name or a cycle. The spaCy
parse is computed once, lazily, the first time an analyzer asks for ``ctx.doc``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any

from .analysis import Analysis
from .document import Document
from .errors import AnalyzerError

__all__ = [
    "ANALYZER_ORDER",
    "AnalyzerSpec",
    "Context",
    "analyze",
    "analyzer",
    "available_analyzers",
    "resolve",
    "run_analyzers",
    "to_plain",
]

AnalyzerFunc = Callable[["Context"], dict[str, Any]]

# Modules that register analyzers when imported, in pipeline order; each module's analyzer
# has the module's name, so this is also the order in which stored results are merged.
ANALYZER_ORDER = (
    "tone",
    "quotes",
    "citations",
    "scare_quotes",
    "actors",
    "claims",
    "techniques",
    "frames",
    "roles",
)


@dataclass(frozen=True)
class AnalyzerSpec:
    """A registered analyzer: its name, version, the fields it sets and what it reads."""

    name: str
    version: str
    func: AnalyzerFunc
    sets: tuple[str, ...]
    requires: tuple[str, ...] = ()
    description: str = ""


_REGISTRY: dict[str, AnalyzerSpec] = {}
_loaded = False


def analyzer(
    name: str,
    *,
    version: str,
    sets: tuple[str, ...],
    requires: tuple[str, ...] = (),
) -> Callable[[AnalyzerFunc], AnalyzerFunc]:
    """Register the decorated function as analyzer ``name`` (see module docstring)."""

    def register(func: AnalyzerFunc) -> AnalyzerFunc:
        doc = (func.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = AnalyzerSpec(
            name=name,
            version=version,
            func=func,
            sets=sets,
            requires=requires,
            description=doc[0] if doc else "",
        )
        return func

    return register


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    for module in ANALYZER_ORDER:
        importlib.import_module(f"slant.analyzers.{module}")
    _loaded = True


def available_analyzers() -> dict[str, AnalyzerSpec]:
    """Return every registered analyzer by name, in pipeline order."""
    _load_all()
    return {spec.name: spec for spec in resolve(None)}


def resolve(names: Iterable[str] | None) -> list[AnalyzerSpec]:
    """Return the analyzers to run for ``names`` (None: all), dependencies first.

    >>> [s.name for s in resolve(["actors"])]  # doctest: +SKIP
    ['tone', 'quotes', 'actors']
    """
    _load_all()
    wanted = list(_REGISTRY) if names is None else list(names)
    unknown = [n for n in wanted if n not in _REGISTRY]
    if unknown:
        raise AnalyzerError(
            f"unknown analyzer {', '.join(map(repr, unknown))}; "
            f"available: {', '.join(sorted(_REGISTRY))}"
        )
    ordered: list[AnalyzerSpec] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if any(s.name == name for s in ordered):
            return
        if name in visiting:
            raise AnalyzerError(f"analyzer dependency cycle through {name!r}")
        visiting.add(name)
        spec = _REGISTRY.get(name)
        if spec is None:
            raise AnalyzerError(f"an analyzer requires {name!r}, which is not registered")
        for dep in spec.requires:
            visit(dep)
        visiting.discard(name)
        ordered.append(spec)

    for name in wanted:
        visit(name)
    return ordered


@dataclass
class Context:
    """What an analyzer sees: the document, its shared parse, and earlier analyzers' output."""

    document: Document
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    _doc: Any = None

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def doc(self) -> Any:
        """The spaCy ``Doc`` of the text, parsed on first access and shared."""
        if self._doc is None:
            from .nlp import parse

            self._doc = parse(self.document.text)
        return self._doc


def run_analyzers(
    document: Document, specs: list[AnalyzerSpec], *, parsed: Any = None
) -> dict[str, dict[str, Any]]:
    """Run ``specs`` (already resolved) on ``document``; return each analyzer's output."""
    ctx = Context(document=document, _doc=parsed)
    for spec in specs:
        out = spec.func(ctx)
        extra = set(out) - set(spec.sets)
        if extra:
            raise AnalyzerError(f"analyzer {spec.name!r} set undeclared fields {sorted(extra)}")
        ctx.results[spec.name] = out
    return ctx.results


def analyze(
    text_or_document: str | Document, *, analyzers: Iterable[str] | None = None
) -> Analysis:
    """Analyze one text or :class:`Document` and return its :class:`Analysis`.

    >>> a = analyze("The minister said the talks had failed.")  # doctest: +SKIP
    >>> a.tone.compound  # doctest: +SKIP
    -0.5106
    """
    document = (
        text_or_document
        if isinstance(text_or_document, Document)
        else Document(text=text_or_document)
    )
    specs = resolve(analyzers)
    results = run_analyzers(document, specs)
    values: dict[str, Any] = {}
    for out in results.values():
        values.update(out)
    analysis = Analysis.from_fields(document, to_plain(values))
    analysis.analyzers = {s.name: s.version for s in specs}
    return analysis


def to_plain(values: dict[str, Any]) -> dict[str, Any]:
    """Turn dataclass findings into JSON-shaped values so there is one way to build Analysis."""

    def default(obj: Any) -> Any:
        if is_dataclass(obj):
            return asdict(obj)
        raise TypeError(f"cannot serialise {type(obj).__name__}")

    return json.loads(json.dumps(values, default=default))
