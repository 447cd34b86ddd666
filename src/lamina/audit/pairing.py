"""Pairing (docs/reports.md#pairing-report and docs/reports.md#folder-summary): which entry modules
(files with the pack's ``entry_role``) are wired by ``wiring_layers`` files, which are
orphans, and which ``bypass_layers`` files import ``bypass_targets`` modules directly.

A file *wires* an entry when one of its runtime imports (``module``, ``lazy``,
``importlib``) resolves to the entry's file; a package ``__init__`` re-exporting an entry
does not count, since lamina does not follow re-exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lamina.audit.cells import NONE, code_list, name_text
from lamina.audit.views import EntryRow, PairingDomainRow, PairingReportView, PairingRow, PairingSection
from lamina.model.escape import md_code, md_name
from lamina.model.placement import TargetStatus
from lamina.model.project import PairingSpec
from lamina.model.report_input import ReportFile, ReportInput

_TARGETS = (TargetStatus.INTERNAL, TargetStatus.MISSING)


@dataclass(frozen=True, slots=True)
class Bypass:
    path: str
    line: int
    module: str
    layer: str
    domain: str


@dataclass(frozen=True, slots=True)
class Wiring:
    entries: dict[str, ReportFile]  # entry path → file
    wires: dict[str, frozenset[str]]  # any file → the entry paths it wires
    wired_by: dict[str, frozenset[str]]  # entry → wiring-layer files wiring it
    direct: dict[str, frozenset[str]]  # entry → bypass-layer files importing it directly
    bypasses: tuple[Bypass, ...]  # sorted by (path, line, module)


def domain_name(domain: str | None) -> str:
    return domain if domain else NONE


def wiring(inp: ReportInput) -> Wiring | None:
    spec: PairingSpec | None = inp.project.pairing
    if spec is None:
        return None
    entries = {f.path: f for f in inp.files if spec.entry_role in f.placement.roles}
    wiring_layers, bypass_layers = set(spec.wiring_layers), set(spec.bypass_layers)
    targets = set(spec.bypass_targets)
    wires: dict[str, frozenset[str]] = {}
    wired_by: dict[str, set[str]] = {path: set() for path in entries}
    direct: dict[str, set[str]] = {path: set() for path in entries}
    bypasses: set[Bypass] = set()
    for file in inp.files:
        runtime = [target for target in file.imports if target.runtime]
        wired = frozenset(t.path for t in runtime if t.path is not None and t.path in entries)
        if wired:
            wires[file.path] = wired
        layer = file.placement.layer
        for entry in wired:
            if layer in wiring_layers:
                wired_by[entry].add(file.path)
            if layer in bypass_layers:
                direct[entry].add(file.path)
        if layer not in bypass_layers:
            continue
        for target in runtime:
            if target.status in _TARGETS and target.placement.layer in targets:
                label = target.placement.label()
                bypasses.add(Bypass(file.path, target.line, target.module, label, domain_name(target.placement.domain)))
    return Wiring(
        entries=entries,
        wires=wires,
        wired_by={path: frozenset(files) for path, files in wired_by.items()},
        direct={path: frozenset(files) for path, files in direct.items()},
        bypasses=tuple(sorted(bypasses, key=lambda b: (b.path, b.line, b.module))),
    )


def aggregate(
    wiring: Wiring, rows: tuple[ReportFile, ...], inside: Callable[[ReportFile], str]
) -> tuple[PairingRow, ...]:
    """One row per inventory row: served domains, wired entries, entries also bypassed."""
    out = []
    for row in rows:
        wired = wiring.wires.get(row.path, frozenset())
        domains = sorted({d for d in (wiring.entries[e].placement.domain for e in wired) if d})
        out.append(
            PairingRow(
                script=md_name(inside(row), cell=True),
                serves=", ".join(md_name(d, cell=True) for d in domains) if domains else NONE,
                wired=len(wired),
                gaps=sum(1 for entry in wired if wiring.direct[entry]),
            )
        )
    return tuple(out)


def _domain_order(names: set[str]) -> list[str]:
    """Sorted domains, with entries and targets without a domain (``_none_``) last."""
    return sorted(names - {NONE}) + ([NONE] if NONE in names else [])


def pairing_report(wiring: Wiring | None) -> PairingReportView:
    if wiring is None:
        return PairingReportView(False, 0, 0, 0, 0, 0, (), ())
    by_domain: dict[str, list[str]] = {}
    for path, file in wiring.entries.items():
        by_domain.setdefault(domain_name(file.placement.domain), []).append(path)
    bypassed: dict[str, list[Bypass]] = {}
    for bypass in wiring.bypasses:
        bypassed.setdefault(bypass.domain, []).append(bypass)
    rows, sections = [], []
    for domain in _domain_order(set(by_domain) | set(bypassed)):
        entries = sorted(by_domain.get(domain, []))
        orphans = [path for path in entries if not wiring.wired_by[path]]
        found = bypassed.get(domain, [])
        shown = domain if domain == NONE else name_text(domain)
        rows.append(PairingDomainRow(shown, len(entries), len(entries) - len(orphans), len(orphans), len(found)))
        sections.append(
            PairingSection(
                domain=shown,
                entries=tuple(
                    EntryRow(md_code(path, cell=True), code_list(wiring.wired_by[path]), code_list(wiring.direct[path]))
                    for path in entries
                ),
                orphans=", ".join(md_code(path) for path in orphans) if orphans else "none",
                bypasses=tuple(
                    f"{md_code(f'{b.path}:{b.line}')} imports {md_code(b.module)} ({b.layer})" for b in found
                ),
            )
        )
    return PairingReportView(
        configured=True,
        domains=len(rows),
        entries=sum(r.entries for r in rows),
        wired=sum(r.wired for r in rows),
        orphans=sum(r.orphans for r in rows),
        bypasses=sum(r.bypasses for r in rows),
        rows=tuple(rows),
        sections=tuple(sections),
    )
