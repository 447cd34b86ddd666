"""Progress on a terminal only (never in CI or a pipe), NO_COLOR, and the warm path of
text and JSON staying free of the rule catalog and the XML library."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lamina.cli import check as check_module
from lamina.cli.progress import Progress, progress_wanted

HOC = Path(__file__).resolve().parents[1] / "fixtures" / "hoc_project"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_outside_ci() -> None:
    assert progress_wanted(Terminal(), {})
    assert not progress_wanted(Terminal(), {"CI": "true"})
    assert not progress_wanted(io.StringIO(), {})  # piped or redirected
    assert progress_wanted(Terminal(), {"CI": ""})  # an empty CI variable is not CI


def test_progress_waits_throttles_and_erases_its_line() -> None:
    now = [0.0]
    stream = Terminal()
    progress = Progress(stream, now=lambda: now[0])
    progress(1, 100)
    assert stream.getvalue() == ""  # short runs stay silent
    now[0] = 1.0
    progress(40, 100)
    now[0] = 1.05
    progress(41, 100)  # within the interval: not redrawn
    now[0] = 1.06
    progress(100, 100)  # the last file is always drawn
    progress.close()
    text = stream.getvalue()
    assert text.split("\r")[1:] == ["lamina: parsing 40/100 files", "lamina: parsing 100/100 files",
                                    " " * len("lamina: parsing 100/100 files"), ""]


@pytest.mark.parametrize(("environ", "tty", "expected"), [
    ({}, True, True), ({"NO_COLOR": "1"}, True, False), ({"NO_COLOR": ""}, True, True),
    ({"TERM": "dumb"}, True, False), ({}, False, False),
])
def test_color_only_on_a_terminal_without_no_color(
    environ: dict[str, str], tty: bool, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stdout", Terminal() if tty else io.StringIO())
    assert check_module.use_color() is expected


PROBE = """
import sys
from lamina.cli.main import main
sys.argv = ["lamina", "check", "--format", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
loaded = sorted(m for m in ("lamina.rules.catalog", "xml.etree.ElementTree", "yaml") if m in sys.modules)
print("LOADED", loaded, file=sys.stderr)
"""


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_warm_text_and_json_do_not_load_the_catalog(fmt: str, tmp_path: Path) -> None:
    root = shutil.copytree(HOC, tmp_path / "p")
    run = lambda: subprocess.run([sys.executable, "-c", PROBE, fmt], cwd=root, capture_output=True, text=True)  # noqa: E731
    first, second = run(), run()
    assert first.stdout == second.stdout
    if fmt == "json":
        json.loads(second.stdout)
    assert "LOADED []" in second.stderr, second.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_analysis_reports_each_parsed_file(jobs: int, tmp_path: Path) -> None:
    from lamina.analysis import check
    from lamina.model.settings import RunSettings

    root = tmp_path / "p"
    (root / "pkg").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "pyproject.toml").write_text('[tool.lamina]\npacks = ["pack.yaml"]\n', encoding="utf-8")
    (root / "pack.yaml").write_text("version: 1\n", encoding="utf-8")
    for number in range(80):  # more than the threshold for worker processes
        (root / "pkg" / f"m{number}.py").write_text(f"VALUE = {number}\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    result = check(None, str(root), RunSettings(no_cache=True, jobs=jobs, progress=lambda d, t: calls.append((d, t))))
    assert result.parsed == 80
    assert calls == [(i, 80) for i in range(1, 81)]
