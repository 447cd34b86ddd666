"""Audit coordinator that receives sessions."""

from __future__ import annotations

from typing import Optional

from sqlalchemy.ext.asyncio import AsyncSession


class AuditCoordinator:
    def __init__(self, session: object) -> None:  # expect: LAM306
        self._session = session

    async def record(self, event: str, *, session: AsyncSession) -> None:  # expect: LAM306
        return None

    def bulk(self, *events: str, db_session: object = None) -> None:  # expect: LAM306
        return None

    def positional_only(self, session: object, /) -> None:  # expect: LAM306
        return None

    @staticmethod
    def open(session: object) -> None:  # expect: LAM306
        return None

    @classmethod
    def build(cls, db: "AsyncSession") -> AuditCoordinator:  # expect: LAM306
        return cls(db)


def record_all(
    events: list[str],
    conn: Optional[AsyncSession] = None,  # expect: LAM306
) -> None:
    return None


class HandlerCoordinator:
    handler = lambda session: session  # expect: LAM306  # noqa: E731
    typed: object = lambda event, *, db_session=None: event  # expect: LAM306  # noqa: E731
    method_like = lambda self, conn: None  # noqa: E731
    annotated_later = (
        lambda self,
        session: None  # expect: LAM306
    )  # noqa: E731


on_close = lambda session: None  # expect: LAM306  # noqa: E731
