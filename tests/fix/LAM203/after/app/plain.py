"""The import is added after the last top-level import."""

from __future__ import annotations

import asyncio
from typing import Any
import inspect


def probe(fn: Any) -> bool:
    return inspect.iscoroutinefunction(fn)  # keep this comment
