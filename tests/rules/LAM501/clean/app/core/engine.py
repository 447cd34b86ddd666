# lamina: ignore-file[LAM203] the whole module is the legacy probe shim, removed in v2
"""Engine: every suppression suppresses a finding (they stay visible as suppressed)."""

from __future__ import annotations

import asyncio

from app.api import views  # lamina: ignore[LAM102] the render helper moves to core in v2  # expect: LAM102


def run(fn: object) -> bool:
    # lamina: ignore[LAM203] probe kept until the v2 handler split
    probe = asyncio.iscoroutinefunction(fn)  # expect: LAM203
    multi = asyncio.iscoroutinefunction(  # expect: LAM203
        fn,
    )  # lamina: ignore[LAM203] a multi-line statement is suppressed at its first line
    return probe and multi and asyncio.iscoroutinefunction(views.render)  # expect: LAM203
