"""Driver whose SQL looks like transaction control but is not."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import text

log = logging.getLogger(__name__)


def look_alikes(conn: Any, cursor: Any, session: Any, sql: str, commit: str) -> None:
    conn.execute("SELECT 'COMMIT'")
    conn.execute("SELECT 1 -- ; COMMIT")
    conn.execute("UPDATE jobs SET state = 'rollback; commit' WHERE id = 1")
    conn.execute('SELECT "end" FROM ranges')
    conn.execute("INSERT INTO log (msg) VALUES ('BEGIN'); SELECT 1")
    cursor.executescript(
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN"
        " UPDATE b SET n = CASE WHEN 1 THEN 2 END; DELETE FROM c; END;"
    )
    log.info("commit")
    print("COMMIT")
    conn.execute(sql)
    conn.execute(commit)
    conn.execute(f"COMMIT{''}")
    conn.execute("COM" + "MIT")
    session.execute(text(sql))
    session.execute(str("COMMIT"))
    conn.execute("committed_rows")
    conn.execute(b"COMMIT")
