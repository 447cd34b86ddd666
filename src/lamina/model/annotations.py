"""The class an annotation names, read from its text: the same answer for the ``ast`` and
libcst extractors and for parameter annotations read later (``ParamFact.annotation``)."""

from __future__ import annotations

import re
import unicodedata

_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_OPTIONAL = re.compile(r"(?:typing\.|t\.)?Optional\[(.*)\]")
_NONE = frozenset({"None", "'None'", '"None"'})


def annotation_name(text: str) -> str | None:
    """The dotted name an annotation denotes: ``OperationRegistry``, ``"x.Registry"``,
    ``Optional[Registry]``, ``Registry | None``; None for any other shape (generics,
    unions of two classes, ``Callable[...]``), which names no one class."""
    text = "".join(text.split())
    if not text.isascii():  # identifiers as the parser reads them (``ast`` NFKC-normalises)
        text = unicodedata.normalize("NFKC", text)
    for _ in range(3):  # quotes and Optional may nest: "Optional['Registry']"
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
            text = text[1:-1]
            continue
        optional = _OPTIONAL.fullmatch(text)
        if optional is not None:
            text = optional.group(1)
            continue
        break
    if "|" in text:
        parts = [part for part in text.split("|") if part not in _NONE]
        if len(parts) != 1:
            return None
        text = parts[0].strip("'\"")
    return text if _DOTTED.fullmatch(text) else None
