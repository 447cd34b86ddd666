"""JSON output: stable, sorted, documented in docs/output-json.md (schema version 1).

Sorted keys, 2-space indent, UTF-8, trailing newline, relative POSIX paths; no
timestamps, durations, absolute paths or host names. A path that is not valid UTF-8 shows
its undecodable bytes as ``\\xff`` (``lamina.model.escape.shown``), so the output always is.
"""

from __future__ import annotations

import json

from lamina.model.escape import shown
from lamina.model.findings import Finding
from lamina.model.fixes import Fix, FixTable, finding_key
from lamina.model.result import AnalysisResult

JSON_SCHEMA_VERSION = 1


def fix_data(fix: Fix) -> dict[str, object]:
    return {
        "applicability": fix.applicability.value,
        "message": fix.message,
        "edits": [{"line": e.line, "column": e.column, "end_line": e.end_line, "end_column": e.end_column,
                   "content": e.content} for e in fix.edits],  # fmt: skip
    }


def finding_data(finding: Finding, fix: Fix | None = None) -> dict[str, object]:
    data: dict[str, object] = {
        "code": finding.code,
        "rule_id": shown(finding.rule_id),
        "severity": finding.severity.value,
        "status": finding.status.value,
        "path": shown(finding.path),
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "message": shown(finding.message),
        "symbol": shown(finding.symbol),
    }
    if finding.justification:
        data["justification"] = shown(finding.justification)
    if fix is not None:
        data["fix"] = fix_data(fix)
    return data


def render_json(result: AnalysisResult, tool_version: str, fixes: FixTable = FixTable()) -> str:
    s = result.summary
    table = fixes.lookup()
    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "lamina", "version": tool_version},
        "fail_on": result.fail_on.value,
        "exit_code": result.exit_code,
        "summary": {
            "files": s.files,
            "errors": s.errors,
            "warnings": s.warnings,
            "infos": s.infos,
            "suppressed": s.suppressed,
            "baselined": s.baselined,
        },
        "findings": [finding_data(f, table.get(finding_key(f))) for f in result.findings],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
