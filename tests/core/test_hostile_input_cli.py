"""Hostile input through ``lamina check`` (issue 11): a file that crashes, hangs or kills a
parser becomes a LAM001 finding; the run, the other files' findings and the cache are
complete, cold and warm, serial and parallel; workers die with a killed main process.

Every subprocess runs under a timeout, so a regression fails instead of hanging."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_projects import two_layer_files, write_files

import lamina.extract.collect as collect
import lamina.extract.isolated as isolated
import lamina.parsing.fallback as fallback
from lamina.cli.main import cli

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12+ parses these f-strings itself")

TIMEOUT = 120  # seconds; every run here takes a few
FILLERS = collect.PARALLEL_THRESHOLD + 8  # enough files for the worker pool
FILLER = "import os\n\n\ndef path(name):\n    return os.path.join('base', name)\n"
DEEP = 'x = f"{' + "(" * 1500 + "1" + ")" * 1500 + '}"\n'  # segfaulted libcst
LONG = 'type X = int\nx = f"{' + "+".join(["1"] * 20_000) + '}"\n'  # took minutes in libcst
NEWER = "type Alias = int\nfrom app.api import views\n"  # a fallback file that still gets checked
KILLER = "# this file kills the worker that parses it (see the test)\nimport os\n"
DEEP_CRASHED = "f-string: too many nested parenthesis; the fallback parser crashed on this file"


def make_tree(root: Path, extra: dict[str, str]) -> Path:
    (root / ".git").mkdir()
    files = two_layer_files()
    files.update({f"app/core/filler{i:03}.py": FILLER for i in range(FILLERS)})
    files.update(extra)
    return write_files(root, files)


def findings(output: str) -> list[tuple[str, str, int, str]]:
    document = json.loads(output)
    assert document["exit_code"] == 1
    return [(f["code"], f["path"], f["line"], f["message"]) for f in document["findings"]]


def intact(found: list[tuple[str, str, int, str]]) -> None:
    """The findings of the well-formed files are all there."""
    assert [(c, p, n) for c, p, n, _ in found if p in ("app/core/model.py", "app/core/newer.py")] == [
        ("LAM101", "app/core/model.py", 2),
        ("LAM003", "app/core/newer.py", 1),
        ("LAM101", "app/core/newer.py", 2),
    ]


def lamina(root: Path, *args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "lamina", "check", "--format", "json", *args],
        cwd=root, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr


def test_deep_and_long_fstrings_are_findings_cold_warm_serial_and_parallel(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"app/core/deep.py": DEEP, "app/core/long.py": LONG, "app/core/newer.py": NEWER})
    runs = [
        lamina(root, *args)
        for args in (["--jobs", "2"], ["--jobs", "2"], ["--no-cache", "--jobs", "1"], ["--jobs", "1"])
    ]
    assert [code for code, _, _ in runs] == [1, 1, 1, 1], runs[0][2]
    assert [err for _, _, err in runs] == ["", "", "", ""]
    assert len({out for _, out, _ in runs}) == 1  # cold, warm, serial and parallel agree byte for byte
    found = findings(runs[0][1])
    intact(found)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert [(c, p, m) for c, p, _, m in found if p in ("app/core/deep.py", "app/core/long.py")] == [
        ("LAM001", "app/core/deep.py",
         f"syntax error under Python {version} and the fallback parser: f-string: too many nested parenthesis; "
         "too deeply nested for the fallback parser (1501 brackets; limit 400)"),
        ("LAM001", "app/core/long.py",
         f"syntax error under Python {version} and the fallback parser: invalid syntax; "
         "too long an expression for the fallback parser (19999 operators in one statement; limit 1000)"),
    ]  # fmt: skip


def run_in_process(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    return result.exit_code, result.stdout


fork_only = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patches must reach the workers by fork"
)


@fork_only
def test_a_crash_and_a_timeout_of_the_fallback_parser_are_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the pre-check, libcst gets the texts it cannot survive: the child process
    # running it crashes on one and runs out of its (shortened) budget on the other.
    monkeypatch.setattr(fallback, "MAX_DEPTH", 10**9)
    monkeypatch.setattr(fallback, "MAX_CHAIN", 10**9)
    monkeypatch.setattr(isolated, "FALLBACK_BUDGET_SECONDS", 1.0)
    root = make_tree(tmp_path, {"app/core/deep.py": DEEP, "app/core/long.py": LONG, "app/core/newer.py": NEWER})
    runs = [
        run_in_process(root, monkeypatch, *args)
        for args in (["--jobs", "2"], ["--jobs", "1"], ["--no-cache", "--jobs", "1"])
    ]
    assert [code for code, _ in runs] == [1, 1, 1]
    assert len({out for _, out in runs}) == 1
    found = findings(runs[0][1])
    intact(found)
    messages = {p: m.split(": ", 1)[1] for _, p, _, m in found if p in ("app/core/deep.py", "app/core/long.py")}
    assert messages == {
        "app/core/deep.py": DEEP_CRASHED,
        "app/core/long.py": "invalid syntax; the fallback parse exceeded the 1 s budget",
    }


def _kill_the_worker(original):  # type: ignore[no-untyped-def]
    def extract(data: bytes, with_code: bool = True):  # type: ignore[no-untyped-def]
        if data.startswith(b"# this file kills the worker") and multiprocessing.parent_process() is not None:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(data, with_code)

    return extract


@fork_only
def test_a_file_that_kills_its_worker_is_a_finding_and_the_run_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collect, "extract_facts", _kill_the_worker(collect.extract_facts))
    root = make_tree(tmp_path, {"app/core/killer.py": KILLER, "app/core/newer.py": NEWER})
    cold = run_in_process(root, monkeypatch, "--jobs", "2")
    warm = run_in_process(root, monkeypatch, "--jobs", "1")  # from the cache: the crash is remembered
    assert cold == warm
    assert cold[0] == 1
    found = findings(cold[1])
    intact(found)
    assert [(c, p, n, m.split(": ", 1)[1]) for c, p, n, m in found if p == "app/core/killer.py"] == [
        ("LAM001", "app/core/killer.py", 1, "the parser crashed on this file (its worker process died)")
    ]
    assert len([p for _, p, _, _ in found]) == 4  # nothing else: every filler was extracted


def _children(pid: int) -> list[int]:
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                children.append(int(entry))
    return children


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="finds the workers through /proc")
def test_workers_die_with_a_killed_main_process(tmp_path: Path) -> None:
    # Fallback files are slow to parse (a child process and libcst each), so the workers
    # have many seconds of work left when the main process is killed.
    heavy = "type X = int\nimport os\n\n" + "".join(
        f"def f{j}(x):\n    return os.path.join(x, 'a{j}')\n\n" for j in range(300)
    )
    root = make_tree(tmp_path, {f"app/core/filler{i:03}.py": heavy for i in range(FILLERS)})
    process = subprocess.Popen(
        [sys.executable, "-m", "lamina", "check", "--no-cache", "--jobs", "2"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + TIMEOUT
        while len(_children(process.pid)) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the run ended before its workers could be seen"
        time.sleep(0.5)  # the workers are parsing now
        os.kill(process.pid, signal.SIGKILL)
        assert process.stdout is not None
        reader = threading.Thread(target=process.stdout.read, daemon=True)
        reader.start()
        reader.join(10)  # no orphan holds the pipe: end of file comes at once
        assert not reader.is_alive(), "a worker outlived the main process and holds its stdout"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the orphans of a failed run
        except ProcessLookupError:
            pass
        process.wait(TIMEOUT)
