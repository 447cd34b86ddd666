"""Call-level reach (docs/rule-semantics.md#operation-rules): what a definition's code uses and
calls, followed into the definitions of ``follow_roles`` modules (coordinators, bridges).

The graph's nodes are definitions (``Node(path, qualname)``; qualname None is the whole file).
A node's *own* domains are those of the imports it uses and of its literal domain-access
calls; its edges lead to what it uses and calls:

- **Imports it uses.** The imports inside it (lazy ones included, never ``TYPE_CHECKING``),
  and the module-level imports whose bound name its code mentions (``NameUse`` facts). Star
  and dynamic imports bind no name that can be checked and always count.
- **Its module's own definitions** that it mentions (a helper function, a class). A
  module-level variable it mentions leads to what the variable's module-level assignments
  call (``bridge = Bridge()``: the whole class, its instance is shared) or name
  (``alias = Bridge``); other values (literals, containers) lead nowhere.
- **Calls into follow-role modules.** A callee resolved through imports, aliases and package
  re-exports (``from .x import Y`` chains in any module, cycle-safe) to a definition of a
  module with a ``follow_roles`` role: ``f()`` and ``mod.f()`` lead to ``f``;
  ``Cls.method()`` and ``Cls().method()`` to ``Cls.__init__`` and that method;
  ``obj.method()`` with ``obj = Cls()`` in the same definition likewise, when ``obj`` is
  *precise*: every occurrence of it there is an assignment or such a call. Otherwise the
  instance may go anywhere (``self._bridge = Bridge()``, ``run(obj.method)``): calling the
  class leads to the whole class (every method). ``factory().method()`` and a precise
  ``obj = factory()`` lead to ``factory`` (whose own calls of classes then count as consumed,
  unless it passes their result on: ``Holder(Bridge())``) and to ``method`` of the classes it
  instantiates; any other call of a function leads to it, and its own rules charge the
  classes whose instances escape it (``return Bridge()``: the whole class).
  ``self.method()`` in a method leads to the class's own ``method``. A method a class does
  not define itself (inherited, dynamic) leads to the whole class.
- **Fallback.** A call or a mentioned name that leads into a follow-role module but to no
  definition of it (a module-level instance of that module, an unknown attribute, a longer
  chain such as ``mod.get().x.run()``, a factory that instantiates nothing defining the
  method) charges that module as a whole: all its imports, plus what its code calls (the
  same rules). Calls on receivers that are not names of imports, of the module or of
  precise locals (parameters, attributes, subscripts) lead nowhere: what they reach must
  come from where the object was made.

Reach of a node = the own domains of every node reachable from it: a plain graph search,
so cycles terminate and the result does not depend on the order of queries.
``CallReach`` memoises per instance; build one per rule run or report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from lamina.layout.index import ImportIndex
from lamina.layout.operations import inside
from lamina.layout.resolve import absolute, absolute_qualname, package_of
from lamina.model.facts import (
    ArgKind,
    AssignFact,
    CallFact,
    ClassFact,
    ImportFact,
    ImportKind,
    ImportOrigin,
    ModuleFacts,
)
from lamina.model.placement import ResolvedImport, TargetStatus

MODULE_SYMBOL = "<module>"
ALWAYS = "*"  # the bound name of an import whose use cannot be checked (star, dynamic)


class Node(NamedTuple):
    """A definition ``qualname`` of ``path``; ``"<module>"`` its module-level code, None the whole file.
    ``made``: a factory whose result the caller uses precisely, so the classes it instantiates
    count as consumed too (``__init__`` only; the caller resolves the methods)."""

    path: str
    qualname: str | None = None
    made: bool = False


class _Module(NamedTuple):
    """What call-level reach needs of one module, computed once per run."""

    package: str
    classes: dict[str, ClassFact]  # top-level classes by name
    functions: frozenset[str]  # top-level functions
    uses: dict[str, frozenset[str]]  # symbol → module-level names mentioned there
    bound: frozenset[str]  # module-level names bound by an import
    variables: frozenset[str]  # module-level names bound otherwise (assignments)


class _CallIndex(NamedTuple):
    """Call and assignment lookups of one module, built only for modules whose code is followed."""

    # Built once and only read afterwards (lists: converting them to tuples was a measured cost).
    heads: tuple[str | None, ...]  # per call (by index): the leading name of its text
    by_top: dict[str, list[tuple[int, CallFact]]]  # calls by the top-level part of their symbol
    receivers: frozenset[tuple[int, int, str]]  # (line, column, text) of calls used as ``text().method``
    assigned_by_call: dict[int, list[AssignFact]]  # assignments of a call's result, by call index
    assigns_by_name: dict[str, list[AssignFact]]
    counts_by_name: dict[str, list[tuple[str, int]]]  # name → (symbol, occurrences)


class _Locals(NamedTuple):
    assigned: dict[str, list[int]]  # local name → indexes of the calls assigned to it
    precise: frozenset[str]  # the ones used only as receivers of ``name.method()`` calls


_NO_LOCALS = _Locals({}, frozenset())


class CallReach:
    """Call-level reach over one index; ``own`` gives a node's own domains (see module doc)."""

    def __init__(
        self,
        index: ImportIndex,
        follow: frozenset[str],
        own: Callable[[Node, tuple[ResolvedImport, ...]], frozenset[str]],
        binding: Callable[[str, str, str], str | None],
    ) -> None:
        self._index = index
        self._follow = follow
        self._own = own
        self._binding = binding
        self._modules: dict[str, _Module] = {}
        self._edges: dict[Node, tuple[Node, ...]] = {}
        self._own_domains: dict[Node, frozenset[str]] = {}
        self._reach: dict[Node, frozenset[str]] = {}
        self._call_index: dict[str, _CallIndex] = {}
        self._resolved: dict[tuple[str, str | None], tuple[Node, ...]] = {}
        self._node_calls: dict[tuple[str, str | None], tuple[tuple[int, CallFact], ...]] = {}
        self._node_passed: dict[tuple[str, str | None], frozenset[str]] = {}

    def reach(self, start: Node) -> frozenset[str]:
        """Domains of every node reachable from ``start`` (itself included)."""
        cached = self._reach.get(start)
        if cached is not None:
            return cached
        seen = {start}
        queue = [start]
        domains: set[str] = set()
        while queue:
            node = queue.pop()
            domains |= self._own_of(node)
            for target in self._edges_of(node):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        cached = self._reach[start] = frozenset(domains)
        return cached

    # -- one node -----------------------------------------------------------------------

    def _own_of(self, node: Node) -> frozenset[str]:
        cached = self._own_domains.get(node)
        if cached is None:
            cached = self._own_domains[node] = self._own(node, tuple(self._used_imports(node)))
        return cached

    def _used_imports(self, node: Node) -> Iterator[ResolvedImport]:
        """The node's imports that count: see the module docstring."""
        facts = self._index.facts[node.path].imports
        names = self._names(node)
        for resolved in self._index.imports.get(node.path, ()):
            fact = facts[resolved.fact]
            if fact.kind is ImportKind.TYPE_CHECKING:
                continue
            if node.qualname is None or (node.qualname != MODULE_SYMBOL and inside(fact.symbol, node.qualname)):
                yield resolved
            elif fact.symbol == MODULE_SYMBOL and any(
                bound == ALWAYS or bound in names for bound in _bound_names(fact, resolved)
            ):
                yield resolved

    def _names(self, node: Node) -> frozenset[str]:
        """Module-level names mentioned by the node's code."""
        uses = self._module(node.path).uses
        if node.qualname is None:
            return frozenset().union(*uses.values())
        if node.qualname == MODULE_SYMBOL:
            return uses.get(MODULE_SYMBOL, frozenset())
        qualname = node.qualname
        return frozenset().union(*(names for symbol, names in uses.items() if inside(symbol, qualname)))

    def _edges_of(self, node: Node) -> tuple[Node, ...]:
        cached = self._edges.get(node)
        if cached is None:
            cached = self._edges[node] = tuple(sorted(set(self._compute_edges(node)), key=_node_key))
        return cached

    def _compute_edges(self, node: Node) -> Iterator[Node]:
        module = self._module(node.path)
        facts = self._index.facts[node.path]
        names = self._names(node)
        calls = self._calls_in(node)
        locals_ = self._local_instances(node, calls)
        # A class of the module that the node calls is resolved at its calls, like an import.
        heads = self._calls_of(node.path).heads
        called_here = {heads[position] for position, call in calls if call.qualname is None}
        for name in sorted(names):
            if name in module.classes and name in called_here:
                continue
            if name in module.classes or name in module.functions:
                if node.qualname is not None:  # a whole file holds its definitions' calls already
                    yield Node(node.path, name)
            elif name in module.variables:
                yield from self._variable_edges(node, module, name)
        called_heads = {heads[position] for position, call in calls if call.qualname is not None}
        yield from self._mentioned_imports(node, names, called_heads)
        for position, call in calls:
            yield from self._call_edges(node, module, facts.calls, position, call, locals_)

    def _variable_edges(self, node: Node, module: _Module, name: str) -> Iterator[Node]:
        """A module-level variable leads to what its module-level assignments call (its
        instance may be used anywhere: a class as a whole) or name."""
        facts = self._index.facts[node.path]
        for assign in facts.assigns:
            if assign.symbol != MODULE_SYMBOL or assign.name != name:
                continue
            if assign.call is not None:
                call = facts.calls[assign.call]
                yield from self._call_edges(node, module, facts.calls, assign.call, call, _NO_LOCALS)
            elif assign.source is not None:
                if assign.source in module.classes or assign.source in module.functions:
                    yield Node(node.path, assign.source)
                elif assign.source in module.bound:
                    target = self._binding(node.path, MODULE_SYMBOL, assign.source)
                    if target is not None:
                        yield from self._resolve(target)

    def _calls_in(self, node: Node) -> tuple[tuple[int, CallFact], ...]:
        key = (node.path, node.qualname)
        cached = self._node_calls.get(key)
        if cached is not None:
            return cached
        qualname = node.qualname
        if qualname is None:
            cached = tuple(enumerate(self._index.facts[node.path].calls))
        else:
            group = self._calls_of(node.path).by_top.get(qualname.split(".", 1)[0], ())
            cached = tuple(item for item in group if inside(item[1].symbol, qualname))
        self._node_calls[key] = cached
        return cached

    def _mentioned_imports(self, node: Node, names: frozenset[str], called: set[str | None]) -> Iterator[Node]:
        """Names bound by imports that the node mentions without calling through them
        (``Depends(get_bridge)``, ``isinstance(x, Bridge)``): the definition they name. The
        use of a name imported inside a definition is not recorded: it counts as mentioned."""
        facts = self._index.facts[node.path].imports
        package = self._module(node.path).package
        qualname = node.qualname
        for resolved in self._index.imports.get(node.path, ()):
            fact = facts[resolved.fact]
            if fact.kind is ImportKind.TYPE_CHECKING:
                continue
            inner = fact.symbol != MODULE_SYMBOL
            if inner and qualname is not None and (qualname == MODULE_SYMBOL or not inside(fact.symbol, qualname)):
                continue
            for bound in _bound_names(fact, resolved):
                if bound == ALWAYS or bound in called or (not inner and bound not in names):
                    continue
                target = _bound_target(fact, bound, package)
                if target is not None:
                    yield from self._resolve(target)

    def _local_instances(self, node: Node, calls: tuple[tuple[int, CallFact], ...]) -> _Locals:
        """Local names the node assigns a call's result to, and which of them are *precise*:
        every occurrence is an assignment or the receiver of a ``name.method()`` call."""
        module = self._calls_of(node.path)
        qualname = node.qualname
        assigned: dict[str, list[int]] = {}
        for position, _ in calls:
            for assign in module.assigned_by_call.get(position, ()):
                if qualname is None or inside(assign.symbol, qualname):
                    assigned.setdefault(assign.name, []).append(position)
        if not assigned:
            return _NO_LOCALS
        heads = module.heads
        receivers: dict[str, int] = {}
        for position, call in calls:
            head = heads[position]
            if head in assigned and call.qualname is None and _single_method(call.text or "", head):
                receivers[head] = receivers.get(head, 0) + 1
        precise = set()
        for name in assigned:
            writes = sum(
                1 for a in module.assigns_by_name.get(name, ()) if qualname is None or inside(a.symbol, qualname)
            )
            seen = sum(
                n for symbol, n in module.counts_by_name.get(name, ()) if qualname is None or inside(symbol, qualname)
            )
            if seen == writes + receivers.get(name, 0):
                precise.add(name)
        return _Locals(assigned, frozenset(precise))

    def _call_edges(
        self,
        node: Node,
        module: _Module,
        all_calls: tuple[CallFact, ...],
        position: int,
        call: CallFact,
        locals_: _Locals,
    ) -> Iterator[Node]:
        text = call.text
        if text is None:
            return
        if call.qualname is not None:
            dotted = absolute_qualname(call.qualname, module.package)
            if dotted is not None:
                yield from self._callee(dotted, self._consumed(node, all_calls, position, call, locals_))
            return
        head = self._calls_of(node.path).heads[position] or ""
        if head in module.classes or head in module.functions:
            consumed = self._consumed(node, all_calls, position, call, locals_)
            yield from self._callee(f"{self._index.files[node.path].module}.{text}", consumed, same=node.path)
            return
        if (head not in locals_.precise and head != "self" and head != "cls") or not _single_method(text, head):
            return
        method = text[len(head) + 1 :]
        if head in ("self", "cls"):
            owner = call.symbol.split(".", 1)[0]
            if owner in module.classes and owner != call.symbol:
                yield self._class_method(Node(node.path, owner), method)
            return
        if head not in locals_.precise:
            return
        for index in locals_.assigned[head]:
            source = all_calls[index]
            if source.text is None or _has_links(source.text):
                continue
            if source.qualname is not None:
                dotted = absolute_qualname(source.qualname, module.package)
                if dotted is not None:
                    yield from self._method_of(dotted, method)
            elif _head(source.text) in module.classes or _head(source.text) in module.functions:
                own = f"{self._index.files[node.path].module}.{source.text}"
                yield from self._method_of(own, method, same=node.path)

    def _consumed(
        self, node: Node, all_calls: tuple[CallFact, ...], position: int, call: CallFact, locals_: _Locals
    ) -> bool:
        """Whether the call's result is used only as ``call().method()`` or through a precise
        local, or is what a precisely used factory returns (any call of it whose result is
        not passed on as an argument: ``Coordinator(Bridge())`` hands the bridge over)."""
        if any(position in locals_.assigned[name] for name in locals_.precise):
            return True
        if node.made and call.text not in self._passed(node):
            return True
        return (call.line, call.column, call.text or "") in self._calls_of(node.path).receivers

    def _passed(self, node: Node) -> frozenset[str]:
        """Callee texts of the calls whose result the node passes on as an argument."""
        key = (node.path, node.qualname)
        cached = self._node_passed.get(key)
        if cached is None:
            cached = self._node_passed[key] = frozenset(
                arg.value
                for _, outer in self._calls_in(node)
                for arg in (*outer.args, *(keyword.value for keyword in outer.keywords))
                if arg.kind is ArgKind.CALL and arg.value is not None
            )
        return cached

    def _callee(self, dotted: str, consumed: bool, same: str | None = None) -> Iterator[Node]:
        """Nodes a call of ``dotted`` (a dotted text, possibly with ``()``/``[]`` links) leads to.
        A class whose instance is consumed leads to its ``__init__``, else to the whole class."""
        base, link, rest = _split_links(dotted)
        if not link:
            for target in self._resolve(base, same):
                if target.qualname is None:
                    yield target
                elif self._is_class(target):
                    if not consumed:
                        yield target
                    elif "__init__" in self._module(target.path).classes[target.qualname].methods:
                        yield Node(target.path, f"{target.qualname}.__init__")
                else:
                    # Used precisely, what the function makes is consumed; otherwise its own
                    # edges charge the classes whose instances escape it (``return Bridge()``).
                    yield target._replace(made=consumed)
            return
        if link == "()" and _single_method(rest, ""):
            yield from self._method_of(base, rest[1:], same)
            return
        for target in self._resolve(base, same):
            yield Node(target.path)  # a longer chain: the module as a whole

    def _method_of(self, dotted: str, method: str, same: str | None = None) -> Iterator[Node]:
        """``method`` called on what a call of ``dotted`` returns: a class's own method, or the
        method of the classes a factory instantiates (the factory's module as a whole when it
        instantiates none that defines it)."""
        for target in self._resolve(dotted, same):
            if target.qualname is None:
                yield target
                continue
            if self._is_class(target):
                if "__init__" in self._module(target.path).classes[target.qualname].methods:
                    yield Node(target.path, f"{target.qualname}.__init__")
                yield self._class_method(target, method)
                continue
            yield target._replace(made=True)  # the factory itself
            made = [cls for cls in self._instantiated(target) if method in self._class_fact(cls).methods]
            if made:
                yield from (Node(cls.path, f"{cls.qualname}.{method}") for cls in made)
            else:
                yield Node(target.path)

    def _class_fact(self, cls: Node) -> ClassFact:
        return self._module(cls.path).classes[cls.qualname or ""]

    def _class_method(self, cls: Node, method: str) -> Node:
        """A class's own method, else (inherited, an attribute) the whole class."""
        return Node(cls.path, f"{cls.qualname}.{method}") if method in self._class_fact(cls).methods else cls

    def _instantiated(self, factory: Node) -> list[Node]:
        """Classes of follow-role modules that a function calls."""
        module = self._module(factory.path)
        out: list[Node] = []
        for _, call in self._calls_in(factory):
            if call.text is None or _has_links(call.text):
                continue
            if call.qualname is None:
                if call.text in module.classes:
                    out.append(Node(factory.path, call.text))
                continue
            dotted = absolute_qualname(call.qualname, module.package)
            if dotted is not None:
                out.extend(t for t in self._resolve(dotted) if t.qualname is not None and self._is_class(t))
        return sorted(set(out), key=_node_key)

    def _is_class(self, node: Node) -> bool:
        return node.qualname in self._module(node.path).classes

    # -- resolution ---------------------------------------------------------------------

    def _resolve(self, dotted: str, same: str | None = None) -> tuple[Node, ...]:
        """The definition a dotted name denotes, if it lies in a follow-role module (or in
        ``same``, the caller's own file): a top-level function or class, a class's own method
        (a class for any other attribute), through re-exports; the module as a whole when no
        definition is found there."""
        key = (dotted, same)
        cached = self._resolved.get(key)
        if cached is None:
            cached = self._resolved[key] = self._resolve_uncached(dotted, same)
        return cached

    def _resolve_uncached(self, dotted: str, same: str | None) -> tuple[Node, ...]:
        seen: set[str] = set()
        while dotted not in seen:
            seen.add(dotted)
            module, status = self._index.modules.resolve(dotted)
            path = self._index.modules.files.get(module) if status == TargetStatus.INTERNAL else None
            if path is None:
                return ()
            parts = dotted[len(module) :].lstrip(".").split(".") if dotted != module else []
            # Only a follow-role module (or the caller's own) is looked into; any other is
            # passed through when it re-exports the name (a package ``__init__``).
            follows = path == same or self._follows(path)
            if follows:
                found = self._definition(path, parts)
                if found is not None:
                    return (found,)
            elif not parts:
                return ()
            target = self._binding(path, MODULE_SYMBOL, parts[0])
            if target is None:
                return (Node(path),) if follows else ()
            dotted = ".".join((target, *parts[1:]))
        return ()

    def _definition(self, path: str, parts: list[str]) -> Node | None:
        if not parts:
            return Node(path)
        module = self._module(path)
        first = parts[0]
        if first in module.classes:
            if len(parts) > 1:
                return self._class_method(Node(path, first), parts[1])
            return Node(path, first)
        if first in module.functions:
            return Node(path, first)
        return None

    def _follows(self, path: str) -> bool:
        return bool(self._follow.intersection(self._index.placements[path].roles))

    def _module(self, path: str) -> _Module:
        cached = self._modules.get(path)
        if cached is None:
            cached = self._modules[path] = self._summarise(path)
        return cached

    def _summarise(self, path: str) -> _Module:
        facts = self._index.facts[path]
        source = self._index.files[path]
        classes = {c.qualname: c for c in facts.classes if c.top_level and "." not in c.qualname}
        functions = frozenset(
            f.qualname for f in facts.functions if not f.nested and not f.in_class_body and "." not in f.qualname
        )
        bound: set[str] = set()
        for fact in facts.imports:
            if fact.symbol == MODULE_SYMBOL:
                bound.update(_names_bound(fact))
        variables = frozenset(facts.module_bindings) - bound - functions - frozenset(classes)
        return _Module(
            package=package_of(source.module, source.is_package),
            classes=classes,
            functions=functions,
            uses={use.symbol: frozenset(use.names) for use in facts.uses},
            bound=frozenset(bound),
            variables=variables,
        )

    def _calls_of(self, path: str) -> _CallIndex:
        cached = self._call_index.get(path)
        if cached is None:
            cached = self._call_index[path] = _index_calls(self._index.facts[path])
        return cached


