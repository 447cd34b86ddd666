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


async def finish_in_new_session(get_session: Any, primary: Any, replica: Any) -> None:
    await (await get_session()).commit()
    (primary or replica).rollback()


def commit_sql(conn: Any) -> None:
    conn.execute("COMMIT")
