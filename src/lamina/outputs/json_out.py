"""JSON output: stable, sorted, documented in docs/output-json.md (schema version 1).

Sorted keys, 2-space indent, UTF-8, trailing newline, relative POSIX paths; no
timestamps, durations, absolute paths or host names. A path that is not valid UTF-8 shows
its undecodable bytes as ``\\xff`` (``lamina.model.escape.shown``), so the output always is.
"""

from __future__ import annotations

import json

from lamina.model.escape import shown
from lamina.model.findings import Finding
from lamina.model.result import AnalysisResult

JSON_SCHEMA_VERSION = 1


def finding_data(finding: Finding) -> dict[str, object]:
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
    return data


def render_json(result: AnalysisResult, tool_version: str) -> str:
    s = result.summary
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
        "findings": [finding_data(f) for f in result.findings],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
