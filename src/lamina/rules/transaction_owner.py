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
    (RULES.md section 3.2); the extractor records the called method for such calls,
    and they fire with the receiver reported as ``<expression>`` (never skipped by
    ``ignore_receivers``).

Why it matters:
    A transaction has one owner. Code that commits or rolls back below it splits a unit
    of work in two: a failure after the inner commit leaves half-written state that no
    caller can roll back.

How to fix:
    Return to the owner and let it commit (for HOC: the L4 handler or the transaction
    coordinator); pass the work to do, not the session. A deliberate exception gets an
    inline ``# lamina: ignore[LAM401] <reason>``.

Options:
    owners: [selectors]                              (required) files that may own transactions
    methods: [commit, rollback, begin, begin_nested]
    ignore_receivers: [self, cls]                    receivers compared as written

Example:
    # app/hoc/cus/incidents/L6_drivers/incident_driver.py
    await self._session.commit()
    # LAM401 commit() on 'self._session' outside the transaction owners
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.model.findings import Finding, Severity
from lamina.model.options import TransactionOwnerOptions
from lamina.rules.base import RuleContext, select_paths
from lamina.config.rulespec import RuleSpec
from lamina.model.codes import Reads
from lamina.config.schema_types import Field
from lamina.config.schema import SELECTORS, STRS

# How a receiver that is not rooted in a name is shown (it has no callee text).
_EXPRESSION = "<expression>"


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, TransactionOwnerOptions)
    owners = select_paths(ctx.index, options.owners)
    methods = frozenset(options.methods)
    ignored = frozenset(options.ignore_receivers)
    for path in ctx.scope:
        if path in owners:
            continue
        for call in ctx.index.facts[path].calls:
            if call.text is None:
                if call.method in methods:
                    yield ctx.call_finding(path, call, f"{call.method}() on '{_EXPRESSION}' outside the transaction owners")
                continue
            receiver, dot, method = call.text.rpartition(".")
            if not dot or method not in methods or receiver in ignored:
                continue
            yield ctx.call_finding(path, call, f"{method}() on '{receiver}' outside the transaction owners")


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
    ),
)
