# Layer: L5 — Domain engine
# Role: Ledger export (broken twin: couples an engine to a database library)
"""Fault: an L5 engine importing SQLAlchemy instead of going through an L6 driver."""

from __future__ import annotations

import sqlalchemy  # expect: LAM402


def export_statement(tenant_id: str) -> str:
    """Build the export query text."""
    return str(sqlalchemy.text(f"SELECT * FROM payments WHERE tenant_id = '{tenant_id}'"))
