"""A one-off script outside the rule's scope."""

from __future__ import annotations

from typing import Any


def migrate(session: Any) -> None:
    session.commit()


async def migrate_async(get_session: Any) -> None:
    await (await get_session()).commit()


def migrate_sql(conn: Any) -> None:
    conn.execute("COMMIT")
