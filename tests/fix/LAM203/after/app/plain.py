"""The import is added after the last top-level import."""

from __future__ import annotations

import inspect
from typing import Any


def probe(fn: Any) -> bool:
    return inspect.iscoroutinefunction(fn)  # keep this comment
