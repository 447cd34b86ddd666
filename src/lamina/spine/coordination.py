"""Coordinators, bridges and tolerant evidence gathering: how domains are combined.

* A ``Bridge`` is one domain's capability factory, bound to the current transaction handle.
* A ``Coordinator`` is the only code that combines domains; it declares the domains it ``uses`` and
  reaches them through a restricted ``DomainAccess`` view, never through a session.
* ``gather_evidence`` aggregates several domain sources and keeps going when one of them fails.

The class checks in ``__init_subclass__`` are the runtime twins of the analyzer rules LAM306 (no session
parameters) and LAM307 (bridge size), so a violation fails at import time even where lamina is not run.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import ClassVar, Generic, TypeVar

from lamina.spine.domains import DomainAccess

__all__ = ["Bridge", "Coordinator", "Evidence", "EvidenceGap", "gather_evidence", "gather_evidence_async"]

T = TypeVar("T")
DbT = TypeVar("DbT")


def _functions(cls: type) -> Iterator[tuple[str, Callable[..., object]]]:
    """The plain functions behind every method-like attribute defined directly in ``cls``."""
    for name, member in vars(cls).items():
        if isinstance(member, (staticmethod, classmethod)):
            yield name, member.__func__
        elif isinstance(member, property):
            for accessor in (member.fget, member.fset, member.fdel):
                if accessor is not None:
                    yield name, accessor
        elif inspect.isfunction(member):
            yield name, member


def _forbidden_parameter(cls: type, names: frozenset[str]) -> tuple[str, str] | None:
    for method, function in _functions(cls):
        for parameter in inspect.signature(function).parameters:
            if parameter in names:
                return method, parameter
    return None


class Bridge(Generic[DbT]):
    """Per-domain capability factory: ``class InventoryBridge(Bridge[GuardedConnection]): domain = "inventory"``.

    Each public method returns one capability (an engine or driver bound to ``self.db``, typed ``DbT``).
    ``tables`` declares the tables the domain owns: other domains' handles may not write them.
    """

    domain: ClassVar[str] = ""
    max_public_methods: ClassVar[int] = 5
    tables: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, db: DbT) -> None:
        self.db = db

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        public: set[str] = set()
        for klass in cls.__mro__:
            if klass is Bridge or klass is object or klass is Generic:
                continue
            public.update(name for name, _ in _functions(klass) if not name.startswith("_"))
        if len(public) > cls.max_public_methods:
            raise TypeError(
                f"bridge '{cls.__name__}' has {len(public)} public methods (max {cls.max_public_methods})"
            )
        found = _forbidden_parameter(cls, frozenset({"session"}))
        if found is not None:
            raise TypeError(f"bridge method '{cls.__name__}.{found[0]}' takes parameter '{found[1]}'")


class Coordinator:
    """Combines domains; constructing one outside its declared domains raises ``UndeclaredDomainError``."""

    uses: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, domains: DomainAccess) -> None:
        self.domains = domains.restricted(self.uses)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        uses = cls.uses
        if isinstance(uses, str) or not all(isinstance(name, str) for name in uses):
            raise TypeError(f"coordinator '{cls.__name__}' must declare uses as a set of domain names")
        # Subclasses may write a set literal; store it frozen so it cannot change after import.
        cls.uses = frozenset(uses)
        found = _forbidden_parameter(cls, frozenset({"session", "db"}))
        if found is not None:
            raise TypeError(f"coordinator method '{cls.__name__}.{found[0]}' takes parameter '{found[1]}'")


@dataclass(frozen=True, slots=True)
class EvidenceGap:
    """A source that failed: evidence is partial, and this says why."""

    source: str
    error_type: str
    message: str


@dataclass(frozen=True, slots=True)
class Evidence(Generic[T]):
    """Items per source (empty for failed sources) and the gaps, both immutable."""

    items: Mapping[str, tuple[T, ...]]
    gaps: tuple[EvidenceGap, ...]

    @property
    def complete(self) -> bool:
        """True when every source answered."""
        return not self.gaps


def _record(
    name: str, produce: Callable[[], Sequence[T]], items: dict[str, tuple[T, ...]], gaps: list[EvidenceGap]
) -> None:
    try:
        items[name] = tuple(produce())
    except Exception as exc:
        items[name] = ()
        gaps.append(EvidenceGap(source=name, error_type=type(exc).__name__, message=str(exc)))


def gather_evidence(sources: Mapping[str, Callable[[], Sequence[T]]]) -> Evidence[T]:
    """Call each source in sorted name order; a failing source yields ``()`` and an ``EvidenceGap``."""
    items: dict[str, tuple[T, ...]] = {}
    gaps: list[EvidenceGap] = []
    for name in sorted(sources):
        _record(name, sources[name], items, gaps)
    return Evidence(items=MappingProxyType(items), gaps=tuple(gaps))


async def gather_evidence_async(sources: Mapping[str, Callable[[], Awaitable[Sequence[T]]]]) -> Evidence[T]:
    """Like ``gather_evidence``, awaiting the sources one by one in sorted name order."""
    items: dict[str, tuple[T, ...]] = {}
    gaps: list[EvidenceGap] = []
    for name in sorted(sources):
        try:
            items[name] = tuple(await sources[name]())
        except Exception as exc:
            items[name] = ()
            gaps.append(EvidenceGap(source=name, error_type=type(exc).__name__, message=str(exc)))
    return Evidence(items=MappingProxyType(items), gaps=tuple(gaps))
