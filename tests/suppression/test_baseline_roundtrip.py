"""The baseline end to end (docs/rule-semantics.md#baseline): ``lamina baseline`` writes it, ``lamina
check`` fails only on new findings, moved code stays baselined, fixed code leaves a stale
entry (LAM503), ``--update`` only shrinks unless ``--allow-growth``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from suppression_tree import PACK, Tree

from lamina.analysis import check
from lamina.model.findings import fingerprint
from lamina.model.settings import RunSettings
from lamina.outputs.json_out import render_json

RUNNER = """\
class Runner:
    def run(self, source: str) -> object:
        return eval(source)

    def again(self, source: str) -> None:
        exec(source)
        exec(source)
"""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tree:
    made = Tree(tmp_path, monkeypatch)
    made.write("app/runner.py", RUNNER)
    return made


def test_baseline_file_format(tree: Tree) -> None:
    outcome = tree.lamina("baseline")
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "wrote lamina-baseline.json: 2 entries for 3 findings" in outcome.stdout
    assert tree.read("lamina-baseline.json") == (
        '{"version": 1, "entries": [\n'
        '{"code": "LAM203", "path": "app/runner.py", "symbol": "Runner.again", "anchor": "exec(source)", "count": 2},\n'
        '{"code": "LAM203", "path": "app/runner.py", "symbol": "Runner.run", "anchor": "return eval(source)", "count": 1}\n'  # noqa: E501
        "]}\n"
    )
    # The fingerprint is derived from the entry, and SARIF/JSON consumers get the same value.
    result = check(None, str(tree.root), RunSettings(no_cache=True))
    assert {f.fingerprint for f in result.findings} == {
        fingerprint("LAM203", "app/runner.py", "Runner.again", "exec(source)"),
        fingerprint("LAM203", "app/runner.py", "Runner.run", "return eval(source)"),
    }


def test_round_trip_move_fix_update_grow(tree: Tree) -> None:
    assert tree.check().exit_code == 1
    assert tree.lamina("baseline").exit_code == 0

    outcome = tree.check()
    assert outcome.exit_code == 0
    assert {status for *_, status in outcome.findings()} == {"baselined"}
    assert outcome.json()["summary"]["baselined"] == 3  # type: ignore[index]

    # Move every violating line down 20 lines: the baseline does not know line numbers.
    moved = RUNNER.replace("class Runner:\n", "class Runner:\n" + "    # filler\n" * 20)
    tree.write("app/runner.py", moved)
    outcome = tree.check()
    assert outcome.exit_code == 0
    assert outcome.findings() == [
        ("app/runner.py", 23, "LAM203", "baselined"),
        ("app/runner.py", 26, "LAM203", "baselined"),
        ("app/runner.py", 27, "LAM203", "baselined"),
    ]

    # Fix the eval: its entry (line 3 of the baseline, sorted after Runner.again) is stale.
    tree.write("app/runner.py", moved.replace("return eval(source)", "return source"))
    outcome = tree.check()
    assert outcome.exit_code == 1
    assert ("lamina-baseline.json", 3, "LAM503", "open") in outcome.findings()
    stale = [f for f in outcome.json()["findings"] if f["code"] == "LAM503"]  # type: ignore[union-attr]
    assert [f["message"] for f in stale] == [
        "baseline entry LAM203 'app/runner.py' [Runner.run] no longer matches (1 of 1 unmatched)"
    ]

    # Fix one of the two exec calls too, then shrink: one entry dropped, one lowered.
    tree.write("app/runner.py", moved.replace("return eval(source)", "return source").replace(
        "        exec(source)\n        exec(source)\n", "        exec(source)\n"))
    outcome = tree.lamina("baseline", "--update")
    assert outcome.exit_code == 0, outcome.stdout
    assert "updated lamina-baseline.json: 1 entry for 1 finding (1 dropped, 1 lowered, 0 added)" in outcome.stdout
    assert tree.baseline()["entries"] == [
        {"code": "LAM203", "path": "app/runner.py", "symbol": "Runner.again", "anchor": "exec(source)", "count": 1}
    ]
    assert tree.check().exit_code == 0

    # A new violation fails check, and --update refuses to record it.
    tree.write("app/extra.py", "def load(text: str) -> object:\n    return eval(text)\n")
    outcome = tree.check()
    assert outcome.exit_code == 1
    assert ("app/extra.py", 2, "LAM203", "open") in outcome.findings()
    before = tree.read("lamina-baseline.json")
    outcome = tree.lamina("baseline", "--update")
    assert outcome.exit_code == 1
    assert "app/extra.py:2:12: LAM203 call to banned 'eval'" in outcome.stdout
    assert "1 new finding not in lamina-baseline.json" in outcome.stdout
    assert tree.read("lamina-baseline.json") == before

    # Only a human passing --allow-growth makes the baseline grow.
    outcome = tree.lamina("baseline", "--update", "--allow-growth")
    assert outcome.exit_code == 0
    assert "(0 dropped, 0 lowered, 1 added)" in outcome.stdout
    assert [e["path"] for e in tree.baseline()["entries"]] == ["app/extra.py", "app/runner.py"]  # type: ignore[union-attr]
    assert tree.check().exit_code == 0


def test_editing_or_renaming_makes_a_finding_new(tree: Tree) -> None:
    assert tree.lamina("baseline").exit_code == 0
    tree.write("app/runner.py", RUNNER.replace("def run(", "def execute(").replace(
        "exec(source)\n        exec(source)", "exec(source)\n        exec(source )  # spacing is not content"))
    outcome = tree.check()
    assert outcome.findings() == [
        ("app/runner.py", 3, "LAM203", "open"),  # the symbol was renamed
        ("app/runner.py", 6, "LAM203", "baselined"),
        ("app/runner.py", 7, "LAM203", "open"),  # 'exec(source )' is an edited line
        ("lamina-baseline.json", 2, "LAM503", "open"),
        ("lamina-baseline.json", 3, "LAM503", "open"),
    ]


def test_count_consumption_reports_the_remainder(tree: Tree) -> None:
    assert tree.lamina("baseline").exit_code == 0
    tree.write(
        "app/runner.py", RUNNER.replace("        exec(source)\n        exec(source)\n", "        exec(source)\n")
    )
    rows = tree.check().json()["findings"]
    assert [f["message"] for f in rows if f["code"] == "LAM503"] == [  # type: ignore[union-attr]
        "baseline entry LAM203 'app/runner.py' [Runner.again] no longer matches (1 of 2 unmatched)"
    ]


def test_suppressed_findings_are_not_baselined(tree: Tree) -> None:
    tree.write(
        "app/runner.py", RUNNER.replace("return eval(source)", "return eval(source)  # lamina: ignore[LAM203] vetted")
    )
    assert tree.lamina("baseline").exit_code == 0
    assert [e["symbol"] for e in tree.baseline()["entries"]] == ["Runner.again"]  # type: ignore[union-attr]
    assert tree.check().exit_code == 0


def test_pack_findings_and_hygiene_findings_are_never_baselined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = PACK.replace("rules:\n", 'layers:\n  - {name: ghost, paths: ["nowhere/**"]}\nrules:\n')
    tree = Tree(tmp_path, monkeypatch, pack)
    tree.write("app/runner.py", "x = eval('1')  # lamina: ignore[LAM2O3] typo\n")
    outcome = tree.lamina("baseline")
    assert outcome.exit_code == 0
    assert "2 open findings not recorded" in outcome.stderr
    assert [e["code"] for e in tree.baseline()["entries"]] == ["LAM203"]  # type: ignore[union-attr]
    assert sorted((code, status) for _, _, code, status in tree.check().findings()) == [
        ("LAM004", "open"), ("LAM203", "baselined"), ("LAM502", "open"),
    ]


def test_existing_baseline_needs_update_and_update_needs_a_baseline(tree: Tree) -> None:
    outcome = tree.lamina("baseline", "--update")
    assert outcome.exit_code == 2
    assert "baseline 'lamina-baseline.json' does not exist" in outcome.stderr
    assert tree.lamina("baseline").exit_code == 0
    outcome = tree.lamina("baseline")
    assert outcome.exit_code == 2
    assert "baseline 'lamina-baseline.json' already exists" in outcome.stderr
    assert "--update" in outcome.stderr
    assert tree.lamina("baseline", "--allow-growth").exit_code == 2
    outcome = tree.lamina("baseline", "--update")
    assert outcome.exit_code == 0 and "unchanged lamina-baseline.json" in outcome.stdout


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            '{"version": 1, "entries": [\n{"code": "LAM203",,}\n]}\n',
            "lamina-baseline.json:2:19:",
            "baseline is not valid JSON",
        ),
        ('{"version": 2, "entries": []}\n', "lamina-baseline.json:1:", "unsupported baseline version 2"),
        (
            '{"version": 1, "entries": [\n{"code": "LAM203", "path": "a.py", "symbol": "f", "anchor": "x", "count": 1},\n'  # noqa: E501
            '{"code": "LAM203", "path": "a.py", "symbol": "f", "anchor": "x"}\n]}\n',
            "lamina-baseline.json:3:",
            "baseline entry lacks 'count'",
        ),
        (
            '{"version": 1, "entries": [\n{"code": "LAM203", "path": "a.py", "symbol": "f", "anchor": "x", "count": 1},\n'  # noqa: E501
            '{"code": "LAM203", "path": "a.py", "symbol": "f", "anchor": "x", "count": 2}\n]}\n',
            "lamina-baseline.json:3:",
            "duplicate baseline entry (also at line 2)",
        ),
        (
            '{"version": 1, "entries": [{"code": "LAM203", "path": "a.py", "symbol": "f", "anchor": "x", "count": 0}]}',
            "lamina-baseline.json:1:",
            "field 'count' is not a positive integer",
        ),
        ("[]", "lamina-baseline.json:1:", 'exactly the keys "version" and "entries"'),
    ],
)
def test_malformed_baseline_is_a_usage_error(tree: Tree, text: str, where: str, message: str) -> None:
    (tree.root / "lamina-baseline.json").write_text(text, encoding="utf-8")
    for args in (("check", "--no-cache"), ("baseline", "--update")):
        outcome = tree.lamina(*args)
        assert outcome.exit_code == 2
        assert outcome.stderr.startswith(where), outcome.stderr
        assert message in outcome.stderr


def test_pretty_printed_baseline_is_read_with_entry_lines(tree: Tree) -> None:
    assert tree.lamina("baseline").exit_code == 0
    entries = tree.baseline()["entries"]
    assert isinstance(entries, list)
    entries[1]["anchor"] = "return eval(other)"
    (tree.root / "lamina-baseline.json").write_text(json.dumps({"version": 1, "entries": entries}, indent=2))
    stale = [f for f in tree.check().findings() if f[2] == "LAM503"]
    assert stale == [("lamina-baseline.json", 11, "LAM503", "open")]  # where the second object opens


def test_warm_replay_is_identical(tree: Tree) -> None:
    tree.write("app/run.py", "y = exec('1')  # lamina: ignore[LAM203] vetted\nz = 1  # lamina: ignore[LAM203] unused\n")
    assert tree.lamina("baseline").exit_code == 0
    tree.write("app/runner.py", RUNNER.replace("return eval(source)", "return source"))
    # The first run computes (and stores) the result; the second replays it from the cache.
    first = check(None, str(tree.root))
    second = check(None, str(tree.root))
    assert not first.from_cache and second.from_cache
    assert first.findings == second.findings
    assert render_json(first, "0") == render_json(second, "0")
    statuses = {f.status.value for f in second.findings}
    assert statuses == {"open", "suppressed", "baselined"}
    assert all(f.fingerprint for f in second.findings)
    assert [f.justification for f in second.findings if f.justification] == ["vetted"]
    # Through the command line as well: byte-identical JSON with and without the cache.
    cached = tree.lamina("check", "--format", "json")
    fresh = tree.lamina("check", "--no-cache", "--format", "json")
    assert cached.stdout == fresh.stdout
    # Rewriting the baseline changes the cache key: the replay must not serve the old result.
    assert tree.lamina("baseline", "--update").exit_code == 0
    third = check(None, str(tree.root))
    assert not third.from_cache
    assert "LAM503" not in {f.code for f in third.findings}
