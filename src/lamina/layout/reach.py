"""Reach: which domains a definition, a module or an operation touches
(docs/rule-semantics.md#operation-rules; docs/reports.md#cross-domain).

- **Reach of a definition** D: call-level (``layout.call_reach``): the domains of the imports
  D uses (imports inside D; module-level imports whose name D's code mentions; never
  ``type_checking``), of the literal ``domain_access`` calls inside D, and, transitively, of
  the definitions D mentions in its own module and calls in ``follow_roles`` modules
  (coordinators, bridges), re-exports followed; a follow-role module whose called definition
  cannot be found counts as a whole. A whole module (``qualname`` None) counts all of its
  imports and follows all of its calls. "Inside" and "module-level" follow the facts'
  enclosing symbols: an import in a class body belongs to that class, one in a module-level
  ``if``/``try`` to the module level.
- **Actual domains** of an operation: the reach of its handler definition minus its own domain.

``ReachModel`` memoises per instance; build one per rule run or report (no module-level state).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from lamina.layout.call_reach import CallReach, Node
from lamina.layout.index import ImportIndex
from lamina.layout.operations import (
    CallMatcher,
    DomainAccess,
    Registration,
    compile_patterns,
    domain_accesses,
    domain_of,
    inside,
)
from lamina.layout.receivers import ReceiverResolver
from lamina.layout.resolve import absolute, package_of
from lamina.model.facts import ArgKind, ImportFact, ImportKind, ImportOrigin, ModuleFacts
from lamina.model.placement import ResolvedImport, TargetStatus
from lamina.model.project import OperationsSpec

MODULE_SYMBOL = "<module>"


class Definition(NamedTuple):
    """A handler definition: ``qualname`` in the file ``path``; ``qualname`` None means the
    whole module, ``path`` None a module outside the project (it reaches nothing)."""

    path: str | None
    qualname: str | None = None


class ReachModel:
    """Reach computations over one index and one operations spec, memoised per instance."""

    def __init__(self, index: ImportIndex, spec: OperationsSpec) -> None:
        self._index = index
        self._spec = spec
        self._follow = frozenset(spec.follow_roles)
        self._domains = frozenset(index.domains)
        self._access = CallMatcher(compile_patterns(spec.domain_access), ReceiverResolver(index))
        self._module_reach: dict[str, frozenset[str]] = {}
        self._calls = CallReach(index, self._follow, self._own_domains, self._binding)
        self._top_level: dict[str, frozenset[str]] = {}
        self._accesses: dict[str, tuple[DomainAccess, ...]] = {}

    # -- public ------------------------------------------------------------------------

    def handler_definition(self, registration: Registration) -> Definition:
        """The decorated definition, or the handler argument resolved to a top-level
        class/function of this module or of the module it is imported from, else that module."""
        fact = registration.fact
        if fact.decorator_of is not None:
            return Definition(registration.path, fact.decorator_of)
        handler = registration.handler
        if handler is None or handler.kind not in (ArgKind.CALL, ArgKind.NAME) or not handler.value:
            return Definition(registration.path)
        head, _, rest = handler.value.partition(".")
        if head in self._top_level_names(registration.path):
            return Definition(registration.path, head)
        target = self._binding(registration.path, fact.symbol, head)
        if target is None:
            return Definition(registration.path)
        return self._definition_in_module(f"{target}.{rest}" if rest else target)

    def reach(self, definition: Definition) -> frozenset[str]:
        """Domains a definition reaches: call-level, through follow-role modules (``layout.call_reach``)."""
        if definition.path is None:
            return frozenset()
        return self._calls.reach(Node(definition.path, definition.qualname))

    def actual_domains(self, registration: Registration) -> frozenset[str]:
        """Domains the operation's handler reaches, minus the operation's own domain
        (empty when the operation name is not a literal: its own domain is unknown)."""
        if registration.name is None:
            return frozenset()
        definition = self.handler_definition(registration)
        own = domain_of(registration.name, self._spec)
        return self.reach(definition) - {own}

    def module_reach(self, path: str) -> frozenset[str]:
        """Reach of a whole module: all of its (non type-checking) imports and domain-access calls."""
        cached = self._module_reach.get(path)
        if cached is None:
            domains = {r.placement.domain for r in self._imports_of(Definition(path)) if r.placement.domain}
            domains.update(self._accessed(path, None))
            cached = self._module_reach[path] = frozenset(d for d in domains if d is not None)
        return cached

    def file_domains(self, path: str) -> frozenset[str]:
        """docs/reports.md#cross-domain: the reach of the whole file (all its imports, plus what
        its code calls in follow-role modules)."""
        return self.reach(Definition(path))

    # -- imports -----------------------------------------------------------------------

    def _imports_of(self, definition: Definition) -> Iterator[ResolvedImport]:
        """Resolved imports counted for a definition: never type-checking ones; for a
        definition, module-level ones and the ones inside it."""
        assert definition.path is not None
        facts = self._index.facts[definition.path].imports
        for resolved in self._index.imports.get(definition.path, ()):
            fact = facts[resolved.fact]
            if fact.kind is ImportKind.TYPE_CHECKING:
                continue
            if definition.qualname is None or fact.symbol == MODULE_SYMBOL or inside(fact.symbol, definition.qualname):
                yield resolved

    def _own_domains(self, node: Node, imports: tuple[ResolvedImport, ...]) -> frozenset[str]:
        """Own domains of a call-reach node: its used imports and its literal domain accesses."""
        if node.qualname is None:
            return self.module_reach(node.path)
        domains = {r.placement.domain for r in imports if r.placement.domain}
        domains.update(self._accessed(node.path, node.qualname))
        return frozenset(d for d in domains if d is not None)

    def _accessed(self, path: str, qualname: str | None) -> set[str]:
        """Known domains named by literal domain-access calls (inside ``qualname`` when given)."""
        accesses = self._accesses.get(path)
        if accesses is None:
            accesses = self._accesses[path] = tuple(domain_accesses(self._index.facts[path].calls, self._access, path))
        out: set[str] = set()
        for access in accesses:
            if qualname is not None and not inside(access.symbol, qualname):
                continue
            domain = domain_of(access.name, self._spec)
            # The derived domain set is the only domain list (docs/packs.md#5-domains): other literals name nothing.
            if domain in self._domains:
                out.add(domain)
        return out

    # -- handler resolution ------------------------------------------------------------

    def _may_bind(self, path: str, name: str) -> bool:
        return _binds(self._index.facts[path], name)

    def _top_level_names(self, path: str) -> frozenset[str]:
        cached = self._top_level.get(path)
        if cached is None:
            facts = self._index.facts[path]
            names = {c.qualname for c in facts.classes if c.top_level and "." not in c.qualname}
            names.update(
                f.qualname for f in facts.functions if not f.nested and not f.in_class_body and "." not in f.qualname
            )
            cached = self._top_level[path] = frozenset(names)
        return cached

    def _binding(self, path: str, symbol: str, name: str) -> str | None:
        """Absolute dotted target that an import visible at ``symbol`` binds to ``name``:
        module-level imports and imports in the enclosing definitions; the innermost,
        then the last written, wins."""
        source = self._index.files[path]
        package = package_of(source.module, source.is_package)
        best: tuple[tuple[int, int], str] | None = None
        for fact in self._index.facts[path].imports:
            if fact.symbol != MODULE_SYMBOL and not inside(symbol, fact.symbol):
                continue
            target = _bound_target(fact, name, package)
            if target is None:
                continue
            depth = 0 if fact.symbol == MODULE_SYMBOL else fact.symbol.count(".") + 1
            rank = (depth, fact.line)
            if best is None or rank >= best[0]:
                best = (rank, target)
        return best[1] if best is not None else None

    def _definition_in_module(self, dotted: str) -> Definition:
        module, status = self._index.modules.resolve(dotted)
        path = self._index.modules.files.get(module) if status == TargetStatus.INTERNAL else None
        if path is None:
            return Definition(None)
        remainder = dotted[len(module) :].lstrip(".")
        first = remainder.split(".", 1)[0]
        if first and first in self._top_level_names(path):
            return Definition(path, first)
        if first and self._index.files[path].is_package and not self._may_bind(path, first):
            if self._index.modules.resolve_import(f"{module}.{first}")[1] == TargetStatus.MISSING:
                # A submodule that does not exist (LAM108) is not the existing parent package.
                return Definition(None)
        return Definition(path)


def _binds(facts: ModuleFacts, name: str) -> bool:
    """Whether a module may bind ``name``: bound at module level, or through a star import or a
    module ``__getattr__`` that lamina cannot see through."""
    bindings = facts.module_bindings
    if name in bindings or "__getattr__" in bindings:
        return True
    return any(imported.name == "*" for fact in facts.imports for imported in fact.names)


def _bound_target(fact: ImportFact, name: str, package: str) -> str | None:
    """The absolute target an import statement binds to ``name``, if it binds it (docs/rule-semantics.md#imports)."""
    if fact.origin is ImportOrigin.IMPORT:
        if fact.alias is not None:
            return fact.module if fact.alias == name else None
        return name if fact.module.split(".", 1)[0] == name else None
    if fact.origin is not ImportOrigin.FROM:
        return None
    for imported in fact.names:
        if imported.name != "*" and (imported.alias or imported.name) == name:
            base = absolute(fact.module, fact.level, package)
            if base is None:
                return None
            return f"{base}.{imported.name}" if base else imported.name
    return None


def operation_domains(
    index: ImportIndex, spec: OperationsSpec, registrations: tuple[Registration, ...]
) -> dict[Registration, frozenset[str]]:
    """Actual domains of each registration (one memoised model for all of them)."""
    model = ReachModel(index, spec)
    return {registration: model.actual_domains(registration) for registration in registrations}


def cross_domain_reach(index: ImportIndex, spec: OperationsSpec, paths: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """docs/reports.md#cross-domain D of each file: whole-module reach plus followed reach."""
    model = ReachModel(index, spec)
    return {path: model.file_domains(path) for path in paths}
