"""LAM504 (the layer field) and LAM104: write the ``# Layer:`` header the path's layer
expects, in the format the pack's ``header`` settings read (``# <layer_field>: <token>``).

The token is the layer's first claim (its name when it lists none). LAM104 replaces only
the claimed token and keeps the rest of the line; LAM504 inserts the line at the top of the
file, after a shebang and an encoding cookie, which must stay on the first two lines.
"""

from __future__ import annotations

import re

from lamina.fix.context import FixContext
from lamina.fix.source import FixSource
from lamina.model.findings import Finding
from lamina.model.fixes import Applicability, Fix

_MISSING = re.compile(r"header field '(.+)' is missing")
_FIELD = re.compile(r"[ \t\f]*#[ ]?([A-Za-z][A-Za-z0-9_\-]*(?: [A-Za-z0-9_\-]+)*)[ \t]*:[ \t]*")
_COOKIE = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")
_TRAILING = "—–-,:;"


def _expected_token(finding: Finding, ctx: FixContext) -> str | None:
    placement = ctx.index().placements.get(finding.path)
    if placement is None or placement.layer is None or placement.by_header:
        return None
    for layer in ctx.project.layers:
        if layer.name == placement.layer:
            return layer.claims[0] if layer.claims else layer.name
    return None


def fix_missing(finding: Finding, source: FixSource, ctx: FixContext) -> Fix | None:
    """LAM504 for the layer field; other fields have no value lamina could know."""
    match = _MISSING.fullmatch(finding.message)
    field = ctx.project.header.layer_field
    if match is None or match.group(1).casefold() != field.casefold():
        return None
    token = _expected_token(finding, ctx)
    if token is None:
        return None
    line = 1
    if source.line_count() >= 1 and source.line_text(1).startswith("#!"):
        line = 2
    if line <= source.line_count() and line <= 2 and _COOKIE.match(source.line_text(line)):
        line += 1
    at = source.starts[line - 1] if line <= source.line_count() else len(source.text)
    prefix = source.newline if at == len(source.text) and source.text and not source.text.endswith(("\n", "\r")) else ""
    edit = source.edit(at, at, f"{prefix}# {field}: {token}{source.newline}")
    return Fix(Applicability.SAFE, f"insert '# {field}: {token}'", (edit,))


def fix_claim(finding: Finding, source: FixSource, ctx: FixContext) -> Fix | None:
    """LAM104: the claimed token becomes the path layer's."""
    token = _expected_token(finding, ctx)
    if token is None or finding.line > source.line_count():
        return None
    text = source.line_text(finding.line)
    field = _FIELD.match(text)
    if field is None or field.group(1).casefold() != ctx.project.header.layer_field.casefold():
        return None
    rest = text[field.end():]
    word = rest.split()[0] if rest.split() else ""
    claimed = word.rstrip(_TRAILING)
    if not claimed:
        return None
    start = source.starts[finding.line - 1] + field.end()
    edit = source.edit(start, start + len(claimed), token)
    return Fix(Applicability.SAFE, f"claim layer '{token}' in the header", (edit,))
