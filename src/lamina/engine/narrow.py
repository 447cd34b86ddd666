"""What is not part of any cache key: the PATHS filter and ``--fail-on``."""

from __future__ import annotations

from lamina.model.findings import Finding, Severity
from lamina.model.result import AnalysisResult, Summary
from lamina.model.settings import RunSettings


def located_in(findings: tuple[Finding, ...] | list[Finding], paths: tuple[str, ...]) -> list[Finding]:
    """Findings under PATHS, plus those located in packs and the baseline (not source files)."""
    if not paths:
        return list(findings)
    prefixes = tuple(p.rstrip("/") for p in paths)
    return [
        f
        for f in findings
        if not f.path.endswith(".py") or any(f.path == p or f.path.startswith(p + "/") for p in prefixes)
    ]


def narrow(result: AnalysisResult, settings: RunSettings, configured: Severity | None = None) -> AnalysisResult:
    findings = tuple(located_in(result.findings, settings.paths))
    fail_on = settings.fail_on or configured or result.fail_on
    return result._replace(findings=findings, fail_on=fail_on, summary=Summary.of(len(result.files), findings))
