"""JUnit XML: one testcase per rule instance that ran, one ``<failure>`` per failing finding.

A finding fails its testcase when it is open and at or above ``--fail-on`` (exactly the
findings that make the exit code 1); open findings below the threshold are listed in the
testcase's ``<system-out>`` so they are visible without failing the build. Suppressed and
baselined findings are only counted, in the suite's properties. No times or timestamps:
the same input gives the same bytes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lamina.model.escape import one_line
from lamina.model.findings import Finding, FindingStatus
from lamina.model.render import RenderContext
from lamina.model.result import AnalysisResult

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# Characters XML 1.0 cannot carry even escaped; ``one_line`` has already shown control
# characters and undecodable bytes as ``\x1b``, so only the two non-characters remain.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(finding: Finding) -> str:
    return (
        f"{one_line(finding.path)}:{finding.line}:{finding.column}: {finding.code} "
        f"[{finding.severity.value}] {one_line(finding.message)}  ({one_line(finding.rule_id)})"
    )


def _cases(result: AnalysisResult, context: RenderContext) -> list[tuple[str, str]]:
    """(code, rule id) of every instance that ran or reported, sorted."""
    cases = {(ref.code, ref.rule_id) for ref in context.instances}
    cases.update((f.code, f.rule_id) for f in result.findings)
    return sorted(cases)


def render_junit(result: AnalysisResult, context: RenderContext) -> str:
    # Imported here: ElementTree (and its expat parser) is not needed on the warm path of
    # the other formats, which share this module's table.
    from xml.etree import ElementTree as ET

    failing = set(result.failing())
    cases = _cases(result, context)
    failures = sum(1 for f in result.findings if f in failing)
    totals = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "lamina", **totals})
    suite = ET.SubElement(root, "testsuite", {"name": _clean(one_line(result.project_name)) or "lamina", **totals})
    properties = ET.SubElement(suite, "properties")
    summary = result.summary
    for name, value in (
        ("lamina.version", context.tool_version),
        ("fail_on", result.fail_on.value),
        ("files", str(summary.files)),
        ("suppressed", str(summary.suppressed)),
        ("baselined", str(summary.baselined)),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    for code, rule_id in cases:
        _testcase(suite, code, rule_id, context, [f for f in result.findings if (f.code, f.rule_id) == (code, rule_id)], failing)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _testcase(
    suite: "Element",
    code: str,
    rule_id: str,
    context: RenderContext,
    findings: list[Finding],
    failing: set[Finding],
) -> None:
    from xml.etree import ElementTree as ET

    doc = context.rule(code)
    label = f"{code} {doc.name}" if doc else code
    case = ET.SubElement(suite, "testcase", {"classname": f"lamina.{code}", "name": _clean(one_line(rule_id))})
    below: list[str] = []
    for finding in findings:
        if finding in failing:
            failure = ET.SubElement(case, "failure", {
                "type": code,
                "message": _clean(f"{one_line(finding.path)}:{finding.line}:{finding.column}: {one_line(finding.message)}"),
            })
            failure.text = _clean(f"{_line(finding)}\n{label}: lamina explain {code}")
        elif finding.status is FindingStatus.OPEN:
            below.append(_clean(_line(finding)))
    if below:
        ET.SubElement(case, "system-out").text = "\n".join(below)
