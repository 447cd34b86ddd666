"""LAM104 header-layer-mismatch

What it catches:
    A file whose header comment claims a layer (``# Layer: L5 — Engine``) that the path
    layer does not accept: the token is not in the path layer's ``claims`` (default: the
    layer's name). A token that no layer claims at all is reported as an unknown claim
    (``unknown_claims: ignore`` silences that form). Files placed by the header fallback
    never fire. Reported at the header line.

Why it matters:
    Headers are what humans read; when they lie, reviews and audit documents go wrong.
    The path is the truth lamina enforces; the header must agree with it.

How to fix:
    Correct the header, or move the file to the directory of the layer it claims.

Fix:
    safe. ``lamina fix`` replaces the claimed token of the header line by the path
    layer's (its first ``claims`` entry, else its name) and keeps the rest of the line:
    ``# Layer: L6 — Driver`` in an L7 file becomes ``# Layer: L7 — Driver``. Reword the
    description by hand if it described the other layer.

Options:
    unknown_claims: report | ignore   (default report)

Example:
    # app/models/incident.py, placed in L7 by its path:
    # Layer: L6 — Driver            # LAM104 header claims layer 'L6' but the path places the file in 'L7'
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema_types import Choice, Field
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.options import HeaderLayerOptions
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, HeaderLayerOptions)
    claims = {layer.name: set(layer.claims or (layer.name,)) for layer in ctx.project.layers}
    known_tokens = set().union(*claims.values()) if claims else set()
    for path in ctx.scope:
        placement = ctx.import_index.placements[path]
        token = placement.header_token
        if token is None or placement.layer is None or placement.by_header:
            continue
        if token in claims[placement.layer]:
            continue
        if token not in known_tokens:
            if options.unknown_claims == "ignore":
                continue
            message = f"header claims unknown layer '{token}'"
        else:
            message = f"header claims layer '{token}' but the path places the file in '{placement.layer}'"
        yield ctx.finding(path, placement.header_line, 1, message)


SPEC = RuleSpec(
    code="LAM104",
    name="header-layer-mismatch",
    family="imports/layers",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    reads=frozenset({Reads.HEADERS}),
    options=HeaderLayerOptions,
    option_fields=(
        Field("unknown_claims", Choice(("report", "ignore"), "unknown_claims value")),
    ),
)
