"""Discovery: source roots → sorted ``SourceFile`` values (docs/packs.md#4-roots-and-discovery).

Walks each root in sorted order without following symlinked directories, skipping VCS,
cache, virtualenv and ``.gitignore``d paths. Directories without ``__init__.py`` are
namespace packages and are analyzed like any other. ``pathspec`` is imported only when a
``.gitignore`` file is actually present, because its import alone costs tens of
milliseconds on the warm path.
"""

from __future__ import annotations

import os
import stat as stat_module
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from lamina.errors import UserError
from lamina.model.globs import compile_glob
from lamina.model.source import SourceFile

if TYPE_CHECKING:
    from lamina.model.project import Project

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules", ".tox", ".nox"})


class Shadowing(NamedTuple):
    """Two sources claim one module name; ``winner`` takes precedence as in Python."""

    module: str
    loser: str  # project-relative path of the losing file, or of the namespace directory
    winner: str
    loser_is_namespace: bool


class Discovery(NamedTuple):
    files: tuple[SourceFile, ...]
    namespace_modules: tuple[str, ...]  # file-less packages, sorted
    directories: tuple[str, ...]  # project-relative directories holding at least one .py, sorted
    shadowed: tuple[Shadowing, ...]
    # Every walked directory and every .gitignore read, with its mtime and ctime: when none
    # of them changed, the file set cannot have changed either (the warm path's shortcut).
    walked: tuple[tuple[str, int, int], ...] = ()
    # Directories and files that exist but cannot be read, with the reason: never skipped
    # silently, each is a finding (LAM002), or a hidden violation would pass.
    unreadable: tuple[tuple[str, str], ...] = ()


def module_name(rel: str) -> tuple[str, bool]:
    """Module name and is-package flag of a root-relative ``.py`` path."""
    stem = rel[:-3]
    if stem == "__init__":
        return "", True
    if stem.endswith("/__init__"):
        return stem[: -len("/__init__")].replace("/", "."), True
    return stem.replace("/", "."), False


class _Ignorer:
    """Nested ``.gitignore`` files, each matched relative to its own directory."""

    def __init__(self) -> None:
        self._specs: list[tuple[str, object]] = []

    def add(self, directory: str, text: str) -> None:
        import pathspec  # deferred: see module docstring

        spec = pathspec.GitIgnoreSpec.from_lines(text.splitlines())
        self._specs.append((directory, spec))

    def ignored(self, path: str, is_dir: bool) -> bool:
        for directory, spec in self._specs:
            if directory and not path.startswith(directory + "/"):
                continue
            relative = path[len(directory) + 1 :] if directory else path
            if is_dir:
                relative += "/"
            if spec.match_file(relative):  # type: ignore[attr-defined]
                return True
        return False

    def pop_to(self, count: int) -> None:
        del self._specs[count:]

    def __len__(self) -> int:
        return len(self._specs)


def _join(base: str, name: str) -> str:
    return name if base in ("", ".") else f"{base}/{name}"


def discover(project: Project) -> Discovery:
    """Every ``.py`` file under the project's roots, sorted by project-relative path."""
    root_dir = project.root
    excludes = [compile_glob(pattern) for pattern in project.exclude]
    cache_dir = os.path.normpath(project.cache_dir)

    def is_excluded(path: str) -> bool:
        return any(g.regex.fullmatch(path) for g in excludes)

    files: list[SourceFile] = []
    namespaces: set[str] = set()
    directories: set[str] = set()
    ignorer = _Ignorer()
    walked: list[tuple[str, int, int]] = []
    unreadable: list[tuple[str, str]] = []
    # .gitignore files above the roots (up to the project root) apply as well. The root's
    # own stats are recorded even when no root is the project root: creating its first
    # .gitignore changes them, and that must make the next run walk again.
    try:
        info = os.stat(root_dir)
        walked.append((".", info.st_mtime_ns, info.st_ctime_ns))
    except OSError:
        pass
    top_gitignore = os.path.join(root_dir, ".gitignore")
    if os.path.isfile(top_gitignore):
        _add_gitignore("", ".gitignore", top_gitignore, ignorer, walked, unreadable)
    seen_roots: set[str] = set()
    for root in sorted(set(project.roots)):
        root_rel = os.path.normpath(root).replace(os.sep, "/")
        root_rel = "" if root_rel == "." else root_rel
        if root_rel in seen_roots:
            continue
        seen_roots.add(root_rel)
        absolute = os.path.join(root_dir, root_rel) if root_rel else root_dir
        if not os.path.isdir(absolute):
            raise UserError(
                f"source root '{root}' is not a directory",
                path=project.config_file,
                hint="fix 'roots' in the configuration (paths are relative to the project root)",
            )
        _walk(root_rel, root_rel, absolute, files, namespaces, directories, ignorer, is_excluded, cache_dir, walked,
              unreadable)  # fmt: skip
    files.sort(key=lambda f: f.path)
    return Discovery(
        files=tuple(files),
        namespace_modules=tuple(sorted(namespaces)),
        directories=tuple(sorted(directories)),
        shadowed=_shadowing(files, namespaces),
        walked=tuple(sorted(set(walked))),
        unreadable=tuple(sorted(set(unreadable))),
    )


