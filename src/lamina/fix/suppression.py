"""LAM501: remove an unused suppression, or only its unused codes.

Every unused code of one comment is a finding of its own; all of them get the same fix,
computed from all of them, so that fixing one never leaves the others half done.
"""

from __future__ import annotations

import re

from lamina.fix.context import FixContext
from lamina.fix.source import FixSource
from lamina.model.findings import Finding
from lamina.model.fixes import Applicability, Fix

_UNUSED = re.compile(r"suppression of (\S+) matches no finding")
_START = re.compile(r"(?:^|#)[ \t]*lamina:[ \t]*ignore(?:-file)?[ \t]*\[([^\]]*)\]")


def fix(finding: Finding, source: FixSource, ctx: FixContext) -> Fix | None:
    if finding.line != finding.end_line or finding.end_column <= finding.column:
        return None
    start = source.offset(finding.line, finding.column)
    end = source.offset(finding.end_line, finding.end_column)
    comment = source.text[start:end]
    directive = _START.search(comment)
    if not comment.startswith("#") or directive is None:
        return None
    unused = {match.group(1) for f in ctx.findings
              if f.code == finding.code and (f.path, f.line, f.column) == (finding.path, finding.line, finding.column)
              for match in [_UNUSED.fullmatch(f.message)] if match}  # fmt: skip
    listed = [item.strip() for item in directive.group(1).split(",")]
    kept = [item for item in dict.fromkeys(listed) if item not in unused]
    if kept:
        inner_start = start + directive.start(1)
        edit = source.edit(inner_start, start + directive.end(1), ", ".join(kept))
        return Fix(Applicability.SAFE, f"remove {', '.join(sorted(unused))} from the suppression", (edit,))
    cut = start + directive.start()
    line_start = source.starts[finding.line - 1]
    before = source.text[line_start:cut]
    if not before.strip():
        # The comment is the whole line: the line goes.
        edit = source.edit(line_start, source.line_end(finding.line), "")
    else:
        kept_text = before.rstrip(" \t")
        edit = source.edit(line_start + len(kept_text), end, "")
    return Fix(Applicability.SAFE, "remove the unused suppression", (edit,))
