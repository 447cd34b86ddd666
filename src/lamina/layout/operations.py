"""Operation sites (docs/packs.md#9-operations and docs/rule-semantics.md#operation-rules): registrations,
executions and domain-access calls found in call facts, plus the domain of an operation name.

Everything here reads facts and the pack's ``operations`` spec only; the reach of a
registration's handler lives in ``layout.reach``. Shared by the LAM30x rules and the reports.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from enum import Enum
from typing import NamedTuple

from lamina.layout.index import ImportIndex
from lamina.layout.receivers import UNRESOLVED, Receiver, ReceiverResolver
from lamina.model.facts import ArgFact, ArgKind, CallFact
from lamina.model.globs import CompiledCallPattern, compile_call_pattern, name_glob
from lamina.model.project import CallPattern, OperationsSpec

# The spec's own keyword, used in messages when a pattern names no ``deps`` keyword.
DEFAULT_DEPS_KEYWORD = "cross_domain_deps"


class DepsState(str, Enum):
    ABSENT = "absent"  # the deps keyword is not written (and no ``**kwargs`` could carry it)
    LITERAL = "literal"  # a list/tuple literal of string literals (``[]`` included)
    NOT_LITERAL = "not_literal"  # anything else, or possibly hidden in ``**kwargs``


class Registration(NamedTuple):
    """One registration call (or decorator call) in ``path``; ``call`` indexes ``ModuleFacts.calls``.

    ``name`` is the literal operation name (None when absent or not a string literal),
    ``deps`` the declared entries when ``deps_state`` is LITERAL, ``handler`` the handler
    argument (None when absent or for decorators, whose handler is ``fact.decorator_of``).
    """

    path: str
    call: int
    fact: CallFact
    name: str | None
    deps_state: DepsState
    deps: tuple[str, ...]
    deps_keyword: str
    handler: ArgFact | None

    @property
    def text(self) -> str:
        return self.fact.text or ""


class Execution(NamedTuple):
    """One execution call with its literal operation name (None when not a string literal)."""

    path: str
    call: int
    fact: CallFact
    name: str | None


class DomainAccess(NamedTuple):
    """One domain-access call with a literal name, and the symbol it sits in."""

    path: str
    call: int
    symbol: str
    name: str


class CompiledPattern(NamedTuple):
    spec: CallPattern
    callee: CompiledCallPattern
    receivers: tuple[re.Pattern[str], ...]
    decorator_only: bool
    classes: tuple[re.Pattern[str], ...] = ()
    factories: tuple[re.Pattern[str], ...] = ()

    @property
    def resolves(self) -> bool:
        """Whether the pattern says what the receiver must be (``receiver_class`` / ``_factory``)."""
        return bool(self.classes or self.factories)

    def matches_callee(self, fact: CallFact) -> bool:
        """The callee pattern and the decorator condition; a resolving pattern also needs a receiver."""
        text = fact.text
        if text is None:
            return False
        if self.decorator_only and fact.decorator_of is None:
            return False
        if not self.callee.match(text):
            return False
        return not self.resolves or "." in text

    def matches_glob(self, text: str) -> bool:
        """The receiver globs: the receiver is the text without its last segment; its own last
        segment is matched, and a bare call has no receiver at all (docs/packs.md#9-operations)."""
        if not self.receivers:
            return True
        receiver, dot, _ = text.rpartition(".")
        if not dot:
            return False
        last = receiver.rpartition(".")[2]
        return any(glob.fullmatch(last) for glob in self.receivers)

    def matches(self, fact: CallFact) -> bool:
        """The match of a call whose receiver is not resolved (see ``matches_resolved``)."""
        if not self.matches_callee(fact):
            return False
        if self.resolves and not self.receivers:
            return False
        return self.matches_glob(fact.text or "")

    def matches_receiver(self, receiver: Receiver) -> bool:
        """A resolved receiver: only its class (or a base of it) and factory decide (a
        ``StageRegistry`` named ``registry`` is no operation registry)."""
        if _any_name(self.factories, receiver.factory) or _any_name(self.classes, receiver.cls):
            return True
        return any(_any_name(self.classes, base) for base in receiver.bases)


def _any_name(globs: tuple[re.Pattern[str], ...], dotted: str | None) -> bool:
    if dotted is None or not globs:
        return False
    last = dotted.rpartition(".")[2]
    return any(glob.fullmatch(dotted) or glob.fullmatch(last) for glob in globs)


def compile_patterns(patterns: Iterable[CallPattern]) -> tuple[CompiledPattern, ...]:
    """Call patterns match any call, decorator calls included; decorator patterns only decorator calls."""
    compiled = []
    for pattern in patterns:
        source = pattern.call if pattern.call is not None else pattern.decorator
        if source is None:
            continue
        compiled.append(
            CompiledPattern(
                spec=pattern,
                callee=compile_call_pattern(source),
                receivers=tuple(name_glob(r) for r in pattern.receiver),
                decorator_only=pattern.call is None,
                classes=tuple(name_glob(c) for c in pattern.receiver_class),
                factories=tuple(name_glob(f) for f in pattern.receiver_factory),
            )
        )
    return tuple(compiled)


def first_match(patterns: tuple[CompiledPattern, ...], fact: CallFact) -> CompiledPattern | None:
    """The first pattern matching ``fact`` when its receiver is not resolved."""
    for pattern in patterns:
        if pattern.matches(fact):
            return pattern
    return None


class CallMatcher:
    """The first of ``patterns`` matching a call. The callee and receiver-glob part is memoised
    per callee text (callee texts repeat across a code base: measured, 180k calls of 500k lines
    share a few thousand texts); the receiver of a call is resolved only when a pattern that
    asks for it (``receiver_class`` / ``receiver_factory``) matches its callee, and only with a
    ``resolver`` (without one such receivers count as unresolved)."""

    __slots__ = ("patterns", "resolver", "_memo")

    def __init__(self, patterns: tuple[CompiledPattern, ...], resolver: ReceiverResolver | None = None) -> None:
        self.patterns = patterns
        self.resolver = resolver
        self._memo: dict[tuple[str, bool], tuple[tuple[CompiledPattern, bool], ...]] = {}

    def first(self, fact: CallFact, path: str | None = None) -> CompiledPattern | None:
        """The first pattern matching ``fact``, a call of the file ``path``."""
        text = fact.text
        if text is None or not self.patterns:
            return None
        key = (text, fact.decorator_of is not None)
        memo = self._memo
        candidates = memo.get(key)
        if candidates is None:
            candidates = memo[key] = tuple(
                (pattern, pattern.matches_glob(text)) for pattern in self.patterns if pattern.matches_callee(fact)
            )
        receiver: Receiver | None = None
        for pattern, glob in candidates:
            if not pattern.resolves:
                if glob:
                    return pattern
                continue
            if receiver is None:
                resolver = self.resolver
                receiver = UNRESOLVED if resolver is None or path is None else resolver.resolve(path, fact)
            if receiver.resolved:
                if pattern.matches_receiver(receiver):
                    return pattern
            elif pattern.receivers and glob:
                return pattern
        return None


def argument(fact: CallFact, positions: tuple[int | str, ...]) -> ArgFact | None:
    """The first present argument of ``positions``: an int is a positional index, a str a keyword."""
    for position in positions:
        if isinstance(position, int):
            if 0 <= position < len(fact.args):
                return fact.args[position]
            continue
        for keyword in fact.keywords:
            if keyword.name == position:
                return keyword.value
    return None


def literal_name(fact: CallFact, positions: tuple[int | str, ...]) -> str | None:
    found = argument(fact, positions)
    if found is None or found.kind is not ArgKind.STR:
        return None
    return found.value


def _deps(fact: CallFact, keyword: str | None) -> tuple[DepsState, tuple[str, ...]]:
    if keyword is not None:
        for written in fact.keywords:
            if written.name == keyword:
                if written.value.kind is ArgKind.STRS:
                    return DepsState.LITERAL, written.value.values
                return DepsState.NOT_LITERAL, ()
    # ``register(..., **options)`` may carry the declaration, but never as a literal.
    if fact.has_star_kwargs:
        return DepsState.NOT_LITERAL, ()
    return DepsState.ABSENT, ()


def _registration(path: str, call: int, fact: CallFact, pattern: CallPattern) -> Registration:
    state, deps = _deps(fact, pattern.deps)
    handler = None if fact.decorator_of is not None else argument(fact, pattern.handler)
    return Registration(
        path=path,
        call=call,
        fact=fact,
        name=literal_name(fact, pattern.name),
        deps_state=state,
        deps=deps,
        deps_keyword=pattern.deps or DEFAULT_DEPS_KEYWORD,
        handler=handler,
    )


def find_registrations(index: ImportIndex, spec: OperationsSpec, paths: Iterable[str]) -> tuple[Registration, ...]:
    """Registrations in ``paths``, in path order then call order; the first matching pattern wins."""
    matcher = CallMatcher(compile_patterns(spec.register), ReceiverResolver(index))
    found: list[Registration] = []
    for path in sorted(paths):
        for call, fact in enumerate(index.facts[path].calls):
            pattern = matcher.first(fact, path)
            if pattern is not None:
                found.append(_registration(path, call, fact, pattern.spec))
    return tuple(found)


def find_executions(index: ImportIndex, spec: OperationsSpec, paths: Iterable[str]) -> tuple[Execution, ...]:
    """Execution calls in ``paths``, in path order then call order."""
    matcher = CallMatcher(compile_patterns(spec.execute), ReceiverResolver(index))
    found: list[Execution] = []
    for path in sorted(paths):
        for call, fact in enumerate(index.facts[path].calls):
            pattern = matcher.first(fact, path)
            if pattern is not None:
                found.append(Execution(path, call, fact, literal_name(fact, pattern.spec.name)))
    return tuple(found)


def domain_accesses(
    calls: tuple[CallFact, ...], matcher: CallMatcher, path: str
) -> Iterator[DomainAccess]:
    """Domain-access calls of one module whose name argument is a string literal."""
    for call, fact in enumerate(calls):
        pattern = matcher.first(fact, path)
        if pattern is None:
            continue
        name = literal_name(fact, pattern.spec.name)
        if name is not None:
            yield DomainAccess(path, call, fact.symbol, name)


def domain_of(name: str, spec: OperationsSpec) -> str:
    """The domain of an operation name: its first segment, or the domain of the longest
    ``aliases`` key that is a segment-wise prefix of the name (``{traces: logs}``)."""
    best: tuple[int, str] | None = None
    for prefix, domain in spec.aliases:
        if name == prefix or name.startswith(prefix + "."):
            if best is None or len(prefix) > best[0]:
                best = (len(prefix), domain)
    if best is not None:
        return best[1]
    return name.split(".", 1)[0]


def owning_domain(name: str, spec: OperationsSpec, domains: Collection[str]) -> str | None:
    """The domain that owns an operation: the domain an ``aliases`` prefix maps it to, else
    its first segment when that is a domain of the tree; None when neither (``proxy.ops``
    in a tree without a ``proxy`` domain) - such an operation is reported once (LAM308),
    never treated as a domain of its own."""
    for prefix, _ in spec.aliases:
        if name == prefix or name.startswith(prefix + "."):
            return domain_of(name, spec)
    first = name.split(".", 1)[0]
    return first if first in domains else None


def declared_domains(registration: Registration, spec: OperationsSpec) -> frozenset[str]:
    """Domains of the declared entries (empty unless the declaration is a literal list)."""
    return frozenset(domain_of(entry, spec) for entry in registration.deps)


def inside(symbol: str, qualname: str) -> bool:
    """Whether a fact's enclosing ``symbol`` lies in the definition ``qualname``."""
    return symbol == qualname or symbol.startswith(qualname + ".")
