"""One LAM203 is left of the two the baseline accepted; the other entry's code was fixed."""

from __future__ import annotations

import asyncio


def run(fn: object) -> bool:
    if asyncio.iscoroutinefunction(fn):  # expect: LAM203
        return True
    return callable(fn)
