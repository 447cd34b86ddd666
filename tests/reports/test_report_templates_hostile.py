"""``--templates`` is user input: templates load only files inside the directory, run in
a sandbox, and every bad template is exit 2 at the template's ``file:line``."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_support import REPORT_PROJECT, copy_project, report


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(REPORT_PROJECT, tmp_path / "project")


@pytest.fixture()
def templates(tmp_path: Path) -> Path:
    directory = tmp_path / "templates"
    directory.mkdir()
    return directory


def _error(result: object, where: str, message: str) -> None:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{where}: ") and message in lines[0], lines[0]
    assert lines[1].startswith("  hint: ")
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


@pytest.mark.parametrize("target", ["/etc/hostname", "../secret.md.j2", "missing.md.j2"])
def test_an_include_outside_the_directory_or_missing_is_reported(
    project: Path, templates: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    (templates.parent / "secret.md.j2").write_text("TOPSECRET\n", encoding="utf-8")
    (templates / "index.md.j2").write_text(f'# Index\n\n{{% include "{target}" %}}\n', encoding="utf-8")
    result = report(project, "--templates", str(templates), monkeypatch=monkeypatch)
    _error(result, f"{templates.as_posix()}/index.md.j2:3", f"included template '{target}' not found")
    assert "TOPSECRET" not in result.output


def test_a_symlink_out_of_the_directory_is_not_followed(
    project: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (templates.parent / "secret.md.j2").write_text("TOPSECRET\n", encoding="utf-8")
    (templates / "index.md.j2").symlink_to(templates.parent / "secret.md.j2")
    result = report(project, "--templates", str(templates), monkeypatch=monkeypatch)
    _error(result, f"{templates.as_posix()}/index.md.j2", "not a regular file inside the --templates directory")
    assert "TOPSECRET" not in result.output
    assert not (project / "reports").exists()


def test_an_include_inside_the_directory_works(project: Path, templates: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (templates / "parts").mkdir()
    (templates / "parts" / "title.md.j2").write_text("# Our own index\n", encoding="utf-8")
    (templates / "index.md.j2").write_text('{% include "parts/title.md.j2" %}\n', encoding="utf-8")
    result = report(project, "--templates", str(templates), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert (project / "reports" / "INDEX.md").read_text(encoding="utf-8").startswith("# Our own index\n")


def test_a_non_utf8_template_is_reported_at_its_line(project: Path, templates: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (templates / "index.md.j2").write_bytes(b"# Index\n\ncaf\xe9\n")
    result = report(project, "--templates", str(templates), monkeypatch=monkeypatch)
    _error(result, f"{templates.as_posix()}/index.md.j2:3:4", "template is not UTF-8")


def test_a_non_utf8_included_template_is_reported(project: Path, templates: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (templates / "part.md.j2").write_bytes(b"\xff\n")
    (templates / "index.md.j2").write_text('{% include "part.md.j2" %}\n', encoding="utf-8")
    result = report(project, "--templates", str(templates), monkeypatch=monkeypatch)
    _error(result, f"{templates.as_posix()}/part.md.j2:1:1", "template is not UTF-8")


def test_a_syntax_error_in_an_included_template_names_that_template(
    project: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (templates / "part.md.j2").write_text("ok\n{{ broken\n", encoding="utf-8")
    (templates / "index.md.j2").write_text('{% include "part.md.j2" %}\n', encoding="utf-8")
    result = report(project, "--templates", str(templates), monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{templates.as_posix()}/part.md.j2:2: ")


@pytest.mark.parametrize(
    "body",
    [
        "{{ view.__class__.__mro__[-1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
        "{% set items = [] %}{{ items.append(1) }}",
    ],
    ids=["dunder", "globals", "mutation"],
)
def test_templates_run_sandboxed(project: Path, templates: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    (templates / "index.md.j2").write_text(f"# Index\n{body}\n", encoding="utf-8")
    result = report(project, "--templates", str(templates), monkeypatch=monkeypatch)
    _error(result, f"{templates.as_posix()}/index.md.j2:2", "")
    assert not (project / "pwned").exists()


def test_a_runtime_error_in_a_template_is_a_usage_error(project: Path, templates: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (templates / "index.md.j2").write_text("# Index\n\n{{ 1 // 0 }}\n", encoding="utf-8")
    result = report(project, "--templates", str(templates), monkeypatch=monkeypatch)
    _error(result, f"{templates.as_posix()}/index.md.j2:3", "ZeroDivisionError")
