"""Discovery: namespace packages, skipped folders, .gitignore, shadowed modules, order."""

from __future__ import annotations

import os
from pathlib import Path

from lamina.discovery import discover, module_name
from lamina.model.project import Project


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def project(root: Path, **kw: object) -> Project:
    return Project(root=root.as_posix(), config_file="pyproject.toml", packs=(), **kw)  # type: ignore[arg-type]


def test_module_names() -> None:
    assert module_name("app/x.py") == ("app.x", False)
    assert module_name("app/__init__.py") == ("app", True)


def test_namespace_directories_are_analyzed_and_recorded(tmp_path: Path) -> None:
    write(tmp_path, {"app/__init__.py": "", "app/ns/deep/x.py": "", "app/reg/__init__.py": "", "app/reg/y.py": ""})
    found = discover(project(tmp_path))
    assert [f.path for f in found.files] == [
        "app/__init__.py",
        "app/ns/deep/x.py",
        "app/reg/__init__.py",
        "app/reg/y.py",
    ]
    assert found.namespace_modules == ("app.ns", "app.ns.deep")


def test_skips_vcs_caches_virtualenvs_and_gitignored(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/a.py": "",
            ".git/hooks/x.py": "",
            "app/__pycache__/a.py": "",
            "venv/pyvenv.cfg": "",
            "venv/lib/site.py": "",
            "node_modules/n.py": "",
            ".lamina_cache/c.py": "",
            "build/gen.py": "",
            "app/sub/.gitignore": "skip_me.py\n",
            "app/sub/skip_me.py": "",
            "app/sub/keep.py": "",
            ".gitignore": "build/\n",
        },
    )
    found = discover(project(tmp_path))
    assert [f.path for f in found.files] == ["app/a.py", "app/sub/keep.py"]


def test_exclude_globs_and_roots(tmp_path: Path) -> None:
    write(tmp_path, {"backend/app/a.py": "", "backend/app/gen/b.py": "", "tools/t.py": ""})
    found = discover(project(tmp_path, roots=("backend",), exclude=("backend/app/gen/**",)))
    assert [(f.path, f.rel, f.module) for f in found.files] == [("backend/app/a.py", "app/a.py", "app.a")]


def test_symlinked_directories_are_not_followed(tmp_path: Path) -> None:
    write(tmp_path, {"app/a.py": "", "elsewhere/b.py": ""})
    os.symlink(tmp_path / "elsewhere", tmp_path / "app" / "link")
    found = discover(project(tmp_path, roots=("app",)))
    assert [f.path for f in found.files] == ["app/a.py"]


def test_module_beside_package_of_the_same_name_is_shadowed(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"app/__init__.py": "", "app/auth.py": "", "app/auth/__init__.py": "", "app/ns.py": "", "app/ns/x.py": ""},
    )
    found = discover(project(tmp_path))
    pairs = {(s.module, s.loser, s.winner, s.loser_is_namespace) for s in found.shadowed}
    assert pairs == {
        ("app.auth", "app/auth.py", "app/auth/__init__.py", False),
        ("app.ns", "app/ns", "app/ns.py", True),
    }
