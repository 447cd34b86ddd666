"""Engine: suppressions that suppress nothing, or less than they list."""

from __future__ import annotations

import asyncio


def run(fn: object) -> bool:
    value = len("x")

    # lamina: ignore[LAM203] probe kept until the v2 handler split
    probed = asyncio.iscoroutinefunction(fn)
    other = value + 1  # noqa: E501
    return probed and bool(other)
