"""The job state machine: the transition table, immutability, timestamps (docs/spine.md#9-track-long-work)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import count

import pytest

from lamina.spine import (
    ALLOWED_TRANSITIONS,
    InvalidTransitionError,
    JobImmutableError,
    JobState,
    JobStateMachine,
    TransitionRecord,
)

ALL = list(JobState)


def ticking_clock():  # type: ignore[no-untyped-def]
    ticks = count()
    base = datetime(2026, 1, 31, 12, 0, tzinfo=timezone.utc)
    return lambda: base + timedelta(seconds=next(ticks))


def job_in(state: JobState) -> JobStateMachine:
    job = JobStateMachine("j1", "contract-1")
    path = {
        JobState.PENDING: [],
        JobState.RUNNING: [JobState.RUNNING],
        JobState.COMPLETED: [JobState.RUNNING, JobState.COMPLETED],
        JobState.FAILED: [JobState.RUNNING, JobState.FAILED],
        JobState.CANCELLED: [JobState.CANCELLED],
    }[state]
    for step in path:
        job.transition(step, reason="setup", by="test")
    return job


def test_contract_id_is_required() -> None:
    with pytest.raises(ValueError):
        JobStateMachine("j1", "")


def test_happy_path_records_history_and_timestamps_once() -> None:
    job = JobStateMachine("j1", "c1", clock=ticking_clock())
    assert job.state is JobState.PENDING and job.started_at is None
    job.transition(JobState.RUNNING, reason="go", by="executor")
    record = job.transition("COMPLETED", reason="done", by="executor", step_index=2)
    assert record == TransitionRecord(
        JobState.RUNNING, JobState.COMPLETED, 2, "done", "executor", "2026-01-31T12:00:01+00:00"
    )
    assert [r.to_state for r in job.history] == [JobState.RUNNING, JobState.COMPLETED]
    assert job.started_at == "2026-01-31T12:00:00+00:00"
    assert job.completed_at == "2026-01-31T12:00:01+00:00"


@pytest.mark.parametrize("source", [JobState.PENDING, JobState.RUNNING])
@pytest.mark.parametrize("target", ALL)
def test_non_terminal_states_follow_the_table_exactly(source: JobState, target: JobState) -> None:
    job = job_in(source)
    if target in ALLOWED_TRANSITIONS[source]:
        job.transition(target, reason="r", by="t")
        assert job.state is target
    else:
        with pytest.raises(InvalidTransitionError, match=f"^job 'j1' cannot go from {source.value} to {target.value}$"):
            job.transition(target, reason="r", by="t")
        assert job.state is source


@pytest.mark.parametrize("source", [JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED])
@pytest.mark.parametrize("target", ALL)
def test_terminal_states_are_immutable(source: JobState, target: JobState) -> None:
    job = job_in(source)
    before = job.history
    with pytest.raises(JobImmutableError, match=f"^job 'j1' is {source.value} and cannot change$"):
        job.transition(target, reason="r", by="t")
    assert job.history == before


def test_cancel_from_pending_sets_completed_at_but_not_started_at() -> None:
    job = job_in(JobState.CANCELLED)
    assert job.started_at is None and job.completed_at is not None


def test_the_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        ALLOWED_TRANSITIONS[JobState.COMPLETED] = frozenset({JobState.RUNNING})  # type: ignore[index]
    assert ALLOWED_TRANSITIONS[JobState.PENDING] == frozenset({JobState.RUNNING, JobState.CANCELLED})
    assert ALLOWED_TRANSITIONS[JobState.RUNNING] == frozenset({JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED})
