"""Logs API: its own operations, including the aliased traces.* ones."""

from typing import Any


async def trace(registry: Any, trace_id: str) -> object:
    await registry.execute("logs.list")
    return await registry.execute("traces.get", trace_id=trace_id)
