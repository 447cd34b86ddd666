"""Transaction-control statements in a literal SQL string (for LAM401).

Only the first word of each top-level statement counts, so ``SELECT 'COMMIT'`` or a column
named ``end`` is not transaction control. Strings, quoted identifiers, comments and
dollar-quoted bodies are skipped as units, so a ``;`` inside them does not split a
statement. The body of a ``CREATE TRIGGER … BEGIN … END`` is part of its ``CREATE``
statement: inside a ``CREATE`` statement ``BEGIN`` and ``CASE`` open a block that ``END``
closes, and a ``;`` only ends the statement outside every block.
"""

from __future__ import annotations

import re

# Statement keyword -> the LAM401 ``methods`` entry it stands for. RELEASE (of a savepoint)
# commits the nested transaction, SAVEPOINT begins one; END is COMMIT's synonym (sqlite,
# PostgreSQL), ABORT ROLLBACK's (PostgreSQL), START [TRANSACTION] BEGIN's.
STATEMENT_METHODS: dict[str, str] = {
    "COMMIT": "commit",
    "END": "commit",
    "RELEASE": "commit",
    "ROLLBACK": "rollback",
    "ABORT": "rollback",
    "BEGIN": "begin",
    "START": "begin",
    "SAVEPOINT": "begin_nested",
}

_TOKEN = re.compile(
    r"""
      (?P<skip> \s+ | --[^\n]* | /\*.*?(?:\*/|\Z)
              | '(?:[^']|'')*'? | "(?:[^"]|"")*"? | `[^`]*`? | \[[^\]]*\]?
              | (?P<tag>\$\w*\$).*?(?:(?P=tag)|\Z) )
    | (?P<end> ; )
    | (?P<word> [A-Za-z_]\w* )
    | (?P<other> . )
    """,
    re.VERBOSE | re.DOTALL,
)


def control_statements(sql: str) -> tuple[str, ...]:
    """The keywords (upper case, as in ``STATEMENT_METHODS``) of the transaction-control
    statements in ``sql``, in order."""
    found: list[str] = []
    first: str | None = None  # the statement's first word; "" when it starts otherwise
    depth = 0
    for match in _TOKEN.finditer(sql):
        kind = match.lastgroup
        if kind == "skip":  # the group that closes last names the match: never "tag"
            # A quoted string or identifier opening a statement makes it no control statement.
            if first is None and match.group()[:1] in "'\"`[$":
                first = ""
            continue
        if kind == "end":
            if depth <= 0:
                first, depth = None, 0
            continue
        if kind == "other":
            if first is None:
                first = ""
            continue
        word = match.group().upper()
        if first is None:
            first = word
            if word in STATEMENT_METHODS:
                found.append(word)
        elif first == "CREATE":
            if word == "BEGIN" or word == "CASE":
                depth += 1
            elif word == "END":
                depth -= 1
    return tuple(found)
