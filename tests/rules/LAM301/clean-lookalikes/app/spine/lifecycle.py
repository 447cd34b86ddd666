"""A lifecycle stage registry: its register() takes a stage handler, not an operation."""

from __future__ import annotations


class RegisterHandler:
    def run(self) -> None:
        return None


class StageRegistry:
    def __init__(self) -> None:
        self._stages: list[RegisterHandler] = []

    def register(self, handler: RegisterHandler) -> None:
        self._stages.append(handler)

    @classmethod
    def default(cls) -> StageRegistry:
        registry = cls()
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        registry.register(RegisterHandler())
        return registry


class Lifecycle:
    def __init__(self) -> None:
        self._registry = StageRegistry()

    def extend(self, stage: RegisterHandler) -> None:
        self._registry.register(stage)


def add_stage(registry: StageRegistry, stage: RegisterHandler) -> None:
    registry.register(stage)
