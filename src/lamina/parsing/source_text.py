"""Source text for the post stage: the lines that findings point at (docs/rule-semantics.md#baseline).

The post stage needs the text of a file only to compute the content anchors of its
findings, so it reads just the files that have findings. Decoding follows the interpreter
(``decode_source``); a file that cannot be decoded is read with replacement characters
so that its findings (``LAM002``) still get a deterministic anchor.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from lamina.model.facts import ParseProblem
from lamina.parsing.decode import decode_source


def source_text(data: bytes) -> str:
    """Decoded text with ``\\r\\n`` and ``\\r`` turned into ``\\n``, so that line numbers
    agree with those of ``ast`` and ``tokenize`` (never ``str.splitlines``)."""
    decoded = decode_source(data)
    text = data.decode("utf-8", errors="replace") if isinstance(decoded, ParseProblem) else decoded
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_bytes(path: str) -> bytes | None:
    """The file's bytes, or None when it does not exist or cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def read_source_texts(root: str, paths: Iterable[str]) -> dict[str, str]:
    """Text of each project-relative path; a file that vanished since discovery reads as ''."""
    texts: dict[str, str] = {}
    for path in sorted(set(paths)):
        data = read_bytes(os.path.join(root, path))
        texts[path] = source_text(data) if data is not None else ""
    return texts
