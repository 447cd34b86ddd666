"""Incident driver. A docstring saying "never call session.commit()" is not a finding."""

from __future__ import annotations

from typing import Any


def get_db() -> Any:
    return None


SESSIONS: dict[str, Any] = {}


class IncidentDriver:
    session: Any = None

    def __init__(self, session: Any) -> None:
        self._session = session

    async def save(self) -> None:
        await self._session.commit()  # expect: LAM401
        self._session.rollback()  # expect: LAM401

    async def with_context(self, ctx: Any) -> None:
        async with ctx.session.begin():  # expect: LAM401
            await ctx.session.begin_nested()  # expect: LAM401

    def through_calls(self, key: str) -> None:
        get_db().commit()  # expect: LAM401
        SESSIONS[key].rollback()  # expect: LAM401

    @classmethod
    def through_class(cls) -> None:
        cls.session.commit()  # expect: LAM401


async def close(session: Any) -> None:
    await session.commit(  # expect: LAM401
        # a comment between the lines
    )


get_db().rollback()  # expect: LAM401
