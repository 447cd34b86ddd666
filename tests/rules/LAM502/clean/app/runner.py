#lamina:ignore-file[LAM203]-the probes go away with the v2 handler split
"""Valid directives in every accepted spelling; the marker outside a comment is no directive.

The docstring may say # lamina: ignroe[LAM2O3] without any effect.
"""

from __future__ import annotations

import asyncio

HELP = "write # lamina: ignore[LAM2O3] after the code"  # a string, not a comment


def run(fn: object) -> bool:
    # A comment may mention lamina: ignroe in prose; only a comment segment starting with it counts.
    a = asyncio.iscoroutinefunction(fn)  # lamina: ignore[ LAM203 ] — probe kept for plugins  # expect: LAM203
    b = asyncio.iscoroutinefunction(fn)  # noqa: E501  # lamina: ignore[LAM203]: probe kept for plugins  # expect: LAM203
    # lamina: ignore[LAM203] - probe kept for plugins
    c = asyncio.iscoroutinefunction(fn)  # expect: LAM203
    return a and b and c and bool(HELP)
