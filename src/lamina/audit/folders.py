"""Folder summaries (docs/reports.md#folder-summary): the rows of a folder, its inventory tables,
counts and layers; the assessment, pairing and dependency-map sections are computed by
their own modules and assembled here."""

from __future__ import annotations

from dataclasses import dataclass

from lamina.audit.assessment import assessment
from lamina.audit.cells import UNASSIGNED, cross_domain, purpose, transaction, verdict_of, words_title
from lamina.audit.depmap import dependency_map
from lamina.audit.pairing import Wiring, aggregate
from lamina.audit.views import FolderSummaryView, InventoryRow, InventoryTable
from lamina.model.escape import md_code, md_link, md_name
from lamina.model.project import FolderSpec
from lamina.model.report_input import ReportFile, ReportInput


@dataclass(frozen=True, slots=True)
class Folder:
    """A configured folder and its files: ``rows`` exclude trivial ``__init__.py`` files,
    ``files`` include them (a symbol ``expects`` entry may be satisfied anywhere)."""

    spec: FolderSpec
    path: str  # project-relative, without trailing "/"
    rows: tuple[ReportFile, ...]  # sorted by the path inside the folder
    files: tuple[ReportFile, ...]

    @property
    def prefix(self) -> str:
        return self.spec.path.rstrip("/") + "/"

    def inside(self, file: ReportFile) -> str:
        """The file's path relative to the folder (``coordinators/x.py``)."""
        return file.rel[len(self.prefix) :]

    @property
    def module(self) -> str:
        return self.spec.path.rstrip("/").replace("/", ".")


def folder_of(spec: FolderSpec, inp: ReportInput) -> Folder:
    prefix = spec.path.rstrip("/") + "/"
    chosen: dict[str, ReportFile] = {}
    for file in inp.files:  # sorted by path, so the first root wins a (shadowed) duplicate rel
        if file.rel.startswith(prefix):
            chosen.setdefault(file.rel, file)
    files = tuple(chosen[rel] for rel in sorted(chosen))
    root = files[0].root if files else (inp.project.roots[0] if inp.project.roots else ".")
    root = root.rstrip("/")
    path = spec.path.rstrip("/") if root in ("", ".") else f"{root}/{spec.path.rstrip('/')}"
    return Folder(spec, path, tuple(f for f in files if not f.trivial_init), files)


def folder_title(spec: FolderSpec) -> str:
    return spec.title or words_title(spec.path.rstrip("/").rsplit("/", 1)[-1])


def page_path(file: ReportFile) -> str:
    """The script page, relative to the output directory: keyed by path, never by stem."""
    return file.rel[: -len(".py")] + ".md" if file.rel.endswith(".py") else file.rel + ".md"


def layers_of(rows: tuple[ReportFile, ...], pack_order: tuple[str, ...]) -> str:
    """Distinct layers of the rows in pack order; ``_unassigned_`` for rows without one."""
    present = {row.placement.layer for row in rows}
    names = [name for name in pack_order if name in present]
    if None in present or not names:
        names.append(UNASSIGNED)
    return ", ".join(names)


def directory_of(inside: str) -> str:
    return inside.rpartition("/")[0]


def summary_view(folder: Folder, inp: ReportInput, decided: dict[str, str], wiring: Wiring | None) -> FolderSummaryView:
    groups: dict[str, list[ReportFile]] = {}
    for row in folder.rows:
        groups.setdefault(directory_of(folder.inside(row)), []).append(row)
    subtitles = {sub.path: sub for sub in folder.spec.subfolders}
    direct = InventoryTable("", "", None, _rows(folder, groups.get("", []), "", decided))
    subtables = []
    for directory in sorted(d for d in groups if d):
        sub = subtitles.get(directory)
        # A configured title is the pack author's text; one derived from a directory name is not.
        title = (sub.title if sub is not None and sub.title else None) or md_name(
            words_title(directory.rsplit("/", 1)[-1])
        )
        description = sub.description if sub is not None else None
        rows = _rows(folder, groups[directory], directory, decided)
        subtables.append(InventoryTable(directory, title, description, rows, md_code(directory + "/")))
    count = str(len(groups.get("", [])))
    for table in subtables:
        count += f" + {len(table.rows)} {md_name(table.directory)}"
    ordered = direct.rows + tuple(row for table in subtables for row in table.rows)
    by_path = {row.path: row for row in folder.rows}
    inventory = tuple(by_path[row.path] for row in ordered)
    pairing = aggregate(wiring, inventory, folder.inside) if wiring is not None else ()
    idle = tuple(row.script for row in pairing if not row.wired)
    return FolderSummaryView(
        title=folder_title(folder.spec),
        path=folder.path + "/",
        layers=layers_of(folder.rows, tuple(layer.name for layer in inp.project.layers)),
        count=count,
        purpose=folder.spec.purpose,
        belongs=folder.spec.belongs,
        must_not=folder.spec.must_not,
        direct=direct,
        subtables=tuple(subtables),
        assessment=assessment(folder, inp, decided),
        pairing_configured=wiring is not None,
        pairing=tuple(row for row in pairing if row.wired),
        dependency_map=dependency_map(folder, inp),
        pairing_idle=idle,
        pairing_idle_count=f"{len(idle)} {'script' if len(idle) == 1 else 'scripts'}",
    )


def _rows(folder: Folder, files: list[ReportFile], directory: str, decided: dict[str, str]) -> tuple[InventoryRow, ...]:
    rows = []
    cut = len(directory) + 1 if directory else 0
    for file in sorted(files, key=folder.inside):
        inside = folder.inside(file)
        rows.append(
            InventoryRow(
                path=file.path,
                name=md_name(inside[cut:], cell=True),
                link=md_link(inside[: -len(".py")] + ".md" if inside.endswith(".py") else inside + ".md"),
                purpose=purpose(file),
                transaction=transaction(file),
                cross_domain=cross_domain(file),
                verdict=verdict_of(file.path, decided),
            )
        )
    return tuple(rows)
