"""How an import's kind and origin reach LAM101 (found weak by ``bash dev.sh mutate``): the
``{how}`` suffix of a direct finding, and which edges a transitive chain follows when
``imports`` ignores lazy, importlib or TYPE_CHECKING imports."""

from __future__ import annotations

from pathlib import Path

from fixture_projects import pack_findings

PACK = """\
version: 1
roots: ["."]
layers:
  - {name: top, paths: ["app/top/**"]}
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"]}
rules:
  - code: LAM101
    options:
      transitive: true
      matrix: {api: [api, core], core: [core]}
      imports: {IMPORTS}
"""

PACKAGES = {"app/__init__.py": "", "app/top/__init__.py": "", "app/api/__init__.py": "", "app/core/__init__.py": "",
            "app/util/__init__.py": "", "app/top/t.py": "", "app/api/v.py": ""}  # fmt: skip


def _lam101(root: Path, imports: str, files: dict[str, str]) -> list[tuple[str, int, str]]:
    return pack_findings(root, PACK.replace("{IMPORTS}", imports), {**PACKAGES, **files}, "LAM101")


def test_the_message_says_how_the_import_is_made(tmp_path: Path) -> None:
    files = {
        "app/core/lazy.py": "def f():\n    import app.api.v\n",
        "app/core/typing_only.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import app.api.v\n",
        "app/core/dynamic.py": "import importlib\nimportlib.import_module('app.api.v')\n",
        "app/core/lazy_dynamic.py": "def f():\n    __import__('app.api.v')\n",
    }
    found = _lam101(tmp_path, "{type_checking: include}", files)
    assert [(path, message.split(") imports ")[1]) for path, _, message in found] == [
        ("app/core/dynamic.py", "'app.api.v' (api) via importlib"),
        ("app/core/lazy.py", "'app.api.v' (api) lazily"),
        ("app/core/lazy_dynamic.py", "'app.api.v' (api) lazily via importlib"),
        ("app/core/typing_only.py", "'app.api.v' (api) for type checking"),
    ]


CHAIN_FILES = {
    # Each api module reaches app.top.t through an unplaced module (never checked itself).
    "app/api/plain.py": "import app.util.u1\n",
    "app/api/lazy.py": "def f():\n    import app.util.u2\n",
    "app/api/dynamic.py": "import importlib\nimportlib.import_module('app.util.u3')\n",
    "app/api/typing_only.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import app.util.u4\n",
    "app/util/u1.py": "import app.top.t\n",
    "app/util/u2.py": "import app.top.t\n",
    "app/util/u3.py": "import app.top.t\n",
    "app/util/u4.py": "import app.top.t\n",
}


def test_chains_follow_only_the_enabled_import_kinds(tmp_path: Path) -> None:
    found = _lam101(tmp_path / "module_level", "{lazy: ignore, importlib: ignore}", CHAIN_FILES)
    assert [path for path, _, _ in found] == ["app/api/plain.py"]
    found = _lam101(tmp_path / "all", "{lazy: include, importlib: include, type_checking: include}", CHAIN_FILES)
    assert [path for path, _, _ in found] == ["app/api/dynamic.py", "app/api/lazy.py", "app/api/plain.py",
                                              "app/api/typing_only.py"]  # fmt: skip
