"""Hostile input around the cache: a cache that cannot be used never fails a check (one
warning, an uncached run, exit code from the findings), and a cache that was tampered with
or outwitted never passes one (sealed entries, ctime, unreadable paths are findings)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_projects import MODEL_CLEAN, MODEL_VIOLATING, two_layer_files, write_files

from lamina.analysis import RunSettings, check
from lamina.cli.main import cli

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def project(tmp_path: Path, model: str = MODEL_VIOLATING) -> Path:
    root = write_files(tmp_path / "p", two_layer_files(model=model))
    (root / ".git").mkdir()
    return root


def lamina(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lamina", "check", "--format", "json", *args], cwd=root,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def uncached(root: Path) -> tuple[int, object]:
    run = lamina(root, "--no-cache")
    assert run.stderr == "", run.stderr
    return run.returncode, json.loads(run.stdout)


def warnings_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def in_process(root: Path, *args: str) -> tuple[int, str, str]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def findings(root: Path, **settings: object) -> list[tuple[str, int, str, str]]:
    result = check(None, str(root), RunSettings(**settings))  # type: ignore[arg-type]
    return [(f.path, f.line, f.code, f.message) for f in result.findings]


# --- 3. cache failures degrade ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["regular file", "/dev/null", "below a regular file"])
def test_an_unusable_cache_directory_warns_once_and_the_check_runs_uncached(tmp_path: Path, kind: str) -> None:
    root = project(tmp_path)
    args: tuple[str, ...] = ()
    if kind == "regular file":
        (root / ".lamina_cache").write_text("not a directory\n")
    elif kind == "/dev/null":
        if not os.path.exists("/dev/null"):
            pytest.skip("no /dev/null here")
        args = ("--cache-dir", "/dev/null")
    else:
        (root / "blocker").write_text("a file\n")
        args = ("--cache-dir", "blocker/cache")
    expected = uncached(root)
    assert expected[0] == 1
    for _ in range(2):  # the second run finds the same unusable cache
        run = lamina(root, *args)
        assert (run.returncode, json.loads(run.stdout)) == expected
        (warning,) = warnings_of(run.stderr)
        assert warning.startswith("lamina: warning: cache disabled: ") and "Traceback" not in run.stderr
    if kind == "regular file":
        assert (root / ".lamina_cache").read_text() == "not a directory\n"


def test_a_clean_project_with_an_unusable_cache_passes(tmp_path: Path) -> None:
    root = project(tmp_path, MODEL_CLEAN)
    (root / ".lamina_cache").write_text("")
    run = lamina(root)
    assert run.returncode == 0 and len(warnings_of(run.stderr)) == 1


def test_a_cache_directory_that_cannot_be_created_warns_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    cache = str(root / ".lamina_cache")
    real = os.makedirs

    def read_only(name: str, *args: object, **kwargs: object) -> None:
        if str(name).startswith(cache):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))
        real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "makedirs", read_only)
    code, out, err = in_process(root)
    assert code == 1 and json.loads(out) == uncached(root)[1]
    assert warnings_of(err) == [f"lamina: warning: cache disabled: {cache}: {os.strerror(errno.EACCES)}"]
    assert not os.path.exists(cache)


@pytest.mark.skipif(AS_ROOT or sys.platform == "win32", reason="root writes into a read-only directory anyway")
def test_a_read_only_project_is_checked_uncached(tmp_path: Path) -> None:
    root = project(tmp_path)
    expected = uncached(root)
    root.chmod(0o555)
    try:
        run = lamina(root)
    finally:
        root.chmod(0o755)
    assert (run.returncode, json.loads(run.stdout)) == expected
    assert len(warnings_of(run.stderr)) == 1 and "cache disabled" in run.stderr


@pytest.mark.parametrize("when", ["cold", "full rerun", "incremental"])
def test_disk_errors_on_every_cache_write_warn_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    root = project(tmp_path)
    if when != "cold":
        assert in_process(root)[0] == 1  # a healthy cache first
        if when == "full rerun":
            (root / "pack.yaml").write_text((root / "pack.yaml").read_text() + "# edited\n")
        else:
            (root / "app/api/views.py").write_text("from app.core import model\nimport os\n")
    cache = str(root / ".lamina_cache")
    real_replace, real_open = os.replace, os.open

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[0]))

    def replace(source: str, target: str) -> None:
        if str(target).startswith(cache):
            disk_full(target)
        real_replace(source, target)

    def open_(path: str, *args: object, **kwargs: object) -> int:
        if str(path).startswith(cache) and len(args) > 0 and int(args[0]) & os.O_CREAT:  # type: ignore[call-overload]
            disk_full(path)
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "open", open_)
    code, out, err = in_process(root)
    monkeypatch.undo()
    assert code == 1 and json.loads(out) == uncached(root)[1]
    (warning,) = warnings_of(err)
    assert warning.startswith(f"lamina: warning: cache disabled: {cache}") and warning.endswith(
        os.strerror(errno.ENOSPC)
    )
    # Whatever the failed run left behind is never taken for a result.
    run = lamina(root)
    assert run.stderr == "" and (run.returncode, json.loads(run.stdout)) == uncached(root)


# --- 8. nothing passes by accident --------------------------------------------------------


def result_entry(root: Path) -> Path:
    (entry,) = (root / ".lamina_cache").glob("result-*[0-9a-f].json")
    return entry


def test_emptied_findings_in_a_result_entry_are_not_replayed(tmp_path: Path) -> None:
    root = project(tmp_path)
    expected = uncached(root)
    assert lamina(root).returncode == 1
    entry = result_entry(root)
    raw = entry.read_bytes()
    start = raw.index(b'"findings":[') + len(b'"findings":[')
    end = raw.rindex(b"]")
    assert end > start
    entry.write_bytes(raw[:start] + raw[end:])
    run = lamina(root)
    assert run.stderr == "" and (run.returncode, json.loads(run.stdout)) == expected


@pytest.mark.parametrize("target", [b'"app/core/model.py",', b'"findings":[["', b'"walked":[["', b'"written_ns":'])
def test_a_byte_flip_in_a_result_entry_is_recomputed_through_the_cli(tmp_path: Path, target: bytes) -> None:
    root = project(tmp_path)
    expected = uncached(root)
    assert lamina(root).returncode == 1
    entry = result_entry(root)
    raw = bytearray(entry.read_bytes())
    position = raw.rindex(target) + len(target)  # a finding's line, its code, a stat, a time
    raw[position] ^= 0x01
    entry.write_bytes(bytes(raw))
    run = lamina(root)
    assert run.stderr == "" and (run.returncode, json.loads(run.stdout)) == expected


def test_no_single_byte_flip_in_a_result_entry_changes_the_findings(tmp_path: Path) -> None:
    root = project(tmp_path)
    expected = findings(root, no_cache=True)
    assert findings(root) == expected
    entry = result_entry(root)
    original = entry.read_bytes()
    for position in range(0, len(original), max(len(original) // 150, 1)):
        flipped = bytearray(original)
        flipped[position] ^= 0x04
        entry.write_bytes(bytes(flipped))
        assert findings(root) == expected, (position, bytes(flipped[max(position - 20, 0) : position + 20]))


def test_byte_flips_in_the_sidecar_and_the_manifest_change_nothing(tmp_path: Path) -> None:
    root = project(tmp_path)
    findings(root)
    cache = root / ".lamina_cache"
    (sidecar,) = cache.glob("result-*.body.json")
    (manifest,) = cache.glob("manifest-*.json")
    originals = {path: path.read_bytes() for path in (sidecar, manifest)}
    views = root / "app/api/views.py"
    for step, (path, data) in enumerate(sorted(originals.items()) * 10):
        flipped = bytearray(data)
        flipped[(step * 37) % len(data)] ^= 0x01
        path.write_bytes(bytes(flipped))
        views.write_text("from app.core import model\n" + "import os\n" * (step % 3))  # the incremental path
        assert findings(root) == findings(root, no_cache=True), (path.name, step)
        for other, value in originals.items():
            other.write_bytes(value)


def same_size_edit_with_restored_mtime(path: Path, old: str, new: str) -> None:
    assert len(old) == len(new)
    info = path.stat()
    path.write_text(path.read_text().replace(old, new))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


def test_a_same_size_edit_with_the_mtime_restored_is_seen_through_the_cli(tmp_path: Path) -> None:
    root = project(tmp_path)
    model = root / "app/core/model.py"
    old = 1_500_000_000_000_000_000  # long before the entry, as a checkout or a restore leaves it
    for path in root.rglob("*.py"):
        os.utime(path, ns=(old, old))
    assert lamina(root).returncode == 1
    same_size_edit_with_restored_mtime(model, "from app.api import views", "from xyz.api import views")
    expected = uncached(root)
    assert expected[0] == 0
    run = lamina(root)
    assert (run.returncode, json.loads(run.stdout)) == expected
    same_size_edit_with_restored_mtime(model, "from xyz.api import views", "from app.api import views")
    run = lamina(root)
    assert run.returncode == 1 and json.loads(run.stdout) == uncached(root)[1]


@pytest.mark.parametrize("path", ["warm", "manifest"])
def test_the_ctime_alone_reveals_a_restored_mtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    # Without the racy window every stat-equal file is trusted: only the ctime can tell.
    monkeypatch.setattr("lamina.engine.walk.RACY_WINDOW_NS", 0)
    monkeypatch.setattr("lamina.cache.manifest.RACY_WINDOW_NS", 0)
    root = project(tmp_path)
    assert findings(root)
    if path == "manifest":  # the result entry no longer answers: the manifest decides what to re-read
        (root / "pack.yaml").write_text((root / "pack.yaml").read_text() + "# edited\n")
        assert findings(root)
    same_size_edit_with_restored_mtime(root / "app/core/model.py", "from app.api import views",
                                       "from xyz.api import views")  # fmt: skip
    assert findings(root) == findings(root, no_cache=True) == []


def fake_unreadable(monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
    real = os.scandir

    def scandir(path: str = ".") -> object:
        if os.path.abspath(path) == str(directory):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def hidden_violation(tmp_path: Path) -> Path:
    root = project(tmp_path, MODEL_CLEAN)
    write_files(root, {"app/core/secret/__init__.py": "", "app/core/secret/leak.py": "from app.api import views\n"})
    return root


def test_a_directory_that_cannot_be_listed_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = hidden_violation(tmp_path)
    fake_unreadable(monkeypatch, root / "app/core/secret")
    code, out, _ = in_process(root)
    assert code == 1
    (finding,) = json.loads(out)["findings"]
    assert (finding["code"], finding["path"], finding["line"]) == ("LAM002", "app/core/secret", 1)
    assert finding["message"] == f"cannot read directory: {os.strerror(errno.EACCES)}"
    assert in_process(root)[:2] == (code, out)  # replayed as it was
    monkeypatch.undo()
    assert [c for _, _, c, _ in findings(root, no_cache=True)] == ["LAM101"]


@pytest.mark.skipif(AS_ROOT or sys.platform == "win32", reason="root reads a chmod 000 directory anyway")
@pytest.mark.parametrize("mode", [0o000, 0o444])
def test_chmod_on_a_directory_with_a_violation_fails_the_check(tmp_path: Path, mode: int) -> None:
    root = hidden_violation(tmp_path)
    secret = root / "app/core/secret"
    assert lamina(root).returncode == 1  # the violation, cached
    secret.chmod(mode)
    try:
        run = lamina(root)
        again = lamina(root)
    finally:
        secret.chmod(0o755)
    assert run.returncode == again.returncode == 1 and run.stdout == again.stdout
    assert {f["code"] for f in json.loads(run.stdout)["findings"]} == {"LAM002"}
    run = lamina(root)
    assert run.returncode == 1 and json.loads(run.stdout) == uncached(root)[1]


def test_a_file_that_cannot_be_read_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = hidden_violation(tmp_path)
    leak = str(root / "app/core/secret/leak.py")
    real = open

    def guarded(file: object, *args: object, **kwargs: object) -> object:
        if file == leak:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), file)
        return real(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", guarded)
    result = findings(root, jobs=1)
    assert [(p, c) for p, _, c, _ in result] == [("app/core/secret/leak.py", "LAM002")]
    assert "cannot read file" in result[0][3]


def test_deeply_nested_cache_files_are_misses_not_crashes(tmp_path: Path) -> None:
    from lamina.cache.sealed import seal

    root = project(tmp_path)
    expected = findings(root, no_cache=True)
    assert findings(root) == expected
    cache = root / ".lamina_cache"
    nested = b"[" * 200_000 + b"]" * 200_000
    for path in cache.glob("*.json"):
        path.write_bytes(seal(nested))  # a valid digest: only the parser can refuse it
    for path in cache.glob("facts-*/index.json"):
        path.write_bytes(b'{"entries":' + nested + b"}")
    (root / "app/api/views.py").write_text("from app.core import model\nimport os\n")
    assert findings(root) == expected


@pytest.mark.parametrize("how", ["exclude", "gitignore"])
def test_an_unreadable_directory_left_out_on_purpose_is_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    root = hidden_violation(tmp_path)
    if how == "exclude":
        (root / "pyproject.toml").write_text('[tool.lamina]\npacks = ["pack.yaml"]\nexclude = ["app/core/secret/**"]\n')
    else:
        (root / ".gitignore").write_text("secret/\n")
    fake_unreadable(monkeypatch, root / "app/core/secret")
    assert findings(root) == []


def test_a_directory_named_gitignore_is_no_finding(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "app/core/.gitignore").mkdir()
    assert [c for _, _, c, _ in findings(root, no_cache=True)] == ["LAM101"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("replaced", ["pack.yaml", "lamina-baseline.json"])
def test_a_fifo_put_in_place_of_a_configuration_file_never_blocks_the_warm_path(tmp_path: Path, replaced: str) -> None:
    """The warm path digests the configuration files and the baseline before anything else
    looks at them: a FIFO there must send the run to the loader's error, not block on open."""
    root = project(tmp_path)
    assert lamina(root).returncode == 1  # leaves a warm entry behind
    target = root / replaced
    target.unlink(missing_ok=True)
    os.mkfifo(target)
    run = lamina(root)  # the helper's timeout turns a hang into a failure
    assert run.returncode == 2, run.stderr
    assert replaced in run.stderr and "Traceback" not in run.stderr
