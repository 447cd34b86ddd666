"""Every rule's example project through the cache (issue 12): after each edit of each of its
Python files - a comment line appended, then a real change (its last import line removed, or
``import os`` added when it has none) - ``lamina check --format json`` on the warm cache
prints exactly what ``--no-cache`` prints. Only the command line is used."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from differential_edits import IMPORT_LINE, EditableProject, PackShape, Run, copy_project
from fixture_projects import TESTS
from test_differential import run_in_process

EXAMPLES = sorted(p for p in (TESTS / "rules").glob("LAM*/*") if (p / "pyproject.toml").exists())
NO_PACK_EDITS = PackShape(knobs=(), render=lambda settings: {})


def compare(root: Path, edit: str) -> Run:
    cached = run_in_process(root, ["check", "--format", "json", "--timings"])
    plain = run_in_process(root, ["check", "--format", "json", "--no-cache"])
    assert (cached.exit_code, cached.stdout) == (plain.exit_code, plain.stdout), (
        f"after {edit}: exit {cached.exit_code} (cached) vs {plain.exit_code}\n"
        f"--- cached\n{cached.stdout}\n--- no-cache\n{plain.stdout}"
    )
    return cached


def real_change(text: str) -> tuple[str, str]:
    """Remove the last import line (a block keeps a 'pass'), or add ``import os``."""
    lines = text.splitlines(keepends=True)
    imports = [i for i, line in enumerate(lines) if IMPORT_LINE.match(line.rstrip("\r\n")) and "__future__" not in line]
    if imports:
        last = imports[-1]
        match = IMPORT_LINE.match(lines[last].rstrip("\r\n"))
        assert match is not None
        removed = lines[last].strip()
        lines[last] = f"{match.group(1)}pass\n" if match.group(1) else ""
        return "".join(lines), f"remove '{removed}'"
    at = EditableProject.import_position(lines)
    lines.insert(at, "import os\n")
    return "".join(lines), "add 'import os'"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}-{p.name}")
def test_cached_equals_no_cache_after_each_edit(example: Path, tmp_path: Path) -> None:
    project = EditableProject(copy_project(example, tmp_path / "example"), ".", NO_PACK_EDITS, run_in_process,
                              random.Random(0))  # fmt: skip
    project.setup()
    compare(project.root, "the first run")
    replayed = compare(project.root, "nothing")
    assert replayed.parsed == 0, "a run with nothing changed must be a replay"
    parsed: list[int | None] = []
    for rel in project.py_files():
        project.write(rel, project.read(rel) + ("" if project.read(rel).endswith("\n") else "\n") + "# edited\n")
        parsed.append(compare(project.root, f"a comment appended to {rel}").parsed)
        text, what = real_change(project.read(rel))
        project.write(rel, text)
        parsed.append(compare(project.root, f"{rel}: {what}").parsed)
    assert all(n is not None and n <= 1 for n in parsed), f"an edit of one file re-parsed more: {parsed}"
