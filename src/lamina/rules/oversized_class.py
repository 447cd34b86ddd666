"""LAM307 oversized-class

What it catches:
    A class whose name matches the ``classes`` glob and that defines more than
    ``max_public_methods`` public methods: distinct names of ``def`` / ``async def``
    written directly in the class body that do not start with ``_`` (dunder methods are
    not public; a property with its setter, or ``@overload`` variants, count once per
    name). Inherited methods and nested classes' methods do not count. Located at the
    ``class`` keyword.

Why it matters:
    A bridge is a per-domain capability factory; every public method is one more
    capability handed to other domains. A bridge that keeps growing has become a second
    facade of the domain and hides how much one domain depends on another.

How to fix:
    Split the class by consumer (one bridge per coordinator that needs it), or move the
    extra behaviour behind the domain's own L5 facade.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    classes: "*Bridge"           a glob on the class name
    max_public_methods: 5

Example:
    class PoliciesEngineBridge:      # seven public methods
    # LAM307 class 'PoliciesEngineBridge' has 7 public methods (max 5)
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema_types import Field, Int, Str
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.globs import name_glob
from lamina.model.options import OversizedClassOptions
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, OversizedClassOptions)
    glob = name_glob(options.classes)
    limit = options.max_public_methods
    for path in ctx.scope:
        for cls in ctx.import_index.facts[path].classes:
            if glob.fullmatch(cls.name) is None:
                continue
            public = sum(1 for name in cls.methods if not name.startswith("_"))
            if public > limit:
                message = f"class '{cls.qualname}' has {public} public methods (max {limit})"
                yield ctx.finding(path, cls.line, cls.column, message, symbol=cls.qualname)


SPEC = RuleSpec(
    code="LAM307",
    name="oversized-class",
    family="declarations",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.DEFINITIONS}),
    options=OversizedClassOptions,
    option_fields=(
        Field("classes", Str("name_glob")),
        Field("max_public_methods", Int(minimum=0)),
    ),
)
