"""What the guarded handles check in SQL text before it runs: transaction control and write targets.

Two questions only, answered from the statement's leading tokens:

* ``first_keyword``: is this ``BEGIN``/``COMMIT``/``END``/``ROLLBACK``/``SAVEPOINT``/``RELEASE``?
  (any case, after whitespace, ``;`` and ``--``/``/* */`` comments) — refused, the registry owns the
  transaction.
* ``write_target``: which table does an ``INSERT``/``REPLACE``/``UPDATE``/``DELETE`` (also after a
  ``WITH`` clause) or a ``DROP``/``ALTER TABLE`` write? Compared with the table → domain map, a write
  to another domain's table is refused.

Limits (documented in docs/spine.md): this is a tokenizer, not a SQL parser. Writes made by triggers,
through views, or by statements the tokenizer cannot place (``write_target`` returns ``UNKNOWN_TARGET``)
are not attributed to a table; the guarded handles refuse an unplaceable write when a table map is
configured, so the failure mode is a refusal, not a silent pass. Schema prefixes are dropped
(``main.notes`` is ``notes``); table names compare case-insensitively, as sqlite does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol, runtime_checkable

__all__ = [
    "CONTROL_KEYWORDS",
    "UNKNOWN_TARGET",
    "ScopedHandle",
    "first_keyword",
    "foreign_write",
    "tokens",
    "write_target",
]

CONTROL_KEYWORDS = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})
"""Statements that would end or nest the registry's transaction behind its back."""

UNKNOWN_TARGET = "?"
"""``write_target`` of a write statement whose table the tokenizer could not place."""



@runtime_checkable
class ScopedHandle(Protocol):
    """A guarded handle that can hand out a view writing for one domain under a table map."""

    def scoped(self, writer: str, owners: Mapping[str, str]) -> object:
        """The same transaction, refusing writes to tables owned by domains other than ``writer``."""


_WRITES = frozenset({"INSERT", "REPLACE", "UPDATE", "DELETE"})
_OR_ACTIONS = frozenset({"ROLLBACK", "ABORT", "REPLACE", "FAIL", "IGNORE"})
_QUOTES = {'"': '"', "`": "`", "[": "]"}


def _skip_trivia(sql: str, i: int) -> int:
    n = len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] == ";":
            i += 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            break
    return i


def first_keyword(sql: str) -> str:
    """The first SQL keyword after whitespace, ``;`` and comments, upper-cased.

    Leading ``;`` is skipped because sqlite3 happily runs ``";COMMIT"`` as a COMMIT.
    """
    i = _skip_trivia(sql, 0)
    j = i
    while j < len(sql) and (sql[j].isalnum() or sql[j] == "_"):
        j += 1
    return sql[i:j].upper()


def tokens(sql: str) -> Iterator[tuple[str, bool]]:
    """``(token, quoted)`` pairs: words upper-cased, quoted identifiers verbatim, literals as ``'``.

    Comments and whitespace are dropped; every other character is a token of its own.
    """
    i, n = 0, len(sql)
    while True:
        i = _skip_trivia(sql, i)
        if i >= n:
            return
        ch = sql[i]
        if ch.isalnum() or ch == "_":
            j = i
            while j < n and (sql[j].isalnum() or sql[j] in "_$"):
                j += 1
            yield sql[i:j].upper(), False
            i = j
        elif ch in _QUOTES:
            close = _QUOTES[ch]
            j = i + 1
            text: list[str] = []
            while j < n:
                if sql[j] == close:
                    if close != "]" and j + 1 < n and sql[j + 1] == close:  # doubled quote
                        text.append(close)
                        j += 2
                        continue
                    break
                text.append(sql[j])
                j += 1
            yield "".join(text), True
            i = j + 1
        elif ch == "'":
            j = i + 1
            while j < n:
                if sql[j] == "'":
                    if j + 1 < n and sql[j + 1] == "'":
                        j += 2
                        continue
                    break
                j += 1
            yield "'", False
            i = j + 1
        else:
            yield ch, False
            i += 1


def _name_at(items: list[tuple[str, bool]], k: int) -> str:
    """The (schema-stripped, lower-cased) table name starting at ``items[k]``."""
    if k >= len(items):
        return UNKNOWN_TARGET
    name, quoted = items[k]
    if not quoted and not (name[:1].isalpha() or name[:1] == "_"):
        return UNKNOWN_TARGET
    if k + 2 < len(items) and items[k + 1] == (".", False):
        name, quoted = items[k + 2]
        if not quoted and not (name[:1].isalpha() or name[:1] == "_"):
            return UNKNOWN_TARGET
    return name.lower()


def _target_from(items: list[tuple[str, bool]], k: int) -> str:
    verb = items[k][0]
    k += 1
    if verb in ("INSERT", "UPDATE") and k + 1 < len(items) and items[k] == ("OR", False):
        if items[k + 1][0] not in _OR_ACTIONS:
            return UNKNOWN_TARGET
        k += 2
    if verb in ("INSERT", "REPLACE", "DELETE"):
        expected = "FROM" if verb == "DELETE" else "INTO"
        if k >= len(items) or items[k] != (expected, False):
            return UNKNOWN_TARGET
        k += 1
    return _name_at(items, k)


def write_target(sql: str) -> str | None:
    """The table a write statement writes (lower-case), ``None`` for a non-write, ``UNKNOWN_TARGET``
    for a write whose table cannot be placed."""
    items = list(tokens(sql))
    if not items:
        return None
    head = items[0][0] if not items[0][1] else ""
    if head in _WRITES:
        return _target_from(items, 0)
    if head in ("DROP", "ALTER"):
        if len(items) > 1 and items[1] == ("TABLE", False):
            k = 2
            if items[k : k + 2] == [("IF", False), ("EXISTS", False)]:
                k += 2
            return _name_at(items, k)
        return None
    if head == "WITH":
        # The statement after the CTEs is the first write/SELECT keyword outside parentheses.
        depth = 0
        for k, (token, quoted) in enumerate(items):
            if quoted:
                continue
            if token == "(":
                depth += 1
            elif token == ")":
                depth -= 1
            elif depth == 0 and token in _WRITES:
                return _target_from(items, k)
            elif depth == 0 and token == "SELECT":
                return None
        return UNKNOWN_TARGET
    return None


def foreign_write(sql: str, writer: str | None, owners: Mapping[str, str]) -> tuple[str, str] | None:
    """``(table, owner)`` when ``sql`` writes a table owned by a domain other than ``writer``.

    Tables nobody owns are free to write. An unplaceable write is reported as ``(UNKNOWN_TARGET, "")``
    when a map is configured, so the guard refuses rather than guesses.
    """
    if not owners:
        return None
    target = write_target(sql)
    if target is None:
        return None
    if target == UNKNOWN_TARGET:
        return target, ""
    owner = owners.get(target)
    if owner is None or owner == writer:
        return None
    return target, owner
