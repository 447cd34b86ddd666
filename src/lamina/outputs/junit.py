"""JUnit XML: one testcase per (rule instance, file) with open findings, one per clean instance.

A JUnit consumer counts testcases and the testcases that hold a ``<failure>``, so the
mapping is made for ``failures <= tests`` (docs: README "Output formats"):

- a rule instance with open findings gets one testcase per file they are in (``name`` is
  ``RULE_ID: path``); the testcase fails, with ONE ``<failure>`` listing that file's
  failing findings, when at least one of them is at or above ``--fail-on`` (exactly the
  findings that make the exit code 1); its open findings below the threshold are listed
  in its ``<system-out>`` so they are visible without failing the build;
- a rule instance without open findings (it ran and found nothing, or everything it
  found is suppressed or baselined) is one passing testcase named by its rule id.

Suppressed and baselined findings are only counted, in the suite's properties, next to
the number of failing findings. No times or timestamps: the same input gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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


def _where(finding: Finding) -> str:
    return f"{one_line(finding.path)}:{finding.line}:{finding.column}: {one_line(finding.message)}"


def _instances(result: AnalysisResult, context: RenderContext) -> list[tuple[str, str]]:
    """(code, rule id) of every instance that ran or reported, sorted."""
    instances = {(ref.code, ref.rule_id) for ref in context.instances}
    instances.update((f.code, f.rule_id) for f in result.findings)
    return sorted(instances)


def _by_file(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """The open findings of one instance grouped by path: paths sorted, findings in result order."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.status is FindingStatus.OPEN:
            groups.setdefault(finding.path, []).append(finding)
    return sorted(groups.items())


def render_junit(result: AnalysisResult, context: RenderContext) -> str:
    # Imported here: ElementTree (and its expat parser) is not needed on the warm path of
    # the other formats, which share this module's table.
    from xml.etree import ElementTree as ET

    failing = set(result.failing())
    findings: dict[tuple[str, str], list[Finding]] = {}
    for finding in result.findings:
        findings.setdefault((finding.code, finding.rule_id), []).append(finding)
    # Built first, counted after: the totals are the number of elements written.
    cases: list[Element] = []
    for code, rule_id in _instances(result, context):
        groups = _by_file(findings.get((code, rule_id), []))
        if not groups:
            cases.append(ET.Element("testcase", {"classname": f"lamina.{code}", "name": _clean(one_line(rule_id))}))
        for path, group in groups:
            cases.append(_testcase(code, rule_id, path, group, failing, context))
    totals = {
        "tests": str(len(cases)),
        "failures": str(sum(1 for case in cases if case.find("failure") is not None)),
        "errors": "0",
    }
    # The JUnit schemas declare ``skipped`` on a testsuite only, not on testsuites.
    root = ET.Element("testsuites", {"name": "lamina", **totals})
    suite = ET.SubElement(
        root, "testsuite", {"name": _clean(one_line(result.project_name)) or "lamina", **totals, "skipped": "0"}
    )
    properties = ET.SubElement(suite, "properties")
    summary = result.summary
    for name, value in (
        ("lamina.version", context.tool_version),
        ("fail_on", result.fail_on.value),
        ("files", str(summary.files)),
        ("failing_findings", str(len(failing))),
        ("suppressed", str(summary.suppressed)),
        ("baselined", str(summary.baselined)),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    suite.extend(cases)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _testcase(
    code: str, rule_id: str, path: str, findings: list[Finding], failing: set[Finding], context: RenderContext
) -> Element:
    from xml.etree import ElementTree as ET

    case = ET.Element(
        "testcase", {"classname": f"lamina.{code}", "name": _clean(f"{one_line(rule_id)}: {one_line(path)}")}
    )
    failed = [f for f in findings if f in failing]
    below = [f for f in findings if f not in failing]
    if failed:
        doc = context.rule(code)
        label = f"{code} {doc.name}" if doc else code
        first = _where(failed[0])
        message = first if len(failed) == 1 else f"{len(failed)} findings, first at {first}"
        failure = ET.SubElement(case, "failure", {"type": code, "message": _clean(message)})
        failure.text = _clean("\n".join([*(_line(f) for f in failed), f"{label}: lamina explain {code}"]))
    if below:
        ET.SubElement(case, "system-out").text = _clean("\n".join(_line(f) for f in below))
    return case
