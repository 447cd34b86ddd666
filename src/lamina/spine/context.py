"""What a handler receives (``OperationContext``) and returns (``OperationResult``).

Both are generic so handlers type-check strictly: ``OperationContext[GuardedConnection]`` says what
``ctx.db`` is, ``OperationResult[Order]`` what ``data`` carries. ``ctx.param(name, int)`` reads a
parameter with its type checked at runtime, and ``await ctx.call(...)`` runs another operation in the
same request (see the registry).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any, Generic, NoReturn, TypeVar

from lamina.spine.domains import NO_DOMAINS, DomainAccess
from lamina.spine.errors import SpineError

__all__ = [
    "NestedCalls",
    "OperationContext",
    "OperationResult",
    "fail",
    "frozen_params",
    "ok",
    "utc_now",
]

DbT = TypeVar("DbT")
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


def utc_now() -> datetime:
    """The default clock of the runtime: an aware UTC datetime."""
    return datetime.now(timezone.utc)


def frozen_params(params: Mapping[str, object] | None) -> Mapping[str, object]:
    """A read-only shallow copy, so a handler cannot change what the caller (or the audit) saw."""
    return MappingProxyType(dict(params or {}))


@dataclass(frozen=True, slots=True)
class OperationResult(Generic[T_co]):
    """The outcome of one operation; ``operation`` and ``duration_ms`` are stamped by the registry."""

    success: bool
    data: T_co | None = None
    error: str | None = None
    error_code: str | None = None
    operation: str = ""
    duration_ms: float = 0.0

    @staticmethod
    def ok(data: T | None = None) -> OperationResult[T]:
        """A successful result carrying ``data``."""
        return OperationResult(success=True, data=data)

    @staticmethod
    def fail(error: str, error_code: str = "OPERATION_FAILED") -> OperationResult[NoReturn]:
        """A failed result (fits any ``OperationResult[T]``); the registry rolls the transaction back."""
        return OperationResult(success=False, error=error, error_code=error_code)


ok = OperationResult.ok
fail = OperationResult.fail


class NestedCalls:
    """How a context runs another operation; the registry provides the working implementation."""

    __slots__ = ()

    async def call(
        self, name: str, params: Mapping[str, object] | None = None, *, requires_new: bool = False
    ) -> OperationResult[Any]:
        """Run ``name`` in the caller's request and transaction."""
        raise SpineError("this context was not built by a registry; nested calls are unavailable")

    def call_sync(
        self, name: str, params: Mapping[str, object] | None = None, *, requires_new: bool = False
    ) -> OperationResult[Any]:
        """``call`` for sync handlers."""
        raise SpineError("this context was not built by a registry; nested calls are unavailable")


NO_NESTED_CALLS = NestedCalls()


@dataclass(frozen=True, slots=True)
class OperationContext(Generic[DbT]):
    """Everything a handler gets for one execution. Built by the registry, never by callers.

    ``DbT`` is the guarded handle's type: ``GuardedConnection`` (``SqliteTransactions``),
    ``AsyncGuardedConnection`` (``AsyncSqliteTransactions``), ``GuardedSession`` (SQLAlchemy).
    """

    tenant_id: str
    params: Mapping[str, object]
    operation: str = ""
    timestamp: str = ""
    db: DbT = None  # type: ignore[assignment]  # None only when the registry has no boundary
    domains: DomainAccess = NO_DOMAINS
    request_id: str | None = None
    actor_id: str | None = None
    nested: NestedCalls = NO_NESTED_CALLS

    def __post_init__(self) -> None:
        if not isinstance(self.params, MappingProxyType):
            object.__setattr__(self, "params", frozen_params(self.params))

    def param(self, name: str, kind: type[T]) -> T:
        """``params[name]`` checked to be a ``kind`` (``KeyError`` if missing, ``TypeError`` if not)."""
        value = self.params[name]
        # bool is an int to isinstance; a flag passed where a number is expected is a caller bug.
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise TypeError(f"parameter '{name}' must be {kind.__name__}, not {type(value).__name__}")
        return value

    async def call(
        self, name: str, params: Mapping[str, object] | None = None, *, requires_new: bool = False
    ) -> OperationResult[Any]:
        """Run another operation in this request: it joins this transaction (one commit at the end) and
        must stay within this operation's declared domains; ``requires_new=True`` uses a savepoint."""
        return await self.nested.call(name, params, requires_new=requires_new)

    def call_sync(
        self, name: str, params: Mapping[str, object] | None = None, *, requires_new: bool = False
    ) -> OperationResult[Any]:
        """``call`` for sync handlers under ``execute_sync`` (or a sync boundary)."""
        return self.nested.call_sync(name, params, requires_new=requires_new)
