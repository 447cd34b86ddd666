"""``OperationRegistry``: the sole execution entry point; owns resolution, transactions and audit.

``execute`` follows a fixed order (look up, authorise, begin, run, audit, commit or roll back) and never
raises for handler errors: every failure becomes an ``OperationResult`` with a stable ``error_code``.
Only cancellation-class exceptions (``BaseException`` that is not ``Exception``) propagate, after a
best-effort rollback.

The order is written once, as a generator (``_pipeline``) that *yields* every value a hook returned
(authority decision, unit of work, handler result, commit, ...). Two small drivers run it: the async one
awaits yielded awaitables, the sync one refuses them. Deciding on the returned value instead of probing
callables avoids ``iscoroutinefunction`` probing, and it keeps the sync and async paths from drifting apart.

A handler may run another operation through its context (``await ctx.call(name, params)``): by default
the inner operation joins the outer transaction (one commit, at the outermost boundary) and must stay
within the outer operation's declared domains; ``requires_new=True`` runs it in a savepoint. Audit
records of every call of one request are collected and written together: in the transaction just
before it commits, or, when the work rolled back, in a short transaction of their own afterwards.
"""

from __future__ import annotations

import inspect
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType
from typing import Any, Protocol, TypeVar, cast, runtime_checkable

from lamina.spine.audit import AuditRecord, AuditSink
from lamina.spine.authority import Authority, AuthorityDecision, allow_all
from lamina.spine.context import NestedCalls, OperationContext, OperationResult, fail, frozen_params, utc_now
from lamina.spine.coordination import Bridge
from lamina.spine.domains import DomainAccess, DomainFactory, scope_handle
from lamina.spine.errors import RegistrationError, UndeclaredDomainError
from lamina.spine.operations import MISSING, Operation, declare_operation
from lamina.spine.transaction import TransactionBoundary, UnitOfWork

__all__ = ["LOGGER_NAME", "REGISTRY_VERSION", "AuditingBoundary", "AuditingUnit", "NestingUnit", "OperationRegistry"]

LOGGER_NAME = "lamina.spine"
REGISTRY_VERSION = "1.0.0"

_T = TypeVar("_T")
_Pipeline = Generator[object, object, _T]


@runtime_checkable
class AuditingBoundary(Protocol):
    """A boundary whose units write audit records in their own transaction (``audit=True``)."""

    @property
    def audits(self) -> bool:
        """Whether its units record audit records."""

    def record_audit(self, records: Sequence[AuditRecord]) -> None | Awaitable[None]:
        """Append records in a short transaction of their own (after a rollback)."""


@runtime_checkable
class AuditingUnit(Protocol):
    """A unit of work that can append audit records inside its transaction."""

    def record_audit(self, records: Sequence[AuditRecord]) -> None | Awaitable[None]:
        """Append records in this transaction; they commit (or roll back) with the work."""


@runtime_checkable
class NestingUnit(Protocol):
    """A unit of work that can run a nested operation in a savepoint (``requires_new=True``)."""

    def savepoint(self, name: str) -> None | Awaitable[None]:
        """Open the savepoint."""

    def release(self, name: str) -> None | Awaitable[None]:
        """Keep its work."""

    def rollback_to(self, name: str) -> None | Awaitable[None]:
        """Undo its work only."""


