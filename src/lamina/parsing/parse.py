"""Text → ``ast.Module`` with the standard library parser (docs/architecture.md#parser-decision)."""

from __future__ import annotations

import ast
import warnings
from typing import NamedTuple

from lamina.model.facts import ParseProblem


class ParseFailure(NamedTuple):
    """Why ``ast.parse`` rejected a text.

    ``retry`` is true for a plain syntax error, which the fallback parser may accept;
    false when the parser ran out of stack or memory (``LAM001`` without a retry).
    """

    problem: ParseProblem
    retry: bool


def parse_source(text: str) -> ast.Module | ParseFailure:
    """Parse with ``ast.parse``; warnings are silenced (analyzed code is data, and a
    ``-W error`` run must not turn an invalid escape sequence into a syntax error)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text)
    except SyntaxError as exc:
        message = exc.msg or "invalid syntax"
        return ParseFailure(ParseProblem(message, max(exc.lineno or 1, 1), max(exc.offset or 1, 1)), True)
    except (RecursionError, MemoryError) as exc:
        detail = str(exc) or type(exc).__name__
        return ParseFailure(ParseProblem(f"source too complex to parse: {detail}", 1, 1), False)
    except ValueError as exc:  # "source code string cannot contain null bytes"
        return ParseFailure(ParseProblem(str(exc), 1, 1), False)
