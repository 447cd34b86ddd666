"""Logs API: its own operations."""

from typing import Any


async def listing(registry: Any) -> object:
    return await registry.execute("logs.list")
