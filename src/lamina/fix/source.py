"""One file as the fixers see it: its exact bytes, its text, positions ↔ offsets, and its
libcst tree (parsed once, on first use).

Only files that are UTF-8 (an optional BOM included) are fixed: their text round-trips to
the same bytes, so an edit never changes a byte it does not own. Line endings are kept as
written; a line ends at ``\\r\\n``, ``\\r`` or ``\\n`` as for the interpreter's tokenizer.
"""

from __future__ import annotations

import re
from typing import Any

from lamina.model.fixes import Edit

_NEWLINE = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"


class FixSource:
    """The text of one file (BOM removed) with its line table and lazily parsed tree."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.data = data
        text = data.decode("utf-8")  # UnicodeDecodeError: the caller skips the file
        self.bom = text.startswith(BOM)
        self.text = text[1:] if self.bom else text
        starts = [0]
        ends: list[str] = []
        for match in _NEWLINE.finditer(self.text):
            starts.append(match.end())
            ends.append(match.group())
        self.starts = starts
        # The file's own line ending, for inserted lines (the first one written, else \n).
        self.newline = ends[0] if ends else "\n"
        self._wrapper: Any = None
        self._positions: Any = None

    # -- positions -----------------------------------------------------------------------

    def line_count(self) -> int:
        return len(self.starts)

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) without its line ending."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def line_end(self, line: int) -> int:
        """Offset just after the line's ending (or the end of the text)."""
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based line and 1-based character column."""
        return self.starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1, offset - self.starts[low] + 1

    def edit(self, start: int, end: int, content: str) -> Edit:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Edit(line, column, end_line, end_column, start, end, content)

    # -- libcst ----------------------------------------------------------------------------

    def tree(self) -> Any:
        """The libcst module, or None when libcst cannot parse the text."""
        if self._wrapper is None:
            import libcst
            from libcst.metadata import MetadataWrapper, PositionProvider

            try:
                module = libcst.parse_module(self.text)
            except Exception:  # libcst.ParserSyntaxError and its recursion failures
                self._wrapper = False
                return None
            self._wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
            self._positions = self._wrapper.resolve(PositionProvider)
        return self._wrapper.module if self._wrapper else None

    def nodes(self) -> list[Any]:
        """Every node of ``tree()`` that has a position."""
        return list(self._positions) if self.tree() is not None else []

    def span(self, node: Any) -> tuple[int, int]:
        """Offsets of a node of ``tree()`` (its own code, without surrounding whitespace)."""
        found = self._positions[node]
        return (self.offset(found.start.line, found.start.column + 1),
                self.offset(found.end.line, found.end.column + 1))  # fmt: skip

    def code(self, node: Any) -> str:
        start, end = self.span(node)
        return self.text[start:end]

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode("utf-8")
