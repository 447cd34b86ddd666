"""Source lines, character columns and source segments.

``ast`` reports columns as UTF-8 byte offsets; facts use 1-based character columns. Most
files are ASCII, where both agree, so the conversion costs one flag test there.
"""

from __future__ import annotations


def normalize_newlines(text: str) -> str:
    """Line endings as the interpreter's tokenizer sees them: ``\\r\\n`` and ``\\r`` → ``\\n``.

    Only ``\\n`` ends a line afterwards (never ``str.splitlines``, which also breaks at form
    feeds and other characters the tokenizer treats as ordinary), so line numbers from
    ``ast``, libcst, ``tokenize`` and ``text.split("\\n")`` agree.
    """
    if "\r" in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def lines_containing(text: str, word: str) -> list[int]:
    """The 1-based numbers of the lines of ``text`` where ``word`` occurs, ascending."""
    found: list[int] = []
    line, counted = 1, 0
    position = text.find(word)
    while position != -1:
        line += text.count("\n", counted, position)
        found.append(line)
        end = text.find("\n", position)
        if end == -1:
            break
        counted = end
        position = text.find(word, end)
    return found


class SourceLines:
    """The lines of one normalized text, with byte-offset → character-column conversion."""

    __slots__ = ("lines", "ascii")

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.ascii = text.isascii()

    def _wide(self, line: int) -> bytes | None:
        """The UTF-8 bytes of ``line`` when it has non-ASCII characters, else None (so the
        byte offsets of ``ast`` are character offsets there)."""
        if self.ascii or not 1 <= line <= len(self.lines):
            return None
        text = self.lines[line - 1]
        return None if text.isascii() else text.encode("utf-8", errors="surrogatepass")

    def column(self, line: int, byte_offset: int) -> int:
        """1-based character column of a 0-based UTF-8 byte offset on ``line``."""
        encoded = self._wide(line)
        if encoded is None:
            return byte_offset + 1
        return len(encoded[:byte_offset].decode("utf-8", errors="replace")) + 1

    def segment(self, line: int, byte_col: int, end_line: int, end_byte_col: int) -> str:
        """The source text between two ``ast`` positions (byte columns), as written."""
        if line == end_line:
            encoded = self._wide(line)
            if encoded is None:
                text = self.lines[line - 1] if 1 <= line <= len(self.lines) else ""
                return text[byte_col:end_byte_col]
            return encoded[byte_col:end_byte_col].decode("utf-8", errors="replace")
        first = self.segment(line, byte_col, line, 1 << 30)
        middle = self.lines[line : end_line - 1]
        last = self.segment(end_line, 0, end_line, end_byte_col)
        return "\n".join([first, *middle, last])
