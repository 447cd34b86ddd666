"""Report service with the near misses of the same rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import requests_toolbelt  # a different top-level package than `requests`
from app.db import get_engine  # `names` lists Incident and Tenant only
from app.legacy.compat import shim  # listed in `except`

if TYPE_CHECKING:  # type-only imports are ignored by default
    from app.legacy.exporter import Row


def build(rows: list[Row]) -> int:
    shim()
    return len(rows) + id(get_engine) + id(requests_toolbelt)
