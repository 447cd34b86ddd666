"""lamina.spine: a small orchestrator runtime to build a layered service on.

The registry is the only execution entry point: it resolves operations from an explicit table, enforces
the declared ``cross_domain_deps`` at runtime, owns the transaction (handlers cannot commit) and writes an
audit record for every call that commits with the work (hash-chained, verifiable). Operations may run
other operations in the same transaction (``await ctx.call(...)``). Jobs, a step executor, staged
lifecycles and a hash-chained run trace cover execution tracking. Standard library only;
``lamina.spine.sqla`` adds SQLAlchemy boundaries.

Nothing here registers itself on import and there is no global registry: build one with
``OperationRegistry(...)`` in your composition root.
"""

from __future__ import annotations

from lamina.spine.async_sqlite import AsyncGuardedConnection, AsyncSqliteTransactions
from lamina.spine.audit import AuditRecord, AuditSink, SqliteAuditSink
from lamina.spine.authority import Authority, AuthorityDecision, allow_all
from lamina.spine.context import NestedCalls, OperationContext, OperationResult, fail, ok, utc_now
from lamina.spine.coordination import (
    Bridge,
    Coordinator,
    Evidence,
    EvidenceGap,
    gather_evidence,
    gather_evidence_async,
)
from lamina.spine.dispatch import DispatchMap
from lamina.spine.domains import NO_DOMAINS, DomainAccess, DomainFactory
from lamina.spine.errors import (
    ForeignTableError,
    GateRejected,
    InvalidTransitionError,
    JobImmutableError,
    RegistrationError,
    SpineError,
    TraceError,
    TransactionOwnershipError,
    UndeclaredDomainError,
)
from lamina.spine.executor import (
    ExecutionResult,
    HealthObserver,
    Step,
    StepContext,
    StepExecutor,
    StepHandler,
    StepOutcome,
    StepResult,
    StepStatus,
)
from lamina.spine.jobs import ALLOWED_TRANSITIONS, TERMINAL_STATES, JobState, JobStateMachine, TransitionRecord
from lamina.spine.lifecycle import Stage, StagedLifecycle
from lamina.spine.operations import Operation, OperationHandler
from lamina.spine.registry import OperationRegistry
from lamina.spine.sqlite_io import BusyRetry
from lamina.spine.trace import RunTrace, TraceEntry, VerifyResult
from lamina.spine.transaction import (
    GuardedConnection,
    SqliteTransactions,
    StatementResult,
    TransactionBoundary,
    UnitOfWork,
)

__all__ = [
    "ALLOWED_TRANSITIONS",
    "AsyncGuardedConnection",
    "AsyncSqliteTransactions",
    "AuditRecord",
    "AuditSink",
    "Authority",
    "AuthorityDecision",
    "Bridge",
    "BusyRetry",
    "Coordinator",
    "DispatchMap",
    "DomainAccess",
    "DomainFactory",
    "Evidence",
    "EvidenceGap",
    "ExecutionResult",
    "ForeignTableError",
    "GateRejected",
    "GuardedConnection",
    "HealthObserver",
    "InvalidTransitionError",
    "JobImmutableError",
    "JobState",
    "JobStateMachine",
    "NO_DOMAINS",
    "NestedCalls",
    "Operation",
    "OperationContext",
    "OperationHandler",
    "OperationRegistry",
    "OperationResult",
    "RegistrationError",
    "RunTrace",
    "SpineError",
    "SqliteAuditSink",
    "SqliteTransactions",
    "Stage",
    "StagedLifecycle",
    "StatementResult",
    "Step",
    "StepContext",
    "StepExecutor",
    "StepHandler",
    "StepOutcome",
    "StepResult",
    "StepStatus",
    "TERMINAL_STATES",
    "TraceEntry",
    "TraceError",
    "TransactionBoundary",
    "TransactionOwnershipError",
    "TransitionRecord",
    "UndeclaredDomainError",
    "UnitOfWork",
    "VerifyResult",
    "allow_all",
    "fail",
    "gather_evidence",
    "gather_evidence_async",
    "ok",
    "utc_now",
]
