"""Property: over generated modules, the fixes ``lamina fix --unsafe`` would apply never produce
code that fails to parse and never change a line that no edit of an applied fix owns."""

from __future__ import annotations

import difflib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lamina.analysis import load_project
from lamina.fix.apply import apply_fixes, parses
from lamina.fix.context import FixContext
from lamina.fix.plan import fixable, plan
from lamina.fix.run import analyse
from lamina.model.fixes import Applicability
from lamina.model.settings import RunSettings

PACK = """version: 1
roots: ["."]
layers:
  - {name: core, paths: ["app/**"], claims: [L5]}
rules:
  - {code: LAM104, id: header-layer}
  - {code: LAM504, id: header-fields, options: {fields: [Layer]}}
  - {code: LAM202, id: no-dispatch}
  - code: LAM203
    id: no-probe
    options:
      calls: ["asyncio.iscoroutinefunction"]
      replacement: {"asyncio.iscoroutinefunction": "inspect.iscoroutinefunction"}
"""

HEADERS = ["", "# Layer: L9 — wrong\n", "# Layer: L5\n", "#!/usr/bin/env python3\n", "# -*- coding: utf-8 -*-\n"]
LINES = [
    "x = 1\n",
    "\n",
    "# a comment about é\n",
    "import asyncio\n",
    "import inspect as ins\n",
    "from asyncio import iscoroutinefunction as probe\n",
    "value = asyncio.iscoroutinefunction(len)  # keep\n",
    "other = probe(len)\n",
    "x = 2  # lamina: ignore[LAM203] reason here\n",
    "# lamina: ignore[LAM203, LAM202] because of reasons\n",
    "y = 3  # noqa: E1  # lamina: ignore[LAM202] a reason\n",
    "class Engine:\n    def run(self) -> None:\n        pass\n",
    "def go(e: Engine, n: str) -> object:\n    return getattr(e, n, None)\n",
    "def call(n: str) -> object:\n    engine = Engine()\n    return getattr(engine, n)()\n",
    "s = '''multi\n# lamina: ignore[LAM203] inside a string\n'''\n",
]


@st.composite
def modules(draw: st.DrawFn) -> tuple[str, str]:
    header = draw(st.sampled_from(HEADERS))
    body = "".join(draw(st.lists(st.sampled_from(LINES), min_size=1, max_size=12)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return (header + body).replace("\n", newline), newline


def owned_lines(edits: list[tuple[int, int, int]]) -> set[int]:
    """Line numbers an edit may touch: its span (an end at column 1 ends before that line)."""
    lines: set[int] = set()
    for line, end_line, end_column in edits:
        last = end_line - 1 if end_line > line and end_column == 1 else end_line
        lines.update(range(line, last + 1))
    return lines


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(modules())
def test_fixes_parse_and_touch_only_their_own_lines(generated: tuple[str, str]) -> None:
    fix_and_verify(generated[0])


def test_the_property_sees_every_kind_of_fix() -> None:
    """The generated material does reach the fixers (a property that never fixed would pass)."""
    text = "# Layer: L9 — wrong\n" + "".join(LINES)
    assert fix_and_verify(text) == {"LAM104", "LAM202", "LAM203", "LAM501"}
    assert fix_and_verify("x = 1\r\n") == {"LAM504"}


def fix_and_verify(text: str) -> set[str]:
    """Apply the fixes of the module ``text``, check the property, return the codes fixed."""
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / ".git").mkdir()
        (root / "pack.yaml").write_text(PACK, encoding="utf-8")
        (root / "pyproject.toml").write_text('[tool.lamina]\npacks = ["pack.yaml"]\n', encoding="utf-8")
        (root / "app").mkdir()
        (root / "app" / "__init__.py").write_text("# Layer: L5\n", encoding="utf-8")
        (root / "app" / "mod.py").write_bytes(text.encode("utf-8"))
        project = load_project(None, str(root))
        result, index = analyse(project, RunSettings(no_cache=True))
        ctx = FixContext(project, result.findings, lambda: index)
        planned = plan(ctx, fixable(result.findings))
        pairs = [(finding.code, fix) for finding, fix in planned.items() if finding.path == "app/mod.py"
                 and fix.applicability in (Applicability.SAFE, Applicability.UNSAFE)]  # fmt: skip
        source = ctx.source("app/mod.py")
        if source is None or not pairs:
            return set()
        applied = apply_fixes(source, [fix for _, fix in pairs])
        if applied is None:
            return set()
        assert parses(applied.text)
        owned = owned_lines([(e.line, e.end_line, e.end_column) for fix in applied.fixes for e in fix.edits])
        before = source.text.replace("\r\n", "\n").split("\n")
        after = applied.text.replace("\r\n", "\n").split("\n")
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
            if tag in ("replace", "delete"):
                assert set(range(i1 + 1, i2 + 1)) <= owned, (tag, i1, i2, owned)
            elif tag == "insert":
                assert i1 + 1 in owned or i1 in owned, (tag, i1, owned)
        return {code for code, fix in pairs if fix in applied.fixes}
