"""Reading header fields with the configured limits (docs/packs.md#8-header)."""

from __future__ import annotations

from lamina.model.facts import HeaderField
from lamina.model.project import HeaderSpec

_TRAILING = "—–-,:;"


def header_value(fields: tuple[HeaderField, ...], key: str, spec: HeaderSpec) -> HeaderField | None:
    """The first field named ``key`` (case-insensitive) within ``max_lines``."""
    wanted = key.casefold()
    for field in fields:
        if field.line > spec.max_lines:
            break
        if field.key.casefold() == wanted:
            return field
    return None


def layer_token(value: str) -> str | None:
    """``L2.1 — API Facade`` → ``L2.1``; ``L5/L6 — Engine`` → ``L5/L6``."""
    words = value.split()
    if not words:
        return None
    token = words[0].rstrip(_TRAILING)
    return token or None