def _index_calls(facts: ModuleFacts) -> _CallIndex:
    calls = facts.calls
    by_top: dict[str, list[tuple[int, CallFact]]] = {}
    receivers: set[tuple[int, int, str]] = set()
    for position, call in enumerate(calls):
        by_top.setdefault(call.symbol.split(".", 1)[0], []).append((position, call))
        text = call.text
        if text is not None and "()." in text:
            at = text.find("().")
            while at != -1:
                receivers.add((call.line, call.column, text[:at]))
                at = text.find("().", at + 1)
    assigned_by_call: dict[int, list[AssignFact]] = {}
    assigns_by_name: dict[str, list[AssignFact]] = {}
    for assign in facts.assigns:
        assigns_by_name.setdefault(assign.name, []).append(assign)
        if assign.call is not None:
            assigned_by_call.setdefault(assign.call, []).append(assign)
    counts_by_name: dict[str, list[tuple[str, int]]] = {}
    for use in facts.uses:
        for name, count in use.counts:
            counts_by_name.setdefault(name, []).append((use.symbol, count))
    return _CallIndex(
        heads=tuple(map(_head, [call.text for call in calls])),
        by_top=by_top,
        receivers=frozenset(receivers),
        assigned_by_call=assigned_by_call,
        assigns_by_name=assigns_by_name,
        counts_by_name=counts_by_name,
    )


