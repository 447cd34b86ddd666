"""Staged lifecycles (onboarding, offboarding): named stages with phase invariants and gates.

Each stage names the only state it may start from and the state it leads to; a gate may veto. The
construction checks keep the stage list honest: every stage starts where the lifecycle begins or where
an earlier stage ends, so there is no stage that can never be reached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from lamina.spine.authority import AuthorityDecision
from lamina.spine.errors import GateRejected, InvalidTransitionError

__all__ = ["GateRejected", "Stage", "StagedLifecycle"]

Gate = Callable[[object], AuthorityDecision]


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of a lifecycle: ``from_state`` → ``to_state``, optionally guarded by ``gate(subject)``."""

    name: str
    from_state: str
    to_state: str
    gate: Gate | None = None


class StagedLifecycle:
    """An ordered list of stages and the single operation ``advance``."""

    __slots__ = ("_by_name", "_stages")

    def __init__(self, stages: Sequence[Stage]) -> None:
        if not stages:
            raise ValueError("a lifecycle needs at least one stage")
        by_name: dict[str, Stage] = {}
        reachable = {stages[0].from_state}
        for stage in stages:
            if stage.name in by_name:
                raise ValueError(f"stage '{stage.name}' is defined twice")
            if stage.from_state == stage.to_state:
                raise ValueError(f"stage '{stage.name}' does not change the state")
            if stage.from_state not in reachable:
                raise ValueError(f"stage '{stage.name}' starts from unreachable state '{stage.from_state}'")
            reachable.add(stage.to_state)
            by_name[stage.name] = stage
        self._stages = tuple(stages)
        self._by_name = MappingProxyType(by_name)

    @property
    def stages(self) -> tuple[Stage, ...]:
        """The stages in declared order."""
        return self._stages

    @property
    def initial_state(self) -> str:
        """The state the first stage starts from."""
        return self._stages[0].from_state

    def advance(self, current_state: str, stage_name: str, subject: object) -> str:
        """Return the state after ``stage_name``; raise ``InvalidTransitionError`` or ``GateRejected``."""
        stage = self._by_name.get(stage_name)
        if stage is None:
            raise InvalidTransitionError(f"unknown stage '{stage_name}'")
        if current_state != stage.from_state:
            raise InvalidTransitionError(
                f"stage '{stage_name}' starts from '{stage.from_state}', not '{current_state}'"
            )
        if stage.gate is not None:
            try:
                decision = stage.gate(subject)
            except Exception as exc:  # a broken gate fails closed
                raise GateRejected(stage_name, f"{type(exc).__name__}: {exc}") from exc
            if not isinstance(decision, AuthorityDecision):
                raise GateRejected(stage_name, f"gate returned {type(decision).__name__}")
            if not decision.allowed:
                raise GateRejected(stage_name, decision.reason or "gate refused")
        return stage.to_state
