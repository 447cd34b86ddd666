"""SARIF 2.1.0: one run, rule descriptors from the catalog, every finding as a result.

Suppressed and baselined findings stay in the log with a ``suppressions`` entry
(``inSource`` with the comment's reason, ``external`` for the baseline) so that code
scanning shows them as closed instead of forgetting them (docs/rule-semantics.md#inline-suppressions).
Locations are project-relative URIs under ``%SRCROOT%``; no absolute path, timestamp
or duration appears, so the same input gives the same bytes (docs/architecture.md#determinism).
"""

from __future__ import annotations

import json
from urllib.parse import quote

from lamina.model.escape import path_bytes, shown
from lamina.model.findings import Finding, FindingStatus, Severity
from lamina.model.fixes import Fix, finding_key
from lamina.model.render import RenderContext, RuleDoc
from lamina.model.result import AnalysisResult
from lamina.outputs import rule_help

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "lamina/v1"
SOURCE_ROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
BASELINE_JUSTIFICATION = "recorded in the lamina baseline"


def render_sarif(result: AnalysisResult, context: RenderContext) -> str:
    descriptors = _rule_docs(result, context)
    index = {doc.code: position for position, doc in enumerate(descriptors)}
    fixes = context.fixes.lookup()
    run = {
        "tool": {
            "driver": {
                "name": "lamina",
                "version": context.tool_version,
                "semanticVersion": context.tool_version,
                "rules": [_descriptor(doc) for doc in descriptors],
            }
        },
        # lamina counts columns in characters, not in UTF-16 code units (SARIF's default).
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.code], fixes.get(finding_key(f))) for f in result.findings],
        "properties": {"failOn": result.fail_on.value, "exitCode": result.exit_code},
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _rule_docs(result: AnalysisResult, context: RenderContext) -> list[RuleDoc]:
    """The context's rules plus a bare descriptor for any code only a finding names."""
    docs = {doc.code: doc for doc in context.rules}
    for finding in result.findings:
        if finding.code not in docs:
            docs[finding.code] = RuleDoc(finding.code, finding.code, "", finding.severity, "")
    return [docs[code] for code in sorted(docs)]


def _descriptor(doc: RuleDoc) -> dict[str, object]:
    descriptor: dict[str, object] = {
        "id": doc.code,
        "name": doc.name,
        "shortDescription": {"text": rule_help.summary(doc.doc, doc.name)},
        "defaultConfiguration": {"level": LEVELS[doc.severity]},
    }
    if doc.doc:
        descriptor["fullDescription"] = {"text": rule_help.description(doc.doc)}
        descriptor["help"] = {"text": doc.doc, "markdown": rule_help.markdown(doc.doc)}
    if doc.family:
        descriptor["properties"] = {"tags": ["architecture", doc.family]}
    return descriptor


def _region(finding: Finding) -> dict[str, int]:
    # SARIF lines and columns start at 1; configuration findings may carry 0.
    line, column = max(finding.line, 1), max(finding.column, 1)
    region = {"startLine": line, "startColumn": column}
    if (finding.end_line, finding.end_column) > (line, column):
        # lamina's end column is exclusive, exactly like SARIF's endColumn.
        region["endLine"] = finding.end_line
        region["endColumn"] = max(finding.end_column, 1)
    return region


def _location(finding: Finding) -> dict[str, object]:
    # Percent-encoding works on bytes: an undecodable file name becomes its own %FF.
    artifact: dict[str, object] = {"uri": quote(path_bytes(finding.path), safe="/")}
    if not finding.path.startswith("builtin:"):
        artifact["uriBaseId"] = SOURCE_ROOT
    location: dict[str, object] = {
        "physicalLocation": {"artifactLocation": artifact, "region": _region(finding)}
    }
    if finding.symbol and finding.symbol != "<module>":
        location["logicalLocations"] = [{"fullyQualifiedName": shown(finding.symbol)}]
    return location


def _fix(finding: Finding, fix: Fix) -> dict[str, object]:
    """SARIF 2.1.0 section 3.55: one artifactChange of the finding's file, one replacement per edit
    (regions in the run's columnKind; an empty deleted region inserts)."""
    replacements = []
    for edit in fix.edits:
        region = {"startLine": edit.line, "startColumn": edit.column, "endLine": edit.end_line,
                  "endColumn": edit.end_column}  # fmt: skip
        replacements.append({"deletedRegion": region, "insertedContent": {"text": edit.content}})
    artifact = _location(finding)["physicalLocation"]["artifactLocation"]  # type: ignore[index]
    return {
        "description": {"text": fix.message},
        "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
        "properties": {"applicability": fix.applicability.value},
    }


def _result(finding: Finding, rule_index: int, fix: Fix | None = None) -> dict[str, object]:
    out: dict[str, object] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": shown(finding.message)},
        "locations": [_location(finding)],
        "properties": {"ruleInstance": shown(finding.rule_id), "status": finding.status.value},
    }
    if fix is not None:
        out["fixes"] = [_fix(finding, fix)]
    if finding.fingerprint:
        # Without it, code scanning falls back to its own line hash; never invent one here
        # (the fingerprint needs the source line, which renderers do not read).
        out["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.status is FindingStatus.SUPPRESSED:
        suppression: dict[str, object] = {"kind": "inSource"}
        if finding.justification:
            suppression["justification"] = shown(finding.justification)
        out["suppressions"] = [suppression]
    elif finding.status is FindingStatus.BASELINED:
        out["suppressions"] = [{"kind": "external", "justification": BASELINE_JUSTIFICATION}]
    return out