def _node_key(node: Node) -> tuple[str, str, bool]:
    return node.path, node.qualname if node.qualname is not None else "", node.made


def _head(text: str | None) -> str | None:
    if text is None:
        return None
    end = len(text)
    for mark in ".([":
        at = text.find(mark)
        if at != -1:
            end = min(end, at)
    return text[:end]


def _has_links(text: str) -> bool:
    return "(" in text or "[" in text


def _single_method(text: str, head: str) -> bool:
    """Whether ``text`` is ``head.method`` (one attribute, no call or subscript links)."""
    rest = text[len(head) :]
    return rest.startswith(".") and "." not in rest[1:] and not _has_links(rest) and len(rest) > 1


def _split_links(dotted: str) -> tuple[str, str, str]:
    """``a.b().c`` → (``a.b``, ``()``, ``.c``); no call or subscript link → (dotted, "", "")."""
    at = min((i for i in (dotted.find("("), dotted.find("[")) if i != -1), default=-1)
    if at == -1:
        return dotted, "", ""
    return dotted[:at], dotted[at : at + 2], dotted[at + 2 :]


def _names_bound(fact: ImportFact) -> Iterator[str]:
    if fact.origin is ImportOrigin.IMPORT:
        yield fact.alias if fact.alias is not None else fact.module.split(".", 1)[0]
    elif fact.origin is ImportOrigin.FROM:
        for imported in fact.names:
            if imported.name != "*":
                yield imported.alias or imported.name


def _bound_names(fact: ImportFact, resolved: ResolvedImport) -> Iterator[str]:
    """Names through which code uses one resolved import (``ALWAYS`` when none can be checked)."""
    if fact.origin is ImportOrigin.IMPORT:
        yield fact.alias if fact.alias is not None else fact.module.split(".", 1)[0]
    elif fact.origin is ImportOrigin.FROM:
        for imported in fact.names:
            if imported.name in resolved.names:
                yield ALWAYS if imported.name == "*" else imported.alias or imported.name
    else:
        yield ALWAYS


def _bound_target(fact: ImportFact, name: str, package: str) -> str | None:
    """The absolute dotted name an import binds to ``name``."""
    if fact.origin is ImportOrigin.IMPORT:
        return fact.module if fact.alias == name else name
    for imported in fact.names:
        if (imported.alias or imported.name) == name:
            base = absolute(fact.module, fact.level, package)
            if base is None:
                return None
            return f"{base}.{imported.name}" if base else imported.name
    return None
