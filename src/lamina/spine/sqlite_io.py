"""How the spine opens sqlite and starts write transactions (the one place that issues BEGIN/COMMIT).

* Connections run in manual-transaction mode (``isolation_level=None``) with a busy timeout, WAL
  (readers never block the writer and vice versa) and foreign keys on.
* Writers start with ``BEGIN IMMEDIATE``: the write lock is taken up front, so a transaction that read
  first can never fail later with "database is locked" when it tries to write (a deferred ``BEGIN``
  cannot upgrade its snapshot once another writer committed).
* ``SQLITE_BUSY`` at the start of a transaction is retried a bounded number of times (``BusyRetry``);
  once a transaction holds the lock nothing is retried, since the handler's work cannot be replayed.

The run trace and the audit log use ``write_transaction`` so that transaction control stays in the
modules registered as transaction owners.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike

__all__ = ["BusyRetry", "begin_immediate", "connect", "is_busy", "sync_level", "write_transaction"]


@dataclass(frozen=True, slots=True)
class BusyRetry:
    """Bounded retry of ``SQLITE_BUSY`` when a transaction starts.

    ``attempts`` is the total number of ``BEGIN IMMEDIATE`` tries (1 disables retrying); each waits up
    to the connection's busy timeout, then sleeps ``delay * 2**n`` seconds, capped at ``max_delay``.
    """

    attempts: int = 5
    delay: float = 0.01
    max_delay: float = 0.5

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("BusyRetry.attempts must be at least 1")
        if self.delay < 0 or self.max_delay < 0:
            raise ValueError("BusyRetry delays must not be negative")

    def pause(self, attempt: int) -> float:
        """Seconds to sleep after the failed try number ``attempt`` (0-based)."""
        return float(min(self.max_delay, self.delay * (2**attempt)))


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is sqlite's "database is locked"/"busy" (retryable before any work ran)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return "locked" in text or "busy" in text


SYNCHRONOUS_LEVELS = frozenset({"OFF", "NORMAL", "FULL", "EXTRA"})


def sync_level(synchronous: str | None, wal: bool) -> str:
    """The ``PRAGMA synchronous`` level: ``NORMAL`` under WAL and ``FULL`` otherwise unless given.

    WAL + NORMAL is sqlite's recommended pairing: a crash of the process (or a killed container) never
    loses a committed transaction and the file is never corrupted; only a power loss or OS crash may roll
    back the last commits before the next checkpoint. Pass ``"FULL"`` for durability across power loss
    at the price of one fsync per commit.
    """
    level = (synchronous or ("NORMAL" if wal else "FULL")).upper()
    if level not in SYNCHRONOUS_LEVELS:
        raise ValueError(f"synchronous must be one of {sorted(SYNCHRONOUS_LEVELS)}, not {synchronous!r}")
    return level


def connect(
    path: str | PathLike[str],
    *,
    timeout: float = 5.0,
    wal: bool = True,
    synchronous: str | None = None,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """Open ``path`` for the spine: manual transactions, busy timeout, WAL, foreign keys, ``sqlite3.Row``."""
    level = sync_level(synchronous, wal)
    raw = sqlite3.connect(path, isolation_level=None, timeout=timeout, check_same_thread=check_same_thread)
    try:
        raw.row_factory = sqlite3.Row
        raw.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if wal:
            # Persistent in the file; on an already-WAL database this is a cheap read.
            raw.execute("PRAGMA journal_mode = WAL")
        raw.execute(f"PRAGMA synchronous = {level}")
        raw.execute("PRAGMA foreign_keys = ON")  # only effective outside a transaction
    except BaseException:
        raw.close()
        raise
    return raw


def begin_immediate(raw: sqlite3.Connection, retry: BusyRetry) -> None:
    """``BEGIN IMMEDIATE`` with the bounded busy retry; the last busy error propagates."""
    for attempt in range(retry.attempts):
        try:
            raw.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or attempt + 1 >= retry.attempts:
                raise
        time.sleep(retry.pause(attempt))


def commit(raw: sqlite3.Connection) -> None:
    """Commit the open transaction."""
    raw.execute("COMMIT")


def rollback(raw: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (a failed COMMIT may already have ended it)."""
    if raw.in_transaction:
        raw.execute("ROLLBACK")


def savepoint(raw: sqlite3.Connection, name: str) -> None:
    """Open a savepoint (a nested transaction inside the open one)."""
    raw.execute(f"SAVEPOINT {name}")


def release(raw: sqlite3.Connection, name: str) -> None:
    """Keep the savepoint's work in the enclosing transaction."""
    raw.execute(f"RELEASE {name}")


def rollback_to(raw: sqlite3.Connection, name: str) -> None:
    """Undo the savepoint's work and drop it; the enclosing transaction stays open."""
    raw.execute(f"ROLLBACK TO {name}")
    raw.execute(f"RELEASE {name}")


@contextmanager
def write_transaction(raw: sqlite3.Connection, retry: BusyRetry) -> Iterator[sqlite3.Connection]:
    """A short ``BEGIN IMMEDIATE`` … ``COMMIT`` block; any exception rolls back and propagates."""
    begin_immediate(raw, retry)
    try:
        yield raw
    except BaseException:
        rollback(raw)
        raise
    commit(raw)
