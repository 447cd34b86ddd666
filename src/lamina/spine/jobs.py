"""The job state machine: one frozen transition table, an append-only history."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from types import MappingProxyType

from lamina.spine.context import utc_now
from lamina.spine.errors import InvalidTransitionError, JobImmutableError

__all__ = ["ALLOWED_TRANSITIONS", "TERMINAL_STATES", "JobState", "JobStateMachine", "TransitionRecord"]


class JobState(str, Enum):
    """The five job states; the value is the name so records serialise readably."""

    PENDING = "PENDING"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"

    def __str__(self) -> str:
        return self.value


TERMINAL_STATES = frozenset({JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED})

ALLOWED_TRANSITIONS: Mapping[JobState, frozenset[JobState]] = MappingProxyType(
    {
        JobState.PENDING: frozenset({JobState.RUNNING, JobState.CANCELLED}),
        JobState.RUNNING: frozenset({JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED}),
        JobState.COMPLETED: frozenset(),
        JobState.FAILED: frozenset(),
        JobState.CANCELLED: frozenset(),
    }
)


@dataclass(frozen=True, slots=True)
class TransitionRecord:
    """One state change: who moved the job, why, and (for step failures) at which step."""

    from_state: JobState
    to_state: JobState
    step_index: int | None
    reason: str
    by: str
    at: str


class JobStateMachine:
    """A job's state with the only legal ways to change it."""

    __slots__ = ("_clock", "_history", "_state", "completed_at", "contract_id", "job_id", "started_at")

    def __init__(self, job_id: str, contract_id: str, *, clock: Callable[[], datetime] = utc_now) -> None:
        if not contract_id:
            raise ValueError(f"job '{job_id}' needs a non-empty contract_id")
        self.job_id = job_id
        self.contract_id = contract_id
        self._clock = clock
        self._state = JobState.PENDING
        self._history: tuple[TransitionRecord, ...] = ()
        self.started_at: str | None = None
        self.completed_at: str | None = None

    @property
    def state(self) -> JobState:
        """The current state."""
        return self._state

    @property
    def history(self) -> tuple[TransitionRecord, ...]:
        """Every transition so far, oldest first."""
        return self._history

    @property
    def is_terminal(self) -> bool:
        """Whether the job can no longer change."""
        return self._state in TERMINAL_STATES

    def transition(
        self, to: JobState | str, *, reason: str, by: str, step_index: int | None = None
    ) -> TransitionRecord:
        """Move to ``to`` if the table allows it; raise ``JobImmutableError`` / ``InvalidTransitionError``."""
        target = JobState(to)
        if self._state in TERMINAL_STATES:
            raise JobImmutableError(f"job '{self.job_id}' is {self._state.value} and cannot change")
        if target not in ALLOWED_TRANSITIONS[self._state]:
            raise InvalidTransitionError(
                f"job '{self.job_id}' cannot go from {self._state.value} to {target.value}"
            )
        at = self._clock().isoformat()
        record = TransitionRecord(
            from_state=self._state, to_state=target, step_index=step_index, reason=reason, by=by, at=at
        )
        self._state = target
        self._history = (*self._history, record)
        if target is JobState.RUNNING and self.started_at is None:
            self.started_at = at
        if target in TERMINAL_STATES and self.completed_at is None:
            self.completed_at = at
        return record

    def __repr__(self) -> str:
        return f"JobStateMachine(job_id={self.job_id!r}, state={self._state.value})"
