"""kill -9 at any point of a run leaves a cache the next run can trust: its JSON equals a
``--no-cache`` run. The tree is big enough for the worker pool, and the kills land at
random (seeded) points from start-up to the final cache writes."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixture_projects import two_layer_files, write_files

FILES = 150


def module(index: int) -> str:
    lines = [f'"""Module {index}."""', "import os", ""]
    if index % 10 == 3:
        lines.append("from app.api import views  # a violation every tenth file")
    for number in range(12):
        lines += [f"def function_{number}(value: int) -> int:", f"    return value * {number} + len(os.sep)", ""]
    lines += [f"class Holder{index}:", "    def method(self) -> str:", f"        return 'holder {index}'", ""]
    return "\n".join(lines)


def big_tree(root: Path) -> Path:
    files = two_layer_files()
    files.update({f"app/core/m{index:03d}.py": module(index) for index in range(FILES)})
    write_files(root, files)
    (root / ".git").mkdir()
    return root


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "lamina", "check", "--format", "json", "--jobs", "2", *args]


def finished(root: Path, *args: str) -> tuple[int, object, str]:
    run = subprocess.run(command(*args), cwd=root, capture_output=True, text=True, timeout=300)
    return run.returncode, json.loads(run.stdout), run.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGKILL")
def test_kill_9_at_random_points_never_corrupts_a_result(tmp_path: Path) -> None:
    root = big_tree(tmp_path / "p")
    cache = root / ".lamina_cache"
    started = time.monotonic()
    expected = finished(root, "--no-cache")
    cold = time.monotonic() - started  # to spread the kills over a whole run
    assert expected[0] == 1 and len(expected[1]["findings"]) == FILES // 10 + 1  # type: ignore[index]
    rng = random.Random(11)
    killed = 0
    for attempt in range(8):
        if attempt % 2 == 0:
            shutil.rmtree(cache, ignore_errors=True)  # a cold run
        else:
            for entry in cache.glob("result-*"):  # the slow path, over what earlier kills left
                entry.unlink()
        victim = subprocess.Popen(command(), cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)  # fmt: skip
        time.sleep(rng.uniform(0.0, cold * 1.2))
        try:
            os.killpg(victim.pid, signal.SIGKILL)  # the workers too
        except ProcessLookupError:
            pass  # it had finished
        killed += victim.wait(timeout=60) == -signal.SIGKILL
        code, out, err = finished(root)
        assert (code, out) == expected[:2], f"after kill {attempt}: {err}"
        assert err == "", err
    assert finished(root)[:2] == expected[:2]  # and the warm replay of the last one
    assert killed, "no kill landed before its run ended"
