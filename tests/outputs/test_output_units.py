"""Renderers on hand-made results: edge cases that a real project rarely produces."""

from __future__ import annotations

import json
from xml.etree import ElementTree

from output_schemas import validate_junit, validate_sarif

from lamina.model.findings import Finding, FindingStatus, Severity
from lamina.model.render import RenderContext, RuleDoc
from lamina.model.result import AnalysisResult, Summary
from lamina.outputs.formats import formats
from lamina.outputs.github import annotation, escape_data, escape_property
from lamina.outputs.junit import render_junit
from lamina.outputs.sarif import render_sarif


def result_of(*findings: Finding) -> AnalysisResult:
    ordered = tuple(sorted(findings, key=lambda f: f.sort_key))
    return AnalysisResult("demo", ("a.py",), ordered, Severity.ERROR, Summary.of(1, ordered))


def finding(**changes: object) -> Finding:
    base: dict[str, object] = dict(code="LAM101", rule_id="direction", severity=Severity.ERROR, path="app/x.py",
                                   line=3, column=5, end_line=3, end_column=20, message="m")
    base.update(changes)
    return Finding(**base)  # type: ignore[arg-type]


def test_every_documented_format_is_in_the_table() -> None:
    assert sorted(formats()) == ["github", "json", "junit", "sarif", "text"]
    assert {name for name, fmt in formats().items() if fmt.describes_rules} == {"junit", "sarif"}


def test_sarif_without_fingerprint_omits_partial_fingerprints_and_stays_valid() -> None:
    odd = finding(path="app/caf é#1.py", line=0, column=0, end_line=0, end_column=0, message="x\ny")
    log = json.loads(render_sarif(result_of(odd), RenderContext("9.9.9")))
    validate_sarif(log)
    (result,) = log["runs"][0]["results"]
    assert "partialFingerprints" not in result
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "app/caf%20%C3%A9%231.py"
    assert location["region"] == {"startLine": 1, "startColumn": 1}  # no empty span, never 0
    # A code the context does not describe still gets a (bare) descriptor.
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "LAM101"


def test_sarif_descriptor_uses_the_rule_documentation() -> None:
    doc = "What it catches:\n    Bad imports. More text.\n\nExample:\n    import x\n"
    context = RenderContext("1.0", rules=(RuleDoc("LAM101", "layer-violation", "imports", Severity.ERROR, doc),))
    log = json.loads(render_sarif(result_of(finding(fingerprint="abc")), context))
    validate_sarif(log)
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["shortDescription"] == {"text": "Bad imports."}
    assert (
        rule["help"]["markdown"]
        == "**What it catches**\n\nBad imports. More text.\n\n**Example**\n\n```\nimport x\n```\n"
    )
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert log["runs"][0]["results"][0]["partialFingerprints"] == {"lamina/v1": "abc"}


def test_github_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    line = annotation(finding(path="dir,1/x:y.py", message="50% of a\nb", severity=Severity.INFO,
                              end_line=4, end_column=1))
    assert line == ("::notice file=dir%2C1/x%3Ay.py,line=3,col=5,endLine=4,endColumn=1,title=LAM101::"
                    "50%25 of a%0Ab (direction)")
    assert annotation(finding(path="builtin:hoc", line=7)) == "::error title=LAM101::m (direction)"


def test_junit_survives_characters_xml_cannot_carry() -> None:
    text = render_junit(result_of(finding(message="bad \x00 byte")), RenderContext("1.0"))
    failure = ElementTree.fromstring(text.encode("utf-8")).find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == "app/x.py:3:5: bad \\x00 byte"
    validate_junit(text)


def test_suppressed_and_baselined_findings_do_not_fail_junit() -> None:
    quiet = (
        finding(status=FindingStatus.SUPPRESSED, justification="why"),
        finding(line=9, status=FindingStatus.BASELINED),
    )
    root = ElementTree.fromstring(render_junit(result_of(*quiet), RenderContext("1.0")).encode("utf-8"))
    assert root.get("failures") == "0" and root.get("tests") == "1"


def test_junit_one_file_is_one_testcase_with_one_failure_listing_its_failing_findings() -> None:
    found = (finding(line=3), finding(line=9), finding(line=12, severity=Severity.WARNING),
             finding(path="app/y.py"), finding(code="LAM103", rule_id="domains", path="app/x.py", line=4))
    text = render_junit(result_of(*found), RenderContext("1.0"))
    validate_junit(text)
    root = ElementTree.fromstring(text.encode("utf-8"))
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert list(cases) == ["direction: app/x.py", "direction: app/y.py", "domains: app/x.py"]
    (failure,) = cases["direction: app/x.py"].findall("failure")
    assert failure.get("message") == "2 findings, first at app/x.py:3:5: m"
    assert (failure.text or "").splitlines() == [
        "app/x.py:3:5: LAM101 [error] m  (direction)", "app/x.py:9:5: LAM101 [error] m  (direction)",
        "LAM101: lamina explain LAM101"]
    assert cases["direction: app/x.py"].findtext("system-out") == "app/x.py:12:5: LAM101 [warning] m  (direction)"
    assert (root.get("tests"), root.get("failures")) == ("3", "3")


def test_every_format_is_valid_utf8_whatever_the_strings_of_a_finding_hold() -> None:
    # Lone surrogates: an undecodable file name, a pack's "\udcff" escape, a string literal.
    odd = finding(path="app/m\udcff.py", rule_id="id\udcfe", message="say \ud800\x1b", symbol="m\udcff.f",
                  status=FindingStatus.SUPPRESSED, justification="why \udcff")
    context = RenderContext("1.0")
    for fmt in formats().values():
        fmt.render(result_of(odd, finding(path="app/m\udcff.py", line=9)), context).encode("utf-8")
    (data,) = [f for f in json.loads(formats()["json"].render(result_of(odd), context))["findings"]]
    assert (data["path"], data["rule_id"], data["message"], data["symbol"], data["justification"]) == (
        "app/m\\xff.py", "id\\xfe", "say \\ud800\x1b", "m\\xff.f", "why \\xff")
