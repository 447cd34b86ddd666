"""lamina.spine imports only the standard library, and the analyzer and the runtime never import each other."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest

SPINE = Path(__file__).resolve().parents[2] / "src" / "lamina" / "spine"
LAMINA = SPINE.parent


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module)
    return roots


def test_spine_imports_only_the_standard_library_and_itself() -> None:
    for path in sorted(SPINE.glob("*.py")):
        allowed_extra = {"sqlalchemy"} if path.name == "sqla.py" else set()
        for name in imported_roots(path):
            top = name.split(".")[0]
            if name.startswith("lamina."):
                assert name.startswith("lamina.spine"), f"{path.name} imports {name}"
            else:
                assert top in sys.stdlib_module_names or top in allowed_extra, f"{path.name} imports {name}"


def test_the_analyzer_never_imports_the_spine() -> None:
    for path in sorted(LAMINA.rglob("*.py")):
        if SPINE in path.parents:
            continue
        assert not any(n == "lamina.spine" or n.startswith("lamina.spine.") for n in imported_roots(path)), path


def test_importing_the_spine_registers_nothing() -> None:
    # No module-level registry object exists: the only registries are the ones callers build.
    import lamina.spine as spine
    from lamina.spine import OperationRegistry

    assert not any(isinstance(value, OperationRegistry) for value in vars(spine).values())


def test_sqla_adapter_without_sqlalchemy_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)  # makes `import sqlalchemy` fail
    monkeypatch.delitem(sys.modules, "lamina.spine.sqla", raising=False)
    with pytest.raises(ImportError, match=r"^install lamina\[sqlalchemy\] to use lamina\.spine\.sqla$"):
        importlib.import_module("lamina.spine.sqla")
