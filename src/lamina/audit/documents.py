"""Every report document of a run (docs/reports.md#files): the index, the pairing report,
one summary per configured folder and one page per row, sorted by output path."""

from __future__ import annotations

from lamina.audit.cells import verdicts
from lamina.audit.folders import folder_of, page_path, summary_view
from lamina.audit.overview import index_view
from lamina.audit.pages import page_view
from lamina.audit.pairing import pairing_report, wiring
from lamina.audit.views import (
    TEMPLATE_INDEX,
    TEMPLATE_PAGE,
    TEMPLATE_PAIRING,
    TEMPLATE_SUMMARY,
    Document,
)
from lamina.model.findings import Finding
from lamina.model.report_input import ReportFile, ReportInput

INDEX = "INDEX.md"
PAIRING = "pairing.md"
SUMMARY = "_summary.md"


def build_documents(inp: ReportInput) -> tuple[Document, ...]:
    decided = verdicts(inp.result.findings, inp.result.fail_on)
    wired = wiring(inp)
    folders = [folder_of(spec, inp) for spec in inp.project.folders]
    documents = [
        Document(INDEX, TEMPLATE_INDEX, index_view(folders, inp, decided), ()),
        Document(PAIRING, TEMPLATE_PAIRING, pairing_report(wired), ()),
    ]
    # A script inside two nested folders gets one page: its path depends only on the
    # script's root-relative path, never on the folder that lists it.
    pages: dict[str, tuple[ReportFile, list[str]]] = {}
    for folder in folders:
        path = folder.spec.path.rstrip("/")
        view = summary_view(folder, inp, decided, wired)
        documents.append(Document(f"{path}/{SUMMARY}", TEMPLATE_SUMMARY, view, (path,)))
        for row in folder.rows:
            pages.setdefault(page_path(row), (row, []))[1].append(path)
    by_path: dict[str, list[Finding]] = {}
    for finding in inp.result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    for page, (row, owners) in pages.items():
        script_view = page_view(row, by_path.get(row.path, []), decided)
        documents.append(Document(page, TEMPLATE_PAGE, script_view, tuple(sorted(owners))))
    return tuple(sorted(documents, key=lambda d: d.path))
