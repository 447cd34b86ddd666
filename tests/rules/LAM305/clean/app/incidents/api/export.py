"""Incidents API executing only incidents operations.

A docstring is never code: registry.execute("logs.pdf") executes nothing.
"""

from typing import Any


class ExportApi:
    def __init__(self, registry: Any, job_queue: Any) -> None:
        self._registry = registry
        self._job_queue = job_queue

    async def incidents(self, name: str, kind: str) -> object:
        await self._registry.execute("incidents.list")
        await self._registry.execute(name)
        await self._registry.execute(f"logs.{kind}")
        # registry.execute("logs.pdf") in a comment is not code either
        return self._job_queue.execute("logs.pdf")  # not an operation registry
