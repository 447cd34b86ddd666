"""``lamina check`` end to end, in-process with CliRunner: exit codes, formats,
determinism, configuration errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_projects import TWO_LAYER_PACK, two_layer_files, write_files

from lamina.cli.main import cli

PACK = TWO_LAYER_PACK


def make_project(root: Path, pack: str = PACK) -> Path:
    (root / ".git").mkdir()
    return write_files(root, two_layer_files(pack))


def run(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_output_groups_findings_and_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(make_project(tmp_path), "--no-cache", monkeypatch=monkeypatch)
    assert code == 1
    assert out.splitlines() == [
        "app/core/model.py",
        "  app/core/model.py:2:5: LAM101 [error] 'app.core.model' (core) imports 'app.api.views' (api) lazily  (direction)",  # noqa: E501
        "",
        "lamina: 5 files checked, 1 error, 0 warnings, 0 info; FAILED at --fail-on error",
    ]
    assert "Traceback" not in err


def test_json_output_is_byte_identical_with_and_without_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)
    outputs = [
        run(root, "--format", "json", *extra, monkeypatch=monkeypatch)[1]
        for extra in ([], [], ["--no-cache"], ["--jobs", "1"])
    ]
    assert len(set(outputs)) == 1
    document = json.loads(outputs[0])
    assert document["exit_code"] == 1
    assert [(f["code"], f["path"], f["line"]) for f in document["findings"]] == [("LAM101", "app/core/model.py", 2)]


def test_paths_filter_findings_but_not_the_analysis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)
    code, out, _ = run(root, "app/api", monkeypatch=monkeypatch)
    assert code == 0
    assert "0 errors" in out


def test_fail_on_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = PACK + "    severity: warning\n"
    root = make_project(tmp_path, pack)
    assert run(root, monkeypatch=monkeypatch)[0] == 0
    assert run(root, "--fail-on", "warning", monkeypatch=monkeypatch)[0] == 1


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        (PACK.replace("rules:", "rulez:"), "pack.yaml:5:1: unknown key 'rulez' in the pack (did you mean 'rules'?)"),
        (PACK.replace("LAM101", "LAM1O1"), "pack.yaml:6:11: unknown rule code 'LAM1O1' (did you mean 'LAM101'?)"),
        (PACK.replace("version: 1", "version: one"), "pack.yaml:1:10:"),
        (PACK + "  - {code: [\n", "pack.yaml:"),
    ],
)
def test_bad_configuration_exits_2_with_location(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack: str, expected: str
) -> None:
    code, _, err = run(make_project(tmp_path, pack), monkeypatch=monkeypatch)
    assert code == 2
    assert expected in err
    assert "Traceback" not in err


def test_missing_configuration_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    code, _, err = run(tmp_path, monkeypatch=monkeypatch)
    assert code == 2
    assert "no lamina configuration found; run 'lamina init' or pass --config" in err


def test_missing_pack_file_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)
    (root / "pack.yaml").unlink()
    code, _, err = run(root, monkeypatch=monkeypatch)
    assert code == 2
    assert "pack.yaml" in err and "Traceback" not in err


def test_unknown_path_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(make_project(tmp_path), "no/such/dir", monkeypatch=monkeypatch)
    assert code == 2
    assert "path 'no/such/dir' does not exist" in err


def test_internal_error_exits_3_and_debug_reraises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr("lamina.cli.check.check", boom)
    code, _, err = run(root, monkeypatch=monkeypatch)
    assert code == 3
    assert "internal error: RuntimeError: kaput" in err
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["check", "--debug"])
    assert isinstance(result.exception, RuntimeError)
