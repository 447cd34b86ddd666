"""LAM401 on transaction control sent as SQL text: which statements fire follows the
``methods`` option, ``sql_calls``/``sql_wrappers`` name the calls read, and the statement
reader skips strings, comments and trigger bodies."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_projects import run_project, write_files

from lamina.rules.sql_control import control_statements

DRIVER = """\
from sqlalchemy import text


def run(conn, session, q):
    conn.execute("COMMIT")
    conn.execute("ROLLBACK")
    conn.execute("SAVEPOINT s1")
    conn.execute("RELEASE s1")
    session.execute(text("BEGIN"))
    q.run_sql("COMMIT")
    session.execute(wrap("COMMIT"))
    conn.executescript("begin; select 1; commit; begin")
    conn.execute(q, "COMMIT")
    execute("COMMIT")
"""


def _lam401(tmp_path: Path, options: str) -> list[tuple[int, str]]:
    pack = f'version: 1\nroots: ["."]\nrules:\n  - code: LAM401\n    options: {{owners: ["app/owner.py"], {options}}}\n'
    write_files(
        tmp_path,
        {
            "pyproject.toml": "[tool.lamina]\npacks = [\"pack.yaml\"]\n",
            "pack.yaml": pack,
            "app/__init__.py": "",
            "app/owner.py": "",
            "app/driver.py": DRIVER,
        },
    )
    return sorted((f.line, f.message) for f in run_project(tmp_path).findings if f.code == "LAM401")


def test_statements_fire_by_the_methods_they_stand_for(tmp_path: Path) -> None:
    found = _lam401(tmp_path, "methods: [commit]")
    assert found == [
        (5, "'COMMIT' sent through execute() on 'conn' outside the transaction owners"),
        (8, "'RELEASE' sent through execute() on 'conn' outside the transaction owners"),
        (12, "'COMMIT' sent through executescript() on 'conn' outside the transaction owners"),
        (14, "'COMMIT' sent through execute() outside the transaction owners"),
    ]


def test_default_methods_reserve_rollback_and_begin_too(tmp_path: Path) -> None:
    found = _lam401(tmp_path, "ignore_receivers: []")
    assert [line for line, _ in found] == [5, 6, 7, 8, 9, 12, 14]
    assert found[-2][1] == "'BEGIN', 'COMMIT' sent through executescript() on 'conn' outside the transaction owners"


def test_sql_calls_and_wrappers_are_configurable(tmp_path: Path) -> None:
    found = _lam401(tmp_path, "methods: [commit], sql_calls: [run_sql, execute], sql_wrappers: [wrap]")
    assert [line for line, _ in found] == [5, 8, 10, 11, 14]
    assert _lam401(tmp_path / "none", "sql_calls: []") == []


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("commit", ("COMMIT",)),
        ("\n  -- finish\n  /* now */ Commit Work;", ("COMMIT",)),
        ("BEGIN; INSERT INTO t VALUES (';COMMIT'); END", ("BEGIN", "END")),
        ("SELECT 'COMMIT'", ()),
        ("SELECT 1 /* ; COMMIT */", ()),
        ('"COMMIT"', ()),
        ("CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = CASE WHEN 1 THEN 2 END; END; COMMIT", ("COMMIT",)),
        ("DO $body$ BEGIN COMMIT; END $body$; ROLLBACK TO SAVEPOINT s", ("ROLLBACK",)),
        ("committed", ()),
        ("'x' COMMIT", ()),
        ("`t` COMMIT", ()),
        ("$$x$$ COMMIT", ()),
        ("(COMMIT)", ()),
        ("", ()),
    ],
)
def test_control_statements(sql: str, expected: tuple[str, ...]) -> None:
    assert control_statements(sql) == expected
