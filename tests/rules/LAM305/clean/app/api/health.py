"""Domain-less API: may execute any operation."""

from typing import Any


async def health(registry: Any) -> object:
    return await registry.execute("logs.pdf")
