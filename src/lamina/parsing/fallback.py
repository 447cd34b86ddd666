"""The fallback parser: libcst's native parser, for grammar newer than the running
Python accepts (ARCHITECTURE.md section 2). libcst is imported only when a file needs it,
so a run over valid code never loads it.

libcst's native parser recurses on the machine stack and is super-linear on long
operator chains: about 1 500 nested brackets or 10 000 chained operators crash the
interpreter with a segmentation fault, and a few thousand chained subscripts take
seconds. Analyzed code must never be able to do that to lamina, so texts beyond
``MAX_DEPTH`` / ``MAX_CHAIN`` are not handed to libcst at all; they stay syntax errors.
"""

from __future__ import annotations

import io
import re
import tokenize
from typing import Any

MAX_DEPTH = 400  # brackets open at once (the stdlib parser itself stops at 200)
MAX_CHAIN = 1_000  # operator, keyword, dot and bracket tokens in one logical line
_SEPARATORS = frozenset({",", ":", ";", "=", "->"})
# Keywords that chain like operators (``not not x``, ``a if b else c if …``, ``lambda: lambda: …``).
_CHAINING = frozenset({"not", "and", "or", "if", "else", "lambda", "await", "in", "is"})
_CHAINING_WORDS = re.compile(r"\b(?:not|and|or|if|else|lambda|await|in|is)\b")
_OPENING = frozenset("([{")
_CLOSING = frozenset(")]}")


def _raw_complexity(text: str) -> tuple[int, int]:
    """Bracket depth and per-line operator count from characters alone (strings and
    comments included): a conservative estimate for text the tokenizer gives up on."""
    depth = deepest = longest = 0
    for line in text.split("\n"):
        count = 0
        for char in line:
            if char in _OPENING:
                depth += 1
                deepest = max(deepest, depth)
            elif char in _CLOSING:
                depth = max(depth - 1, 0)
            if char in "+-*/%&|^~<>@.([":
                count += 1
        longest = max(longest, count + len(_CHAINING_WORDS.findall(line)))
    return deepest, longest


def complexity(text: str) -> tuple[int, int]:
    """(deepest bracket nesting, longest operator chain of one logical line)."""
    depth = deepest = chain = longest = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.NEWLINE:
                chain = 0
            elif (token.type == tokenize.OP and token.string not in _SEPARATORS) or (
                token.type == tokenize.NAME and token.string in _CHAINING
            ):
                chain += 1
                longest = max(longest, chain)
                if token.string in _OPENING:
                    depth += 1
                    deepest = max(deepest, depth)
                elif token.string in _CLOSING:
                    depth = max(depth - 1, 0)
    except (tokenize.TokenError, SyntaxError, ValueError):
        return _raw_complexity(text)
    return deepest, longest


def parse_fallback(text: str) -> Any | None:
    """The ``libcst.Module`` for ``text``, or None when libcst rejects it too or the
    text is too deeply nested to hand to it safely.

    Typed ``Any`` so that importing this module does not need libcst's types.
    """
    deepest, longest = complexity(text)
    if deepest > MAX_DEPTH or longest > MAX_CHAIN:
        return None
    import libcst

    try:
        return libcst.parse_module(text)
    except Exception:  # ParserSyntaxError, RecursionError, MemoryError, anything else it raises
        return None
    except BaseException as exc:
        # A panic in the native parser surfaces as pyo3's PanicException, a BaseException.
        if type(exc).__name__ == "PanicException":
            return None
        raise
