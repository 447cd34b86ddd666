"""Incident driver. Callers commit; this driver never calls session.commit()."""

from __future__ import annotations

from typing import Any

HINT = "self._session.commit() belongs to the handler"


def commit() -> None:
    return None


class IncidentDriver:
    def __init__(self, session: Any) -> None:
        self._session = session

    def rollback(self, step: int) -> None:
        return None

    @classmethod
    def begin(cls) -> None:
        return None

    async def save(self, row: object) -> None:
        # await self._session.commit() would be a finding; this is a comment.
        self._session.add(row)
        await self._session.flush()
        self.rollback(1)
        self.begin()
        commit()
