"""LAM402 database-import

What it catches:
    An import from a file in scope whose target matches ``modules`` — internal targets by
    their resolved module, external ones by their dotted name (``sqlalchemy.orm``,
    ``asyncpg``); module patterns match a module and all of its submodules — or a
    from-import of a name listed in ``symbols`` from any module (``from app.db import
    AsyncSession``). Module-level, lazy and importlib imports count by default; an import
    under ``if TYPE_CHECKING:`` never fires unless ``imports`` includes it. One import
    yields one finding: a module match is reported as such; otherwise the listed names
    it imports are named in written order (``'Session', 'AsyncSession'`` when both).
    The finding wins the overlap policy over LAM102, LAM101 and LAM103 on the same import;
    LAM108 and LAM201 win over it.

Why it matters:
    Engines that import the database layer start to own queries and sessions; the
    layer stops being testable without a database and transactions leak out of their
    owner.

How to fix:
    Move the persistence code to a driver of the same domain and call it through the
    interface the engine already receives; for annotations only, put the import under
    ``if TYPE_CHECKING:``.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    modules: [module patterns]   default [sqlalchemy, sqlmodel, asyncpg, psycopg, psycopg2]
    symbols: [names]             default [Session, AsyncSession]
    imports: {lazy: include, type_checking: ignore, importlib: include}

Example:
    # app/hoc/cus/policies/L5_engines/rules_engine.py
    from sqlalchemy.ext.asyncio import AsyncSession
    # LAM402 'app.hoc.cus.policies.L5_engines.rules_engine' imports database module
    #        'sqlalchemy.ext.asyncio'
    from app.db import AsyncSession
    # LAM402 '…rules_engine' imports 'AsyncSession' from 'app.db'
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema import IMPORTS, STRS
from lamina.config.schema_types import Field, ListOf, Str
from lamina.model.codes import Reads
from lamina.model.facts import ImportOrigin
from lamina.model.findings import Finding, Severity
from lamina.model.globs import compile_module_pattern
from lamina.model.options import DatabaseImportOptions
from lamina.model.placement import TargetStatus
from lamina.rules.base import RuleContext, how, scoped_imports, target_name


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, DatabaseImportOptions)
    modules = tuple(compile_module_pattern(m) for m in options.modules)
    symbols = frozenset(options.symbols)
    for fact, resolved in scoped_imports(ctx, options.imports):
        src = ctx.import_index.module_of(resolved.source)
        tgt = target_name(resolved)
        name = resolved.module if resolved.status == TargetStatus.INTERNAL else resolved.target
        if name and any(pattern.match(name) for pattern in modules):
            message = f"'{src}' imports database module '{tgt}'{how(fact)}"
        else:
            listed = [n for n in resolved.names if n in symbols] if fact.origin is ImportOrigin.FROM else []
            if not listed:
                continue
            names = ", ".join(f"'{n}'" for n in dict.fromkeys(listed))
            message = f"'{src}' imports {names} from '{tgt}'{how(fact)}"
        yield ctx.import_finding(resolved, message)


SPEC = RuleSpec(
    code="LAM402",
    name="database-import",
    family="transactions",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS}),
    options=DatabaseImportOptions,
    option_fields=(
        Field("modules", ListOf(Str("module"))),
        Field("symbols", STRS),
        Field("imports", IMPORTS),
    ),
)
