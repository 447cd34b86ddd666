"""What the receiver of a call *is* (docs/packs.md#9-operations, "Receiver resolution"): the class
it is an instance of, or the factory whose result it is, read from the facts - never by
importing the analysed code.

The receiver of ``registry.register(...)`` is resolved through, in this order:

- ``registry()`` written as the receiver: a call of that dotted name;
- a bare name: its annotation in the function (``registry: OperationRegistry``), the last
  assignment before the call in the function (``registry = get_operation_registry()``,
  ``registry = OperationRegistry()``, ``registry = cls()`` - the enclosing class -,
  ``registry = other`` followed one name further), the function's parameter annotation, then
  the same at module level, then a module-level value of another project module it is
  imported from;
- ``self.x`` / ``cls.x``: the class body's annotation of ``x``, then ``self.x`` annotated or
  assigned in the class's ``__init__`` (a call, or a name resolved in ``__init__``).

A called dotted name is qualified through the imports visible where it is written (relative
ones made absolute) or the module's own definitions, and followed through project modules
(package re-exports included): a class is the receiver's class; a function is its factory,
and its return annotation (``def get_operation_registry() -> OperationRegistry``) its class.
A called name outside the project is a class when its last segment is capitalised (the
naming convention), else a factory. Anything else is unresolved. One resolver per run: it
memoises per module and per receiver.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lamina.layout.index import ImportIndex
from lamina.layout.resolve import absolute_qualname, package_of
from lamina.model.annotations import annotation_name
from lamina.model.facts import AssignFact, BindingFact, BindingKind, CallFact, ImportOrigin, ModuleFacts

MODULE_SYMBOL = "<module>"
# How far one resolution may go (name chains, re-exports, factories in other modules); a
# cycle of assignments or re-exports ends here instead of looping.
_DEPTH = 6
_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_NO_LINE = 1 << 30
# Annotations that say nothing about what a value is: the receiver stays unresolved.
_VAGUE = frozenset({"Any", "typing.Any", "typing_extensions.Any", "object", "builtins.object"})


class Receiver(NamedTuple):
    """A resolved receiver: the dotted name of its class and/or of the factory it comes from
    (absolute where the imports tell). Both None: unresolved."""

    cls: str | None = None
    factory: str | None = None
    bases: tuple[str, ...] = ()  # the project class's bases, transitively (dotted names)

    @property
    def resolved(self) -> bool:
        return self.cls is not None or self.factory is not None


UNRESOLVED = Receiver()


class _Module:
    """The facts of one module arranged for lookups by enclosing symbol."""

    __slots__ = ("path", "module", "package", "imports", "assigns", "bindings", "params", "classes", "functions",
                 "top_level")  # fmt: skip

    def __init__(self, path: str, module: str, package: str, facts: ModuleFacts) -> None:
        self.path = path
        self.module = module
        self.package = package
        self.imports: dict[str, dict[str, str]] = {}
        for fact in facts.imports:
            if fact.origin is not ImportOrigin.IMPORT and fact.origin is not ImportOrigin.FROM:
                continue
            names = self.imports.setdefault(fact.symbol, {})
            prefix = "." * fact.level
            if fact.origin is ImportOrigin.FROM:
                for imported in fact.names:
                    if imported.name != "*":
                        base = f"{prefix}{fact.module}." if fact.module else prefix
                        names.setdefault(imported.alias or imported.name, base + imported.name)
            elif fact.alias is not None:
                names.setdefault(fact.alias, fact.module)
            else:
                head = fact.module.split(".", 1)[0]
                names.setdefault(head, head)
        self.assigns: dict[tuple[str, str], list[AssignFact]] = {}
        for assign in facts.assigns:
            self.assigns.setdefault((assign.symbol, assign.name), []).append(assign)
        self.bindings: dict[tuple[str, str], list[BindingFact]] = {}
        for binding in facts.bindings:
            self.bindings.setdefault((binding.symbol, binding.target), []).append(binding)
        self.params: dict[str, dict[str, str | None]] = {
            function.qualname: {param.name: param.annotation for param in function.params}
            for function in facts.functions
        }
        self.classes = {c.qualname: c.bases for c in facts.classes}
        self.functions = frozenset(f.qualname for f in facts.functions)
        self.top_level = frozenset(facts.module_bindings)


def _scopes(symbol: str) -> list[str]:
    """``symbol`` and every enclosing symbol, innermost first, ending with the module."""
    out = []
    while symbol and symbol != MODULE_SYMBOL:
        out.append(symbol)
        symbol = symbol.rpartition(".")[0]
    out.append(MODULE_SYMBOL)
    return out


class ReceiverResolver:
    """Resolves call receivers over one import index (see the module docstring)."""

    def __init__(self, index: ImportIndex) -> None:
        self._index = index
        self._modules: dict[str, _Module | None] = {}
        self._memo: dict[tuple[str, str, str, int], Receiver] = {}

    def resolve(self, path: str, fact: CallFact) -> Receiver:
        """The receiver of ``fact`` (a call in the file ``path``); UNRESOLVED for a bare call."""
        text = fact.text
        if text is None:
            return UNRESOLVED
        receiver, dot, _ = text.rpartition(".")
        if not dot:
            return UNRESOLVED
        key = (path, fact.symbol, receiver, fact.line)
        found = self._memo.get(key)
        if found is None:
            module = self._module(path)
            found = UNRESOLVED if module is None else self._receiver(module, fact.symbol, receiver, fact.line, 0)
            self._memo[key] = found
        return found

    # -- modules --------------------------------------------------------------------------

    def _module(self, path: str) -> _Module | None:
        if path not in self._modules:
            index = self._index
            facts = index.facts.get(path)
            source = index.files.get(path)
            if facts is None or source is None or not facts.has_code:
                self._modules[path] = None
            else:
                package = package_of(source.module, source.is_package)
                self._modules[path] = _Module(path, source.module, package, facts)
        return self._modules[path]

    def _locate(self, qualified: str) -> tuple[_Module, str] | None:
        """The project module defining ``qualified`` and the rest of the name in it."""
        files = self._index.modules.files
        module, rest = qualified, ""
        while module:
            path = files.get(module)
            if path is not None and rest:
                found = self._module(path)
                return None if found is None else (found, rest)
            module, _, last = module.rpartition(".")
            rest = f"{last}.{rest}" if rest else last
        return None

    # -- names ----------------------------------------------------------------------------

    def _qualify(self, module: _Module, symbol: str, dotted: str) -> str:
        """``dotted`` as written in ``symbol``, with its head replaced by the import binding
        visible there, or prefixed by the module for one of its own top-level names."""
        head, dot, rest = dotted.partition(".")
        for scope in _scopes(symbol):
            target = module.imports.get(scope, {}).get(head)
            if target is not None:
                if target.startswith("."):
                    target = absolute_qualname(target, module.package) or target.lstrip(".")
                return target + dot + rest
        if head in module.top_level or head in module.classes or head in module.functions:
            return f"{module.module}.{dotted}"
        return dotted

    def _enclosing_class(self, module: _Module, symbol: str) -> str | None:
        for scope in _scopes(symbol)[1:]:
            if scope in module.classes:
                return scope
        return None

    # -- resolution -----------------------------------------------------------------------

    def _receiver(self, module: _Module, symbol: str, receiver: str, line: int, depth: int) -> Receiver:
        if depth > _DEPTH:
            return UNRESOLVED
        if receiver.endswith("()"):
            callee = receiver[:-2]
            if _DOTTED.fullmatch(callee):
                return self._called(module, symbol, callee, depth + 1)
            return UNRESOLVED
        if not _DOTTED.fullmatch(receiver):
            return UNRESOLVED
        head, dot, attribute = receiver.partition(".")
        if not dot:
            return self._name(module, symbol, receiver, line, depth + 1)
        if head in ("self", "cls") and "." not in attribute:
            return self._attribute(module, symbol, attribute, depth + 1)
        return UNRESOLVED

    def _declared(self, module: _Module, scope: str, annotation: str) -> Receiver:
        """The receiver an annotation written in ``scope`` declares (``Any`` declares nothing)."""
        qualified = self._qualify(module, scope, annotation)
        if annotation in _VAGUE or qualified in _VAGUE:
            return UNRESOLVED
        return self._instance(qualified, None)

    def _instance(self, qualified: str | None, factory: str | None) -> Receiver:
        """An instance of the class ``qualified`` (made by ``factory``), with its bases."""
        if qualified is None:
            return Receiver(factory=factory)
        bases: list[str] = []
        pending = [qualified]
        while pending and len(bases) < _DEPTH * 2:
            kind, where = self._definition(pending.pop(), 0)
            located = self._locate(where) if kind == "class" else None
            if located is None:
                continue
            module, rest = located
            owner = rest.rpartition(".")[0] or MODULE_SYMBOL
            for base in module.classes.get(rest, ()):
                if _DOTTED.fullmatch(base):
                    name = self._qualify(module, owner, base)
                    if name not in bases and name != qualified:
                        bases.append(name)
                        pending.append(name)
        return Receiver(cls=qualified, factory=factory, bases=tuple(bases))

    def _called(self, module: _Module, symbol: str, callee: str, depth: int) -> Receiver:
        """The receiver a call of the dotted ``callee`` (written in ``symbol``) returns."""
        if callee == "cls" or callee == "self.__class__":
            owner = self._enclosing_class(module, symbol)
            return self._instance(f"{module.module}.{owner}", None) if owner is not None else UNRESOLVED
        qualified = self._qualify(module, symbol, callee)
        kind, where = self._definition(qualified, depth)
        if kind == "class":
            return self._instance(where, None)
        if kind == "function":
            return self._instance(self._returns(where, depth), where)
        last = where.rpartition(".")[2]
        return Receiver(cls=where) if last[:1].isupper() else Receiver(factory=where)

    def _definition(self, qualified: str, depth: int) -> tuple[str, str]:
        """("class" | "function" | "", the name after following re-exports)."""
        for _ in range(_DEPTH - depth + 1):
            located = self._locate(qualified)
            if located is None:
                return "", qualified
            module, rest = located
            if rest in module.classes:
                return "class", qualified
            if rest in module.functions:
                return "function", qualified
            if rest.partition(".")[0] not in module.imports.get(MODULE_SYMBOL, {}):
                return "", qualified
            followed = self._qualify(module, MODULE_SYMBOL, rest)
            if followed == qualified:
                return "", qualified
            qualified = followed
        return "", qualified

    def _returns(self, qualified: str, depth: int) -> str | None:
        """The class a project function's return annotation names, qualified in its module."""
        located = self._locate(qualified)
        if located is None:
            return None
        module, rest = located
        for binding in module.bindings.get((rest, ""), ()):
            if binding.kind is BindingKind.RETURNS:
                owner = rest.rpartition(".")[0] or MODULE_SYMBOL
                return self._qualify(module, owner, binding.value)
        return None

    def _name(self, module: _Module, symbol: str, name: str, line: int, depth: int) -> Receiver:
        if depth > _DEPTH:
            return UNRESOLVED
        for scope in _scopes(symbol):
            if scope != symbol and scope in module.classes:
                continue  # a class body's names are not visible in its methods
            at = line if scope == symbol else _NO_LINE
            found = self._local(module, scope, name, at, depth)
            if found is not None:
                return found
        # A module-level value of another project module, imported by name.
        qualified = self._qualify(module, symbol, name)
        if qualified != name and "." in qualified:
            located = self._locate(qualified)
            if located is not None and "." not in located[1]:
                return self._name(located[0], MODULE_SYMBOL, located[1], _NO_LINE, depth + 1)
        return UNRESOLVED

    def _local(self, module: _Module, scope: str, name: str, line: int, depth: int) -> Receiver | None:
        """What ``name`` is in ``scope`` (None: the scope does not bind it)."""
        for binding in module.bindings.get((scope, name), ()):
            if binding.kind is BindingKind.ANNOTATION:
                return self._declared(module, scope, binding.value)
        assigns = module.assigns.get((scope, name))
        assigned = None
        if assigns:
            before = [a for a in assigns if a.line <= line] or assigns
            assigned = self._assigned(module, scope, before[-1], depth)
            if assigned.resolved:
                return assigned
        params = module.params.get(scope, {})
        annotation = params.get(name)
        if annotation is not None:
            # ``registry = registry or make()`` says less than the parameter's annotation.
            written = annotation_name(annotation)
            if written is not None:
                return self._declared(module, scope, written)
        if assigned is not None or name in params:
            return UNRESOLVED  # bound here to something nothing says more about
        return None

    def _assigned(self, module: _Module, scope: str, assign: AssignFact, depth: int) -> Receiver:
        if assign.call is not None:
            text = self._index.facts[module.path].calls[assign.call].text
            if text is not None and _DOTTED.fullmatch(text):
                return self._called(module, scope, text, depth + 1)
            return UNRESOLVED
        if assign.source is not None and assign.source != assign.name:
            return self._name(module, scope, assign.source, assign.line, depth + 1)
        return UNRESOLVED

    def _attribute(self, module: _Module, symbol: str, attribute: str, depth: int) -> Receiver:
        owner = self._enclosing_class(module, symbol)
        if owner is None:
            return UNRESOLVED
        for binding in module.bindings.get((owner, attribute), ()):
            if binding.kind is BindingKind.ANNOTATION:
                return self._declared(module, owner, binding.value)
        init = f"{owner}.__init__"
        found = module.bindings.get((init, f"self.{attribute}"), ())
        for binding in found:
            if binding.kind is BindingKind.ANNOTATION:
                return self._declared(module, init, binding.value)
        for binding in found:
            if binding.kind is BindingKind.CALL:
                if _DOTTED.fullmatch(binding.value):
                    return self._called(module, init, binding.value, depth + 1)
                return UNRESOLVED
            if binding.kind is BindingKind.NAME:
                return self._name(module, init, binding.value, binding.line, depth + 1)
        return UNRESOLVED