@dataclass(slots=True)
class _Request:
    """The state one outermost ``execute`` shares with the nested calls it makes (one per call)."""

    tenant_id: str
    request_id: str
    actor_id: str | None
    sync: bool
    unit: UnitOfWork | None = None
    records: list[AuditRecord] = field(default_factory=list)
    rollback_only: str | None = None  # why a joined nested call that failed dooms the transaction
    savepoints: int = 0


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

    __slots__ = (
        "_audit",
        "_auditing",
        "_authority",
        "_clock",
        "_domains",
        "_frozen",
        "_log",
        "_operations",
        "_owners",
        "_transactions",
    )

    def __init__(
        self,
        *,
        transactions: TransactionBoundary | None = None,
        domains: Mapping[str, DomainFactory] | None = None,
        authority: Authority | None = None,
        audit: AuditSink | None = None,
        tables: Mapping[str, Iterable[str]] | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        for domain, factory in (domains or {}).items():
            if not callable(factory):
                raise RegistrationError(f"factory of domain '{domain}' is not callable")
        if audit is not None and isinstance(transactions, AuditingBoundary) and transactions.audits:
            raise RegistrationError(
                "the transaction boundary already audits (audit=True); do not pass audit= to the registry too"
            )
        self._transactions = transactions
        # Decided once: runtime-checkable protocol checks are too slow for the per-call path.
        self._auditing: AuditingBoundary | None = (
            transactions if isinstance(transactions, AuditingBoundary) and transactions.audits else None
        )
        self._domains = None if domains is None else MappingProxyType(dict(domains))
        self._authority: Authority = authority if authority is not None else allow_all
        self._audit = audit
        self._clock = clock
        self._owners = MappingProxyType(_table_owners(domains or {}, tables or {}))
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
    def table_owners(self) -> Mapping[str, str]:
        """Table (lower-case) → owning domain, from ``tables=`` and the bridges' ``tables``."""
        return self._owners

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
        self,
        name: str,
        *,
        tenant_id: str,
        params: Mapping[str, object] | None = None,
        request_id: str | None = None,
        actor_id: str | None = None,
    ) -> OperationResult[Any]:
        """Run one operation end to end; never raises for handler errors."""
        request = self._request(tenant_id, request_id, actor_id, sync=False)
        return await _drive_async(self._pipeline(request, name, params))

    def execute_sync(
        self,
        name: str,
        *,
        tenant_id: str,
        params: Mapping[str, object] | None = None,
        request_id: str | None = None,
        actor_id: str | None = None,
    ) -> OperationResult[Any]:
        """``execute`` for sync handlers and a sync boundary, without an event loop."""
        request = self._request(tenant_id, request_id, actor_id, sync=True)
        return _drive_sync(self._pipeline(request, name, params))

    @staticmethod
    def _request(tenant_id: str, request_id: str | None, actor_id: str | None, *, sync: bool) -> _Request:
        return _Request(
            tenant_id=tenant_id,
            request_id=request_id if request_id is not None else uuid.uuid4().hex,
            actor_id=actor_id,
            sync=sync,
        )

    def _pipeline(
        self, request: _Request, name: str, params: Mapping[str, object] | None
    ) -> _Pipeline[OperationResult[Any]]:
        started = time.perf_counter()
        timestamp = self._clock().isoformat()
        operation = self._operations.get(name)
        reason: str | None = None
        written = False
        try:
            if operation is None:
                result = fail(f"No handler registered for operation: {name}", "UNKNOWN_OPERATION")
            elif request.sync and self._transactions is not None and self._transactions.is_async:
                result = fail(
                    f"operation '{name}' uses an async transaction boundary; use execute()",
                    "ASYNC_TRANSACTION_IN_SYNC_CALL",
                )
            else:
                result, reason, written = yield from self._run(request, operation, params, timestamp, started)
        except BaseException as exc:
            if not isinstance(exc, Exception):  # cancellation: audited, then propagated
                cancelled = _stamp(fail(type(exc).__name__, "CANCELLED"), name, started)
                request.records.append(self._record(request, operation, name, cancelled, timestamp, None, None))
                yield from self._deliver(request.records)
            raise
        if written:  # stamped when its record was written, so record and result agree
            return result
        result = _stamp(result, name, started)
        request.records.append(self._record(request, operation, name, result, timestamp, reason, None))
        yield from self._deliver(request.records)
        return result

    def _record(
        self,
        request: _Request,
        operation: Operation | None,
        name: str,
        result: OperationResult[Any],
        timestamp: str,
        reason: str | None,
        parent: str | None,
    ) -> AuditRecord:
        return AuditRecord(
            operation=name,
            tenant_id=request.tenant_id,
            success=result.success,
            error_code=result.error_code,
            duration_ms=result.duration_ms,
            timestamp=timestamp,
            cross_domain_deps=() if operation is None else operation.cross_domain_deps,
            authority_reason=reason,
            request_id=request.request_id,
            actor_id=request.actor_id,
            parent=parent,
        )

    def _deliver(self, records: Sequence[AuditRecord]) -> _Pipeline[None]:
        """Records that could not commit with the work: the auditing boundary's own transaction, or the sink."""
        if not records:
            return
        auditing = self._auditing
        try:
            if auditing is not None:
                yield auditing.record_audit(tuple(records))
            elif self._audit is not None:
                for record in records:
                    yield self._audit.record(record)
        except Exception:
            self._log.exception("audit of operation '%s' failed; the result is unchanged", records[-1].operation)

    def _authorise(
        self, operation: Operation, ctx: OperationContext[Any]
    ) -> _Pipeline[tuple[OperationResult[Any] | None, str | None]]:
        try:  # fail closed
            decision = yield self._authority(operation, ctx)
        except _AsyncInSyncCall:
            return fail("authority hook is async; use execute()", "AUTHORITY_ERROR"), None
        except Exception as exc:
            return fail(f"{type(exc).__name__}: {exc}", "AUTHORITY_ERROR"), None
        if not isinstance(decision, AuthorityDecision):
            return fail(f"TypeError: authority returned {type(decision).__name__}", "AUTHORITY_ERROR"), None
        if not decision.allowed:
            return fail(decision.reason or "denied by authority", "AUTHORITY_DENIED"), decision.reason
        return None, decision.reason

    def _context(
        self,
        request: _Request,
        operation: Operation,
        params: Mapping[str, object] | None,
        timestamp: str,
        db: object | None,
    ) -> OperationContext[Any]:
        return OperationContext(
            tenant_id=request.tenant_id,
            params=frozen_params(params),
            operation=operation.name,
            timestamp=timestamp,
            db=scope_handle(db, operation.domain, self._owners),
            domains=self._access(operation, db),
            request_id=request.request_id,
            actor_id=request.actor_id,
            nested=_Nested(self, request, operation),
        )

    def _handle(self, operation: Operation, ctx: OperationContext[Any]) -> _Pipeline[OperationResult[Any]]:
        """Call the handler; every ``Exception`` becomes a result, other ``BaseException``s propagate."""
        try:
            value = yield operation.handler.execute(ctx)
        except _AsyncInSyncCall:
            return fail(f"operation '{operation.name}' is async; use execute()", "ASYNC_HANDLER_IN_SYNC_CALL")
        except Exception as exc:
            self._log.error("handler of operation '%s' raised", operation.name, exc_info=exc)
            return fail(str(exc), f"HANDLER_EXCEPTION:{type(exc).__name__}")
        if isinstance(value, OperationResult):
            return value
        return fail(f"handler returned {type(value).__name__}", "INVALID_RESULT")

    def _run(
        self,
        request: _Request,
        operation: Operation,
        params: Mapping[str, object] | None,
        timestamp: str,
        started: float,
    ) -> _Pipeline[tuple[OperationResult[Any], str | None, bool]]:
        ctx = self._context(request, operation, params, timestamp, None)
        denied, reason = yield from self._authorise(operation, ctx)  # before begin: a denial costs no transaction
        if denied is not None:
            return denied, reason, False
        unit: UnitOfWork | None = None
        if self._transactions is not None:
            try:
                unit = cast(UnitOfWork, (yield self._transactions.begin()))
            except _AsyncInSyncCall:
                return fail("transaction boundary is async; use execute()", "TRANSACTION_BEGIN_FAILED"), reason, False
            except Exception as exc:
                return fail(str(exc), "TRANSACTION_BEGIN_FAILED"), reason, False
        request.unit = unit
        if unit is not None:
            db = unit.connection
            ctx = replace(ctx, db=scope_handle(db, operation.domain, self._owners), domains=self._access(operation, db))
        try:
            result = yield from self._handle(operation, ctx)
        except BaseException:
            if unit is not None:
                yield from self._rollback(unit)
                yield from self._close(unit)
            raise
        if result.success and request.rollback_only is not None:
            result = fail(request.rollback_only, "NESTED_OPERATION_FAILED")
        if unit is None:
            return result, reason, False
        return (yield from self._end(request, unit, operation, result, timestamp, reason, started))

    def _end(
        self,
        request: _Request,
        unit: UnitOfWork,
        operation: Operation,
        result: OperationResult[Any],
        timestamp: str,
        reason: str | None,
        started: float,
    ) -> _Pipeline[tuple[OperationResult[Any], str | None, bool]]:
        written = False
        try:
            if result.success:
                if self._auditing is not None and isinstance(unit, AuditingUnit):
                    # The records commit with the work: both durable, or neither.
                    stamped = _stamp(result, operation.name, started)
                    records = [
                        *request.records,
                        self._record(request, operation, operation.name, stamped, timestamp, reason, None),
                    ]
                    try:
                        yield unit.record_audit(records)
                    except Exception as exc:
                        self._log.exception("writing the audit in the transaction failed; rolling back")
                        yield from self._rollback(unit)
                        return fail(f"audit failed: {exc}", "AUDIT_FAILED"), reason, False
                    result, written = stamped, True
                try:
                    yield unit.commit()
                except Exception as exc:
                    self._log.exception("commit failed; rolling back")
                    yield from self._rollback(unit)
                    result, written = fail(str(exc), "COMMIT_FAILED"), False
            else:
                yield from self._rollback(unit)
        finally:
            yield from self._close(unit)
        if written:
            request.records.clear()
        return result, reason, written

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

    def _access(self, operation: Operation, db: object | None) -> DomainAccess:
        return DomainAccess(
            operation.reachable_domains,
            factories=self.domains,
            db=db,
            operation=operation.name,
            own_domain=operation.domain,
            owners=self._owners,
        )

    # -- nested operations ---------------------------------------------------------------------------

    def _nested(
        self,
        request: _Request,
        caller: Operation,
        name: str,
        params: Mapping[str, object] | None,
        requires_new: bool,
    ) -> _Pipeline[OperationResult[Any]]:
        started = time.perf_counter()
        timestamp = self._clock().isoformat()
        operation = self._operations.get(name)
        if operation is None:
            unknown = _stamp(fail(f"No handler registered for operation: {name}", "UNKNOWN_OPERATION"), name, started)
            request.records.append(self._record(request, None, name, unknown, timestamp, None, caller.name))
            return unknown
        outside = sorted(operation.reachable_domains - caller.reachable_domains)
        if outside:
            declared = ", ".join(sorted(caller.dependency_domains)) or "none"
            raise UndeclaredDomainError(
                f"operation '{caller.name}' reached undeclared domain '{outside[0]}' through '{name}'"
                f" (declared: {declared})"
            )
        unit = request.unit
        ctx = self._context(request, operation, params, timestamp, None if unit is None else unit.connection)
        denied, reason = yield from self._authorise(operation, ctx)
        result: OperationResult[Any] | None = denied
        if result is None:
            savepoint = None
            if requires_new and isinstance(unit, NestingUnit):
                request.savepoints += 1
                savepoint = f"spine_nested_{request.savepoints}"
                yield unit.savepoint(savepoint)
            try:
                result = yield from self._handle(operation, ctx)
            except BaseException as exc:
                if not isinstance(exc, Exception):
                    cancelled = _stamp(fail(type(exc).__name__, "CANCELLED"), name, started)
                    request.records.append(
                        self._record(request, operation, name, cancelled, timestamp, reason, caller.name)
                    )
                raise
            if savepoint is not None and unit is not None:
                yield unit.release(savepoint) if result.success else cast(NestingUnit, unit).rollback_to(savepoint)
            elif not result.success and request.rollback_only is None:
                # Joined: its partial writes share the outer transaction, which must not commit them.
                request.rollback_only = f"nested operation '{name}' failed: {result.error}"
        assert result is not None  # denied, or set by the handler above
        stamped = _stamp(result, name, started)
        request.records.append(self._record(request, operation, name, stamped, timestamp, reason, caller.name))
        return stamped


