"""The analyze pipeline: a registry of named, versioned analyzers over one shared parse.

An analyzer is a pure function ``(Context) -> dict`` that returns values for the
:class:`~slant.analysis.Analysis` fields it declares, registered where it is defined::

    @analyzer("tone", version="tone.v1", sets=("tone",))
    def tone(ctx: Context) -> dict: ...

    @analyzer("actors", version="actors.v1", sets=("actors",), requires=("tone", "quotes"))
    def actors(ctx: Context) -> dict:
        quotes = ctx.output("quotes")      # list[Quote]: typed, and only what it requires

The contract, checked here:

- **one owner per field**: every Analysis field is set by exactly one analyzer, so results
  merge by field in any order (the store needs no merge rule);
- **declared reads**: :meth:`Context.output` returns another analyzer's typed output and
  refuses a field whose analyzer is not in ``requires``;
- **declared writes**: an analyzer returning a field it did not declare fails;
- **run order** is a topological sort of ``requires`` (ties by name), whatever the order in
  which modules were imported; an unknown name or a cycle fails loudly.

Shared resources are computed once per document, lazily, on the :class:`Context`: the spaCy
parse (``ctx.doc``), its sentences (``ctx.sentences``), the technique encoder's pass over the
text (``ctx.article_states``) and the sentence vectors pooled from it
(``ctx.sentence_vectors``, :mod:`slant.vectors`).

Analyzers are found in the modules of :mod:`slant.analyzers` and in other installed
packages through the entry-point group ``slant.analyzers`` (pluggy/datasette style): a
package declares ``[project.entry-points."slant.analyzers"] name = "module"`` and that
module registers with :func:`analyzer` when imported.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields, is_dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, Literal, overload

from .analysis import (
    Actor,
    Analysis,
    Citation,
    Claim,
    Quote,
    Role,
    ScareQuote,
    Technique,
    Tone,
)
from .document import Document
from .errors import AnalyzerError
from .language import detect_language, language_record
from .spans import Span
from .spans import sentences as doc_sentences

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc

    from .techniques.runtime import ArticleStates

__all__ = [
    "ENTRY_POINT_GROUP",
    "AnalyzerSpec",
    "Context",
    "analyze",
    "analyzer",
    "available_analyzers",
    "field_owners",
    "resolve",
    "run_analyzers",
    "run_in_language",
    "to_plain",
]

AnalyzerFunc = Callable[["Context"], dict[str, Any]]

#: Entry-point group through which other packages add analyzers.
ENTRY_POINT_GROUP = "slant.analyzers"


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
            sets=tuple(sets),
            requires=tuple(requires),
            description=doc[0] if doc else "",
        )
        return func

    return register


def _load_all() -> None:
    """Import every module of :mod:`slant.analyzers` and every entry point (once)."""
    global _loaded
    if _loaded:
        return
    from . import analyzers

    for module in pkgutil.iter_modules(analyzers.__path__):
        importlib.import_module(f"{analyzers.__name__}.{module.name}")
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry.load()
        except Exception as exc:  # a broken plug-in must not break slant
            raise AnalyzerError(
                f"the analyzer plug-in {entry.name!r} ({entry.value}) failed to load: {exc}; "
                "uninstall or fix the package that provides it"
            ) from exc
    _loaded = True


def available_analyzers() -> dict[str, AnalyzerSpec]:
    """Return every registered analyzer by name, in run order."""
    return {spec.name: spec for spec in resolve(None)}


def field_owners(specs: Iterable[AnalyzerSpec]) -> dict[str, str]:
    """Map each field to the one analyzer of ``specs`` that sets it; two owners fail.

    >>> sorted(field_owners(resolve(["tone"])).items())
    [('tone', 'tone')]
    """
    owners: dict[str, str] = {}
    for spec in specs:
        for name in spec.sets:
            if name in owners and owners[name] != spec.name:
                raise AnalyzerError(
                    f"analyzers {owners[name]!r} and {spec.name!r} both set the field {name!r}; "
                    "every field has one owner"
                )
            owners[name] = spec.name
    return owners


def resolve(names: Iterable[str] | None) -> list[AnalyzerSpec]:
    """Return the analyzers to run for ``names`` (None: all), dependencies first.

    The order is a topological sort of ``requires``, ties broken by name.

    >>> [s.name for s in resolve(["actors"])]
    ['quotes', 'scare_quotes', 'tone', 'actors']
    """
    _load_all()
    wanted = sorted(_REGISTRY) if names is None else list(names)
    unknown = [n for n in wanted if n not in _REGISTRY]
    if unknown:
        raise AnalyzerError(
            f"unknown analyzer {', '.join(map(repr, unknown))}; "
            f"available: {', '.join(sorted(_REGISTRY))}"
        )
    ordered: list[AnalyzerSpec] = []
    done: set[str] = set()
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            raise AnalyzerError(f"analyzer dependency cycle through {name!r}")
        spec = _REGISTRY.get(name)
        if spec is None:
            raise AnalyzerError(f"an analyzer requires {name!r}, which is not registered")
        visiting.add(name)
        for dep in sorted(spec.requires):
            visit(dep)
        visiting.discard(name)
        done.add(name)
        ordered.append(spec)

    for name in sorted(wanted):
        visit(name)
    field_owners(ordered)
    return ordered


class Context:
    """What an analyzer sees: the document, shared lazy resources, and the typed output of
    the analyzers it requires (:meth:`output`)."""

    def __init__(self, document: Document, *, parsed: Doc | None = None) -> None:
        self.document = document
        self._doc = parsed
        self._sentences: list[Span] | None = None
        self._states: ArticleStates | None = None
        self._vectors: np.ndarray | None = None
        self._fields: dict[str, Any] = {}
        self._owners: dict[str, str] = {}
        self._reader: AnalyzerSpec | None = None

    @property
    def text(self) -> str:
        """The document text (every offset indexes it)."""
        return self.document.text

    @property
    def doc(self) -> Doc:
        """The spaCy ``Doc`` of the text, parsed on first access and shared."""
        if self._doc is None:
            from .nlp import parse

            self._doc = parse(self.document.text)
        return self._doc

    @property
    def sentences(self) -> list[Span]:
        """Sentences of the parse that have a letter, trimmed (:func:`slant.spans.sentences`)."""
        if self._sentences is None:
            self._sentences = doc_sentences(self.doc)
        return self._sentences

    @property
    def article_states(self) -> ArticleStates:
        """The technique encoder's pass over the text (wordpieces, windows, tag probabilities,
        hidden states), made once and shared by ``techniques`` and :attr:`sentence_vectors`."""
        if self._states is None:
            from .techniques import get_model

            self._states = get_model().encode_article(self.text)
        return self._states

    @property
    def sentence_vectors(self) -> np.ndarray:
        """Vectors of :attr:`sentences` pooled from :attr:`article_states`
        (:func:`slant.vectors.sentence_vectors`), shape ``(n, 384)``, read-only, made once."""
        if self._vectors is None:
            from .vectors import sentence_vectors

            vectors = sentence_vectors(self.article_states, self.sentences)
            vectors.flags.writeable = False
            self._vectors = vectors
        return self._vectors

    # The fields of slant's own analyzers, typed as they return them; a field of a plug-in
    # analyzer (entry point) is whatever that analyzer returns.
    @overload
    def output(self, name: Literal["techniques"]) -> list[Technique]: ...
    @overload
    def output(self, name: Literal["quotes"]) -> list[Quote]: ...
    @overload
    def output(self, name: Literal["citations"]) -> list[Citation]: ...
    @overload
    def output(self, name: Literal["actors"]) -> list[Actor]: ...
    @overload
    def output(self, name: Literal["claims"]) -> list[Claim]: ...
    @overload
    def output(self, name: Literal["casualties"]) -> dict[str, dict[str, int]]: ...
    @overload
    def output(self, name: Literal["scare_quotes"]) -> list[ScareQuote]: ...
    @overload
    def output(self, name: Literal["roles"]) -> list[Role]: ...
    @overload
    def output(self, name: Literal["tone"]) -> Tone: ...
    @overload
    def output(self, name: Literal["frames"]) -> dict[str, float]: ...
    @overload
    def output(self, name: str) -> Any: ...

    def output(self, name: str) -> Any:
        """The value of field ``name`` as its analyzer returned it (typed findings).

        Refuses a field whose analyzer the running one does not declare in ``requires``.
        """
        owner = self._owners.get(name)
        reader = self._reader
        if owner is None:
            raise AnalyzerError(f"no analyzer that ran sets the field {name!r}")
        if reader is not None and owner not in reader.requires:
            raise AnalyzerError(
                f"analyzer {reader.name!r} reads {name!r} from {owner!r} without requiring it; "
                f"add {owner!r} to its requires"
            )
        return self._fields[name]

    def _run(self, spec: AnalyzerSpec) -> dict[str, Any]:
        self._reader = spec
        try:
            out = spec.func(self)
        finally:
            self._reader = None
        extra = set(out) - set(spec.sets)
        if extra:
            raise AnalyzerError(f"analyzer {spec.name!r} set undeclared fields {sorted(extra)}")
        for name, value in out.items():
            self._fields[name] = value
            self._owners[name] = spec.name
        return out


def run_analyzers(
    document: Document, specs: list[AnalyzerSpec], *, parsed: Doc | None = None
) -> dict[str, dict[str, Any]]:
    """Run ``specs`` (already resolved) on ``document``; return each analyzer's output."""
    ctx = Context(document, parsed=parsed)
    return {spec.name: ctx._run(spec) for spec in specs}


