"""The transaction coordinator owns commits and rollbacks."""

from __future__ import annotations

from typing import Any


class TransactionCoordinator:
    def __init__(self, session: Any) -> None:
        self._session = session

    async def finish(self, ok: bool) -> None:
        if ok:
            await self._session.commit()
        else:
            await self._session.rollback()
