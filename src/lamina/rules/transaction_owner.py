"""LAM401 transaction-outside-owner

What it catches:
    A call ``<receiver>.<m>(…)`` with ``m`` in ``methods`` in a file of the scope that is
    not one of the ``owners``. Any receiver expression counts: names (``session``),
    attribute chains (``self._session``, ``ctx.session``), call results (``get_db()``)
    and subscripts (``sessions[key]``); awaited or not; ``async with
    ctx.session.begin():`` included; arguments spread over several lines do not matter.
    A receiver written exactly as an ``ignore_receivers`` entry is skipped:
    ``self.rollback(step)`` calls the object's own method, while ``self._session`` is
    not a bare receiver and fires (entries compare with the receiver text, so
    ``super()`` may be listed too). A bare ``commit()`` without receiver is not a
    transaction call. Text in strings, docstrings and comments never counts.
    A receiver that is not rooted in a name — awaited, parenthesised, boolean or
    conditional expressions such as ``(await get_session()).commit()``,
    ``(a or b).commit()`` or ``(s if c else t).rollback()`` — has no callee text
    (docs/rule-semantics.md#calls-and-name-resolution); the extractor records the called method for such calls,
    and they fire with the receiver reported as ``<expression>`` (never skipped by
    ``ignore_receivers``).

    Transaction control sent as SQL counts too: a call whose last callee segment is in
    ``sql_calls`` (``conn.execute``, ``conn.exec_driver_sql``, ``cursor.executescript``)
    with a string literal as its first positional argument (or ``statement=``, ``sql=``,
    ``sql_script=``), or a call of one of the ``sql_wrappers`` on a literal
    (``session.execute(text("COMMIT"))``, ``sa.text(...)``). Each statement of the string
    is read by its first word, case-insensitively, after whitespace and ``--``/``/* */``
    comments: COMMIT, END and RELEASE [SAVEPOINT] stand for ``commit``; ROLLBACK (also
    ROLLBACK TO SAVEPOINT) and ABORT for ``rollback``; BEGIN and START TRANSACTION for
    ``begin``; SAVEPOINT for ``begin_nested``. A statement fires when the method it stands
    for is in ``methods`` - so the pack decides, with the same list, whether rolling back
    is reserved to the owners (it is by default: a rollback below the owner throws away
    the owner's work as surely as a commit publishes half of it). Only literals count:
    ``execute(sql)``, f-strings and ``+`` concatenations are not read, nor are strings
    passed to other calls (``log("commit")``), nor ``SELECT 'COMMIT'`` (the first word
    is SELECT). ``ignore_receivers`` does not apply: ``self.execute("COMMIT")`` sends
    COMMIT whatever object ``self`` is.

Why it matters:
    A transaction has one owner. Code that commits or rolls back below it splits a unit
    of work in two: a failure after the inner commit leaves half-written state that no
    caller can roll back.

How to fix:
    Return to the owner and let it commit (for HOC: the L4 handler or the transaction
    coordinator); pass the work to do, not the session. A deliberate exception gets an
    inline ``# lamina: ignore[LAM401] <reason>``.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    owners: [selectors]                              (required) files that may own transactions
    methods: [commit, rollback, begin, begin_nested]
    ignore_receivers: [self, cls]                    receivers compared as written
    sql_calls: [execute, exec_driver_sql, executescript]   calls whose literal SQL is read
    sql_wrappers: [text]                             calls wrapping a literal SQL argument

Example:
    # app/hoc/cus/incidents/L6_drivers/incident_driver.py
    await self._session.commit()
    # LAM401 commit() on 'self._session' outside the transaction owners
    await self._session.execute(text("COMMIT"))
    # LAM401 'COMMIT' sent through execute() on 'self._session' outside the transaction owners
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema import SELECTORS, STRS
from lamina.config.schema_types import Field
from lamina.model.codes import Reads
from lamina.model.facts import ArgFact, ArgKind, CallFact
from lamina.model.findings import Finding, Severity
from lamina.model.options import TransactionOwnerOptions
from lamina.rules.base import RuleContext, select_paths
from lamina.rules.sql_control import STATEMENT_METHODS, control_statements

# How a receiver that is not rooted in a name is shown (it has no callee text).
_EXPRESSION = "<expression>"

# Keywords naming the SQL argument of the usual drivers (sqlite3, DB-API, SQLAlchemy).
_SQL_KEYWORDS = frozenset({"statement", "sql", "sql_script"})


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, TransactionOwnerOptions)
    owners = select_paths(ctx.import_index, options.owners)
    methods = frozenset(options.methods)
    ignored = frozenset(options.ignore_receivers)
    sql_calls = frozenset(options.sql_calls)
    wrappers = frozenset(options.sql_wrappers)
    for path in ctx.scope:
        if path in owners:
            continue
        for call in ctx.import_index.facts[path].calls:
            if call.text is None:
                receiver, method = _EXPRESSION, call.method
            else:
                receiver, _, method = call.text.rpartition(".")
            if method in sql_calls:
                statements = _sql_statements(call, wrappers, methods)
                if statements:
                    on = f" on '{receiver}'" if receiver else ""
                    yield ctx.call_finding(
                        path, call, f"{statements} sent through {method}(){on} outside the transaction owners"
                    )
                continue
            if method not in methods or not receiver or (call.text is not None and receiver in ignored):
                continue
            yield ctx.call_finding(path, call, f"{method}() on '{receiver}' outside the transaction owners")


def _sql_statements(call: CallFact, wrappers: frozenset[str], methods: frozenset[str]) -> str:
    """The transaction-control statements of ``call``'s literal SQL that stand for one of
    ``methods``, quoted and comma-separated; empty when there are none."""
    found: list[str] = []
    for sql in _literal_sql(call, wrappers):
        for keyword in control_statements(sql):
            quoted = f"'{keyword}'"
            if STATEMENT_METHODS[keyword] in methods and quoted not in found:
                found.append(quoted)
    return ", ".join(found)


def _literal_sql(call: CallFact, wrappers: frozenset[str]) -> Iterator[str]:
    arguments: list[ArgFact] = list(call.args[:1])
    arguments.extend(keyword.value for keyword in call.keywords if keyword.name in _SQL_KEYWORDS)
    for argument in arguments:
        if argument.kind is ArgKind.STR and argument.value is not None:
            yield argument.value
        elif argument.kind is ArgKind.CALL and argument.values and argument.value is not None:
            if argument.value.rpartition(".")[2] in wrappers:
                yield argument.values[0]


SPEC = RuleSpec(
    code="LAM401",
    name="transaction-outside-owner",
    family="transactions",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.CALLS}),
    options=TransactionOwnerOptions,
    option_fields=(
        Field("owners", SELECTORS, required=True),
        Field("methods", STRS),
        Field("ignore_receivers", STRS),
        Field("sql_calls", STRS),
        Field("sql_wrappers", STRS),
    ),
)
