"""The baseline file format (docs/rule-semantics.md#baseline): ``lamina-baseline.json``.

``{"version": 1, "entries": [`` on line 1, then one compact JSON object per line sorted by
(path, code, symbol, anchor), then ``]}``. Entries therefore have stable line numbers
(LAM503 points at them) and a shrinking baseline gives a readable diff. Reading accepts
any JSON layout of the same document, since people and formatters may touch the file;
anything else is a usage error with ``file:line`` (exit 2), never a silent empty baseline.
"""

from __future__ import annotations

import json
import os
import re
import stat
from typing import NamedTuple

from lamina.errors import UserError
from lamina.model.findings import fingerprint

BASELINE_VERSION = 1
ENTRY_KEYS = ("code", "path", "symbol", "anchor", "count")
_HINT = "regenerate it with 'lamina baseline --update', or restore it from version control"
_WHITESPACE = re.compile(r"[ \t\n\r]*")
# A baseline nests three levels deep; json.loads recurses once per level and raises
# RecursionError near 1000, so deeper documents are refused by a scan before parsing.
MAX_DEPTH = 64
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
# A file name that is not valid UTF-8 is carried with ``surrogateescape``; the file keeps
# it as a JSON ``\udcff`` escape, which stays valid UTF-8 and reads back to the same name
# (the entry's fingerprint, and so its match, depend on the exact name).
_SURROGATE = "[\ud800-\udfff]"  # compiled on first use: the class is slow to compile


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class BaselineEntry(NamedTuple):
    code: str
    path: str
    symbol: str
    anchor: str
    occurrences: int  # how many findings the entry absorbs ("count" in the file)
    line: int = 0  # line in the baseline file; 0 for entries not read from one

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Identity and sort order: (path, code, symbol, anchor)."""
        return (self.path, self.code, self.symbol, self.anchor)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.code, self.path, self.symbol, self.anchor)


class Baseline(NamedTuple):
    path: str  # project-relative path of the file, where LAM503 findings are located
    entries: tuple[BaselineEntry, ...]


def render_baseline(entries: tuple[BaselineEntry, ...] | list[BaselineEntry]) -> bytes:
    """The file's bytes: deterministic, UTF-8, one entry per line, trailing newline."""
    rows = [
        re.sub(_SURROGATE, _json_escape, json.dumps(
            {"code": e.code, "path": e.path, "symbol": e.symbol, "anchor": e.anchor, "count": e.occurrences},
            ensure_ascii=False,
        ))
        for e in sorted(entries, key=lambda e: e.key)
    ]
    body = "".join(row + (",\n" if number < len(rows) else "\n") for number, row in enumerate(rows, start=1))
    return f'{{"version": {BASELINE_VERSION}, "entries": [\n{body}]}}\n'.encode()


def _skip(text: str, position: int) -> int:
    match = _WHITESPACE.match(text, position)
    assert match is not None  # the pattern also matches the empty string
    return match.end()


def _entry_offsets(text: str) -> list[int]:
    """Start offsets of the elements of the top-level ``entries`` array.

    Runs only after ``json.loads`` accepted the text, so the document is well formed; a
    repeated ``entries`` key is resolved like ``json.loads`` does (the last one wins).
    """
    decoder = json.JSONDecoder()
    offsets: list[int] = []
    position = _skip(text, 0) + 1  # past the top-level '{'
    while True:
        position = _skip(text, position)
        if text[position] == "}":
            return offsets
        key, position = decoder.raw_decode(text, position)
        position = _skip(text, _skip(text, position) + 1)  # past ':'
        if key == "entries" and text[position] == "[":
            offsets = []
            position = _skip(text, position + 1)
            while text[position] != "]":
                offsets.append(position)
                _, position = decoder.raw_decode(text, position)
                position = _skip(text, position)
                if text[position] == ",":
                    position = _skip(text, position + 1)
            position += 1
        else:
            _, position = decoder.raw_decode(text, position)
        position = _skip(text, position)
        if text[position] == ",":
            position += 1


def _entry(raw: object, path: str, line: int) -> BaselineEntry:
    def fail(message: str) -> UserError:
        return UserError(f"baseline entry {message}", path=path, line=line, hint=_HINT)

    if not isinstance(raw, dict):
        raise fail("is not a JSON object")
    missing = [key for key in ENTRY_KEYS if key not in raw]
    if missing:
        raise fail(f"lacks {', '.join(repr(k) for k in missing)}")
    unknown = sorted(set(raw) - set(ENTRY_KEYS))
    if unknown:
        raise fail(f"has unknown key {unknown[0]!r} (expected {', '.join(ENTRY_KEYS)})")
    for key in ENTRY_KEYS[:4]:
        if not isinstance(raw[key], str):
            raise fail(f"field '{key}' is not a string")
    count = raw["count"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise fail("field 'count' is not a positive integer")
    if not raw["code"] or not raw["path"]:
        raise fail("has an empty 'code' or 'path'")
    return BaselineEntry(raw["code"], raw["path"], raw["symbol"], raw["anchor"], count, line)


def read_baseline(file: str, path: str) -> bytes | None:
    """The bytes of the baseline at ``file`` (shown as ``path``); None when there is none.
    Anything but a regular file there is a usage error, never a silently empty baseline
    (and a FIFO is never opened, since reading it would wait forever)."""
    try:
        mode = os.stat(file).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise UserError(f"cannot read the baseline: {error.strerror or error}", path=path,
                        hint="check the 'baseline' setting in [tool.lamina]") from None
    if not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
        raise UserError(f"baseline path is {kind}", path=path,
                        hint="point 'baseline' in [tool.lamina] at a JSON file (default lamina-baseline.json)")
    try:
        with open(file, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise UserError(f"cannot read the baseline: {error.strerror or error}", path=path,
                        hint="check the file's permissions") from None


def _too_deep(text: str, path: str) -> None:
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                offset = token.start()
                line = text.count("\n", 0, offset) + 1
                column = offset - text.rfind("\n", 0, offset)
                raise UserError(f"baseline nests deeper than {MAX_DEPTH} levels", path=path, line=line,
                                column=column, hint=_HINT)
        elif bracket in "]}":
            depth -= 1


def parse_baseline(data: bytes, path: str) -> Baseline:
    """The baseline in ``data``; a malformed file raises ``UserError`` at its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(f"baseline is not UTF-8 (byte {error.start})", path=path, line=line, hint=_HINT) from None
    _too_deep(text, path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(f"baseline is not valid JSON: {error.msg}", path=path, line=error.lineno,
                        column=error.colno, hint=_HINT) from None
    if not isinstance(document, dict) or set(document) != {"version", "entries"}:
        raise UserError('baseline must be an object with exactly the keys "version" and "entries"',
                        path=path, line=1, hint=_HINT)
    if document["version"] != BASELINE_VERSION or isinstance(document["version"], bool):
        raise UserError(f"unsupported baseline version {document['version']!r} (expected {BASELINE_VERSION})",
                        path=path, line=1, hint=_HINT)
    if not isinstance(document["entries"], list):
        raise UserError('baseline "entries" is not a list', path=path, line=1, hint=_HINT)
    lines = [text.count("\n", 0, offset) + 1 for offset in _entry_offsets(text)]
    entries: list[BaselineEntry] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for raw, line in zip(document["entries"], lines):
        entry = _entry(raw, path, line)
        if entry.key in seen:
            raise UserError(f"duplicate baseline entry (also at line {seen[entry.key]})", path=path,
                            line=line, hint="merge the two entries by adding their counts")
        seen[entry.key] = line
        entries.append(entry)
    return Baseline(path, tuple(entries))
