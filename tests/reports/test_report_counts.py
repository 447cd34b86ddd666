"""Reports count what they list (issue 13 item 6): every count printed in a folder summary,
the pairing report and the index equals the number of items of the list it refers to, and
that list is in the generated files.

The checks parse the rendered markdown, so they hold for any project: the HOC fixture,
``examples/shop``, the worked example, and a copy of the HOC fixture with repeated findings
(grouped violations) and an import and a call of the orchestrator on one line (one place)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_support import HOC_PROJECT, ORCHESTRATOR, REPORT_PROJECT, REPOSITORY, copy_project, read_tree, report

SHOP = REPOSITORY / "examples" / "shop"
SPINE = "backend/app/hoc/cus/hoc_spine"

_SCRIPTS = re.compile(r"^\*\*Scripts:\*\* (.+)$", re.M)
_CORRECT = re.compile(r"^\*\*Correct:\*\* (\d+)/(\d+) scripts", re.M)
_VIOLATIONS = re.compile(r"^\*\*Violations \((\d+)\):\*\*$", re.M)
_BASELINED = re.compile(r"^\*\*Baselined:\*\* (\d+) findings in (\d+) scripts: (.+)$", re.M)
_BELOW = re.compile(r"^\*\*Below the failing severity:\*\* (\d+) findings, on the script pages of (.+)$", re.M)
_SCRIPT_COUNT = re.compile(r"\]\([^)]*\) \((\d+)\)")
_TIMES = re.compile(r" \(×(\d+)\)$")
_PLACES = re.compile(r"^(\d+) places? in (\d+) files?$")
_IDLE = re.compile(r"^\*\*No L5 pairing \((\d+) scripts?\):\*\* (.+)\.$", re.M)
_SUBFOLDER = re.compile(r"^### .+ Subfolder \(`(.+)/`\)$")


def section(text: str, number: int) -> str:
    start = text.index(f"\n## {number}. ")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def table_rows(block: str) -> list[list[str]]:
    """Data rows of the markdown tables in ``block`` (header and separator rows skipped)."""
    rows: list[list[str]] = []
    lines = block.split("\n")
    for index, line in enumerate(lines):
        if not line.startswith("|") or line.startswith("|--"):
            continue
        if index + 1 < len(lines) and lines[index + 1].startswith("|--"):
            continue  # a header row
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def bullets(block: str) -> list[tuple[str, list[str]]]:
    """Top-level bullets with their nested bullets."""
    out: list[tuple[str, list[str]]] = []
    for line in block.split("\n"):
        if line.startswith("- "):
            out.append((line[2:], []))
        elif line.startswith("  - "):
            out[-1][1].append(line[4:])
    return out


def lines_of(places: list[str]) -> int:
    """``path`: 3, 7 ×2`` entries → the number of items they list (a line ``×n`` counts n)."""
    total = 0
    for place in places:
        for item in place.rpartition("`: ")[2].split(", "):
            line, _, times = item.partition(" ×")
            assert line.isdigit(), place
            total += int(times) if times else 1
    return total


def inventory(text: str) -> dict[str, list[list[str]]]:
    """Section 4's rows per table: "" for the folder itself, else the subdirectory."""
    tables: dict[str, list[str]] = {"": []}
    current = ""
    for line in section(text, 4).split("\n"):
        found = _SUBFOLDER.match(line)
        if found:
            current = found.group(1)
            tables[current] = []
        else:
            tables[current].append(line)
    return {name: table_rows("\n".join(lines)) for name, lines in tables.items()}


