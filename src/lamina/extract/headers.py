"""Header fields (docs/packs.md#8-header), read from the leading comment block.

The block is the run of lines from line 1 that are blank or start (after spaces) with
``#``. A field line is ``#`` + at most one space + ``Key: value``; lines indented further
after ``#`` are continuations. Shebang and coding lines belong to the block but are never
fields. Every field of the first ``HEADER_SCAN_LINES`` lines is recorded, in order and
with repeats: the configured ``max_lines`` and "first occurrence wins" are applied when
the header is read (``layout``), so the facts do not depend on configuration.
"""

from __future__ import annotations

import re

from lamina.model.facts import HeaderField

HEADER_SCAN_LINES = 200
_FIELD = re.compile(r"#[ ]?([A-Za-z][A-Za-z0-9_\-]*(?: [A-Za-z0-9_\-]+)*)[ \t]*:(.*)")
_COOKIE = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")


def header_block_end(lines: list[str]) -> int:
    """The last line number of the header block (0 when line 1 is code)."""
    end = 0
    for number, line in enumerate(lines[:HEADER_SCAN_LINES], start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        end = number
    return end


def header_fields(lines: list[str], block_end: int) -> tuple[HeaderField, ...]:
    """The ``Key: value`` fields of the header block, keys as written, values stripped."""
    fields: list[HeaderField] = []
    for number in range(1, block_end + 1):
        line = lines[number - 1].lstrip(" \t\f")
        if not line.startswith("#"):
            continue
        if number == 1 and line.startswith("#!"):
            continue
        if number <= 2 and _COOKIE.match(line):
            continue
        match = _FIELD.fullmatch(line.rstrip())
        if match:
            fields.append(HeaderField(match.group(1), match.group(2).strip(), number))
    return tuple(fields)
