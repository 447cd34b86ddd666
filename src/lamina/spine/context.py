"""What a handler receives (``OperationContext``) and returns (``OperationResult``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from types import MappingProxyType

from lamina.spine.domains import NO_DOMAINS, DomainAccess

__all__ = ["OperationContext", "OperationResult", "fail", "frozen_params", "ok", "utc_now"]


def utc_now() -> datetime:
    """The default clock of the runtime: an aware UTC datetime."""
    return datetime.now(timezone.utc)


def frozen_params(params: Mapping[str, object] | None) -> Mapping[str, object]:
    """A read-only shallow copy, so a handler cannot change what the caller (or the audit) saw."""
    return MappingProxyType(dict(params or {}))


@dataclass(frozen=True, slots=True)
class OperationContext:
    """Everything a handler gets for one execution. Built by the registry, never by callers."""

    tenant_id: str
    params: Mapping[str, object]
    operation: str = ""
    timestamp: str = ""
    db: object | None = None
    domains: DomainAccess = NO_DOMAINS

    def __post_init__(self) -> None:
        if not isinstance(self.params, MappingProxyType):
            object.__setattr__(self, "params", frozen_params(self.params))


@dataclass(frozen=True, slots=True)
class OperationResult:
    """The outcome of one operation; ``operation`` and ``duration_ms`` are stamped by the registry."""

    success: bool
    data: object = None
    error: str | None = None
    error_code: str | None = None
    operation: str = ""
    duration_ms: float = 0.0

    @staticmethod
    def ok(data: object = None) -> OperationResult:
        """A successful result carrying ``data``."""
        return OperationResult(success=True, data=data)

    @staticmethod
    def fail(error: str, error_code: str = "OPERATION_FAILED") -> OperationResult:
        """A failed result; the registry rolls the transaction back for it."""
        return OperationResult(success=False, error=error, error_code=error_code)


ok = OperationResult.ok
fail = OperationResult.fail