def check_summary(text: str) -> dict[str, int]:
    """Checks one ``_summary.md``; returns its counts for the cross-file checks."""
    tables = inventory(text)
    rows = [row for table in tables.values() for row in table]
    terms = _SCRIPTS.search(text).group(1).split(" + ")  # type: ignore[union-attr]
    assert int(terms[0]) == len(tables[""])
    for term in terms[1:]:
        count, _, directory = term.partition(" ")
        assert int(count) == len(tables[directory]), term
    assert sum(int(term.split(" ")[0]) for term in terms) == len(rows)

    correct = _CORRECT.search(text)
    assert correct is not None
    assert int(correct.group(1)) == sum(1 for row in rows if row[-1] == "OK")
    assert int(correct.group(2)) == len(rows)

    assessment = section(text, 5)
    violations = _VIOLATIONS.search(assessment)
    counted = 0
    if violations is not None:
        block = assessment[violations.end() :].split("\n\n**", 1)[0]
        for item, places in bullets(block):
            times = _TIMES.search(item)
            if times is None:
                assert not places, item
                counted += 1
            else:
                assert int(times.group(1)) == lines_of(places), item
                counted += int(times.group(1))
        assert int(violations.group(1)) == counted
    flagged = sum(1 for row in rows if row[-1] == "VIOLATION")
    assert (counted == 0) == (flagged == 0)

    for pattern in (_BASELINED, _BELOW):
        found = pattern.search(assessment)
        if found is not None:
            listed = [int(n) for n in _SCRIPT_COUNT.findall(found.group(found.lastindex or 0))]
            assert int(found.group(1)) == sum(listed), found.group(0)
            if pattern is _BASELINED:
                assert int(found.group(2)) == len(listed)

    if "**Missing:**" in assessment:
        for item, places in bullets(assessment.split("**Missing:**", 1)[1]):
            detail = item.rpartition(": ")[2]
            counts = _PLACES.match(detail)
            if counts is None:  # a missing symbol or a rule that is not enabled: no count
                assert not places and not re.search(r"\d+$", detail), item
                continue
            assert int(counts.group(1)) == lines_of(places), item
            assert int(counts.group(2)) == len(places), item

    pairing = section(text, 6)
    paired = table_rows(pairing)
    idle = _IDLE.search(pairing)
    idle_names = idle.group(2).split(", ") if idle else []
    if idle is not None:
        assert int(idle.group(1)) == len(idle_names)
    if "_Pairing is not configured._" not in pairing:
        assert all(row[2] != "0" for row in paired), "a row with nothing to report was not collapsed"
        assert len(paired) + len(idle_names) == len(rows)
    return {"rows": len(rows), "ok": int(correct.group(1)), "flagged": flagged, "violations": counted}


def check_pairing_report(text: str) -> dict[str, tuple[int, int]]:
    """Checks ``pairing.md``; returns, per wiring file, (entries it wires, of which bypassed)."""
    wiring: dict[str, tuple[int, int]] = {}
    if "_Pairing is not configured._" in text:
        return wiring
    header = re.search(
        r"\*\*Domains:\*\* (\d+) · \*\*Entry modules:\*\* (\d+) · \*\*Wired:\*\* (\d+) · "
        r"\*\*Orphans:\*\* (\d+) · \*\*Bypasses:\*\* (\d+)",
        text,
    )
    assert header is not None
    head, *sections = text.split("\n## ")
    domain_rows = table_rows(head)
    assert int(header.group(1)) == len(domain_rows) == len(sections)
    totals = [0, 0, 0, 0]
    for row, body in zip(domain_rows, sections):
        assert body.split("\n", 1)[0] == row[0]
        entries = table_rows(body)
        wired = [entry for entry in entries if entry[1] != "—"]
        orphans = body.split("**Orphans:** ", 1)[1].split("\n", 1)[0]
        orphan_list = [] if orphans == "none" else orphans.split(", ")
        bypasses = [item for item, _ in bullets(body.split("**Bypasses:**", 1)[1])]
        assert [int(n) for n in row[1:]] == [len(entries), len(wired), len(orphan_list), len(bypasses)], row
        for n, value in enumerate((len(entries), len(wired), len(orphan_list), len(bypasses))):
            totals[n] += value
        for entry in entries:
            bypassed = entry[2] != "—"
            for path in re.findall(r"`([^`]+)`", entry[1]):
                count, gaps = wiring.get(path, (0, 0))
                wiring[path] = (count + 1, gaps + bypassed)
    assert [int(header.group(n)) for n in (2, 3, 4, 5)] == totals
    return wiring


def check_tree(tree: dict[str, str]) -> None:
    wiring = check_pairing_report(tree["pairing.md"])
    summaries = {path: text for path, text in tree.items() if path.endswith("/_summary.md")}
    assert summaries
    counts = {}
    for path, text in summaries.items():
        counts[path] = check_summary(text)
        folder = re.search(r"^\*\*Path:\*\* `(.+)`$", text, re.M).group(1)  # type: ignore[union-attr]
        # A wired count is traceable to the pairing report's "Wired by" cells.
        for row in table_rows(section(text, 6)):
            assert wiring.get(folder + row[0].replace("\\", ""), (0, 0)) == (int(row[2]), int(row[3])), row
        check_dependency_map(tree, path, text)
    index = tree["INDEX.md"]
    folder_rows = table_rows(index.split("## Open violations", 1)[0])
    for row in folder_rows:
        link = re.search(r"\]\((.+)\)", row[0]).group(1)  # type: ignore[union-attr]
        found = counts[link]
        assert (int(row[2]), int(row[3]), int(row[4])) == (found["rows"], found["ok"], found["flagged"]), row
    open_rows = table_rows(index.split("## Open violations", 1)[1])
    listed = 0
    pages = set()
    for row in open_rows:
        links = re.findall(r"\]\(([^)]+)\)", row[1])
        times = _TIMES.search(row[3])
        assert len(links) == (int(times.group(1)) if times else 1), row
        listed += len(links)
        pages.update(links)
    assert listed == sum(found["violations"] for found in counts.values())
    header = re.search(r"\*\*Violations:\*\* (\d+)", index)
    assert header is not None
    assert int(header.group(1)) == len(pages)


