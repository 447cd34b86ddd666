"""StepExecutor: declared order, stop at first failure, no retries, evidence per step
(docs/spine.md#9-track-long-work)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from lamina.spine import (
    InvalidTransitionError,
    JobImmutableError,
    JobState,
    JobStateMachine,
    RunTrace,
    Step,
    StepContext,
    StepExecutor,
    StepOutcome,
    StepStatus,
)


class Recorder:
    """Step handlers that record every call, so 'never ran' and 'ran once' are observable."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []

    def ok(self, ctx: StepContext) -> StepOutcome:
        self.calls.append((ctx.index, ctx.step_type))
        return StepOutcome(True, {"target": ctx.target})

    def refuse(self, ctx: StepContext) -> StepOutcome:
        self.calls.append((ctx.index, ctx.step_type))
        return StepOutcome(False, error="quota exceeded")

    def crash(self, ctx: StepContext) -> StepOutcome:
        self.calls.append((ctx.index, ctx.step_type))
        raise RuntimeError("driver down")

    def weird(self, ctx: StepContext) -> StepOutcome:
        self.calls.append((ctx.index, ctx.step_type))
        return StepOutcome(True, {"when": object()})

    async def later(self, ctx: StepContext) -> StepOutcome:
        self.calls.append((ctx.index, ctx.step_type))
        return StepOutcome(True, ctx.index)

    def table(self) -> dict[str, object]:
        return {"ok": self.ok, "refuse": self.refuse, "crash": self.crash, "weird": self.weird, "later": self.later}


def run(steps: list[Step], recorder: Recorder, **kwargs: object):  # type: ignore[no-untyped-def]
    job = JobStateMachine("job-1", "contract-1")
    result = StepExecutor(recorder.table(), **kwargs).run(job, steps)  # type: ignore[arg-type]
    return job, result


def test_all_steps_run_in_declared_order() -> None:
    recorder = Recorder()
    job, result = run([Step("ok", "a"), Step("ok", "b"), Step("ok", "c")], recorder)
    assert recorder.calls == [(0, "ok"), (1, "ok"), (2, "ok")]
    assert [s.output for s in result.steps] == [{"target": "a"}, {"target": "b"}, {"target": "c"}]
    assert (result.final_state, job.state) == (JobState.COMPLETED, JobState.COMPLETED)
    assert (result.executed, result.succeeded, result.failed, result.skipped) == (3, 3, 0, 0)
    assert job.history[-1].reason == "All steps completed successfully"


@pytest.mark.parametrize(
    ("failing", "error"),
    [
        ("refuse", "quota exceeded"),
        ("crash", "Execution error: RuntimeError: driver down"),
        ("missing", "No handler registered for step type: missing"),
        ("weird", "output is not JSON-compatible"),
    ],
)
def test_first_failure_stops_the_run_and_skips_the_rest(failing: str, error: str) -> None:
    recorder = Recorder()
    job, result = run([Step("ok"), Step(failing), Step("ok"), Step("ok")], recorder)
    ran = [(0, "ok")] + ([] if failing == "missing" else [(1, failing)])
    assert recorder.calls == ran, "nothing after the failure ran and nothing was retried"
    assert [s.status for s in result.steps] == [
        StepStatus.COMPLETED, StepStatus.FAILED, StepStatus.SKIPPED, StepStatus.SKIPPED,
    ]
    assert result.steps[1].error == error
    assert (result.executed, result.succeeded, result.failed, result.skipped) == (2, 1, 1, 2)
    assert job.state is JobState.FAILED
    assert job.history[-1].reason == f"Step 1 failed: {error}"
    assert job.history[-1].step_index == 1


def test_step_context_is_complete_and_read_only() -> None:
    seen: list[StepContext] = []

    def capture(ctx: StepContext) -> StepOutcome:
        seen.append(ctx)
        return StepOutcome(True)

    job = JobStateMachine("job-9", "c-9")
    StepExecutor({"capture": capture}).run(job, [Step("capture", "tgt", {"n": 1})], executed_by="alice")
    ctx = seen[0]
    assert (ctx.job_id, ctx.contract_id, ctx.index, ctx.step_type, ctx.target, ctx.executed_by) == (
        "job-9", "c-9", 0, "capture", "tgt", "alice",
    )
    with pytest.raises(TypeError):
        ctx.params["n"] = 2  # type: ignore[index]


def test_health_is_observed_before_and_after_each_step_without_being_modified() -> None:
    level = {"value": 10}

    def drain(ctx: StepContext) -> StepOutcome:
        level["value"] -= 3
        return StepOutcome(True)

    job = JobStateMachine("j", "c")
    result = StepExecutor({"drain": drain}).run(job, [Step("drain"), Step("drain")], health=lambda: dict(level))
    assert dict(result.health_before) == {"value": 10}
    assert [dict(s.health) for s in result.steps] == [{"value": 7}, {"value": 4}]
    assert dict(result.health_after) == {"value": 4}
    with pytest.raises(TypeError):
        result.health_before["value"] = 0  # type: ignore[index]


def test_job_must_be_pending() -> None:
    recorder = Recorder()
    running = JobStateMachine("j", "c")
    running.transition(JobState.RUNNING, reason="r", by="t")
    with pytest.raises(InvalidTransitionError, match="must be PENDING"):
        StepExecutor(recorder.table()).run(running, [Step("ok")])  # type: ignore[arg-type]
    done = JobStateMachine("j", "c")
    StepExecutor(recorder.table()).run(done, [])  # type: ignore[arg-type]
    with pytest.raises(JobImmutableError):
        StepExecutor(recorder.table()).run(done, [Step("ok")])  # type: ignore[arg-type]
    assert recorder.calls == []


def test_async_handlers_need_run_async() -> None:
    recorder = Recorder()
    job, result = run([Step("later"), Step("ok")], recorder)
    assert result.steps[0].error == "step handler is async; use run_async()"
    assert job.state is JobState.FAILED

    recorder = Recorder()
    job = JobStateMachine("job-2", "c")
    executor = StepExecutor(recorder.table())  # type: ignore[arg-type]
    result = asyncio.run(executor.run_async(job, [Step("later"), Step("ok"), Step("crash"), Step("ok")]))
    assert [s.status.value for s in result.steps] == ["COMPLETED", "COMPLETED", "FAILED", "SKIPPED"]
    assert recorder.calls == [(0, "later"), (1, "ok"), (2, "crash")]


def test_every_step_is_traced_and_the_trace_verifies(tmp_path: Path) -> None:
    trace = RunTrace(tmp_path / "runs.sqlite3")
    recorder = Recorder()
    job, result = run([Step("ok", "a"), Step("refuse"), Step("ok")], recorder, trace=trace)
    payloads = trace.payloads("job-1")
    assert [(p["index"], p["status"]) for p in payloads] == [(0, "COMPLETED"), (1, "FAILED"), (2, "SKIPPED")]
    assert payloads[1]["error"] == "quota exceeded"
    assert trace.verify("job-1").ok and trace.head("job-1")[0] == 3


def test_empty_step_list_completes() -> None:
    job, result = run([], Recorder())
    assert result.success and result.executed == 0
