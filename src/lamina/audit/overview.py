"""The index (docs/reports.md#index): every folder with its counts, and every open violation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from lamina.audit.cells import NONE, escape_cell, failing, message_text, verdict_of
from lamina.audit.folders import Folder, folder_title, layers_of
from lamina.audit.views import (
    VERDICT_BASELINED,
    VERDICT_OK,
    VERDICT_VIOLATION,
    IndexFolderRow,
    IndexView,
    IndexViolationRow,
)
from lamina.model.escape import md_link, md_name
from lamina.model.report_input import ReportInput

PURPOSE_WIDTH = 80


def short_purpose(text: str | None) -> str:
    """The folder purpose on one line, cut after 80 characters with ``…``."""
    if not text or not text.strip():
        return NONE
    line = " ".join(text.split())
    if len(line) > PURPOSE_WIDTH:
        line = line[:PURPOSE_WIDTH].rstrip() + "…"
    return escape_cell(line)


def index_view(folders: list[Folder], inp: ReportInput, decided: dict[str, str]) -> IndexView:
    pack_order = tuple(layer.name for layer in inp.project.layers)
    rows = []
    distinct: dict[str, str] = {}
    for folder in folders:
        verdicts = [verdict_of(row.path, decided) for row in folder.rows]
        distinct.update((row.path, verdict) for row, verdict in zip(folder.rows, verdicts))
        folder_path = folder.spec.path.rstrip("/")
        rows.append(
            IndexFolderRow(
                title=escape_cell(folder_title(folder.spec)),
                link=f"{folder_path}/_summary.md",
                layers=layers_of(folder.rows, pack_order),
                scripts=len(folder.rows),
                ok=verdicts.count(VERDICT_OK),
                violations=verdicts.count(VERDICT_VIOLATION),
                purpose=short_purpose(folder.spec.purpose),
            )
        )
    violations = []
    fail_on = inp.result.fail_on
    for folder in folders:
        by_path = {row.path: row for row in folder.rows}
        folder_path = folder.spec.path.rstrip("/")
        for finding in inp.result.findings:
            row = by_path.get(finding.path)
            if row is None or not failing(finding, fail_on):
                continue
            inside = folder.inside(row)
            page = inside[: -len(".py")] + ".md" if inside.endswith(".py") else inside + ".md"
            violations.append(
                (
                    (folder_path, finding.path, finding.line, finding.code, finding.column, finding.message),
                    IndexViolationRow(
                        folder=escape_cell(folder_title(folder.spec)),
                        script=f"[{md_name(f'{inside}:{finding.line}', cell=True)}]"
                        f"({md_link(f'{folder_path}/{page}')})",
                        code=finding.code,
                        message=message_text(finding.message, cell=True),
                    ),
                )
            )
    values = list(distinct.values())
    return IndexView(
        folders=len(folders),
        scripts=len(distinct),
        ok=values.count(VERDICT_OK),
        violations=values.count(VERDICT_VIOLATION),
        baselined=values.count(VERDICT_BASELINED),
        rows=tuple(rows),
        open_violations=_grouped(row for _, row in sorted(violations, key=lambda item: item[0])),
    )


def _grouped(rows: Iterable[IndexViolationRow]) -> tuple[IndexViolationRow, ...]:
    """Rows of one folder with the same code and message become one row listing every
    place (in order) and the count: 43 identical findings are one row, not 43."""
    groups: dict[tuple[str, str, str], list[IndexViolationRow]] = {}
    for row in rows:
        groups.setdefault((row.folder, row.code, row.message), []).append(row)
    return tuple(
        found[0] if len(found) == 1
        else replace(found[0], script=", ".join(r.script for r in found), message=f"{found[0].message} (×{len(found)})")
        for found in groups.values()
    )
