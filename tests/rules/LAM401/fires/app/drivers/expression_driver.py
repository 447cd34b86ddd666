"""Driver committing on receivers that are not rooted in a name."""

from __future__ import annotations

from typing import Any, Awaitable, Callable


async def save(get_session: Callable[[], Awaitable[Any]], primary: Any, replica: Any, read_only: bool) -> None:
    await (await get_session()).commit()  # expect: LAM401
    (primary or replica).rollback()  # expect: LAM401
    (replica if read_only else primary).begin()  # expect: LAM401
    await (  # expect: LAM401
        await get_session()
    ).begin_nested()
    async with (primary and replica).begin():  # expect: LAM401
        pass
