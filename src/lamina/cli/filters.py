"""The PATHS filter of ``lamina check``: paths given on the command line, or the files
staged in git (``--staged``).

The analysis always covers the whole project (the import graph needs every file); the
filter only decides which findings are reported. A configuration file among the paths
(``pyproject.toml``, a pack, the baseline: ``.toml``/``.yaml``/``.yml``/``.json``) lifts
the filter, because a changed rule or baseline can move findings into any file. That is
what makes the pre-commit hook (which passes the staged file names) safe on commits that
only touch the configuration.
"""

from __future__ import annotations

import os

from lamina.errors import UserError
from lamina.locate import locate

CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
ALL: tuple[str, ...] = ()  # RunSettings.paths: empty means "every finding"


def project_root(config: str | None, cwd: str) -> str:
    located = locate(config, cwd)
    if located is not None:
        return located.root
    from lamina.analysis import load_project  # deferred: YAML stays off the warm path

    return load_project(config, cwd).root


def _is_config(relative: str) -> bool:
    return relative.endswith(CONFIG_SUFFIXES)


def project_paths(paths: tuple[str, ...], cwd: str, config: str | None) -> tuple[str, ...]:
    """PATHS as given (relative to the working directory) → project-relative POSIX paths."""
    if not paths:
        return ALL
    root = project_root(config, cwd)
    converted: list[str] = []
    for given in paths:
        absolute = os.path.normpath(os.path.join(cwd, given))
        if not os.path.exists(absolute):
            raise UserError(f"path '{given}' does not exist", hint="PATHS filter findings; give files or directories")
        relative = os.path.relpath(absolute, root)
        if relative.startswith(".."):
            raise UserError(f"path '{given}' is outside the project root '{root}'",
                            hint="PATHS select findings inside the project; run lamina from that project")
        if relative == "." or (os.path.isfile(absolute) and _is_config(relative)):
            return ALL
        converted.append(relative.replace(os.sep, "/"))
    return tuple(converted)


def staged_paths(config: str | None, cwd: str) -> tuple[str, ...] | None:
    """The staged files (added, copied, modified, renamed) under the project root, as a
    filter; ``None`` when nothing there is staged. Outside a git work tree → UserError."""
    import subprocess  # deferred: only --staged needs it, and the warm path counts milliseconds

    root = project_root(config, cwd)
    command = ["git", "diff", "--cached", "--name-only", "--diff-filter=ACMR", "--relative", "-z"]
    try:
        # --relative, run in the project root: paths come back relative to that root and
        # files outside it are left out; -z: names are never quoted.
        completed = subprocess.run(command, cwd=root, capture_output=True, check=False)
    except OSError as error:
        raise UserError(f"--staged needs git: {error.strerror or error}",
                        hint="install git, or pass the files to check as PATHS") from None
    if completed.returncode != 0:
        reason = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(
            f"--staged: cannot list the staged files of '{root}'"
            + (f" ({reason[0]})" if reason else ""),
            hint="--staged works inside a git work tree; elsewhere pass PATHS",
        )
    names = [n for n in completed.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    if not names:
        return None
    if any(_is_config(name) for name in names):
        return ALL
    return tuple(sorted(names))
