"""An operation using a coordinator imported from its package's re-export."""

from typing import Any

from app.spine.orchestrator.coordinators import ExecutionCoordinator
from app.spine.registry import OperationRegistry


class ExecuteHandler:
    def execute(self, ctx: Any) -> None:
        ExecutionCoordinator(ctx.domains).execute(ctx.params["text"])


def register_execution(registry: OperationRegistry) -> None:
    registry.register("policies.execute", ExecuteHandler(), cross_domain_deps=["controls.evaluate"])
