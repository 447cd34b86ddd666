"""The logs package: binds a name and re-exports the store."""

from app.logs.store import Store

RETENTION_DAYS = 30

__all__ = ["Store", "RETENTION_DAYS"]
