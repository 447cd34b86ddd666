"""Stage timings with what each stage reused (``--timings``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Clock:
    def __init__(self) -> None:
        self.stages: list[tuple[str, float, str]] = []
        self._notes: dict[str, str] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages.append((name, time.perf_counter() - start, self._notes.pop(name, "")))

    def note(self, stage: str, text: str) -> None:
        """What the stage computed and what it reused, e.g. ``1 parsed, 1440 reused``."""
        self._notes[stage] = text

    def timings(self) -> tuple[tuple[str, float, str], ...]:
        return tuple(self.stages)

