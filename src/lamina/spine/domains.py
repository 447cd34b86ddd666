"""Declared-domain capabilities: the runtime side of ``cross_domain_deps``.

A handler reaches another domain only through ``ctx.domains.get("name")``. The registry builds one
``DomainAccess`` per execution whose ``allowed`` set is the operation's own domain plus its declared
dependency domains, so an undeclared reach fails at the exact call instead of silently succeeding.
The literal-name call shape is deliberate: the analyzer's ``domain_access`` pattern reads the same
literals, so static (LAM302/LAM303) and runtime checks agree on what an operation reaches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, overload

from lamina.spine.errors import SpineError, UndeclaredDomainError
from lamina.spine.sql_guard import ScopedHandle

__all__ = ["NO_DOMAINS", "DomainAccess", "DomainFactory", "scope_handle"]

C = TypeVar("C")

DomainFactory = Callable[[Any], object]
"""Builds a domain capability (usually a ``Bridge``) bound to the current transaction handle."""


def scope_handle(db: object, domain: str, owners: Mapping[str, str]) -> object:
    """``db`` writing for ``domain``: writes to tables another domain owns are refused (when it can)."""
    if owners and isinstance(db, ScopedHandle):
        return db.scoped(domain, owners)
    return db


class DomainAccess:
    """The domains one operation execution may reach, with capabilities created on first use."""

    __slots__ = ("_allowed", "_cache", "_db", "_factories", "_operation", "_own", "_owners")

    def __init__(
        self,
        allowed: Iterable[str],
        *,
        factories: Mapping[str, DomainFactory] | None = None,
        db: object | None = None,
        operation: str = "",
        own_domain: str = "",
        owners: Mapping[str, str] | None = None,
        _cache: dict[str, object] | None = None,
    ) -> None:
        self._allowed = frozenset(allowed)
        self._factories: Mapping[str, DomainFactory] = (
            factories if isinstance(factories, MappingProxyType) else MappingProxyType(dict(factories or {}))
        )
        self._db = db
        self._operation = operation
        self._own = own_domain
        self._owners: Mapping[str, str] = owners or {}
        # Shared between a view and its restricted views so that a handler and the coordinators it
        # builds see the same capability instance for the whole execution.
        self._cache: dict[str, object] = {} if _cache is None else _cache

    @property
    def allowed(self) -> frozenset[str]:
        """The domains this view may reach."""
        return self._allowed

    @overload
    def get(self, name: str) -> object: ...

    @overload
    def get(self, name: str, kind: type[C]) -> C: ...

    def get(self, name: str, kind: type[object] | None = None) -> object:
        """Return the capability of ``name``; raise ``UndeclaredDomainError`` outside the view.

        With ``kind`` (``ctx.domains.get("billing", BillingBridge)``) the capability is checked to be
        that type and typed as it, so handlers need no casts.
        """
        capability = self._get(name)
        if kind is not None and not isinstance(capability, kind):
            raise TypeError(f"domain '{name}' provides {type(capability).__name__}, not {kind.__name__}")
        return capability

    def _get(self, name: str) -> object:
        if name not in self._allowed:
            raise self._undeclared(name)
        if name in self._cache:
            return self._cache[name]
        factory = self._factories.get(name)
        if factory is None:
            raise SpineError(f"domain '{name}' is not provided by this registry")
        # Each domain's capability writes for that domain: its tables yes, another domain's no.
        capability = factory(scope_handle(self._db, name, self._owners))
        self._cache[name] = capability
        return capability

    def restricted(self, names: Iterable[str]) -> DomainAccess:
        """Return a narrower view; asking for a name outside this view raises ``UndeclaredDomainError``."""
        wanted = frozenset(names)
        outside = sorted(wanted - self._allowed)
        if outside:
            raise self._undeclared(outside[0])
        return DomainAccess(
            wanted,
            factories=self._factories,
            db=self._db,
            operation=self._operation,
            own_domain=self._own,
            owners=self._owners,
            _cache=self._cache,
        )

    def _undeclared(self, name: str) -> UndeclaredDomainError:
        declared = ", ".join(sorted(self._allowed - {self._own})) or "none"
        return UndeclaredDomainError(
            f"operation '{self._operation}' reached undeclared domain '{name}' (declared: {declared})"
        )

    def __repr__(self) -> str:
        return f"DomainAccess(operation={self._operation!r}, allowed={sorted(self._allowed)!r})"


NO_DOMAINS = DomainAccess(())
"""The empty view: every ``get`` raises. Its cache stays empty forever because ``get`` refuses first."""
