"""The transaction boundary: the registry begins, commits and rolls back; handlers only use the handle.

``SqliteTransactions`` is the embedded default (stdlib ``sqlite3``). Handlers receive a
``GuardedConnection`` that can run statements but refuses every form of transaction control, so the
"only the registry commits" rule holds at runtime and not just in review.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Protocol, Union

from lamina.spine.errors import TransactionOwnershipError

__all__ = [
    "GuardedConnection",
    "SqliteTransactions",
    "SqliteUnit",
    "StatementResult",
    "TransactionBoundary",
    "UnitOfWork",
    "first_keyword",
]

_MaybeAwaitable = Union[None, Awaitable[None]]

# Statements that would end or nest the registry's transaction behind its back.
_CONTROL_KEYWORDS = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


class UnitOfWork(Protocol):
    """One transaction: ``connection`` is what handlers see as ``ctx.db``."""

    @property
    def connection(self) -> object:
        """The guarded handle (read-only in the protocol so any handle type satisfies it)."""

    def commit(self) -> _MaybeAwaitable:
        """Make the handler's writes durable (called only after a successful result)."""

    def rollback(self) -> _MaybeAwaitable:
        """Discard the handler's writes (failure, exception, or a failed commit)."""

    def close(self) -> _MaybeAwaitable:
        """Release the connection; always called last."""


class TransactionBoundary(Protocol):
    """Starts units of work; ``is_async`` tells the sync entry point to refuse it up front."""

    is_async: bool

    def begin(self) -> Union[UnitOfWork, Awaitable[UnitOfWork]]:
        """Open one unit of work for one operation execution."""


def ownership_error(action: str) -> TransactionOwnershipError:
    """The one message for every refused transaction-control attempt."""
    return TransactionOwnershipError(f"the registry owns the transaction; handlers may not call {action}")


def first_keyword(sql: str) -> str:
    """The first SQL keyword after whitespace, ``;`` and ``--``/``/* */`` comments, upper-cased.

    Leading ``;`` is skipped because sqlite3 happily runs ``";COMMIT"`` as a COMMIT.
    """
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] == ";":
            i += 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            break
    j = i
    while j < n and (sql[j].isalnum() or sql[j] == "_"):
        j += 1
    return sql[i:j].upper()


@dataclass(frozen=True, slots=True)
class StatementResult:
    """What a write statement reports; a cursor is not returned because it exposes its connection."""

    rowcount: int
    lastrowid: int | None


class RefusesTransactionControl:
    """What every handle given to handlers shares: the registry owns the transaction, so
    commit, rollback, begin and close are refused (the SQLAlchemy session adds savepoints)."""

    __slots__ = ()

    def commit(self) -> None:
        """Refused: the registry commits after a successful handler."""
        raise ownership_error("commit()")

    def rollback(self) -> None:
        """Refused: return a failed result and the registry rolls back."""
        raise ownership_error("rollback()")

    def begin(self) -> None:
        """Refused: the registry has already begun the transaction."""
        raise ownership_error("begin()")

    def close(self) -> None:
        """Refused: the registry closes the connection after the transaction."""
        raise ownership_error("close()")


class GuardedConnection(RefusesTransactionControl):
    """The handle handlers get: statements yes, transaction control no."""

    __slots__ = ("__conn",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.__conn = conn

    def _check(self, sql: str) -> None:
        keyword = first_keyword(sql)
        if keyword in _CONTROL_KEYWORDS:
            raise ownership_error(f"{keyword}")

    def execute(self, sql: str, params: Sequence[object] | dict[str, object] = ()) -> StatementResult:
        """Run one statement inside the registry's transaction."""
        self._check(sql)
        cursor = self.__conn.execute(sql, params)
        return StatementResult(rowcount=cursor.rowcount, lastrowid=cursor.lastrowid)

    def executemany(self, sql: str, seq: Iterable[Sequence[object]]) -> StatementResult:
        """Run one statement for each parameter row."""
        self._check(sql)
        cursor = self.__conn.executemany(sql, seq)
        return StatementResult(rowcount=cursor.rowcount, lastrowid=None)

    def fetchone(self, sql: str, params: Sequence[object] | dict[str, object] = ()) -> sqlite3.Row | None:
        """Run a query and return its first row (``sqlite3.Row``) or ``None``."""
        self._check(sql)
        row: sqlite3.Row | None = self.__conn.execute(sql, params).fetchone()
        return row

    def fetchall(self, sql: str, params: Sequence[object] | dict[str, object] = ()) -> list[sqlite3.Row]:
        """Run a query and return all rows."""
        self._check(sql)
        rows: list[sqlite3.Row] = self.__conn.execute(sql, params).fetchall()
        return rows

class SqliteUnit:
    """One sqlite transaction opened by ``SqliteTransactions.begin``."""

    __slots__ = ("__raw", "connection")

    def __init__(self, raw: sqlite3.Connection) -> None:
        self.__raw = raw
        self.connection = GuardedConnection(raw)

    def commit(self) -> None:
        """Commit the transaction."""
        self.__raw.execute("COMMIT")

    def rollback(self) -> None:
        """Roll back if a transaction is still open (a failed COMMIT may already have ended it)."""
        if self.__raw.in_transaction:
            self.__raw.execute("ROLLBACK")

    def close(self) -> None:
        """Close the connection."""
        self.__raw.close()


class SqliteTransactions:
    """The embedded default boundary: one fresh sqlite connection and transaction per execution."""

    __slots__ = ("_path", "_timeout")

    is_async = False

    def __init__(self, path: str | PathLike[str], *, timeout: float = 5.0) -> None:
        self._path = path
        self._timeout = timeout

    def begin(self) -> SqliteUnit:
        """Open a connection in manual-transaction mode and execute ``BEGIN``."""
        # isolation_level=None: sqlite3 must not open or commit transactions implicitly; the unit does.
        raw = sqlite3.connect(self._path, isolation_level=None, timeout=self._timeout)
        try:
            raw.row_factory = sqlite3.Row
            raw.execute("PRAGMA foreign_keys = ON")  # only effective outside a transaction
            raw.execute("BEGIN")
        except BaseException:
            raw.close()
            raise
        return SqliteUnit(raw)
