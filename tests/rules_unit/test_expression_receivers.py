"""Calls on receivers not rooted in a name (``(await get_session()).commit()``) reach the
rule about method names (LAM401) and no rule matching callee texts (LAM203 here)."""

from __future__ import annotations

from pathlib import Path

from fixture_projects import run_project, write_files

PACK = """\
version: 1
roots: ["."]
rules:
  - code: LAM401
    id: transaction-owners
    options: {owners: ["app/owner.py"]}
  - code: LAM203
    id: no-commit-calls
    options: {calls: ["*.commit", "*commit*", "*"]}
"""

DRIVER = """\
async def save(get_session, a, b, session):
    await (await get_session()).commit()
    (a or b).commit()
    session.commit()
"""


def test_expression_receivers_fire_lam401_and_match_no_callee_glob(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pyproject.toml": "[tool.lamina]\npacks = [\"pack.yaml\"]\n",
            "pack.yaml": PACK,
            "app/__init__.py": "",
            "app/owner.py": "",
            "app/driver.py": DRIVER,
        },
    )
    found = sorted((f.code, f.line, f.message) for f in run_project(tmp_path).findings if f.path == "app/driver.py")
    assert [(code, line) for code, line, _ in found if code == "LAM401"] == [
        ("LAM401", 2),
        ("LAM401", 3),
        ("LAM401", 4),
    ]
    assert "commit() on '<expression>' outside the transaction owners" in {m for _, _, m in found}
    # Only calls rooted in a name (get_session(), session.commit) have a callee text for the globs.
    assert [(code, line) for code, line, _ in found if code == "LAM203"] == [("LAM203", 2), ("LAM203", 4)]
