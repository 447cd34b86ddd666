"""Runner that always awaits. Never write asyncio.iscoroutinefunction(fn) here."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Awaitable, Callable

HINT = "inspect.iscoroutinefunction(fn) is banned"


def iscoroutinefunction(fn: object) -> bool:
    return False


class Runner:
    def iscoroutinefunction(self, fn: object) -> bool:
        return True

    async def run(self, fn: Callable[[], Awaitable[object]]) -> object:
        # asyncio.iscoroutinefunction(fn) would be a finding; this is a comment.
        if self.iscoroutinefunction(fn) and iscoroutinefunction(fn):
            return None
        result = fn()
        if asyncio.iscoroutine(result) and inspect.isfunction(fn):
            return await result
        return await result
