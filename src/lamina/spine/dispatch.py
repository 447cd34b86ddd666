"""``DispatchMap``: explicit method-name → callable tables for handlers serving a method family.

Law 5: a handler never resolves a method with ``getattr`` on a caller-supplied name, and never asks
whether a function is a coroutine function. Which entries are async is declared by the map they sit in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Any, cast

from lamina.spine.context import OperationContext, OperationResult, fail, ok

__all__ = ["DispatchMap"]

SyncMethod = Callable[..., object]
AsyncMethod = Callable[..., Awaitable[object]]


def _frozen_table(table: Mapping[str, Callable[..., object]] | None, label: str) -> Mapping[str, Callable[..., object]]:
    entries = dict(table or {})
    for name, target in entries.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"{label} dispatch map has an invalid method name {name!r}")
        if not callable(target):
            raise ValueError(f"{label} dispatch entry '{name}' is not callable")
    return MappingProxyType(entries)


class DispatchMap:
    """Resolve ``params["method"]`` against explicit sync and async tables."""

    __slots__ = ("_async", "_error_codes", "_pass_tenant", "_sync")

    def __init__(
        self,
        sync: Mapping[str, SyncMethod] | None = None,
        async_: Mapping[str, AsyncMethod] | None = None,
        *,
        pass_tenant: bool = True,
        error_codes: Mapping[type[BaseException], str] | None = None,
    ) -> None:
        self._sync: Mapping[str, SyncMethod] = _frozen_table(sync, "sync")
        self._async = cast("Mapping[str, AsyncMethod]", _frozen_table(async_, "async"))
        both = sorted(set(self._sync) & set(self._async))
        if both:
            raise ValueError(f"method '{both[0]}' is in both the sync and the async dispatch map")
        codes = dict(error_codes or {})
        for exc_type, code in codes.items():
            if not (isinstance(exc_type, type) and issubclass(exc_type, BaseException)):
                raise ValueError(f"error_codes key {exc_type!r} is not an exception type")
            if not isinstance(code, str) or not code:
                raise ValueError(f"error code for {exc_type.__name__} must be a non-empty string")
        self._error_codes: Mapping[type[BaseException], str] = MappingProxyType(codes)
        self._pass_tenant = pass_tenant

    @property
    def methods(self) -> tuple[str, ...]:
        """All method names, sorted."""
        return tuple(sorted({*self._sync, *self._async}))

    async def call(self, ctx: OperationContext[Any]) -> OperationResult[Any]:
        """Dispatch ``ctx.params["method"]`` with the remaining params as keyword arguments."""
        method, kwargs, problem = self._resolve(ctx)
        if problem is not None:
            return problem
        try:
            target = self._async.get(method)
            if target is not None:
                value = await target(**kwargs)
            else:
                sync_target = self._sync.get(method)
                if sync_target is None:
                    return fail(f"Unknown method: {method}", "UNKNOWN_METHOD")
                value = sync_target(**kwargs)
        except Exception as exc:
            return self._mapped(exc)
        return value if isinstance(value, OperationResult) else ok(value)

    def call_sync(self, ctx: OperationContext[Any]) -> OperationResult[Any]:
        """``call`` for sync handlers; async entries are refused with ``ASYNC_METHOD_IN_SYNC_CALL``."""
        method, kwargs, problem = self._resolve(ctx)
        if problem is not None:
            return problem
        if method in self._async:
            return fail(f"method '{method}' is async; use call()", "ASYNC_METHOD_IN_SYNC_CALL")
        target = self._sync.get(method)
        if target is None:
            return fail(f"Unknown method: {method}", "UNKNOWN_METHOD")
        try:
            value = target(**kwargs)
        except Exception as exc:
            return self._mapped(exc)
        return value if isinstance(value, OperationResult) else ok(value)

    def _resolve(self, ctx: OperationContext[Any]) -> tuple[str, dict[str, object], OperationResult[Any] | None]:
        method = ctx.params.get("method")
        if not isinstance(method, str):
            return "", {}, fail("Missing 'method' in params", "MISSING_METHOD")
        # Keys starting with "_" are transport metadata, never method arguments.
        kwargs = {k: v for k, v in ctx.params.items() if k != "method" and not k.startswith("_")}
        if self._pass_tenant and "tenant_id" not in kwargs:
            kwargs["tenant_id"] = ctx.tenant_id
        return method, kwargs, None

    def _mapped(self, exc: Exception) -> OperationResult[Any]:
        for exc_type, code in self._error_codes.items():
            if isinstance(exc, exc_type):
                return fail(str(exc), code)
        raise exc
