"""The step executor: run a job's steps in declared order, stop at the first failure, never retry.

Every step yields a ``StepResult`` (the evidence of what ran, with what output and health) and, when a
``RunTrace`` is given, one hash-chained trace entry, so a run can later be proven unmodified.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable, Coroutine, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from types import MappingProxyType

from lamina.spine.context import utc_now
from lamina.spine.errors import InvalidTransitionError
from lamina.spine.jobs import JobState, JobStateMachine
from lamina.spine.trace import RunTrace

__all__ = [
    "ExecutionResult",
    "HealthObserver",
    "Step",
    "StepContext",
    "StepExecutor",
    "StepHandler",
    "StepOutcome",
    "StepResult",
    "StepStatus",
]

_EMPTY: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Step:
    """A declared step: its type selects the handler, ``target``/``params`` are the handler's input."""

    step_type: str
    target: str = ""
    params: Mapping[str, object] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True, slots=True)
class StepContext:
    """What a step handler receives (read-only)."""

    job_id: str
    contract_id: str
    index: int
    step_type: str
    target: str
    params: Mapping[str, object]
    executed_by: str
    started_at: str


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """What a step handler returns; ``output`` must be JSON-compatible."""

    success: bool
    output: object = None
    error: str | None = None


class StepStatus(str, Enum):
    """How a step ended."""

    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class StepResult:
    """Evidence for one step."""

    index: int
    step_type: str
    target: str
    status: StepStatus
    output: object
    error: str | None
    started_at: str | None
    finished_at: str | None
    health: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class ExecutionResult:
    """The whole run: counts, per-step evidence, health before/after, timestamps, final job state."""

    job_id: str
    contract_id: str
    final_state: JobState
    executed: int
    succeeded: int
    failed: int
    skipped: int
    steps: tuple[StepResult, ...]
    health_before: Mapping[str, object]
    health_after: Mapping[str, object]
    started_at: str
    finished_at: str

    @property
    def success(self) -> bool:
        """True when the job completed."""
        return self.final_state is JobState.COMPLETED


StepHandler = Callable[[StepContext], StepOutcome | Awaitable[StepOutcome]]
HealthObserver = Callable[[], Mapping[str, object]]


@dataclass(frozen=True, slots=True)
class _TraceAppend:
    """A blocking trace write yielded to the driver: run inline by ``run``, in a thread by ``run_async``."""

    trace: RunTrace
    run_id: str
    payload: Mapping[str, object]

    def __call__(self) -> None:
        self.trace.append(self.run_id, self.payload)


class _AsyncStep(Exception):
    """Thrown into the run by the sync driver when a step handler returned an awaitable."""


