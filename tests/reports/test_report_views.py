"""The view models decide every value (docs/reports.md#rows-and-columns, docs/reports.md#folder-summary and
docs/reports.md#templates): verdicts follow the
findings' status and the failing severity, the dependency map highlights violating edges,
and cell text is escaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_support import HOC_PROJECT, ORCHESTRATOR, REPORT_PROJECT, copy_project, report

from lamina.analysis import analyze_for_report, load_project
from lamina.audit.cells import cross_domain, escape_cell, purpose
from lamina.audit.depmap import dependency_map
from lamina.audit.documents import build_documents
from lamina.audit.folders import Folder
from lamina.audit.pages import fence_for
from lamina.audit.render import normalize
from lamina.audit.views import FolderSummaryView, ScriptPageView
from lamina.model.findings import FindingStatus, Severity
from lamina.model.placement import Placement
from lamina.model.project import FolderSpec
from lamina.model.report_input import ReportFile, ReportImport, ReportInput
from lamina.model.settings import RunSettings

FACADE = f"{ORCHESTRATOR}/run_facade.py"


def worked_example(**settings: object) -> ReportInput:
    project = load_project(None, str(REPORT_PROJECT))
    return analyze_for_report(project, RunSettings(no_cache=True, **settings))  # type: ignore[arg-type]


def summary(inp: ReportInput, folder: str = ORCHESTRATOR) -> FolderSummaryView:
    for document in build_documents(inp):
        if document.path == f"{folder}/_summary.md":
            assert isinstance(document.view, FolderSummaryView)
            return document.view
    raise AssertionError(folder)


def verdicts(view: FolderSummaryView) -> dict[str, str]:
    return {row.path: row.verdict for table in (view.direct, *view.subtables) for row in table.rows}


def with_status(inp: ReportInput, code: str, status: FindingStatus) -> ReportInput:
    findings = tuple(f._replace(status=status) if f.code == code else f for f in inp.result.findings)
    return inp._replace(result=inp.result._replace(findings=findings))


def test_a_baselined_failing_finding_makes_the_row_baselined() -> None:
    view = summary(with_status(worked_example(), "LAM401", FindingStatus.BASELINED))
    assert verdicts(view)[FACADE] == "BASELINED"
    assessment = view.assessment
    assert (assessment.correct, assessment.total, assessment.violation_count) == (2, 5, 2)
    assert (assessment.baselined_findings, assessment.baselined_scripts) == (1, 1)


def test_a_suppressed_finding_leaves_the_row_ok() -> None:
    view = summary(with_status(worked_example(), "LAM401", FindingStatus.SUPPRESSED))
    assert verdicts(view)[FACADE] == "OK"
    assert view.assessment.correct == 3


def test_the_failing_severity_decides_violations() -> None:
    project = load_project(None, str(HOC_PROJECT))
    ids = "backend/app/hoc/cus/hoc_spine/utilities/ids.py"
    default = summary(analyze_for_report(project, RunSettings(no_cache=True)), "app/hoc/cus/hoc_spine/utilities")
    assert verdicts(default)[ids] == "OK"
    assert default.assessment.below_threshold == 1  # LAM504 is info
    strict_input = analyze_for_report(project, RunSettings(no_cache=True, fail_on=Severity.INFO))
    strict = summary(strict_input, "app/hoc/cus/hoc_spine/utilities")
    assert verdicts(strict)[ids] == "VIOLATION"
    assert [group.text for group in strict.assessment.violations] == [
        "`ids.py:1` — LAM504 header field 'Layer' is missing"
    ]


def test_page_lists_every_finding_with_its_status() -> None:
    inp = with_status(worked_example(), "LAM401", FindingStatus.BASELINED)
    page = next(d.view for d in build_documents(inp) if d.path == f"{ORCHESTRATOR}/run_facade.md")
    assert isinstance(page, ScriptPageView)
    assert [(f.line, f.code, f.status) for f in page.findings] == [(41, "LAM401", "baselined")]
    assert page.verdict == "BASELINED"


def test_edges_with_a_failing_import_finding_are_red(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(REPORT_PROJECT, tmp_path / "project")
    peek = project / ORCHESTRATOR / "api_peek.py"
    peek.write_text(
        '# Layer: L4\n"""Reads an API module (L4 never imports L2)."""\n\nfrom app.hoc.api.cus.policies import rules\n',
        encoding="utf-8",
    )
    assert report(project, monkeypatch=monkeypatch).exit_code == 0
    text = (project / "reports" / ORCHESTRATOR / "_summary.md").read_text(encoding="utf-8")
    assert '    n1["L2 policies"]' in text
    assert '    n0 -->|"1"| n1' in text
    assert "    linkStyle 0 stroke:#d00,stroke-width:2px" in text
    assert text.count("linkStyle") == 1


def _file(
    path: str, imports: tuple[ReportImport, ...] = (), domain: str | None = None, **changes: object
) -> ReportFile:
    base = ReportFile(
        path=path, root=".", rel=path, module=path[: -len(".py")].replace("/", "."),
        placement=Placement(layer="L4", domain=domain),
        docstring=None, role_field=None, trivial_init=False, transactions=(), reach=(), imports=imports, importers=(),
        registrations=(), executions=(), classes=(), functions=(),
    )  # fmt: skip
    return base._replace(**changes)  # type: ignore[arg-type]


def test_the_map_keeps_thirty_groups_and_notes_the_rest() -> None:
    # 32 groups whose layer names carry a quote: 30 are drawn, the quote becomes #quot;.
    imports = tuple(
        ReportImport(1, "module", f"lib.g{n:02d}", "internal", f"lib/g{n:02d}.py", Placement(layer=f'G"{n:02d}'), "")
        for n in range(32)
    )
    row = _file("pkg/mod.py", imports)
    folder = Folder(FolderSpec(path="pkg"), "pkg", (row,), (row,))
    inp = worked_example()._replace(files=(row,))
    mapped = dependency_map(folder, inp)
    assert mapped.note == "… and 2 more groups"
    assert mapped.lines[:3] == ("flowchart LR", '    n0["pkg/"]', '    n1["G#quot;00"]')
    assert sum(1 for line in mapped.lines if "-->" in line) == 30


def test_cells() -> None:
    assert escape_cell(" a |\r\n b\t\tc ") == "a \\| b c"
    assert purpose(_file("x.py", docstring="\n\n  First | line  \nsecond")) == "First \\| line"
    assert purpose(_file("x.py", docstring=None, role_field=" Logs read ")) == "Logs read"
    assert purpose(_file("x.py", role_field="  ")) == "_none_"
    assert cross_domain(_file("x.py", reach=("logs",))) == "no"
    assert cross_domain(_file("x.py", reach=("logs",), domain="logs")) == "no"
    assert cross_domain(_file("x.py", reach=("logs",), domain="policies")) == "yes (logs)"
    assert cross_domain(_file("x.py", reach=("a", "b"))) == "yes (a, b)"


def test_normalize_collapses_blank_lines_outside_fences_only() -> None:
    text = "\n\n# T  \r\n\n\n\npara\n````text\na\n\n\n```\nb\n````\n\n\n"
    assert normalize(text) == (
        "# T\n\npara\n````text\na\n\n\n```\nb\n````\n\n<!-- generated by lamina report; do not edit -->\n"
    )
    assert fence_for("uses ``` inside") == "````"
    assert fence_for(None) == "```"


def test_an_import_of_a_missing_module_is_shown_unresolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(REPORT_PROJECT, tmp_path / "project")
    stale = project / ORCHESTRATOR / "stale_import.py"
    stale.write_text(
        '# Layer: L4\n"""Imports a driver that was moved away."""\n\n'
        "from app.hoc.cus.policies.L6_drivers.vanished_driver import VanishedDriver\n",
        encoding="utf-8",
    )
    assert report(project, monkeypatch=monkeypatch).exit_code == 0
    page = (project / "reports" / ORCHESTRATOR / "stale_import.md").read_text(encoding="utf-8")
    # Its own dotted name, marked, placed by the globs: not the existing parent package.
    assert "| module | `app.hoc.cus.policies.L6_drivers.vanished_driver` (no such module) | L6 | policies |" in page
    assert "LAM108" in page
    summary = (project / "reports" / ORCHESTRATOR / "_summary.md").read_text(encoding="utf-8")
    assert '["L6 policies"]' in summary and "linkStyle" in summary
