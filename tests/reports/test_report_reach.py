"""The reports' Cross-domain column and pairing "Actual" follow call-level reach (issue 13
item 3): a handler using one bridge method shows that method's domain only, and a coordinator
imported through the coordinators package's re-export (an ``__init__`` without a role) is seen."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_support import ORCHESTRATOR, REPORT_PROJECT, copy_project, read_tree, report

SOURCES = {
    "app/hoc/cus/lessons/L5_engines/lessons_engine.py": '"""Lessons."""\n\n\ndef record(text: str) -> None:\n    return None\n',  # noqa: E501
    f"{ORCHESTRATOR}/coordinators/bridges/policy_bridge.py": '''\
# Layer: L4 — Bridge
"""Policy capabilities: the file imports three domains, each method uses one."""

from __future__ import annotations

from app.hoc.cus.controls.L5_engines.controls_engine import crossed
from app.hoc.cus.lessons.L5_engines.lessons_engine import record
from app.hoc.cus.logs.L5_engines.logs_engine import read_logs


class PolicyBridge:
    def lessons_capability(self, text: str) -> None:
        record(text)

    def controls_capability(self, text: str) -> bool:
        return crossed(text)

    def logs_capability(self, text: str) -> object:
        return read_logs(text)
''',
    f"{ORCHESTRATOR}/coordinators/__init__.py": '''\
"""Cross-domain coordinators."""

from .execution_coordinator import ExecutionCoordinator

__all__ = ["ExecutionCoordinator"]
''',
    f"{ORCHESTRATOR}/coordinators/execution_coordinator.py": '''\
# Layer: L4 — Coordinator
"""Execution across controls and logs."""

from __future__ import annotations


class ExecutionCoordinator:
    def run(self, text: str) -> bool:
        from app.hoc.cus.controls.L5_engines.controls_engine import crossed
        from app.hoc.cus.logs.L5_engines.logs_engine import read_logs

        return crossed(text) and bool(read_logs(text))
''',
    f"{ORCHESTRATOR}/handlers/lessons_handler.py": '''\
# Layer: L4 — Handler
"""policies.lessons: records a lesson through the policy bridge."""

from __future__ import annotations

from typing import Any

from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.policy_bridge import PolicyBridge


class LessonsHandler:
    def execute(self, ctx: Any) -> None:
        PolicyBridge().lessons_capability(ctx.params["text"])


def register_operations(registry: Any) -> None:
    registry.register("policies.lessons", LessonsHandler(), cross_domain_deps=["lessons.record"])
''',
    f"{ORCHESTRATOR}/handlers/execution_handler.py": '''\
# Layer: L4 — Handler
"""policies.execute: runs the execution coordinator, imported from its package."""

from __future__ import annotations

from typing import Any

from app.hoc.cus.hoc_spine.orchestrator.coordinators import ExecutionCoordinator


class ExecuteHandler:
    def execute(self, ctx: Any) -> bool:
        return ExecutionCoordinator().run(ctx.params["text"])


def register_operations(registry: Any) -> None:
    registry.register("policies.execute", ExecuteHandler(), cross_domain_deps=["controls.crossed", "logs.read"])
''',
}


def test_cross_domain_and_actual_follow_the_methods_called(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(REPORT_PROJECT, tmp_path / "project")
    for rel, text in SOURCES.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    result = report(project, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    written = read_tree(project / "reports")
    summary = written[f"{ORCHESTRATOR}/_summary.md"]
    # One bridge method's domain is not cross-domain; before: "yes (controls, lessons, logs)",
    # every domain the bridge's file imports.
    assert (
        "| [lessons_handler.py](handlers/lessons_handler.md) | policies.lessons: records a lesson through the"
        " policy bridge. | Forbidden | no | OK |"
    ) in summary, summary
    # The coordinator behind the package re-export is followed; before: "no".
    assert (
        "| [execution_handler.py](handlers/execution_handler.md) | policies.execute: runs the execution"
        " coordinator, imported from its package. | Forbidden | yes (controls, logs) | OK |"
    ) in summary, summary
    # The operation tables: "Actual" is the handler's call-level reach, no finding on either.
    lessons = written[f"{ORCHESTRATOR}/handlers/lessons_handler.md"]
    assert "| policies.lessons | lessons | lessons | 17 |" in lessons, lessons
    assert "## Findings\n\n_none_" in lessons
    execution = written[f"{ORCHESTRATOR}/handlers/execution_handler.md"]
    assert "| policies.execute | controls, logs | controls, logs | 17 |" in execution, execution
    assert "## Findings\n\n_none_" in execution
