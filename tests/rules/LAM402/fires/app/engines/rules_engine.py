"""Rules engine coupled to the database."""

from __future__ import annotations

import asyncpg as pg  # expect: LAM402
import sqlalchemy  # expect: LAM402
from sqlalchemy.ext.asyncio import AsyncSession  # expect: LAM402

from app import db  # expect: LAM402
from app.db import get_engine  # expect: LAM402
from app.types import Session  # expect: LAM402
from app.types import (  # expect: LAM402
    Model,
    AsyncSession as TypedSession,
)


def evaluate() -> object:
    import importlib

    import psycopg2.extras  # expect: LAM402

    sqlmodel = importlib.import_module("sqlmodel")  # expect: LAM402
    return (pg, sqlalchemy, AsyncSession, db, get_engine, Session, Model, TypedSession, psycopg2, sqlmodel)
