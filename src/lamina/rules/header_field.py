"""LAM504 missing-header-field

What it catches:
    A file in scope whose header block (the leading run of blank and ``#`` lines, up to
    ``header.max_lines``) lacks one of the configured fields. Keys compare
    case-insensitively. Reported at line 1. Info severity by default.

Why it matters:
    Header fields (``# Layer:``, ``# Role:``) are how readers and generated reports learn
    what a file is for; LAM104 can only cross-check a claim that exists.

How to fix:
    Add the field to the top of the file, e.g. ``# Layer: L5 — Domain engine``.

Fix:
    safe for the header's layer field (``header.layer_field``): ``lamina fix`` inserts
    ``# Layer: <token>`` (the path layer's first ``claims`` entry, else its name) at the top of
    the file, after a shebang and an encoding cookie. Other fields: no fix (lamina cannot know
    their value); write them by hand.

Options:
    fields: [Layer]   the required field names

Example:
    # app/hoc/cus/policies/L5_engines/x.py without a "# Layer:" line
    # LAM504 header field 'Layer' is missing
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema import STRS
from lamina.config.schema_types import Field
from lamina.layout.header import header_value
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.options import MissingHeaderFieldOptions
from lamina.model.source import ParseStatus
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, MissingHeaderFieldOptions)
    spec = ctx.project.header
    for path in ctx.scope:
        facts = ctx.import_index.facts[path]
        if facts.status in (ParseStatus.UNDECODABLE, ParseStatus.SYNTAX_ERROR):
            continue
        for field in options.fields:
            if header_value(facts.header, field, spec) is None:
                yield ctx.finding(path, 1, 1, f"header field '{field}' is missing")


SPEC = RuleSpec(
    code="LAM504",
    name="missing-header-field",
    family="hygiene",
    severity=Severity.INFO,
    doc=__doc__ or "",
    reads=frozenset({Reads.HEADERS}),
    options=MissingHeaderFieldOptions,
    option_fields=(
        Field("fields", STRS),
    ),
)