RUNTIME_KINDS = ("module", "lazy", "importlib")


def check_dependency_map(tree: dict[str, str], summary_path: str, text: str) -> None:
    """Each edge label equals the distinct (script, module) pairs of that group that the
    folder's script pages list in their Imports tables."""
    folder = summary_path[: -len("_summary.md")]
    own = folder.rstrip("/").replace("/", ".")
    pairs: dict[str, set[tuple[str, str]]] = {}
    for row in (row for table in inventory(text).values() for row in table):
        page = folder + re.search(r"\]\((.+)\)", row[0]).group(1)  # type: ignore[union-attr]
        imports = tree[page].split("## Imports", 1)[1].split("\n## ", 1)[0]
        for kind, module, layer, domain in table_rows(imports):
            name = module.split("`")[1]
            if kind not in RUNTIME_KINDS or name == own or name.startswith(own + "."):
                continue
            group = layer if domain == "—" else f"{layer} {domain}"
            pairs.setdefault(group, set()).add((page, name))
    mermaid = section(text, 7)
    nodes = dict(re.findall(r'^    (n\d+)\["(.+)"\]$', mermaid, re.M))
    edges = re.findall(r'^    n0 -->\|"(\d+)"\| (n\d+)$', mermaid, re.M)
    assert {nodes[node]: int(label) for label, node in edges} == {g: len(p) for g, p in pairs.items()}
    assert bool(edges) == ("An edge label counts distinct" in mermaid)


@pytest.mark.parametrize("project", [HOC_PROJECT, SHOP, REPORT_PROJECT], ids=lambda p: p.name)
def test_every_count_equals_its_list(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    result = report(project, "--out", str(out), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    check_tree(read_tree(out))


BULK_HANDLER = '''# Layer: L4 — Handler
"""Bulk operations that probe coroutines three times."""

import asyncio


def probe(a, b, c):
    return asyncio.iscoroutinefunction(a), asyncio.iscoroutinefunction(b)


def probe_again(c):
    return asyncio.iscoroutinefunction(c)
'''

ONE_LINE_ENGINE = '''# Layer: L5 — Engine
"""Reaches the orchestrator with an import and a call on one line."""


def notify() -> None:
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.audit_coordinator import get_audit_coordinator; get_audit_coordinator().record("x", "y")
'''  # noqa: E501


def test_repeated_findings_are_grouped_and_places_are_counted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(HOC_PROJECT, tmp_path / "hoc")
    handlers = project / SPINE / "orchestrator" / "handlers"
    (handlers / "bulk_handler.py").write_text(BULK_HANDLER, encoding="utf-8")
    (project / "backend/app/hoc/cus/logs/L5_engines/notify_engine.py").write_text(ONE_LINE_ENGINE, encoding="utf-8")
    out = tmp_path / "out"
    assert report(project, "--out", str(out), monkeypatch=monkeypatch).exit_code == 0
    tree = read_tree(out)
    check_tree(tree)
    summary = tree[f"{ORCHESTRATOR}/_summary.md"]
    assert (
        "- LAM203 call to banned 'asyncio.iscoroutinefunction' (×4)\n"
        "  - `handlers/bulk_handler.py`: 8 ×2, 12\n"
        "  - `handlers/legacy_handler.py`: 17\n"
    ) in summary
    # rules_engine.py: an import (31) and a call (35); notify_engine.py: both on line 6.
    assert (
        "- L5/L6 code reaching the orchestrator: 3 places in 2 files\n"
        "  - `backend/app/hoc/cus/logs/L5_engines/notify_engine.py`: 6\n"
        "  - `backend/app/hoc/cus/policies/L5_engines/rules_engine.py`: 31, 35\n"
    ) in summary
    bulk = "app/hoc/cus/hoc_spine/orchestrator/handlers/bulk_handler.md"
    legacy = "app/hoc/cus/hoc_spine/orchestrator/handlers/legacy_handler.md"
    assert (
        f"| Orchestrator | [handlers/bulk_handler.py:8]({bulk}), [handlers/bulk_handler.py:8]({bulk}), "
        f"[handlers/bulk_handler.py:12]({bulk}), [handlers/legacy_handler.py:17]({legacy}) | LAM203 | "
        "call to banned 'asyncio.iscoroutinefunction' (×4) |"
    ) in tree["INDEX.md"]
    assert (
        "**No L5 pairing (4 scripts):** operation_registry.py, wiring.py, coordinators/audit_coordinator.py, handlers/bulk_handler.py."  # noqa: E501
        in summary
    )
