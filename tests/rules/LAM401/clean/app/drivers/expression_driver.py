"""Expression receivers calling methods that are not transaction methods."""

from __future__ import annotations

from typing import Any, Awaitable, Callable


async def load(get_session: Callable[[], Awaitable[Any]], primary: Any, replica: Any, ids: list[str]) -> str:
    await (await get_session()).flush()
    (primary or replica).add(ids)
    (primary or replica).commit_message = "not a call"
    await (await get_session()).close()
    return ",".join(ids)
