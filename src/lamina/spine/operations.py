"""Operation declarations: names, dependency entries and the handler protocol."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Collection
from dataclasses import dataclass
from typing import Any, Protocol

from lamina.spine.context import OperationContext, OperationResult
from lamina.spine.errors import RegistrationError

__all__ = [
    "DEPENDENCY_PATTERN",
    "OPERATION_PATTERN",
    "Operation",
    "OperationHandler",
    "declare_operation",
    "domain_of",
]

OPERATION_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
"""``domain.action`` (at least two segments); matched with ``fullmatch``."""

DEPENDENCY_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")
"""``incidents`` or ``incidents.active``; the first segment is the domain reached."""


class OperationHandler(Protocol):
    """Anything with ``execute(ctx)`` returning a result, or an awaitable of one for async handlers."""

    def execute(self, ctx: OperationContext[Any]) -> OperationResult[Any] | Awaitable[OperationResult[Any]]:
        """Run the operation; raising is allowed (it becomes ``HANDLER_EXCEPTION:<Type>``)."""


def domain_of(name: str) -> str:
    """The domain of an operation name or dependency entry: its first dot-separated segment."""
    return name.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Operation:
    """A registered operation: name, handler and its explicit cross-domain declaration."""

    name: str
    handler: OperationHandler
    cross_domain_deps: tuple[str, ...]
    domain: str
    description: str = ""

    @property
    def dependency_domains(self) -> frozenset[str]:
        """The domains named by ``cross_domain_deps`` (first segments)."""
        return frozenset(domain_of(dep) for dep in self.cross_domain_deps)

    @property
    def reachable_domains(self) -> frozenset[str]:
        """Own domain plus the declared dependency domains: what ``ctx.domains`` may reach."""
        return self.dependency_domains | {self.domain}


class _Missing:
    """Sentinel type for an omitted ``cross_domain_deps`` (``None`` would hide intent)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<missing>"


MISSING = _Missing()


def declare_operation(
    name: str,
    handler: object,
    cross_domain_deps: object,
    *,
    description: str = "",
    known_domains: Collection[str] | None = None,
) -> Operation:
    """Validate one declaration and build its ``Operation``; raise ``RegistrationError`` otherwise.

    The checks run in a fixed order so that the first problem named is predictable.
    """
    if cross_domain_deps is MISSING or cross_domain_deps is None:
        raise RegistrationError(f"operation '{name}' must declare cross_domain_deps (use [] for none)")
    if isinstance(cross_domain_deps, str):
        raise RegistrationError(f"cross_domain_deps of '{name}' must be a list of names, not a string")
    if not isinstance(cross_domain_deps, (list, tuple)):
        kind = type(cross_domain_deps).__name__
        raise RegistrationError(f"cross_domain_deps of '{name}' must be a list of names, not {kind}")
    if not isinstance(name, str) or not OPERATION_PATTERN.fullmatch(name):
        raise RegistrationError(f"invalid operation name {name!r}")
    for dep in cross_domain_deps:
        if not isinstance(dep, str) or not DEPENDENCY_PATTERN.fullmatch(dep):
            raise RegistrationError(f"invalid dependency {dep!r} of '{name}'")
    domain = domain_of(name)
    seen: set[str] = set()
    for dep in cross_domain_deps:
        if dep in seen:
            raise RegistrationError(f"duplicate dependency '{dep}' in cross_domain_deps of '{name}'")
        seen.add(dep)
        if domain_of(dep) == domain:
            raise RegistrationError(f"operation '{name}' lists its own domain '{domain}'")
    if known_domains is not None:
        for dep in cross_domain_deps:
            if domain_of(dep) not in known_domains:
                raise RegistrationError(f"operation '{name}' depends on unknown domain '{domain_of(dep)}'")
    # A literal attribute name: this is a capability check, not reflective dispatch.
    if not callable(getattr(handler, "execute", None)):
        raise RegistrationError(f"handler for '{name}' has no callable execute(ctx)")
    return Operation(
        name=name,
        handler=handler,  # type: ignore[arg-type]  # checked just above
        cross_domain_deps=tuple(cross_domain_deps),
        domain=domain,
        description=description,
    )
