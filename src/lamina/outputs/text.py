"""Human text: findings grouped by file, then one summary line.

Paths and messages are shown with control characters and undecodable bytes escaped
(``lamina.model.escape``), so one finding is always one line of valid UTF-8.
Suppressed and baselined findings are hidden here (they are counted in the summary and
kept in JSON and SARIF). Durations never appear on stdout, so two runs print the same bytes.
"""

from __future__ import annotations

from lamina.model.escape import one_line
from lamina.model.findings import FindingStatus
from lamina.model.fixes import Applicability, FixTable, finding_key
from lamina.model.result import AnalysisResult


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_text(result: AnalysisResult, color: bool = False, fixes: FixTable = FixTable()) -> str:
    lines: list[str] = []
    table = fixes.lookup()
    safe = unsafe = 0
    current = None
    shown = [f for f in result.findings if f.status is FindingStatus.OPEN]
    palette = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"} if color else {}
    reset = "\x1b[0m" if color else ""
    bold = "\x1b[1m" if color else ""
    for finding in shown:
        if finding.path != current:
            if current is not None:
                lines.append("")
            current = finding.path
            lines.append(f"{bold}{one_line(finding.path)}{reset}")
        severity = finding.severity.value
        tint = palette.get(severity, "")
        fix = table.get(finding_key(finding))
        # ruff's convention: [*] marks what `lamina fix` repairs without --unsafe.
        mark = "[*] " if fix is not None and fix.applicability is Applicability.SAFE else ""
        safe += bool(mark)
        unsafe += fix is not None and fix.applicability is Applicability.UNSAFE
        lines.append(
            f"  {one_line(finding.path)}:{finding.line}:{finding.column}: {tint}{finding.code}{reset} "
            f"{mark}[{severity}] {one_line(finding.message)}  ({one_line(finding.rule_id)})"
        )
    if shown:
        lines.append("")
    lines.append(summary_line(result))
    if safe or unsafe:
        more = f" ({unsafe} more with `lamina fix --unsafe`)" if unsafe else ""
        lines.append(f"lamina: {safe} fixable with `lamina fix`{more}")
    return "\n".join(lines) + "\n"


def summary_line(result: AnalysisResult) -> str:
    s = result.summary
    parts = [_plural(s.errors, "error"), _plural(s.warnings, "warning"), f"{s.infos} info"]
    extra = []
    if s.suppressed:
        extra.append(f"{s.suppressed} suppressed")
    if s.baselined:
        extra.append(f"{s.baselined} baselined")
    tail = f" ({', '.join(extra)})" if extra else ""
    verdict = "FAILED" if result.exit_code else "passed"
    return (
        f"lamina: {_plural(s.files, 'file')} checked, {', '.join(parts)}{tail}; "
        f"{verdict} at --fail-on {result.fail_on.value}"
    )
