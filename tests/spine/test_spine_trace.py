"""Run proof: the hash chain, its golden vectors and every tampering kind (docs/spine.md#9-track-long-work)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from lamina.spine import RunTrace, TraceError, VerifyResult
from lamina.spine.trace import ZERO_HASH, canonical

GOLDEN_0 = "965ca94b85db8f038d8ce1dc8ea0454ab5f661730761054c4cbdbbd3d0aa46e1"
GOLDEN_1 = "5a36ef842423d5c188f1b5e76a3253825553429616be499baf88e6cf2ae64e39"


@pytest.fixture
def trace(tmp_path: Path) -> RunTrace:
    return RunTrace(tmp_path / "trace.sqlite3")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "trace.sqlite3"


def broken(result: VerifyResult) -> tuple[int | None, str | None]:
    """The failure location of a result that must not be ok."""
    assert not result.ok
    return result.first_bad_index, result.problem


def five(trace: RunTrace, run_id: str = "run-1") -> None:
    for i in range(5):
        trace.append(run_id, {"step": i, "status": "completed"})


def sql(path: Path, statement: str, *args: object) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(statement, args)
        conn.commit()


def test_golden_vectors(trace: RunTrace) -> None:
    first = trace.append("run-123", {"skill": "test_skill", "status": "completed", "step": 0})
    second = trace.append("run-123", {"skill": "llm_invoke", "status": "failure", "step": 1})
    assert (first.index, first.prev_hash, first.hash) == (0, ZERO_HASH, GOLDEN_0)
    assert (second.index, second.prev_hash, second.hash) == (1, GOLDEN_0, GOLDEN_1)
    assert trace.head("run-123") == (2, GOLDEN_1)
    assert trace.verify("run-123") == VerifyResult(True, 2, GOLDEN_1)


def test_payload_is_stored_canonically(trace: RunTrace, path: Path) -> None:
    trace.append("r", {"b": (1, 2), "a": "é"})
    with closing(sqlite3.connect(path)) as conn:
        stored = conn.execute("SELECT payload FROM trace_entries").fetchone()[0]
    assert stored == '{"a":"é","b":[1,2]}'
    assert canonical({"b": 1, "a": 2}) == b'{"a":2,"b":1}'
    assert trace.payloads("r") == ({"a": "é", "b": [1, 2]},)


def test_empty_run_verifies_with_length_zero(trace: RunTrace) -> None:
    assert trace.verify("never") == VerifyResult(True, 0, ZERO_HASH)


def test_runs_are_independent_chains(trace: RunTrace) -> None:
    five(trace, "a")
    trace.append("b", {"step": 0})
    assert trace.verify("a").ok and trace.verify("b").ok
    assert trace.head("b")[0] == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"x": float("nan")},
        {"x": float("inf")},
        {"x": object()},
        {1: "int key"},
        {"nested": {2: "x"}},
        ["not", "a", "map"],
    ],
)
def test_non_json_payloads_are_refused_and_nothing_is_written(trace: RunTrace, payload: object) -> None:
    with pytest.raises(TraceError):
        trace.append("r", payload)  # type: ignore[arg-type]
    assert trace.head("r") == (0, ZERO_HASH)


def test_modified_payload_is_named(trace: RunTrace, path: Path) -> None:
    five(trace)
    sql(path, "UPDATE trace_entries SET payload = ? WHERE idx = 2", '{"status":"failed","step":2}')
    assert broken(trace.verify("run-1")) == (2, "modified entry")


def test_non_canonical_payload_text_is_a_modification(trace: RunTrace, path: Path) -> None:
    five(trace)
    sql(path, "UPDATE trace_entries SET payload = ? WHERE idx = 1", '{"step": 1, "status": "completed"}')
    assert broken(trace.verify("run-1")) == (1, "modified entry")


def test_modified_hash_is_named(trace: RunTrace, path: Path) -> None:
    five(trace)
    sql(path, "UPDATE trace_entries SET hash = ? WHERE idx = 3", "f" * 64)
    assert broken(trace.verify("run-1")) == (3, "modified entry")


def test_deleted_entry_is_a_missing_entry(trace: RunTrace, path: Path) -> None:
    five(trace)
    sql(path, "DELETE FROM trace_entries WHERE idx = 1")
    assert broken(trace.verify("run-1")) == (1, "missing entry")


def test_deleted_and_renumbered_entry_is_a_broken_link(trace: RunTrace, path: Path) -> None:
    five(trace)
    sql(path, "DELETE FROM trace_entries WHERE idx = 1")
    sql(path, "UPDATE trace_entries SET idx = idx - 1 WHERE idx > 1")
    assert broken(trace.verify("run-1")) == (1, "broken link")


def test_inserted_entry_is_a_broken_link(trace: RunTrace, path: Path) -> None:
    five(trace)
    sql(path, "UPDATE trace_entries SET idx = idx + 100 WHERE idx >= 2")
    sql(path, "UPDATE trace_entries SET idx = idx - 99 WHERE idx >= 100")
    sql(
        path,
        "INSERT INTO trace_entries VALUES ('run-1', 2, ?, ?, ?)",
        '{"status":"forged","step":9}', "a" * 64, "b" * 64,
    )
    assert broken(trace.verify("run-1")) == (2, "broken link")


def test_reordered_entries_are_a_broken_link(trace: RunTrace, path: Path) -> None:
    five(trace)
    sql(path, "UPDATE trace_entries SET idx = 99 WHERE idx = 1")
    sql(path, "UPDATE trace_entries SET idx = 1 WHERE idx = 3")
    sql(path, "UPDATE trace_entries SET idx = 3 WHERE idx = 99")
    assert broken(trace.verify("run-1")) == (1, "broken link")


def test_entry_moved_from_another_run_is_detected(trace: RunTrace, path: Path) -> None:
    five(trace, "a")
    five(trace, "b")
    sql(path, "DELETE FROM trace_entries WHERE run_id = 'a' AND idx = 4")
    sql(path, "UPDATE trace_entries SET run_id = 'a' WHERE run_id = 'b' AND idx = 4")
    assert broken(trace.verify("a")) == (4, "broken link")


def test_truncated_tail_is_detected_against_the_head(trace: RunTrace, path: Path) -> None:
    five(trace)
    sql(path, "DELETE FROM trace_entries WHERE idx >= 3")
    assert broken(trace.verify("run-1")) == (3, "truncated")


def test_entries_beyond_head(trace: RunTrace, path: Path) -> None:
    five(trace)
    sql(path, "UPDATE trace_heads SET length = 3")
    assert broken(trace.verify("run-1")) == (3, "entries beyond head")


def test_head_mismatch(trace: RunTrace, path: Path) -> None:
    five(trace)
    sql(path, "UPDATE trace_heads SET head_hash = ?", "c" * 64)
    assert broken(trace.verify("run-1")) == (4, "head mismatch")


def test_whole_file_rewrite_is_caught_only_by_the_published_head(trace: RunTrace, tmp_path: Path) -> None:
    five(trace)
    published = trace.head("run-1")
    forged = RunTrace(tmp_path / "forged.sqlite3")
    for i in range(5):
        forged.append("run-1", {"step": i, "status": "completed" if i != 2 else "forged"})
    assert forged.verify("run-1").ok, "internally consistent"
    assert broken(forged.verify("run-1", expected_head=published)) == (4, "head differs from expected")
    assert trace.verify("run-1", expected_head=published).ok


def test_appends_continue_the_chain_after_reopening(path: Path) -> None:
    RunTrace(path).append("r", {"n": 0})
    entry = RunTrace(path).append("r", {"n": 1})
    assert entry.index == 1 and RunTrace(path).verify("r").ok


def test_there_is_no_update_or_delete_api() -> None:
    public = {name for name in dir(RunTrace) if not name.startswith("_")}
    assert public == {"append", "head", "payloads", "verify"}