#: The Analysis field (and the stored row's analyzer name) of the language record.
LANGUAGE_FIELD = "language"


def run_in_language(
    document: Document, specs: list[AnalyzerSpec], *, parsed: Doc | None = None
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """:func:`run_analyzers` behind the language gate; also return the language record.

    The document's language is detected once (:mod:`slant.language`); it is the output of
    the ``language`` analyzer when that is selected. When slant's analyzers cannot read the
    language, none of the others runs: each gets the empty value of its list fields (its
    other fields stay unset) and the record names them and says why.
    """
    guess = detect_language(document.text)
    others = [spec for spec in specs if spec.name != LANGUAGE_FIELD]
    if guess.supported:
        record = language_record(guess)
        results = run_analyzers(document, others, parsed=parsed)
    else:
        record = language_record(guess, [spec.name for spec in others])
        lists = {f.name for f in fields(Analysis) if f.default_factory is list}
        results = {s.name: {n: [] for n in s.sets if n in lists} for s in others}
    if len(others) < len(specs):
        results[LANGUAGE_FIELD] = {LANGUAGE_FIELD: record}
    return results, record


def analyze(
    text_or_document: str | Document, *, analyzers: Iterable[str] | None = None
) -> Analysis:
    """Analyze one text or :class:`Document` and return its :class:`Analysis`.

    >>> a = analyze("The minister said the talks had failed.", analyzers=["tone"])
    >>> a.tone.compound < 0
    True
    """
    document = (
        text_or_document
        if isinstance(text_or_document, Document)
        else Document(text=text_or_document)
    )
    specs = resolve(analyzers)
    results, language = run_in_language(document, specs)
    values: dict[str, Any] = {LANGUAGE_FIELD: language}  # recorded even when not selected
    for out in results.values():
        values.update(out)
    analysis = Analysis.from_fields(document, to_plain(values))
    analysis.analyzers = {s.name: s.version for s in specs}
    return analysis


def to_plain(values: dict[str, Any]) -> dict[str, Any]:
    """Turn dataclass findings into JSON-shaped values so there is one way to build Analysis."""

    def default(obj: Any) -> Any:
        if is_dataclass(obj) and not isinstance(obj, type):
            return asdict(obj)
        raise TypeError(f"cannot serialise {type(obj).__name__}")

    return dict(json.loads(json.dumps(values, default=default)))
