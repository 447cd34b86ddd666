"""File and directory names that are not valid UTF-8 (``\\xff``) or hold ``|`` and a
newline: ``lamina check`` neither crashes nor prints them raw, in any format, cold or warm,
and a baseline written with them matches on the next run."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from fixture_projects import TWO_LAYER_PACK

from lamina.cli.main import cli

PACK = TWO_LAYER_PACK
VIOLATION = b"from app.api import views\n"
# Project-relative names as the file system holds them (bytes), and as lamina shows them.
HOSTILE = {
    b"app/core/m\xff.py": "app/core/m\\xff.py",
    b"app/core/d\xff/x.py": "app/core/d\\xff/x.py",
    b"app/core/a|b\nc.py": "app/core/a|b\\nc.py",
    b"app/core/esc\x1b[31m.py": "app/core/esc\\x1b[31m.py",
}


def make_project(root: Path) -> Path:
    for rel, text in {
        "pyproject.toml": '[tool.lamina]\npacks = ["pack.yaml"]\n',
        "pack.yaml": PACK,
        "app/__init__.py": "",
        "app/api/__init__.py": "",
        "app/api/views.py": "x = 1\n",
        "app/core/__init__.py": "",
        # A docstring whose value holds lone surrogates (the facts cache stores docstrings).
        "app/core/literal.py": '"""\\udcff and \\ud800"""\n',
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    base = os.fsencode(root)
    try:
        for rel in HOSTILE:
            path = os.path.join(base, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(VIOLATION)
    except (OSError, UnicodeError) as error:  # e.g. a file system that only takes UTF-8 names
        pytest.skip(f"the file system refuses such names: {error}")
    return root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path / "p")
    monkeypatch.chdir(root)
    return root


def lamina(*args: str) -> tuple[int, bytes]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), (result.output, result.exception)
    return result.exit_code, result.stdout_bytes


def text_of(raw: bytes) -> str:
    return raw.decode("utf-8")  # strict: the output must be valid UTF-8


def test_text_output_shows_each_finding_on_one_escaped_line(project: Path) -> None:
    code, raw = lamina("check", "--no-cache")
    assert code == 1
    lines = text_of(raw).splitlines()
    findings = [line for line in lines if ": LAM101 [error] " in line]
    assert len(findings) == len(HOSTILE)
    for shown in HOSTILE.values():
        assert sum(line.startswith(f"  {shown}:1:1: LAM101") for line in findings) == 1, shown
    assert "\x1b" not in text_of(raw)


def test_warm_run_equals_no_cache_in_every_format(project: Path) -> None:
    for output_format in ("text", "json", "sarif", "junit", "github"):
        cold = lamina("check", "--no-cache", "--format", output_format)
        lamina("check", "--format", output_format)  # fills the cache
        warm = lamina("check", "--format", output_format)
        assert warm == cold, output_format
        text_of(cold[1])
    replayed = CliRunner().invoke(cli, ["check"])
    assert "(0 parsed)" in replayed.stderr  # the stored result was used, not recomputed
    # An incremental run: one undecodable file changes, the others come from the facts store.
    with open(os.path.join(os.fsencode(project), b"app/core/m\xff.py"), "ab") as handle:
        handle.write(b"from app.api import views as again\n")
    for output_format in ("text", "json"):
        assert lamina("check", "--format", output_format) == lamina("check", "--no-cache", "--format", output_format)


def test_json_and_sarif_parse_and_show_escaped_paths(project: Path) -> None:
    document = json.loads(text_of(lamina("check", "--format", "json")[1]))
    # JSON carries control characters with its own escapes; only undecodable bytes need ours.
    paths = ["app/core/a|b\nc.py", "app/core/d\\xff/x.py", "app/core/esc\x1b[31m.py", "app/core/m\\xff.py"]
    assert sorted(f["path"] for f in document["findings"]) == paths
    sarif = json.loads(text_of(lamina("check", "--format", "sarif")[1]))
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"])
    # Percent-encoding is over bytes: the undecodable byte is its own %FF.
    assert uris == ["app/core/a%7Cb%0Ac.py", "app/core/d%FF/x.py", "app/core/esc%1B%5B31m.py", "app/core/m%FF.py"]
    assert all("\\x" not in uri for uri in uris)


def test_junit_parses_and_github_keeps_one_annotation_per_line(project: Path) -> None:
    root = ElementTree.fromstring(lamina("check", "--format", "junit")[1])
    messages = sorted(f.get("message", "").split(":1:1:")[0] for f in root.iter("failure"))
    assert messages == sorted(HOSTILE.values())
    annotations = [
        line for line in text_of(lamina("check", "--format", "github")[1]).splitlines() if line.startswith("::")
    ]
    assert len(annotations) == len(HOSTILE)
    assert not any("\x1b" in line for line in annotations)


def test_baseline_with_such_names_matches_on_the_next_run(project: Path) -> None:
    assert lamina("baseline")[0] == 0
    written = (project / "lamina-baseline.json").read_bytes()
    assert b"\\udcff" in written
    written.decode("utf-8")
    for args in (("check", "--no-cache"), ("check",), ("check",)):
        code, raw = lamina(*args)
        assert code == 0, text_of(raw)
        assert f"0 errors, 0 warnings, 0 info ({len(HOSTILE)} baselined)" in text_of(raw)
    # A second write is byte-identical: the names read back exactly as they were written.
    assert lamina("baseline", "--update")[0] == 0
    assert (project / "lamina-baseline.json").read_bytes() == written
    # Growth is listed one finding per line, escaped.
    with open(os.path.join(os.fsencode(project), b"app/core/n\xfe\n.py"), "wb") as handle:
        handle.write(VIOLATION)
    code, raw = lamina("baseline", "--update")
    assert code == 1
    assert text_of(raw).splitlines()[0] == (
        "app/core/n\\xfe\\n.py:1:1: LAM101 'app.core.n\\xfe\\n' (core) imports 'app.api.views' (api)"
    )


def test_a_usage_error_naming_such_a_path_stays_one_line(project: Path) -> None:
    result = CliRunner().invoke(cli, ["check", os.fsdecode(b"app/core/nope\xff\n.py")])
    assert result.exit_code == 2
    assert result.stderr_bytes.decode("utf-8").splitlines() == [
        "path 'app/core/nope\\xff\\n.py' does not exist",
        "  hint: PATHS filter findings; give files or directories",
    ]
