"""Every baselined finding is still there, at other lines than when it was recorded."""

from __future__ import annotations

import asyncio


def run(fn: object) -> bool:
    # Comments, blank lines and a changed trailing comment do not change the anchor.


    if asyncio.iscoroutinefunction(fn):  # expect: LAM203
        return True
    if   asyncio.iscoroutinefunction(fn):  # expect: LAM203
        return True
    return asyncio.iscoroutinefunction(fn)  # still here  # expect: LAM203