class _Nested(NestedCalls):
    """``ctx.call``/``ctx.call_sync`` for one execution: runs another operation in the same request."""

    __slots__ = ("_caller", "_registry", "_request")

    def __init__(self, registry: OperationRegistry, request: _Request, caller: Operation) -> None:
        self._registry = registry
        self._request = request
        self._caller = caller

    async def call(
        self, name: str, params: Mapping[str, object] | None = None, *, requires_new: bool = False
    ) -> OperationResult[Any]:
        """Run ``name`` in this request (awaiting sync or async hooks)."""
        return await _drive_async(self._registry._nested(self._request, self._caller, name, params, requires_new))

    def call_sync(
        self, name: str, params: Mapping[str, object] | None = None, *, requires_new: bool = False
    ) -> OperationResult[Any]:
        """Run ``name`` in this request from a sync handler (refuses async hooks like ``execute_sync``)."""
        return _drive_sync(self._registry._nested(self._request, self._caller, name, params, requires_new))


def _stamp(result: OperationResult[Any], name: str, started: float) -> OperationResult[Any]:
    elapsed_ms = (time.perf_counter() - started) * 1000.0
    return replace(result, operation=name, duration_ms=round(elapsed_ms, 3))


def _table_owners(domains: Mapping[str, DomainFactory], tables: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Table → owning domain from ``tables=`` and from each bridge class's ``tables``; one owner per table."""
    declared: list[tuple[str, str]] = []
    for domain, factory in domains.items():
        if isinstance(factory, type) and issubclass(factory, Bridge):
            declared.extend((domain, table) for table in factory.tables)
    for domain, names in tables.items():
        if isinstance(names, str):
            raise RegistrationError(f"tables of domain '{domain}' must be a list of names, not a string")
        declared.extend((domain, table) for table in names)
    owners: dict[str, str] = {}
    for domain, table in declared:
        key = table.lower()
        if owners.get(key, domain) != domain:
            raise RegistrationError(f"table '{table}' is claimed by domains '{owners[key]}' and '{domain}'")
        owners[key] = domain
    return owners
