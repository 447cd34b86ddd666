"""Stage timings with what each stage reused (``--timings``)."""

from __future__ import annotations

import gc
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


@contextmanager
def gc_paused() -> Iterator[None]:
    # An analysis builds millions of small, acyclic objects (facts, resolved imports); the
    # cyclic collector would rescan them again and again for nothing (measured: the rules
    # stage of the full HOC pack ran 3x slower with it on).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
