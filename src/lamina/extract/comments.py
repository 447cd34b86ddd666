"""Suppression comments (docs/rule-semantics.md#inline-suppressions, docs/architecture.md#parser-decision).

A substring scan for ``lamina:`` decides whether a file is tokenized at all; only real
``COMMENT`` tokens count, so the marker inside a string or docstring never does.
"""

from __future__ import annotations

import io
import tokenize

from lamina.model.facts import SuppressionComment

MARKER = "lamina:"
_NOT_CODE = frozenset(
    {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER,
     tokenize.ENCODING}
)  # fmt: skip


def _scan(text: str) -> tuple[list[tokenize.TokenInfo], dict[int, int], int]:
    """Marker comments, the statement start line of every line holding code, and the
    last line the tokenizer reached (it may stop early on code it cannot tokenize)."""
    comments: list[tokenize.TokenInfo] = []
    statement_of: dict[int, int] = {}
    statement_start = 0
    reached = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            kind = token.type
            reached = token.end[0]
            if kind == tokenize.COMMENT:
                if MARKER in token.string:
                    comments.append(token)
            elif kind == tokenize.NEWLINE:
                statement_start = 0
            elif kind not in _NOT_CODE:
                if not statement_start:
                    statement_start = token.start[0]
                for row in range(token.start[0], token.end[0] + 1):
                    statement_of.setdefault(row, statement_start)
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass  # keep what was read; the parser reports the problem itself
    return comments, statement_of, reached


def _is_code_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _next_code_line(row: int, statement_of: dict[int, int], reached: int, lines: list[str]) -> int | None:
    for candidate in range(row + 1, len(lines) + 1):
        if candidate in statement_of:
            return candidate
        # Past the point where tokenizing stopped, fall back to the text of the lines.
        if candidate > reached and _is_code_line(lines[candidate - 1]):
            return candidate
    return None


def suppression_comments(text: str, lines: list[str], header_end: int) -> tuple[SuppressionComment, ...]:
    """Every ``COMMENT`` token containing ``lamina:`` with the line it applies to.

    ``statement_line`` is the first line of the statement holding the target line, so a
    directive can also match findings located at the start of a multi-line statement.
    """
    if MARKER not in text:
        return ()
    comments, statement_of, reached = _scan(text)
    found: list[SuppressionComment] = []
    for token in comments:
        row, column = token.start
        trailing = row in statement_of and bool(lines[row - 1][:column].strip())
        target = row if trailing else _next_code_line(row, statement_of, reached, lines)
        if target is None:
            target = row
        found.append(
            SuppressionComment(
                line=row,
                column=column + 1,
                text=token.string,
                target_line=target,
                in_header=row <= header_end,
                statement_line=statement_of.get(target, target),
            )
        )
    return tuple(found)
