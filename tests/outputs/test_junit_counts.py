"""``--format junit`` counts what a JUnit consumer counts: testcases, and the testcases that
failed. Many findings in few files once gave ``tests="10" failures="40"``; the output is now
one testcase per (rule instance, file) with findings and is validated against the JUnit XSD
(Jenkins xUnit plugin's junit-10.xsd, see output_schemas)."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from output_project import invoke, make_project, write
from output_schemas import validate_junit

PACK = """\
version: 1
layers:
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"]}
  - {name: root, paths: ["app/__init__.py"]}
rules:
  - code: LAM101
    id: direction
    options: {matrix: {api: [api, core], core: [core]}}
  - code: LAM106
    id: every-module-placed
    severity: warning
"""
LAZY = "def f{i}():\n    from app.api import views\n    return views\n"


def assert_counts_are_elements(root: ElementTree.Element) -> None:
    """Every count equals the elements it counts; a testcase has at most one failure."""
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    failed = [case for case in cases if case.find("failure") is not None]
    assert all(len(case.findall("failure")) <= 1 for case in cases)
    for element in (root, suite):
        assert element.get("tests") == str(len(cases))
        assert element.get("failures") == str(len(failed))
        assert element.get("errors") == "0"
    assert len(cases) >= len(failed)


@pytest.fixture
def crowded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """40 layer violations in two files, plus a warning in a third."""
    root = tmp_path / "crowded"
    (root / ".git").mkdir(parents=True)
    write(root, {
        "pyproject.toml": '[tool.lamina]\npacks = ["pack.yaml"]\n',
        "pack.yaml": PACK,
        "app/__init__.py": "",
        "app/api/__init__.py": "",
        "app/api/views.py": "X = 1\n",
        "app/core/__init__.py": "",
        "app/core/a.py": "".join(LAZY.format(i=i) for i in range(25)),
        "app/core/b.py": "".join(LAZY.format(i=i) for i in range(15)),
        "app/loose.py": "",
    })
    return root


def test_many_findings_in_few_files_count_one_failure_per_file(crowded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = invoke(crowded, monkeypatch, "check", "--format", "junit")
    assert code == 1
    validate_junit(out)
    root = ElementTree.fromstring(out.encode("utf-8"))
    assert_counts_are_elements(root)
    (suite,) = root.findall("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert [name for name in cases if name.startswith("direction")] == [
        "direction: app/core/a.py",
        "direction: app/core/b.py",
    ]
    assert (root.get("tests"), root.get("failures")) == (str(len(cases)), "2")
    a_failure = cases["direction: app/core/a.py"].find("failure")
    assert a_failure is not None
    assert a_failure.get("message") == (
        "25 findings, first at app/core/a.py:2:5: 'app.core.a' (core) imports 'app.api.views' (api) lazily")
    listed = (a_failure.text or "").splitlines()
    assert len(listed) == 26 and listed[-1] == "LAM101 layer-violation: lamina explain LAM101"
    assert all(line.startswith("app/core/a.py:") for line in listed[:-1])
    assert len((cases["direction: app/core/b.py"].findtext("failure") or "").splitlines()) == 16
    # The warning below --fail-on is a passing testcase for its file, listed in system-out.
    loose = cases["every-module-placed: app/loose.py"]
    assert loose.find("failure") is None
    assert (loose.findtext("system-out") or "").startswith("app/loose.py:1:1: LAM106 [warning]")
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["failing_findings"] == "40"
    # With --fail-on warning the same testcase fails: three files, three failures.
    warned = invoke(crowded, monkeypatch, "check", "--format", "junit", "--fail-on", "warning")[1]
    validate_junit(warned)
    warned_root = ElementTree.fromstring(warned.encode("utf-8"))
    assert_counts_are_elements(warned_root)
    assert warned_root.get("failures") == "3"


def test_clean_project_is_one_passing_testcase_per_instance(crowded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(crowded, {"app/core/a.py": "X = 1\n", "app/core/b.py": "Y = 2\n"})
    (crowded / "app" / "loose.py").unlink()
    code, out, _ = invoke(crowded, monkeypatch, "check", "--format", "junit")
    assert code == 0
    validate_junit(out)
    root = ElementTree.fromstring(out.encode("utf-8"))
    assert_counts_are_elements(root)
    names = [case.get("name") for case in root.iter("testcase")]
    assert "direction" in names and "every-module-placed" in names
    assert root.get("failures") == "0"


def test_output_project_junit_is_valid_and_counts_its_elements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", monkeypatch)
    for extra in ([], ["--fail-on", "info"]):
        out = invoke(project, monkeypatch, "check", "--format", "junit", *extra)[1]
        validate_junit(out)
        assert_counts_are_elements(ElementTree.fromstring(out.encode("utf-8")))
