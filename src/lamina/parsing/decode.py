"""Bytes → text, the way the Python interpreter decodes a source file.

Order (PEP 263, PEP 3120): a UTF-8 byte-order mark, else a ``coding`` cookie on line 1
or on line 2 when line 1 is blank or a comment, else UTF-8. Anything that cannot be
decoded, and text containing a NUL byte, is a problem (``LAM002``), never an exception.
Byte offsets in messages are 0-based offsets into the file, BOM included.
"""

from __future__ import annotations

import codecs
import re

from lamina.model.facts import ParseProblem

_BOM = codecs.BOM_UTF8
# The interpreter's own cookie pattern (tokenize.cookie_re / PEP 263).
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
_BLANK = re.compile(rb"^[ \t\f]*(?:[#\r\n]|$)")


def _line_ending(data: bytes, start: int) -> int:
    """Offset just past the first line ending at or after ``start`` (or len)."""
    newline = data.find(b"\n", start)
    carriage = data.find(b"\r", start)
    if carriage < 0 or 0 <= newline < carriage:
        return newline + 1 if newline >= 0 else len(data)
    return carriage + 2 if data[carriage + 1 : carriage + 2] == b"\n" else carriage + 1


def _cookie(data: bytes, start: int) -> tuple[bytes, int] | None:
    """The cookie's codec name and its line number, if lines 1-2 carry one."""
    first_end = _line_ending(data, start)
    first = data[start:first_end]
    match = _COOKIE.match(first)
    if match:
        return match.group(1), 1
    if not _BLANK.match(first):
        return None
    second = data[first_end : _line_ending(data, first_end)]
    match = _COOKIE.match(second)
    if match:
        return match.group(1), 2
    return None


def _position(data: bytes, offset: int, encoding: str, start: int) -> tuple[int, int]:
    """1-based line and character column of byte ``offset`` (\\r\\n, \\r, \\n all end lines)."""
    prefix = data[start:offset].replace(b"\r\n", b"\n")
    line = prefix.count(b"\n") + prefix.count(b"\r") + 1
    last = max(prefix.rfind(b"\n"), prefix.rfind(b"\r"))
    try:
        column = len(prefix[last + 1 :].decode(encoding, errors="replace")) + 1
    except LookupError:
        column = len(prefix) - last
    return line, column


def _codec_name(raw: bytes) -> str | None:
    try:
        return codecs.lookup(raw.decode("ascii")).name
    except (LookupError, UnicodeDecodeError, ValueError):
        return None


def decode_source(data: bytes) -> str | ParseProblem:
    """Decode a source file, or describe why it cannot be decoded.

    ``cannot decode as utf-8: invalid start byte 0xff at byte 1234`` is the message shape;
    the problem's line and column are those of the first bad byte.
    """
    start = len(_BOM) if data.startswith(_BOM) else 0
    encoding = "utf-8"
    cookie = _cookie(data, start)
    if cookie is not None:
        raw, cookie_line = cookie
        name = _codec_name(raw)
        written = raw.decode("ascii", errors="replace")
        if name is None:
            return ParseProblem(f"cannot decode: unknown encoding '{written}' in the coding cookie", cookie_line, 1)
        if start and name != "utf-8":
            return ParseProblem(
                f"cannot decode: coding cookie '{written}' conflicts with the UTF-8 byte-order mark",
                cookie_line,
                1,
            )
        encoding = name
    try:
        text = data[start:].decode(encoding)
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        bad = data[offset : offset + 1]
        byte = f" 0x{bad.hex()}" if bad else ""
        line, column = _position(data, offset, encoding, start)
        return ParseProblem(f"cannot decode as {encoding}: {exc.reason}{byte} at byte {offset}", line, column)
    except (LookupError, ValueError, TypeError) as exc:
        # A codec that exists but is not a text codec (``rot13`` is str→str, ``hex`` bytes→bytes).
        return ParseProblem(f"cannot decode as {encoding}: {exc}", 1, 1)
    if not isinstance(text, str):
        return ParseProblem(f"cannot decode as {encoding}: the codec does not produce text", 1, 1)
    nul = text.find("\x00")
    if nul >= 0:
        offset = start + len(text[:nul].encode(encoding, errors="replace"))
        line, column = _position(data, offset, encoding, start)
        return ParseProblem(f"cannot decode as {encoding}: NUL byte at byte {offset}", line, column)
    return text
