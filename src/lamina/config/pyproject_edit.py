"""Adding or replacing ``[tool.lamina]`` in a pyproject.toml without touching the rest.

``lamina init`` edits a file the user owns, so the edit is textual (every other byte is
kept, comments and formatting included) and then *proven*: the result is parsed again
and must equal the old document with only ``tool.lamina`` changed. A layout the text edit
cannot handle safely (dotted ``lamina.x = …`` keys under ``[tool]``, subtables) is
refused with a hint instead of being rewritten.
"""

from __future__ import annotations

import copy
import sys

from lamina.config.toml_table import _ANY_HEADER, _HEADER, too_deep
from lamina.errors import UserError

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser under its backport name
    import tomli as tomllib


def parse(text: str, display: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"{display} is not valid TOML: {error}",
                        hint="fix it first; lamina init edits it in place") from None
    except RecursionError:
        raise too_deep(display) from None


def lamina_table(document: dict[str, object]) -> object | None:
    tool = document.get("tool")
    return tool.get("lamina") if isinstance(tool, dict) else None


def _without_lamina(document: dict[str, object]) -> dict[str, object]:
    stripped = copy.deepcopy(document)
    tool = stripped.get("tool")
    if isinstance(tool, dict):
        tool.pop("lamina", None)
        if not tool:
            stripped.pop("tool")
    return stripped


def with_lamina_table(text: str, table: str, display: str = "pyproject.toml") -> str:
    """``text`` with its ``[tool.lamina]`` table replaced by ``table`` (TOML text starting
    with the ``[tool.lamina]`` header), or with ``table`` appended when it has none."""
    old = parse(text, display)
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _HEADER.match(line.rstrip("\r\n"))), None)
    if start is None:
        # One blank line between the last table and the new one.
        if not text or text.endswith("\n\n"):
            separator = ""
        else:
            separator = "\n" if text.endswith("\n") else "\n\n"
        updated = text + separator + table
    else:
        end = next((i for i in range(start + 1, len(lines)) if _ANY_HEADER.match(lines[i].rstrip("\r\n"))),
                   len(lines))
        tail = "".join(lines[end:])
        updated = "".join(lines[:start]) + table + ("\n" if tail else "") + tail
    try:
        new: dict[str, object] | None = tomllib.loads(updated)
    except tomllib.TOMLDecodeError:
        new = None  # e.g. lamina keys under [tool] as well as a [tool.lamina] table
    if new is None or _without_lamina(new) != _without_lamina(old) or lamina_table(new) != lamina_table(
            parse(table, "the new table")):
        raise UserError(
            f"cannot rewrite [tool.lamina] in {display} safely (it is written in a form "
            "other than one [tool.lamina] table)",
            hint="remove lamina's settings from it by hand, then run lamina init again",
        )
    return updated
