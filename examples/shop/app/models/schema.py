# Layer: L7 — Model
# Role: Creates every table of the shop (deployment step, not an operation)
"""Schema creation for a fresh database."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from os import PathLike

from app.models.billing import ACCOUNTS_DDL, PAYMENTS_DDL
from app.models.inventory import RESERVATIONS_DDL, SIGNALS_DDL, STOCK_DDL
from app.models.order import ORDERS_DDL

ALL_DDL: tuple[str, ...] = (ORDERS_DDL, STOCK_DDL, RESERVATIONS_DDL, SIGNALS_DDL, ACCOUNTS_DDL, PAYMENTS_DDL)


def create_schema(path: str | PathLike[str]) -> None:
    """Create all tables (idempotent). Runs before the registry exists, so it uses its own connection."""
    with closing(sqlite3.connect(path)) as conn:
        # executescript runs each CREATE in autocommit mode; no operation is involved yet.
        conn.executescript(";\n".join(ALL_DDL))
