"""The fallback parser: libcst's native parser, for grammar newer than the running
Python accepts (docs/architecture.md#parser-decision). libcst is imported only when a file needs it,
so a run over valid code never loads it.

libcst's native parser recurses on the machine stack and is super-linear on long
operator chains: about 1 500 nested brackets or 10 000 chained operators crash the
interpreter with a segmentation fault, and a few thousand chained operators take
seconds. Analyzed code must never be able to do that to lamina, so texts beyond
``MAX_DEPTH`` / ``MAX_CHAIN`` are not handed to libcst at all; they stay syntax errors
(``refusal`` says why). The expressions inside f-strings count: before Python 3.12 an
f-string is one ``STRING`` token, but libcst parses its replacement fields all the same.
Whatever gets past this check still runs in a separate process (``lamina.extract.isolated``).
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
_OPERATOR_CHARS = frozenset("+-*/%&|^~<>@.([")
# String prefixes whose literal holds expressions that libcst parses (f-strings; t-strings from 3.14).
_EXPRESSION_PREFIX = re.compile(r"[A-Za-z]*[fFtT][A-Za-z]*['\"]")


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
            if char in _OPERATOR_CHARS:
                count += 1
        longest = max(longest, count + len(_CHAINING_WORDS.findall(line)))
    return deepest, longest


def _field_complexity(literal: str) -> tuple[int, int]:
    """Bracket depth and operator count of the replacement fields of one f-string token.

    The literal text between fields does not count (``{{`` and ``}}`` are text). A string
    nested in a field ends only at its own quote; its brackets only add to the depth and
    its operators count, so a nested f-string is overestimated, never under."""
    depth = deepest = count = 0
    index = 0
    quote = ""  # the quote of the string nested in the current field, if inside one
    nested_opens = 0
    code: list[str] = []  # the characters of the fields, for the chaining keywords
    while index < len(literal):
        char = literal[index]
        if depth == 0:
            if char in "{}" and literal[index + 1 : index + 2] == char:
                index += 2
                continue
            if char == "{":
                depth = 1
                deepest = max(deepest, 1)
                code.append(" ")
            index += 1
            continue
        code.append(char)
        if char in _OPERATOR_CHARS:
            count += 1
        if quote:
            if literal.startswith(quote, index):
                index += len(quote)
                quote = ""
                continue
            if char in _OPENING:
                nested_opens += 1
                deepest = max(deepest, depth + nested_opens)
        elif char in "'\"":
            quote = char * 3 if literal.startswith(char * 3, index) else char
            nested_opens = 0
            index += len(quote)
            continue
        elif char in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSING:
            depth -= 1
        index += 1
    return deepest, count + len(_CHAINING_WORDS.findall("".join(code)))


def complexity(text: str) -> tuple[int, int]:
    """(deepest bracket nesting, longest operator chain of one logical line), counting the
    expressions inside f-strings."""
    depth = deepest = chain = longest = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.NEWLINE:
                chain = 0
            elif token.type == tokenize.STRING and _EXPRESSION_PREFIX.match(token.string):
                inner_depth, inner_chain = _field_complexity(token.string)
                deepest = max(deepest, depth + inner_depth)
                chain += inner_chain
                longest = max(longest, chain)
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


def refusal(text: str) -> str | None:
    """Why ``text`` must not be handed to libcst (too deep or too long an expression), or None."""
    deepest, longest = complexity(text)
    if deepest > MAX_DEPTH:
        return f"too deeply nested for the fallback parser ({deepest} brackets; limit {MAX_DEPTH})"
    if longest > MAX_CHAIN:
        return (
            f"too long an expression for the fallback parser ({longest} operators in one statement; limit {MAX_CHAIN})"
        )
    return None


def load_parser() -> None:
    """Import libcst and its native parser (loaded at the first parse otherwise) now, so
    that processes forked afterwards do not each load them again."""
    import libcst  # noqa: F401
    import libcst.native  # noqa: F401


def parse_fallback(text: str) -> Any | None:
    """The ``libcst.Module`` for ``text``, or None when libcst rejects it or ``refusal``
    names a reason not to try. RecursionError and MemoryError propagate.

    Typed ``Any`` so that importing this module does not need libcst's types.
    """
    if refusal(text) is not None:
        return None
    import libcst

    try:
        return libcst.parse_module(text)
    except (RecursionError, MemoryError):
        raise
    except Exception:  # ParserSyntaxError, anything else it raises
        return None
    except BaseException as exc:
        # A panic in the native parser surfaces as pyo3's PanicException, a BaseException.
        if type(exc).__name__ == "PanicException":
            return None
        raise
