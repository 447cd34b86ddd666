"""Reading ``[tool.lamina]`` from a pyproject.toml as marked nodes.

``tomllib`` keeps no positions, so key lines are found by scanning the table's text;
values take the line of their key (list items: the line where the literal appears).
This lets ``[tool.lamina]`` errors carry file:line:col like pack errors do.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lamina.config.yaml_nodes import YMap, YNode, YScalar, YSeq
from lamina.errors import UserError
from lamina.model.project import Mark

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser under its backport name
    import tomli as tomllib

_HEADER = re.compile(r"^\s*\[\s*tool\s*\.\s*lamina\s*\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[\[?\s*[A-Za-z0-9_.\"' -]+\]\]?\s*(#.*)?$")
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = "(at end of document)"


def read_tool_table(path: Path, display: str) -> YMap | None:
    """The ``[tool.lamina]`` table of ``path``, or ``None`` when it has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = f"not UTF-8 (byte {exc.start})" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or str(exc))
        raise UserError(f"cannot read the file: {reason}", path=display,
                        hint="a pyproject.toml is a readable UTF-8 file") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, display, text) from None
    except RecursionError:
        raise too_deep(display) from None
    tool = data.get("tool")
    if not isinstance(tool, dict) or "lamina" not in tool:
        return None
    locator = _Locator(text, display)
    table = tool["lamina"]
    if not isinstance(table, dict):
        raise UserError("expected a table for [tool.lamina]", path=display,
                        line=locator.header.line, column=1)
    try:
        items = tuple(
            (YScalar(key, locator.key(key)), _node(value, locator, key))
            for key, value in table.items()
        )
    except RecursionError:
        raise too_deep(display) from None
    return YMap(items, locator.header)


def too_deep(display: str) -> UserError:
    """A TOML document nested so deeply that parsing it exhausted Python's recursion limit
    (tomllib recurses once per level)."""
    return UserError("TOML nests too deeply to be read", path=display,
                     hint="a pyproject.toml nests a few levels deep; flatten the nested arrays or tables")


def _toml_error(exc: Exception, display: str, text: str) -> UserError:
    message = str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    match = _POSITION.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif message.endswith(_AT_END):
        # The parser ran out of text: point at the last line, where the input stopped.
        line, column = max(1, len(text.splitlines())), 1
        message = message[: -len(_AT_END)].rstrip() + " at end of file"
    return UserError(f"TOML syntax error: {message}", path=display, line=line, column=column,
                     hint="fix the TOML syntax at this position")


def _node(value: object, locator: _Locator, key: str) -> YNode:
    mark = locator.key(key)
    if isinstance(value, list):
        return YSeq(tuple(_item(v, locator, key) for v in value), mark)
    if isinstance(value, dict):
        # Nested tables are never valid in [tool.lamina]; their keys keep the parent line.
        items = tuple((YScalar(str(k), mark), _node(v, locator, key)) for k, v in value.items())
        return YMap(items, mark)
    return YScalar(value, mark)


def _item(value: object, locator: _Locator, key: str) -> YNode:
    if isinstance(value, str):
        return YScalar(value, locator.literal(key, value))
    return _node(value, locator, key)


class _Locator:
    """Finds where keys and string literals of ``[tool.lamina]`` are written."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.lines = text.splitlines()
        start = next((i for i, line in enumerate(self.lines) if _HEADER.match(line)), None)
        if start is None:
            # The table may be written as dotted keys under [tool]; point at its first mention.
            start = next((i for i, line in enumerate(self.lines) if "lamina" in line), 0)
            self.body = range(start, len(self.lines))
        else:
            end = next(
                (i for i in range(start + 1, len(self.lines)) if _ANY_HEADER.match(self.lines[i])),
                len(self.lines),
            )
            self.body = range(start + 1, end)
        self.header = Mark(file, start + 1, 1)

    def key(self, key: str) -> Mark:
        name = re.escape(key)
        pattern = re.compile(rf"^(\s*)(?:{name}|\"{name}\"|'{name}')\s*=")
        for i in self.body:
            match = pattern.match(self.lines[i])
            if match:
                return Mark(self.file, i + 1, len(match.group(1)) + 1)
        sub = re.compile(rf"^(\s*)\[\s*tool\s*\.\s*lamina\s*\.\s*{re.escape(key)}\s*\]")
        for i, line in enumerate(self.lines):
            match = sub.match(line)
            if match:
                return Mark(self.file, i + 1, len(match.group(1)) + 1)
        return self.header

    def literal(self, key: str, value: str) -> Mark:
        start = self.key(key)
        for i in range(start.line - 1, len(self.lines)):
            if i not in self.body and i != start.line - 1:
                break
            for quoted in (f'"{value}"', f"'{value}'"):
                column = self.lines[i].find(quoted)
                if column >= 0:
                    return Mark(self.file, i + 1, column + 1)
        return start
