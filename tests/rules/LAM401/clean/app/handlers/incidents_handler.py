"""Handler: a transaction owner."""

from __future__ import annotations

from typing import Any


async def handle(session: Any) -> None:
    async with session.begin():
        await session.flush()
    await session.commit()
