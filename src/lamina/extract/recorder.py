"""What both tree walkers (``visitor`` for ``ast``, ``cst_visitor`` for libcst) record,
and the one place where those records become facts.

Both walkers feed the same ``Recorder``; name resolution, dynamic-import recognition,
ordering and index linking happen once, in ``Recorder.finish``. That keeps the two
extractors equal by construction wherever their raw records agree, and makes the facts
independent of traversal order: every tuple is sorted by source position.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any, NamedTuple

from lamina.extract.imports import dynamic_import
from lamina.model.annotations import annotation_name
from lamina.model.facts import (
    ArgFact,
    AssignFact,
    BindingFact,
    BindingKind,
    CallFact,
    ClassFact,
    FunctionFact,
    ImportFact,
    ImportKind,
    KeywordArgFact,
    NameUse,
)


class Scope:
    """A namespace that import statements bind into: the module, a class body or a
    function (lambdas too, so that class-body names stay invisible inside them)."""

    __slots__ = ("parent", "is_class", "bindings", "methods", "_visible")

    def __init__(self, parent: Scope | None, is_class: bool) -> None:
        self.parent = parent
        self.is_class = is_class
        # name → (line, column, target); the earliest binding in the scope wins, so
        # ``try: import json`` / ``except ImportError: import simplejson as json`` → json.
        self.bindings: dict[str, tuple[int, int, str]] = {}
        self.methods: set[str] | None = set() if is_class else None
        self._visible: dict[str, str] | None = None

    def bind(self, name: str, target: str, line: int, column: int) -> None:
        """Record an import binding made at ``line``/``column``."""
        known = self.bindings.get(name)
        if known is None or (line, column) < (known[0], known[1]):
            self.bindings[name] = (line, column, target)

    def visible(self) -> dict[str, str]:
        """Every import binding visible to code directly in this scope: the scope itself,
        then enclosing functions and the module (class bodies are skipped, as at runtime).
        Order of statements does not matter (docs/rule-semantics.md#calls-and-name-resolution). Call only once all
        bindings are recorded; the result is memoised and shared with enclosing scopes
        when this one binds nothing of its own (the common case for functions)."""
        if self._visible is None:
            outer = self.parent
            while outer is not None and outer.is_class:
                outer = outer.parent
            inherited = outer.visible() if outer is not None else {}
            if self.bindings:
                merged = dict(inherited)
                merged.update((name, found[2]) for name, found in self.bindings.items())
                self._visible = merged
            else:
                self._visible = inherited
        return self._visible


class Frame:
    """Where the walker is: everything an import or call needs to know about its context.

    A plain slotted class, not a frozen dataclass: walkers create one per definition and
    that construction cost shows up in the extraction time. Never mutated after creation.
    """

    __slots__ = ("symbol", "scope", "kind", "guarded", "in_function", "module_level")

    def __init__(
        self, symbol: str, scope: Scope, kind: ImportKind, guarded: bool, in_function: bool, module_level: bool
    ) -> None:
        self.symbol = symbol  # ``<module>``, ``Class``, ``Class.method``, ``outer.inner``
        self.scope = scope
        self.kind = kind  # the kind an import statement here would get
        self.guarded = guarded  # inside the body of ``try: … except ImportError``
        self.in_function = in_function  # inside a def/async def/lambda at any depth
        self.module_level = module_level  # statements here bind module-level names

    def function_body(self, symbol: str) -> Frame:
        """The frame of a def's or lambda's body: a scope of its own, where imports run lazily."""
        kind = ImportKind.TYPE_CHECKING if self.kind is ImportKind.TYPE_CHECKING else ImportKind.LAZY
        return Frame(symbol, Scope(self.scope, False), kind, False, True, False)

    def class_body(self, symbol: str, scope: Scope) -> Frame:
        """The frame of a class body (``scope``: the class's own, which collects its methods)."""
        return Frame(symbol, scope, self.kind, self.guarded, self.in_function, False)

    def type_checking(self) -> Frame:
        """The frame of an ``if TYPE_CHECKING:`` body."""
        return Frame(self.symbol, self.scope, ImportKind.TYPE_CHECKING, self.guarded, self.in_function,
                     self.module_level)  # fmt: skip

    def import_guarded(self) -> Frame:
        """The frame of a ``try`` body whose handlers catch ``ImportError``."""
        return Frame(self.symbol, self.scope, self.kind, True, self.in_function, self.module_level)


def module_frame() -> Frame:
    """The frame of module-level code, with a fresh module scope."""
    return Frame("<module>", Scope(None, False), ImportKind.MODULE, False, False, True)


def child_symbol(frame: Frame, name: str) -> str:
    """The qualified name of a definition called ``name`` made in ``frame``."""
    return name if frame.symbol == "<module>" else f"{frame.symbol}.{name}"


# One call before name resolution and ordering, as a plain list because the ast walker
# makes hundreds of thousands of them: [key, text, head, frame, line, column, end_line,
# end_column, args, keywords, has_star_args, has_star_kwargs, callee, method]. ``key`` and
# ``callee`` identify tree nodes (``id``) so a walker can link calls met in any order;
# ``head`` is the leading name of ``text``, the segment qualname resolution replaces.
RawCall = list[Any]  # cells of mixed types (the layout above)


def raw_call(
    key: int,
    text: str | None,
    head: str | None,
    frame: Frame,
    position: tuple[int, int, int, int],
    args: tuple[ArgFact, ...],
    keywords: tuple[KeywordArgFact, ...],
    stars: tuple[bool, bool],
    callee: int | None,
    method: str | None,
) -> RawCall:
    """A ``RawCall`` built by name (the libcst walker; the ast walker inlines it)."""
    line, column, end_line, end_column = position
    return [key, text, head, frame, line, column, end_line, end_column, args, keywords, stars[0], stars[1], callee,
            method]  # fmt: skip


class RawClass(NamedTuple):
    """A class before its method names are complete (they are collected in ``scope``)."""

    qualname: str
    name: str
    line: int
    column: int
    end_line: int
    bases: tuple[str, ...]
    top_level: bool
    scope: Scope


class Extracted(NamedTuple):
    """The tree-derived facts of one module, resolved and in source order."""

    imports: tuple[ImportFact, ...]
    calls: tuple[CallFact, ...]
    assigns: tuple[AssignFact, ...]
    functions: tuple[FunctionFact, ...]
    classes: tuple[ClassFact, ...]
    module_bindings: tuple[str, ...]
    lambdas: tuple[FunctionFact, ...]
    bindings: tuple[BindingFact, ...]
    uses: tuple[NameUse, ...] = ()  # filled by ``extract.name_uses`` after the walk


def _import_key(fact: ImportFact) -> tuple[int, int, int, int]:
    return (fact.line, fact.column, fact.end_line, fact.end_column)


_DYNAMIC_SUFFIXES = ("import_module", "__import__")


def _assign_key(fact: AssignFact) -> tuple[int, int, str, str]:
    # Fully determined by the fact's content, so both walkers give one order.
    return (fact.line, -1 if fact.call is None else fact.call, fact.name, fact.source or "")


# Annotations naming a builtin say nothing a receiver resolution could use, and dataclass and
# model fields annotated with them are many: not recorded, to keep the facts small.
_PLAIN_ANNOTATIONS = frozenset(
    {"None", "str", "int", "float", "bool", "bytes", "object", "dict", "list", "set", "tuple", "frozenset", "complex",
     "bytearray", "Any", "typing.Any"}
)  # fmt: skip


def recorded_annotation(text: str) -> str | None:
    """The dotted name of an annotation worth a binding fact (see ``BindingFact``)."""
    if text in _PLAIN_ANNOTATIONS:
        return None
    name = text if text.isidentifier() and text.isascii() else annotation_name(text)
    return None if name is None or name in _PLAIN_ANNOTATIONS else name


def attribute_binding(frame: Frame, target: str | None) -> bool:
    """Whether an assignment to the dotted ``target`` is worth a binding fact: ``self.x`` in
    an ``__init__`` (what a method's ``self.x.register(…)`` is resolved through)."""
    return (
        target is not None
        and target.startswith("self.")
        and target.count(".") == 1
        and frame.symbol.endswith(".__init__")
    )


def bound_lambda(frame: Frame) -> bool:
    """Whether ``name = lambda …`` in ``frame`` defines a function worth a fact: at module
    level or directly in a class body (a lambda bound in a function is a local value)."""
    return frame.module_level or frame.scope.is_class


class Recorder:
    """Accumulates raw records of one module; ``finish`` turns them into facts."""

    def __init__(self) -> None:
        self.imports: list[ImportFact] = []
        self.calls: list[RawCall] = []  # see RawCall for the layout
        # name, call key (None: not a call), symbol, line, source name (``w = z``)
        self.assigns: list[tuple[str, int | None, str, int, str | None]] = []
        self.functions: list[FunctionFact] = []
        self.lambdas: list[FunctionFact] = []  # see ``bound_lambda``
        # target, kind, value, symbol, line, call key (CALL only; its text is the value)
        self.bindings: list[tuple[str, BindingKind, str, str, int, int | None]] = []
        self.classes: list[RawClass] = []
        self.module_bindings: set[str] = set()
        self.awaited: set[int] = set()  # keys of calls that are the operand of ``await``
        self.decorators: dict[int, str] = {}  # call key → qualname of the decorated definition

    def finish(self) -> Extracted:
        """Resolve, recognise dynamic imports, sort by position and link indexes."""
        calls = sorted(self.calls, key=itemgetter(4, 5, 6, 7))
        index = {call[0]: position for position, call in enumerate(calls)}
        imports = list(self.imports)
        awaited = self.awaited
        decorators = self.decorators
        call_facts: list[CallFact] = []
        append = call_facts.append
        for (key, text, head, frame, line, column, end_line, end_column, args, keywords, star, star_kw, callee,
             method) in calls:  # fmt: skip
            qualname = None
            if head is not None:
                target = frame.scope.visible().get(head)
                if target is not None:
                    qualname = target + text[len(head) :]
            fact = CallFact(
                text, qualname, frame.symbol, line, column, end_line, end_column, key in awaited, args, keywords,
                None if callee is None else index.get(callee), decorators.get(key), star, star_kw, method,
            )  # fmt: skip
            append(fact)
            written = qualname or text
            if written is not None and written.endswith(_DYNAMIC_SUFFIXES):
                imported = dynamic_import(fact, frame.kind, frame.guarded)
                if imported is not None:
                    imports.append(imported)
        imports.sort(key=_import_key)  # stable: ``import a, b`` keeps its written order
        assigns = sorted(
            (
                AssignFact(name, None if key is None else index[key], symbol, line, source)
                for name, key, symbol, line, source in self.assigns
                if key is None or key in index
            ),
            key=_assign_key,
        )
        bindings = sorted(
            (
                BindingFact(target, kind, value if key is None else (call_facts[index[key]].text or ""), symbol, line,
                            None if key is None else index[key])
                for target, kind, value, symbol, line, key in self.bindings
                if key is None or key in index
            ),
            key=lambda b: (b.line, b.symbol, b.target, b.kind.value, b.value, -1 if b.call is None else b.call),
        )  # fmt: skip
        functions = sorted(self.functions, key=lambda f: (f.line, f.column))
        classes = tuple(
            ClassFact(
                qualname=raw.qualname,
                name=raw.name,
                line=raw.line,
                column=raw.column,
                end_line=raw.end_line,
                bases=raw.bases,
                methods=tuple(sorted(raw.scope.methods or ())),
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
            lambdas=tuple(sorted(self.lambdas, key=lambda f: (f.line, f.column))),
            bindings=tuple(bindings),
        )
