"""``OperationRegistry``: the sole execution entry point; owns resolution, transactions and audit.

``execute`` follows the fixed order of RUNTIME.md §3 and never raises for handler errors: every failure
becomes an ``OperationResult`` with a stable ``error_code``. Only cancellation-class exceptions
(``BaseException`` that is not ``Exception``) propagate, after a best-effort rollback.

The order is written once, as a generator (``_pipeline``) that *yields* every value a hook returned
(authority decision, unit of work, handler result, commit, ...). Two small drivers run it: the async one
awaits yielded awaitables, the sync one refuses them. Deciding on the returned value instead of probing
callables is what RUNTIME.md asks for ("no ``iscoroutinefunction`` probing"), and it keeps the sync and
async paths from drifting apart.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Callable, Coroutine, Generator, Mapping
from dataclasses import replace
from datetime import datetime
from types import MappingProxyType
from typing import TypeVar, cast

from lamina.spine.audit import AuditRecord, AuditSink
from lamina.spine.authority import Authority, AuthorityDecision, allow_all
from lamina.spine.context import OperationContext, OperationResult, fail, frozen_params, utc_now
from lamina.spine.domains import DomainAccess, DomainFactory
from lamina.spine.errors import RegistrationError
from lamina.spine.operations import MISSING, Operation, declare_operation
from lamina.spine.transaction import TransactionBoundary, UnitOfWork

__all__ = ["LOGGER_NAME", "REGISTRY_VERSION", "OperationRegistry"]

LOGGER_NAME = "lamina.spine"
REGISTRY_VERSION = "1.0.0"

_T = TypeVar("_T")
_Pipeline = Generator[object, object, _T]


class _AsyncInSyncCall(Exception):
    """Thrown into the pipeline by the sync driver when a hook returned an awaitable."""


def _discard(value: object) -> None:
    """Close an unwanted coroutine so Python does not warn that it was never awaited."""
    if isinstance(value, Coroutine):
        value.close()


def _drive_sync(pipeline: _Pipeline[_T]) -> _T:
    value: object = None
    error: BaseException | None = None
    while True:
        try:
            step = pipeline.send(value) if error is None else pipeline.throw(error)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        value, error = None, None
        if inspect.isawaitable(step):
            _discard(step)
            error = _AsyncInSyncCall("returned an awaitable")
        else:
            value = step


async def _drive_async(pipeline: _Pipeline[_T]) -> _T:
    value: object = None
    error: BaseException | None = None
    while True:
        try:
            step = pipeline.send(value) if error is None else pipeline.throw(error)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        value, error = None, None
        try:
            value = (await step) if inspect.isawaitable(step) else step
        except BaseException as exc:  # handed back so the pipeline can roll back before it propagates
            error = exc


class OperationRegistry:
    """Explicit operation → handler table with a transaction boundary, declared domains and audit."""

    __slots__ = ("_audit", "_authority", "_clock", "_domains", "_frozen", "_log", "_operations", "_transactions")

    def __init__(
        self,
        *,
        transactions: TransactionBoundary | None = None,
        domains: Mapping[str, DomainFactory] | None = None,
        authority: Authority | None = None,
        audit: AuditSink | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        for domain, factory in (domains or {}).items():
            if not callable(factory):
                raise RegistrationError(f"factory of domain '{domain}' is not callable")
        self._transactions = transactions
        self._domains = None if domains is None else MappingProxyType(dict(domains))
        self._authority: Authority = authority if authority is not None else allow_all
        self._audit = audit
        self._clock = clock
        self._operations: dict[str, Operation] = {}
        self._frozen = False
        self._log = logging.getLogger(LOGGER_NAME)

    # -- registration and introspection ------------------------------------------------------------

    def register(
        self, name: str, handler: object, *, cross_domain_deps: object = MISSING, description: str = ""
    ) -> Operation:
        """Register ``handler`` under ``name``; raise ``RegistrationError`` (registering nothing) if invalid."""
        if self._frozen:
            raise RegistrationError(f"registry is frozen; cannot register '{name}'")
        if isinstance(name, str) and name in self._operations:
            raise RegistrationError(f"operation '{name}' is already registered")
        known = None if self._domains is None else frozenset(self._domains)
        operation = declare_operation(
            name, handler, cross_domain_deps, description=description, known_domains=known
        )
        self._operations[operation.name] = operation
        return operation

    def freeze(self) -> None:
        """Refuse further registrations (call once wiring is complete)."""
        self._frozen = True

    @property
    def is_frozen(self) -> bool:
        """Whether ``freeze()`` has been called."""
        return self._frozen

    @property
    def domains(self) -> Mapping[str, DomainFactory]:
        """Domain name → capability factory (read-only; empty when none were given)."""
        return self._domains if self._domains is not None else MappingProxyType({})

    @property
    def operations(self) -> tuple[str, ...]:
        """The registered operation names, sorted."""
        return tuple(sorted(self._operations))

    @property
    def operation_count(self) -> int:
        """How many operations are registered."""
        return len(self._operations)

    def has_operation(self, name: str) -> bool:
        """Whether ``name`` is registered."""
        return name in self._operations

    def get(self, name: str) -> Operation | None:
        """The registered ``Operation`` or ``None``."""
        return self._operations.get(name)

    def status(self) -> dict[str, object]:
        """A JSON-ready summary for health endpoints."""
        return {
            "version": REGISTRY_VERSION,
            "operation_count": len(self._operations),
            "frozen": self._frozen,
            "operations": list(self.operations),
        }

    # -- execution ---------------------------------------------------------------------------------

    async def execute(
        self, name: str, *, tenant_id: str, params: Mapping[str, object] | None = None
    ) -> OperationResult:
        """Run one operation end to end; never raises for handler errors."""
        return await _drive_async(self._pipeline(name, tenant_id, params, sync=False))

    def execute_sync(
        self, name: str, *, tenant_id: str, params: Mapping[str, object] | None = None
    ) -> OperationResult:
        """``execute`` for sync handlers and a sync boundary, without an event loop."""
        return _drive_sync(self._pipeline(name, tenant_id, params, sync=True))

    def _pipeline(
        self, name: str, tenant_id: str, params: Mapping[str, object] | None, *, sync: bool
    ) -> _Pipeline[OperationResult]:
        started = time.perf_counter()  # step 1
        timestamp = self._clock().isoformat()
        operation = self._operations.get(name)  # step 2
        reason: str | None = None
        if operation is None:
            result = fail(f"No handler registered for operation: {name}", "UNKNOWN_OPERATION")
        elif sync and self._transactions is not None and self._transactions.is_async:
            result = fail(
                f"operation '{name}' uses an async transaction boundary; use execute()",
                "ASYNC_TRANSACTION_IN_SYNC_CALL",
            )
        else:
            result, reason = yield from self._run(operation, tenant_id, params, timestamp)
        elapsed_ms = (time.perf_counter() - started) * 1000.0  # step 8
        result = replace(result, operation=name, duration_ms=round(elapsed_ms, 3))
        if self._audit is not None:  # step 9: after the transaction ended, never failing the call
            record = AuditRecord(
                operation=name,
                tenant_id=tenant_id,
                success=result.success,
                error_code=result.error_code,
                duration_ms=result.duration_ms,
                timestamp=timestamp,
                cross_domain_deps=() if operation is None else operation.cross_domain_deps,
                authority_reason=reason,
            )
            try:
                yield self._audit.record(record)
            except Exception:
                self._log.exception("audit of operation '%s' failed; the result is unchanged", name)
        return result

    def _run(
        self, operation: Operation, tenant_id: str, params: Mapping[str, object] | None, timestamp: str
    ) -> _Pipeline[tuple[OperationResult, str | None]]:
        ctx = OperationContext(  # step 3
            tenant_id=tenant_id, params=frozen_params(params), operation=operation.name, timestamp=timestamp
        )
        try:  # step 4: fail closed
            decision = yield self._authority(operation, ctx)
        except _AsyncInSyncCall:
            return fail("authority hook is async; use execute()", "AUTHORITY_ERROR"), None
        except Exception as exc:
            return fail(f"{type(exc).__name__}: {exc}", "AUTHORITY_ERROR"), None
        if not isinstance(decision, AuthorityDecision):
            return fail(f"TypeError: authority returned {type(decision).__name__}", "AUTHORITY_ERROR"), None
        if not decision.allowed:
            return fail(decision.reason or "denied by authority", "AUTHORITY_DENIED"), decision.reason
        unit: UnitOfWork | None = None
        if self._transactions is not None:  # step 5
            try:
                unit = cast(UnitOfWork, (yield self._transactions.begin()))
            except _AsyncInSyncCall:
                return fail("transaction boundary is async; use execute()", "TRANSACTION_BEGIN_FAILED"), decision.reason
            except Exception as exc:
                return fail(str(exc), "TRANSACTION_BEGIN_FAILED"), decision.reason
        db = None if unit is None else unit.connection
        ctx = replace(ctx, db=db, domains=self._access(operation, db))
        try:  # step 6
            value = yield operation.handler.execute(ctx)
            result = value if isinstance(value, OperationResult) else fail(
                f"handler returned {type(value).__name__}", "INVALID_RESULT"
            )
        except _AsyncInSyncCall:
            result = fail(f"operation '{operation.name}' is async; use execute()", "ASYNC_HANDLER_IN_SYNC_CALL")
        except Exception as exc:
            self._log.error("handler of operation '%s' raised", operation.name, exc_info=exc)
            result = fail(str(exc), f"HANDLER_EXCEPTION:{type(exc).__name__}")
        except BaseException:
            if unit is not None:
                yield from self._rollback(unit)
                yield from self._close(unit)
            raise
        if unit is not None:  # step 7
            result = yield from self._end(unit, result)
        return result, decision.reason

    def _access(self, operation: Operation, db: object | None) -> DomainAccess:
        return DomainAccess(
            operation.reachable_domains,
            factories=self.domains,
            db=db,
            operation=operation.name,
            own_domain=operation.domain,
        )

    def _end(self, unit: UnitOfWork, result: OperationResult) -> _Pipeline[OperationResult]:
        try:
            if result.success:
                try:
                    yield unit.commit()
                except Exception as exc:
                    self._log.exception("commit failed; rolling back")
                    yield from self._rollback(unit)
                    result = fail(str(exc), "COMMIT_FAILED")
            else:
                yield from self._rollback(unit)
        finally:
            yield from self._close(unit)
        return result

    def _rollback(self, unit: UnitOfWork) -> _Pipeline[None]:
        try:
            yield unit.rollback()
        except Exception:
            self._log.exception("rollback failed; the result stays the failure")

    def _close(self, unit: UnitOfWork) -> _Pipeline[None]:
        try:
            yield unit.close()
        except Exception:
            self._log.exception("closing the unit of work failed")
