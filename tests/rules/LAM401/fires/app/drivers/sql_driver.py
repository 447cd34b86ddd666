"""Driver sending transaction control as SQL text."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import text


def through_strings(conn: Any, cursor: Any, session: Any) -> None:
    conn.execute("COMMIT")  # expect: LAM401
    conn.execute("  commit work")  # expect: LAM401
    conn.execute("-- done\n/* really */ COMMIT TRANSACTION;")  # expect: LAM401
    conn.exec_driver_sql("commit")  # expect: LAM401
    conn.execute("END")  # expect: LAM401
    conn.execute("ROLLBACK")  # expect: LAM401
    conn.execute("rollback to savepoint before_import")  # expect: LAM401
    conn.execute("BEGIN IMMEDIATE")  # expect: LAM401
    conn.execute("START TRANSACTION")  # expect: LAM401
    conn.execute("SAVEPOINT before_import")  # expect: LAM401
    conn.execute("RELEASE SAVEPOINT before_import")  # expect: LAM401
    cursor.executescript("BEGIN; INSERT INTO t VALUES (1); COMMIT;")  # expect: LAM401
    cursor.execute(sql="COMMIT")  # expect: LAM401
    self_like = conn
    self_like.execute("Commit" " Work")  # expect: LAM401


async def through_text(session: Any, ctx: Any) -> None:
    await session.execute(text("COMMIT"))  # expect: LAM401
    await ctx.session.execute(sa.text("rollback"))  # expect: LAM401
    await (await ctx.get_session()).execute(text("COMMIT"))  # expect: LAM401
    await session.execute(statement=text("BEGIN"))  # expect: LAM401


class Repository:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str) -> None:
        self._conn.execute(sql)

    def flush(self) -> None:
        self.execute("COMMIT")  # expect: LAM401
