"""Execution coordinator: reaches the controls domain by name only."""

from typing import Any


class ExecutionCoordinator:
    def __init__(self, domains: Any) -> None:
        self.domains = domains

    def execute(self, text: str) -> None:
        self.domains.get("controls").evaluate(text)
