"""LAM108 unresolved-import

What it catches:
    An import of a module of the project that does not exist: ``import app.hoc.cus.logs.X``
    or ``from app.hoc.cus.logs.X import Y`` when no file or directory provides
    ``app.hoc.cus.logs.X``, and ``from ns import name`` when ``ns`` is one of the project's
    namespace directories (no ``__init__.py``, so it binds no names) and ``name`` is no
    submodule of it. A target is the project's when its nearest existing parent is a module
    or package of the project other than a top-level namespace directory: installed
    distributions may provide other parts of such a namespace (a project's ``google/`` beside
    ``google.protobuf``), so ``import ns.other`` below a top-level namespace ``ns/`` is not
    reported. Imports guarded by ``try: ... except ImportError`` are optional by design and
    not reported. ``from pkg import name`` where ``pkg`` is a module or a regular package is
    taken as an import of a name that ``pkg`` binds and is not checked: whether ``pkg`` binds
    it depends on another file, and this code is local (a file's findings depend on its own
    facts and on the file set only).

Why it matters:
    Such an import fails at runtime (or, under ``TYPE_CHECKING``, leaves a dangling type).
    The import is kept unresolved: it is not charged to the nearest existing parent package,
    so no layer or domain rule reports it against the parent, and the target is placed by
    what the pack's layer ``modules`` patterns and path globs say about its dotted name.
    Overlap policy (one import, one finding): LAM108 wins over LAM201, LAM402, LAM102,
    LAM101 and LAM103 on the same import - a module that does not exist has no layer or
    domain to judge. Suppress the code that is reported.

How to fix:
    Correct the dotted path (a renamed or moved module), create the missing module, or drop
    the import. lamina reads ``.py`` sources only: a module that exists as a compiled
    extension (``.so``, ``.pyd``), a stub (``.pyi``) or a file generated at build time
    (``*_pb2.py``) is not seen and its imports are reported. Suppress those imports inline
    with a reason, scope the code out of such packages (``paths.exclude``), or list the
    code with ``severity: off``.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    None. Always on.

Example:
    # app/hoc/cus/policies/L5_engines/rules_engine.py
    from app.hoc.cus.logs.L6_drivers.audit_driver import AuditDriver
    # LAM108 import of 'app.hoc.cus.logs.L6_drivers.audit_driver': no such module in the project
    #        (nearest existing package: app.hoc.cus.logs)
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.placement import TargetStatus
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    modules = ctx.import_index.modules
    for path in ctx.scope:
        facts = ctx.import_index.facts[path].imports
        for resolved in ctx.import_index.imports[path]:
            if resolved.status != TargetStatus.MISSING or facts[resolved.fact].guarded:
                continue
            if not modules.is_ours(resolved.target):
                continue
            nearest = modules.nearest(resolved.target)
            kind = "package" if nearest and nearest in modules.namespaces or _is_package(ctx, nearest) else "module"
            message = (
                f"import of '{resolved.target}': no such module in the project "
                f"(nearest existing {kind}: {nearest})"
            )
            yield ctx.import_finding(resolved, message)


def _is_package(ctx: RuleContext, module: str) -> bool:
    path = ctx.import_index.modules.files.get(module)
    return path is not None and ctx.import_index.files[path].is_package


SPEC = RuleSpec(
    code="LAM108",
    name="unresolved-import",
    family="imports",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS}),
    always_on=True,
)
