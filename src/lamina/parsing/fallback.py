"""The fallback parser: libcst's native parser, for grammar newer than the running
Python accepts (ARCHITECTURE.md section 2). libcst is imported only when a file needs it,
so a run over valid code never loads it."""

from __future__ import annotations

from typing import Any


def parse_fallback(text: str) -> Any | None:
    """The ``libcst.Module`` for ``text``, or None when libcst rejects it too.

    Typed ``Any`` so that importing this module does not need libcst's types.
    """
    import libcst

    try:
        return libcst.parse_module(text)
    except Exception:  # ParserSyntaxError, RecursionError, MemoryError, anything else it raises
        return None
    except BaseException as exc:
        # A panic in the native parser surfaces as pyo3's PanicException, a BaseException.
        if type(exc).__name__ == "PanicException":
            return None
        raise
