# lamina: ignore-file[LAM204] dynamic imports were removed in v2
"""Engine: suppressions that suppress nothing, or less than they list."""

from __future__ import annotations

import asyncio


def run(fn: object) -> bool:
    # lamina: ignore[LAM203] probe kept until the v2 handler split
    value = len("x")

    # lamina: ignore[LAM203, LAM401] probe kept until the v2 handler split
    probed = asyncio.iscoroutinefunction(fn)
    other = value + 1  # noqa: E501  # lamina: ignore[LAM203] nothing banned here
    return probed and bool(other)  # lamina: ignore[LAM202] no dispatch here either
