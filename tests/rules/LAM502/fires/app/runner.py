"""Invalid suppressions suppress nothing: each line keeps its LAM203 (see expected.txt)."""

from __future__ import annotations

import asyncio


def run(fn: object) -> bool:
    a = asyncio.iscoroutinefunction(fn)  # lamina: ignore[LAM203]
    b = asyncio.iscoroutinefunction(fn)  # lamina: ignore[LAM2O3] probe kept for plugins
    c = asyncio.iscoroutinefunction(fn)  # lamina: ignore[] probe kept for plugins
    d = asyncio.iscoroutinefunction(fn)  # lamina: ignore[LAM203,] probe kept for plugins
    e = asyncio.iscoroutinefunction(fn)  # lamina: ignroe[LAM203] probe kept for plugins
    f = asyncio.iscoroutinefunction(fn)  # lamina: ignore[LAM203 probe kept for plugins
    g = asyncio.iscoroutinefunction(fn)  # lamina: ignore[LAM203] -- : 42
    h = asyncio.iscoroutinefunction(fn)  # lamina: ignore[LAM203, LAM501] hygiene codes cannot be suppressed
    i = asyncio.iscoroutinefunction(fn)  # lamina: ignore-file[LAM203] not in the header block
    j = asyncio.iscoroutinefunction(fn)  # lamina: ignore LAM203 probe kept for plugins
    return all((a, b, c, d, e, f, g, h, i, j))