class StepExecutor:
    """Runs ``Step`` lists against a fixed table of step handlers."""

    __slots__ = ("_clock", "_handlers", "_trace")

    def __init__(
        self,
        handlers: Mapping[str, StepHandler],
        *,
        clock: Callable[[], datetime] = utc_now,
        trace: RunTrace | None = None,
    ) -> None:
        self._handlers: Mapping[str, StepHandler] = MappingProxyType(dict(handlers))
        self._clock = clock
        self._trace = trace

    def run(
        self,
        job: JobStateMachine,
        steps: Sequence[Step],
        *,
        health: HealthObserver | None = None,
        executed_by: str = "executor",
    ) -> ExecutionResult:
        """Run sync step handlers; an async handler's step fails (use ``run_async``)."""
        run = self._run(job, steps, health, executed_by)
        value: object = None
        error: BaseException | None = None
        while True:
            try:
                outcome = run.send(value) if error is None else run.throw(error)
            except StopIteration as stop:
                return stop.value  # type: ignore[no-any-return]
            value, error = None, None
            if isinstance(outcome, _TraceAppend):
                outcome()
            elif inspect.isawaitable(outcome):
                if isinstance(outcome, Coroutine):
                    outcome.close()
                error = _AsyncStep("step handler is async; use run_async()")
            else:
                value = outcome

    async def run_async(
        self,
        job: JobStateMachine,
        steps: Sequence[Step],
        *,
        health: HealthObserver | None = None,
        executed_by: str = "executor",
    ) -> ExecutionResult:
        """Run steps whose handlers may be sync or async (awaited one at a time, in order)."""
        run = self._run(job, steps, health, executed_by)
        value: object = None
        error: BaseException | None = None
        while True:
            try:
                outcome = run.send(value) if error is None else run.throw(error)
            except StopIteration as stop:
                return stop.value  # type: ignore[no-any-return]
            value, error = None, None
            if isinstance(outcome, _TraceAppend):
                await asyncio.to_thread(outcome)  # sqlite I/O never runs on the event loop
                continue
            try:
                value = (await outcome) if inspect.isawaitable(outcome) else outcome
            except Exception as exc:
                error = exc

    def _run(
        self, job: JobStateMachine, steps: Sequence[Step], health: HealthObserver | None, executed_by: str
    ) -> Generator[object, object, ExecutionResult]:
        if job.state is not JobState.PENDING and not job.is_terminal:
            raise InvalidTransitionError(f"job '{job.job_id}' must be PENDING to run, not {job.state.value}")
        health_before = self._snapshot(health)
        started_at = self._now()
        job.transition(JobState.RUNNING, reason="execution started", by=executed_by)
        results: list[StepResult] = []
        failure: tuple[int, str] | None = None
        for index, step in enumerate(steps):
            if failure is not None:
                result = StepResult(
                    index, step.step_type, step.target, StepStatus.SKIPPED, None, None, None, None, _EMPTY
                )
            else:
                result = yield from self._step(job, index, step, health, executed_by)
                if result.status is StepStatus.FAILED:
                    failure = (index, result.error or "step failed")
            results.append(result)
            yield from self._record(job, result)
        if failure is None:
            job.transition(JobState.COMPLETED, reason="All steps completed successfully", by=executed_by)
        else:
            index, error = failure
            job.transition(JobState.FAILED, reason=f"Step {index} failed: {error}", by=executed_by, step_index=index)
        statuses = [r.status for r in results]
        succeeded = statuses.count(StepStatus.COMPLETED)
        failed = statuses.count(StepStatus.FAILED)
        return ExecutionResult(
            job_id=job.job_id,
            contract_id=job.contract_id,
            final_state=job.state,
            executed=succeeded + failed,
            succeeded=succeeded,
            failed=failed,
            skipped=statuses.count(StepStatus.SKIPPED),
            steps=tuple(results),
            health_before=health_before,
            health_after=self._snapshot(health),
            started_at=started_at,
            finished_at=self._now(),
        )

    def _step(
        self, job: JobStateMachine, index: int, step: Step, health: HealthObserver | None, executed_by: str
    ) -> Generator[object, object, StepResult]:
        started_at = self._now()
        ctx = StepContext(
            job.job_id, job.contract_id, index, step.step_type, step.target,
            MappingProxyType(dict(step.params)), executed_by, started_at,
        )
        status, output, error = StepStatus.FAILED, None, None
        handler = self._handlers.get(step.step_type)
        if handler is None:
            error = f"No handler registered for step type: {step.step_type}"
        else:
            try:
                outcome = yield handler(ctx)
            except _AsyncStep as exc:
                error = str(exc)
            except Exception as exc:  # no retries: the failure is evidence, the run stops here
                error = f"Execution error: {type(exc).__name__}: {exc}"
            else:
                status, output, error = self._judge(outcome)
        return StepResult(
            index, step.step_type, step.target, status, output, error, started_at, self._now(), self._snapshot(health)
        )

    @staticmethod
    def _judge(outcome: object) -> tuple[StepStatus, object, str | None]:
        if not isinstance(outcome, StepOutcome):
            return StepStatus.FAILED, None, f"step handler returned {type(outcome).__name__}, not StepOutcome"
        if not outcome.success:
            return StepStatus.FAILED, None, outcome.error or "step reported failure"
        try:
            json.dumps(outcome.output, allow_nan=False)
        except (TypeError, ValueError):
            return StepStatus.FAILED, None, "output is not JSON-compatible"
        return StepStatus.COMPLETED, outcome.output, None

    def _record(self, job: JobStateMachine, result: StepResult) -> Generator[object, object, None]:
        if self._trace is None:
            return
        yield _TraceAppend(
            self._trace,
            job.job_id,
            {
                "contract_id": job.contract_id,
                "index": result.index,
                "step_type": result.step_type,
                "target": result.target,
                "status": result.status.value,
                "output": result.output,
                "error": result.error,
                "started_at": result.started_at,
                "finished_at": result.finished_at,
            },
        )

    def _snapshot(self, health: HealthObserver | None) -> Mapping[str, object]:
        if health is None:
            return _EMPTY
        try:
            return MappingProxyType(dict(health()))
        except Exception as exc:  # an unhealthy observer must not break the run it observes
            return MappingProxyType({"error": f"{type(exc).__name__}: {exc}"})

    def _now(self) -> str:
        return self._clock().isoformat()