def _cannot(what: str, error: OSError) -> str:
    return f"cannot read {what}: {error.strerror or error}"


def _add_gitignore(
    directory: str,
    rel: str,
    path: str,
    ignorer: _Ignorer,
    walked: list[tuple[str, int, int]],
    unreadable: list[tuple[str, str]],
) -> None:
    """Apply one ``.gitignore``; one that cannot be read is a finding, not an empty file."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat_module.S_ISREG(info.st_mode):
                return
            text = handle.read().decode("utf-8", errors="replace")
    except (FileNotFoundError, IsADirectoryError):
        return  # gone, or a directory named .gitignore: nothing to apply
    except OSError as error:
        unreadable.append((rel, _cannot("file", error)))
        return
    ignorer.add(directory, text)
    walked.append((rel, info.st_mtime_ns, info.st_ctime_ns))


def _walk(
    root_rel: str,
    dir_rel: str,
    dir_abs: str,
    files: list[SourceFile],
    namespaces: set[str],
    directories: set[str],
    ignorer: _Ignorer,
    is_excluded: Callable[[str], bool],
    cache_dir: str,
    walked: list[tuple[str, int, int]],
    unreadable: list[tuple[str, str]],
) -> bool:
    """Walk one directory; return True when it (recursively) holds a ``.py`` file."""
    label = dir_rel or "."
    try:
        info = os.stat(dir_abs)
        walked.append((label, info.st_mtime_ns, info.st_ctime_ns))
        entries = sorted(os.scandir(dir_abs), key=lambda e: e.name)
    except FileNotFoundError:
        return False  # removed while walking
    except OSError as error:
        if not is_excluded(dir_rel):
            unreadable.append((label, _cannot("directory", error)))
        return False
    names = {e.name for e in entries}
    if "pyvenv.cfg" in names and dir_rel != root_rel:
        return False
    depth = len(ignorer)
    if ".gitignore" in names and dir_rel:
        _add_gitignore(dir_rel, dir_rel + "/.gitignore", os.path.join(dir_abs, ".gitignore"), ignorer, walked,
                       unreadable)  # fmt: skip
    has_py = False
    for entry in entries:
        name = entry.name
        path = _join(dir_rel, name)
        try:
            if entry.is_dir(follow_symlinks=False):
                if name in SKIPPED_DIRS or path == cache_dir or (len(ignorer) and ignorer.ignored(path, True)):
                    continue
                if _walk(root_rel, path, entry.path, files, namespaces, directories, ignorer, is_excluded, cache_dir,
                         walked, unreadable):  # fmt: skip
                    has_py = True
                continue
            if not name.endswith(".py"):
                continue
            info = entry.stat(follow_symlinks=True)
        except FileNotFoundError:
            continue  # a dangling symlink, or removed while walking
        except OSError as error:
            # A .py that cannot be stat'ed, or an entry of a directory that can be listed but
            # not searched (mode r--): either way its code is hidden from every rule.
            problem = (path, _cannot("file", error)) if name.endswith(".py") else (label, _cannot("directory", error))
            if not (is_excluded(problem[0]) or (len(ignorer) and ignorer.ignored(path, False))):
                unreadable.append(problem)
            continue
        if not stat_module.S_ISREG(info.st_mode):
            continue
        if is_excluded(path) or (len(ignorer) and ignorer.ignored(path, False)):
            continue
        rel = path[len(root_rel) + 1 :] if root_rel else path
        module, is_package = module_name(rel)
        files.append(SourceFile(path, root_rel or ".", rel, module, is_package, info.st_size, info.st_mtime_ns, "",
                                info.st_ctime_ns))  # fmt: skip
        has_py = True
    ignorer.pop_to(depth)
    if has_py:
        directories.add(dir_rel)
        if dir_rel != root_rel and "__init__.py" not in names:
            rel = dir_rel[len(root_rel) + 1 :] if root_rel else dir_rel
            namespaces.add(rel.replace("/", "."))
    return has_py


def _shadowing(files: list[SourceFile], namespaces: set[str]) -> tuple[Shadowing, ...]:
    """Python's precedence: regular package, then module, then namespace directory."""
    by_module: dict[str, list[SourceFile]] = {}
    for source in files:
        by_module.setdefault(source.module, []).append(source)
    found: list[Shadowing] = []
    for module, sources in by_module.items():
        if len(sources) > 1:
            ranked = sorted(sources, key=lambda s: (not s.is_package, s.path))
            winner = ranked[0]
            for loser in ranked[1:]:
                found.append(Shadowing(module, loser.path, winner.path, False))
        # Namespace directories only exist when no __init__.py is present, so a
        # namespace and a module of the same name means ``x.py`` beside ``x/``.
        if module in namespaces and not sources[0].is_package:
            winner = sorted(sources, key=lambda s: s.path)[0]
            directory = winner.path[:-3]
            found.append(Shadowing(module, directory, winner.path, True))
    return tuple(sorted(found, key=lambda s: (s.loser, s.winner)))
