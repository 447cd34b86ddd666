"""What both tree walkers (``visitor`` for ``ast``, ``cst_visitor`` for libcst) record,
and the one place where those records become facts.

Both walkers feed the same ``Recorder``; name resolution, dynamic-import recognition,
ordering and index linking happen once, in ``Recorder.finish``. That keeps the two
extractors equal by construction wherever their raw records agree, and makes the facts
independent of traversal order: every tuple is sorted by source position.
"""

from __future__ import annotations

from dataclasses import dataclass

from lamina.extract.imports import dynamic_import
from lamina.model.facts import (
    ArgFact,
    AssignFact,
    CallFact,
    ClassFact,
    FunctionFact,
    ImportFact,
    ImportKind,
    KeywordArgFact,
)


class Scope:
    """A namespace that import statements bind into: the module, a class body or a
    function (lambdas too, so that class-body names stay invisible inside them)."""

    __slots__ = ("parent", "is_class", "bindings", "methods")

    def __init__(self, parent: Scope | None, is_class: bool) -> None:
        self.parent = parent
        self.is_class = is_class
        # name → (line, column, target); the earliest binding in the scope wins, so
        # ``try: import json`` / ``except ImportError: import simplejson as json`` → json.
        self.bindings: dict[str, tuple[int, int, str]] = {}
        self.methods: set[str] = set()

    def bind(self, name: str, target: str, line: int, column: int) -> None:
        known = self.bindings.get(name)
        if known is None or (line, column) < (known[0], known[1]):
            self.bindings[name] = (line, column, target)

    def lookup(self, name: str) -> str | None:
        """The import target bound to ``name`` for code directly in this scope: the scope
        itself, then enclosing functions and the module (class bodies are skipped, as at
        runtime). Order of statements does not matter (RULES.md section 3.2)."""
        found = self.bindings.get(name)
        if found is not None:
            return found[2]
        scope = self.parent
        while scope is not None:
            if not scope.is_class:
                found = scope.bindings.get(name)
                if found is not None:
                    return found[2]
            scope = scope.parent
        return None


@dataclass(frozen=True, slots=True)
class Frame:
    """Where the walker is: everything an import or call needs to know about its context."""

    symbol: str  # ``<module>``, ``Class``, ``Class.method``, ``outer.inner``
    scope: Scope
    kind: ImportKind  # the kind an import statement here would get
    guarded: bool  # inside the body of ``try: … except ImportError``
    in_function: bool  # inside a def/async def/lambda at any depth
    module_level: bool  # statements here bind module-level names


def module_frame() -> Frame:
    return Frame("<module>", Scope(None, False), ImportKind.MODULE, False, False, True)


def child_symbol(frame: Frame, name: str) -> str:
    return name if frame.symbol == "<module>" else f"{frame.symbol}.{name}"


@dataclass(slots=True)
class RawCall:
    """One call before name resolution and ordering. ``key`` / ``callee`` identify tree
    nodes (``id``) so the walker can link calls it meets in any order."""

    key: int
    text: str | None
    head: str | None  # the leading name of ``text``, the segment qualname resolution replaces
    frame: Frame
    line: int
    column: int
    end_line: int
    end_column: int
    args: tuple[ArgFact, ...]
    keywords: tuple[KeywordArgFact, ...]
    has_star_args: bool
    has_star_kwargs: bool
    awaited: bool = False
    callee: int | None = None
    decorator_of: str | None = None


@dataclass(frozen=True, slots=True)
class RawClass:
    qualname: str
    name: str
    line: int
    column: int
    end_line: int
    bases: tuple[str, ...]
    top_level: bool
    scope: Scope


@dataclass(frozen=True, slots=True)
class Extracted:
    imports: tuple[ImportFact, ...]
    calls: tuple[CallFact, ...]
    assigns: tuple[AssignFact, ...]
    functions: tuple[FunctionFact, ...]
    classes: tuple[ClassFact, ...]
    module_bindings: tuple[str, ...]


def _import_key(fact: ImportFact) -> tuple[int, int, int, int]:
    return (fact.line, fact.column, fact.end_line, fact.end_column)


def _qualname(call: RawCall) -> str | None:
    if call.head is None or call.text is None:
        return None
    target = call.frame.scope.lookup(call.head)
    if target is None:
        return None
    return target + call.text[len(call.head) :]


class Recorder:
    """Accumulates raw records of one module; ``finish`` turns them into facts."""

    def __init__(self) -> None:
        self.imports: list[ImportFact] = []
        self.calls: list[RawCall] = []
        self.assigns: list[tuple[str, int, str, int]] = []  # name, call key, symbol, line
        self.functions: list[FunctionFact] = []
        self.classes: list[RawClass] = []
        self.module_bindings: set[str] = set()
        self.awaited: set[int] = set()  # keys of calls that are the operand of ``await``
        self.decorators: dict[int, str] = {}  # call key → qualname of the decorated definition

    def finish(self) -> Extracted:
        """Resolve, recognise dynamic imports, sort by position and link indexes."""
        calls = sorted(self.calls, key=lambda c: (c.line, c.column, c.end_line, c.end_column))
        index = {call.key: position for position, call in enumerate(calls)}
        imports = list(self.imports)
        call_facts: list[CallFact] = []
        for call in calls:
            qualname = _qualname(call)
            fact = CallFact(
                text=call.text,
                qualname=qualname,
                symbol=call.frame.symbol,
                line=call.line,
                column=call.column,
                end_line=call.end_line,
                end_column=call.end_column,
                awaited=call.key in self.awaited,
                args=call.args,
                keywords=call.keywords,
                callee_call=index.get(call.callee) if call.callee is not None else None,
                decorator_of=self.decorators.get(call.key),
                has_star_args=call.has_star_args,
                has_star_kwargs=call.has_star_kwargs,
            )
            call_facts.append(fact)
            imported = dynamic_import(fact, call.frame.kind, call.frame.guarded)
            if imported is not None:
                imports.append(imported)
        imports.sort(key=_import_key)  # stable: ``import a, b`` keeps its written order
        assigns = sorted(
            (AssignFact(name, index[key], symbol, line) for name, key, symbol, line in self.assigns if key in index),
            key=lambda a: (a.line, a.call),
        )
        functions = sorted(self.functions, key=lambda f: (f.line, f.column))
        classes = tuple(
            ClassFact(
                qualname=raw.qualname,
                name=raw.name,
                line=raw.line,
                column=raw.column,
                end_line=raw.end_line,
                bases=raw.bases,
                methods=tuple(sorted(raw.scope.methods)),
                top_level=raw.top_level,
            )
            for raw in sorted(self.classes, key=lambda c: (c.line, c.column))
        )
        return Extracted(
            imports=tuple(imports),
            calls=tuple(call_facts),
            assigns=tuple(assigns),
            functions=tuple(functions),
            classes=classes,
            module_bindings=tuple(sorted(self.module_bindings)),
        )
