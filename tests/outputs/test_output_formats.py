"""``--format sarif|junit|github|json`` on one project with every kind of finding: each
format validated (SARIF against the OASIS schema, JUnit against the junit-10 XSD, JSON against
docs/output-json.md as a JSON Schema) and byte-identical with or without the cache."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from output_project import invoke, make_project
from output_schemas import validate_json_output, validate_junit, validate_sarif

from lamina.analysis import check
from lamina.model.findings import FindingStatus
from lamina.rules.catalog import catalog


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_project(tmp_path / "p", monkeypatch)


def test_sarif_is_valid_and_describes_rules_from_the_catalog(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = invoke(project, monkeypatch, "check", "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    validate_sarif(log)
    assert str(project.parent) not in out  # relative URIs only
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    kinds = catalog()
    assert {"LAM004", "LAM101", "LAM106", "LAM501", "LAM503"} <= set(rules)
    assert list(rules) == sorted(rules)
    for code_, rule in rules.items():
        assert rule["name"] == kinds[code_].spec.name
        assert rule["help"]["text"] == kinds[code_].body
    assert invoke(project, monkeypatch, "explain", "LAM101")[1].split("\n", 2)[2] == rules["LAM101"]["help"]["text"]
    by_status = {
        (r["ruleId"], r["properties"]["status"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r
        for r in run["results"]
    }
    assert set(by_status) >= {("LAM101", "open", 12), ("LAM101", "suppressed", 7), ("LAM101", "baselined", 2),
                              ("LAM004", "open", 5), ("LAM106", "open", 1)}
    assert by_status[("LAM101", "suppressed", 7)]["suppressions"] == [
        {"kind": "inSource", "justification": "migration shim, removed with the v2 API"}]
    assert by_status[("LAM101", "baselined", 2)]["suppressions"][0]["kind"] == "external"
    assert "suppressions" not in by_status[("LAM101", "open", 12)]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    region = by_status[("LAM101", "open", 12)]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 12, "startColumn": 5, "endLine": 12, "endColumn": 29}
    assert (
        by_status[("LAM004", "open", 5)]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pack.yaml"
    )


def test_sarif_fingerprints_are_the_findings_fingerprints(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = check(None, str(project))
    expected = sorted((f.code, f.line, f.fingerprint) for f in result.findings)
    assert all(fp for _, _, fp in expected)
    log = json.loads(invoke(project, monkeypatch, "check", "--format", "sarif")[1])
    found = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
                    r["partialFingerprints"]["lamina/v1"]) for r in log["runs"][0]["results"])
    assert found == expected


def test_junit_has_one_testcase_per_rule_and_file_and_a_failure_per_failing_testcase(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = invoke(project, monkeypatch, "check", "--format", "junit")
    assert code == 1
    validate_junit(out)
    root = ElementTree.fromstring(out.encode("utf-8"))
    (suite,) = root.findall("testsuite")
    cases = {(c.get("classname"), c.get("name")): c for c in suite.findall("testcase")}
    assert ("lamina.LAM101", "direction: app/core/model.py") in cases
    assert ("lamina.LAM106", "every-module-placed: app/loose.py") in cases
    assert ("lamina.LAM001", "syntax-error") in cases  # ran and found nothing: a passing test
    assert suite.get("tests") == root.get("tests") == str(len(cases))
    failures = {name: [f.get("message") for f in case.findall("failure")] for (_, name), case in cases.items()}
    assert failures["direction: app/core/model.py"] == [
        "app/core/model.py:12:5: 'app.core.model' (core) imports 'app.api.café' (api) lazily"]
    assert failures["empty-scope: pack.yaml"] == ["pack.yaml:5:5: layer 'jobs' has no files"]
    assert suite.get("failures") == root.get("failures") == "2"
    # Open warnings below --fail-on are listed, not failed; with --fail-on warning they fail.
    loose = cases[("lamina.LAM106", "every-module-placed: app/loose.py")]
    assert "app/loose.py:1:1: LAM106" in (loose.findtext("system-out") or "")
    warned = ElementTree.fromstring(
        invoke(project, monkeypatch, "check", "--format", "junit", "--fail-on", "warning")[1]
    )
    assert warned.get("failures") == "3"
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert (properties["suppressed"], properties["baselined"], properties["failing_findings"]) == ("1", "2", "2")


def test_github_annotations_for_open_findings(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = invoke(project, monkeypatch, "check", "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::error file=app/core/model.py,line=12,col=5,endLine=12,endColumn=28,title=LAM101::"
        "'app.core.model' (core) imports 'app.api.café' (api) lazily (direction)",
        "::warning file=app/loose.py,line=1,col=1,title=LAM106::module 'app.loose' belongs to no layer (every-module-placed)",  # noqa: E501
        "::error file=pack.yaml,line=5,col=5,title=LAM004::layer 'jobs' has no files (empty-scope)",
        "lamina: 6 files checked, 2 errors, 1 warning, 0 info (1 suppressed, 2 baselined); FAILED at --fail-on error",
    ]


def test_json_output_matches_its_documented_schema(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(invoke(project, monkeypatch, "check", "--format", "json")[1])
    validate_json_output(document)
    statuses = {f["status"] for f in document["findings"]}
    assert statuses == {s.value for s in FindingStatus}
    with pytest.raises(jsonschema.ValidationError):
        validate_json_output({**document, "findings": [{**document["findings"][0], "path": "/abs/x.py"}]})


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_output_is_byte_identical_with_or_without_cache_and_jobs(
    fmt: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = [invoke(project, monkeypatch, "check", "--format", fmt, *extra)[1]
            for extra in ([], [], ["--no-cache"], ["--jobs", "2", "--no-cache"])]
    assert len(set(runs)) == 1


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github"])
def test_output_file_is_written_instead_of_stdout(fmt: str, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = invoke(project, monkeypatch, "check", "--format", fmt, "--output", f"out/lamina.{fmt}")
    assert (code, out) == (1, "")
    written = (project / "out" / f"lamina.{fmt}").read_text(encoding="utf-8")
    assert written == invoke(project, monkeypatch, "check", "--format", fmt)[1]
