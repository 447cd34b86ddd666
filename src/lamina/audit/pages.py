"""Script pages (docs/reports.md#script-page): one page per row of any folder."""

from __future__ import annotations

import re

from lamina.audit.cells import NONE, layer_label, message_text, name_text, purpose, verdict_of
from lamina.audit.views import (
    ExecutionRow,
    FindingRow,
    ImportRow,
    RegistrationRow,
    ScriptPageView,
    TransactionRow,
)
from lamina.model.escape import md_code, md_name, printable_block
from lamina.model.findings import Finding
from lamina.model.placement import TargetStatus
from lamina.model.report_input import OperationRegistration, ReportFile, ReportImport

MAX_IMPORTERS = 50
_BACKTICKS = re.compile(r"`+")
_INTERNAL = (TargetStatus.INTERNAL, TargetStatus.MISSING)


def fence_for(text: str | None) -> str:
    """A backtick fence longer than every backtick run inside ``text`` (at least three)."""
    longest = max((len(run) for run in _BACKTICKS.findall(text or "")), default=0)
    return "`" * max(3, longest + 1)


def page_view(file: ReportFile, findings: list[Finding], decided: dict[str, str]) -> ScriptPageView:
    placement = file.placement
    layer = layer_label(placement)
    if placement.header_token and placement.header_token != placement.layer:
        layer += f" — header claims {md_name(placement.header_token)}"
    internal = {
        (target.module, target.kind): target for target in file.imports if target.status in _INTERNAL
    }
    externals = sorted(
        {target.module.split(".", 1)[0] for target in file.imports if target.status == TargetStatus.EXTERNAL}
    )
    docstring = printable_block(file.docstring) if file.docstring and file.docstring.strip() else None
    return ScriptPageView(
        file_name=md_name(file.rel.rsplit("/", 1)[-1]),
        path=md_code(file.path),
        module=md_code(file.module),
        layer=layer,
        domain=name_text(placement.domain),
        roles=", ".join(sorted(placement.roles)) or NONE,
        verdict=verdict_of(file.path, decided),
        purpose=purpose(file),
        docstring=docstring,
        fence=fence_for(docstring),
        imports=tuple(_import_row(module, kind, internal[(module, kind)]) for module, kind in sorted(internal)),
        externals=", ".join(md_code(name) for name in externals) if externals else None,
        importers=tuple(md_code(module) for module in file.importers[:MAX_IMPORTERS]),
        importers_more=max(0, len(file.importers) - MAX_IMPORTERS),
        transactions=tuple(TransactionRow(call.line, md_code(call.text, cell=True)) for call in file.transactions),
        registrations=tuple(_registration(r) for r in file.registrations),
        executions=tuple(ExecutionRow(_operation(run.name, run.text), run.line) for run in file.executions),
        findings=tuple(
            FindingRow(f.line, f.code, f.severity.value, f.status.value, message_text(f.message, cell=True))
            for f in sorted(findings, key=lambda f: f.sort_key)
        ),
    )


def _import_row(module: str, kind: str, target: ReportImport) -> ImportRow:
    placement = target.placement
    domain = md_name(placement.domain, cell=True) if placement.domain else "—"
    text = md_code(module, cell=True)
    if target.status == TargetStatus.MISSING:
        # Unresolved (LAM108): placed by what the globs say about the dotted path.
        text += " (no such module)"
    return ImportRow(kind=kind, module=text, layer=layer_label(placement), domain=domain)


def _operation(name: str | None, text: str) -> str:
    if name is not None:
        return md_name(name, cell=True)
    return f"(not a literal name) {md_code(text + '(…)', cell=True)}"


def _registration(registration: OperationRegistration) -> RegistrationRow:
    if registration.deps_state == "absent":
        declared = "missing"
    elif registration.deps_state == "not_literal":
        declared = "not a literal list"
    else:
        declared = ", ".join(md_name(name, cell=True) for name in registration.declared) or "—"
    return RegistrationRow(
        operation=_operation(registration.name, registration.text),
        declared=declared,
        actual=", ".join(md_name(name, cell=True) for name in registration.actual) or "—",
        line=registration.line,
    )
