"""Rules engine free of database imports. "import sqlalchemy" in a docstring is not code."""

from __future__ import annotations

from typing import TYPE_CHECKING

import app.types
from app.dbtools import helpers
from app.types import Model, SessionFactory

if TYPE_CHECKING:
    import sqlalchemy
    from sqlalchemy.ext.asyncio import AsyncSession

    from app.db import get_engine
    from app.types import Session

QUERY = "from sqlalchemy import select"


def evaluate(session: AsyncSession, other: Session, engine: sqlalchemy.Engine) -> object:
    # from app.db import get_engine would be a finding; this is a comment.
    return (helpers, Model, SessionFactory, app.types.Session, get_engine, QUERY, session, other, engine)
