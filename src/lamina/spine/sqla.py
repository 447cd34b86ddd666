"""Optional SQLAlchemy boundaries (``pip install lamina[sqlalchemy]``).

Handlers get a ``GuardedSession``: the usual data methods, but no commit/rollback/begin/close. The
registry commits or rolls back the underlying session after the handler has returned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

try:
    import sqlalchemy  # noqa: F401  # the dependency check; the adapter uses sessions duck-typed
except ImportError as exc:  # pragma: no cover - exercised only without the extra installed
    raise ImportError("install lamina[sqlalchemy] to use lamina.spine.sqla") from exc

from lamina.spine.transaction import RefusesTransactionControl, ownership_error

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession
    from sqlalchemy.orm import Session

__all__ = [
    "AsyncSqlAlchemyTransactions",
    "AsyncSqlAlchemyUnit",
    "GuardedSession",
    "SqlAlchemyTransactions",
    "SqlAlchemyUnit",
]


class GuardedSession(RefusesTransactionControl):
    """Forwards data access to a ``Session``/``AsyncSession`` and refuses transaction control."""

    __slots__ = ("__session",)

    def __init__(self, session: Session | AsyncSession) -> None:
        self.__session = session

    # Explicit forwarding (not __getattr__): the allowed surface is exactly this list.
    def execute(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.execute``."""
        return self.__session.execute(*args, **kwargs)

    def scalar(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.scalar``."""
        return self.__session.scalar(*args, **kwargs)

    def scalars(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.scalars``."""
        return self.__session.scalars(*args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.get``."""
        return self.__session.get(*args, **kwargs)

    def add(self, instance: object, *args: Any, **kwargs: Any) -> None:
        """``Session.add``."""
        self.__session.add(instance, *args, **kwargs)

    def add_all(self, instances: Any) -> None:
        """``Session.add_all``."""
        self.__session.add_all(instances)

    def delete(self, instance: object) -> Any:
        """``Session.delete`` (a coroutine on ``AsyncSession``)."""
        return self.__session.delete(instance)

    def flush(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.flush``: writes pending changes inside the registry's transaction."""
        return self.__session.flush(*args, **kwargs)

    def refresh(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.refresh``."""
        return self.__session.refresh(*args, **kwargs)

    def merge(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.merge``."""
        return self.__session.merge(*args, **kwargs)

    def begin_nested(self) -> None:
        """Refused: savepoints are transaction control too."""
        raise ownership_error("begin_nested()")


class SqlAlchemyUnit:
    """One ``Session`` (autobegin starts its transaction on first use)."""

    __slots__ = ("__session", "connection")

    def __init__(self, session: Session) -> None:
        self.__session = session
        self.connection = GuardedSession(session)

    def commit(self) -> None:
        """Commit the session."""
        self.__session.commit()

    def rollback(self) -> None:
        """Roll the session back."""
        self.__session.rollback()

    def close(self) -> None:
        """Close the session."""
        self.__session.close()


class SqlAlchemyTransactions:
    """Boundary over a ``sessionmaker``."""

    __slots__ = ("_factory",)

    is_async = False

    def __init__(self, sessionmaker: Callable[[], Session]) -> None:
        self._factory = sessionmaker

    def begin(self) -> SqlAlchemyUnit:
        """A fresh session for one operation."""
        return SqlAlchemyUnit(self._factory())


class AsyncSqlAlchemyUnit:
    """One ``AsyncSession``; commit/rollback/close return coroutines the registry awaits."""

    __slots__ = ("__session", "connection")

    def __init__(self, session: AsyncSession) -> None:
        self.__session = session
        self.connection = GuardedSession(session)

    async def commit(self) -> None:
        """Commit the session."""
        await self.__session.commit()

    async def rollback(self) -> None:
        """Roll the session back."""
        await self.__session.rollback()

    async def close(self) -> None:
        """Close the session."""
        await self.__session.close()


class AsyncSqlAlchemyTransactions:
    """Boundary over an ``async_sessionmaker``; only ``registry.execute`` (async) accepts it."""

    __slots__ = ("_factory",)

    is_async = True

    def __init__(self, async_sessionmaker: Callable[[], AsyncSession]) -> None:
        self._factory = async_sessionmaker

    async def begin(self) -> AsyncSqlAlchemyUnit:
        """A fresh async session for one operation."""
        return AsyncSqlAlchemyUnit(self._factory())
