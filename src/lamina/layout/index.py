"""The import index: placements of every file and the resolved imports of each file,
plus the reverse index. Dict-based and cheap to rebuild, so the networkx graph is only
built when a rule needs it."""

from __future__ import annotations

from typing import NamedTuple

from lamina.layout.placement import Placer
from lamina.layout.resolve import ModuleSet, fact_targets, package_of
from lamina.model.facts import ModuleFacts
from lamina.model.globs import compile_module_pattern
from lamina.model.placement import UNPLACED, Placement, ResolvedImport, TargetStatus
from lamina.model.source import SourceFile


class ImportIndex(NamedTuple):
    files: dict[str, SourceFile]  # by path
    facts: dict[str, ModuleFacts]
    placements: dict[str, Placement]
    imports: dict[str, tuple[ResolvedImport, ...]]  # by importing path, in fact order
    modules: ModuleSet
    domains: tuple[str, ...]
    importers: dict[str, tuple[str, ...]]  # module → sorted importing paths

    def module_of(self, path: str) -> str:
        return self.files[path].module


def build_index(
    files: tuple[SourceFile, ...],
    facts: dict[str, ModuleFacts],
    placer: Placer,
    namespaces: tuple[str, ...],
    placements: dict[str, Placement] | None = None,
) -> ImportIndex:
    """Place every file and resolve the imports of every file that has facts. With
    ``placements`` (a run that reuses the previous one) files keep the given placement and only the
    files in ``facts`` get resolved imports."""
    file_modules: dict[str, str] = {}
    for source in sorted(files, key=lambda s: (not s.is_package, s.path)):
        file_modules.setdefault(source.module, source.path)
    modules = ModuleSet(file_modules, namespaces)
    if placements is None:
        placements = {s.path: placer.place_file(s.rel, facts[s.path]) for s in files}
    by_path = {s.path: s for s in files}
    target_placer = _TargetPlacer(placer, placements, modules, by_path)
    resolved: dict[str, tuple[ResolvedImport, ...]] = {}
    importers: dict[str, set[str]] = {}
    # The same statement recurs across many files; only relative ones depend on the package.
    memo: dict[tuple[object, ...], list[tuple[str, tuple[str, ...], str, str, str | None, Placement]]] = {}
    for source in files:
        if source.path not in facts:
            continue
        package = package_of(source.module, source.is_package)
        out: list[ResolvedImport] = []
        for index, fact in enumerate(facts[source.path].imports):
            key = (fact.module, fact.level, fact.origin, fact.names, fact.package, package if fact.level else None)
            targets = memo.get(key)
            if targets is None:
                targets = memo[key] = []
                for target, names in fact_targets(fact, package, modules):
                    module, status = modules.resolve_import(target)
                    path = file_modules.get(module) if status == TargetStatus.INTERNAL else None
                    targets.append((target, names, module, status, path, target_placer.place(module, status, path)))
            for target, names, module, status, path, placement in targets:
                out.append(ResolvedImport(source.path, index, target, module, path, status, names, placement))
                if status == TargetStatus.INTERNAL:
                    importers.setdefault(module, set()).add(source.path)
        resolved[source.path] = tuple(out)
    return ImportIndex(
        files=by_path,
        facts=facts,
        placements=placements,
        imports=resolved,
        modules=modules,
        domains=placer.domains,
        importers={m: tuple(sorted(p)) for m, p in importers.items()},
    )


class _TargetPlacer:
    """Placement of import targets, memoised per module."""

    def __init__(
        self, placer: Placer, placements: dict[str, Placement], modules: ModuleSet, files: dict[str, SourceFile]
    ) -> None:
        self._placer = placer
        self._placements = placements
        self._files = files
        self._memo: dict[str, Placement] = {}
        self._layer_modules = [
            (layer.name, [compile_module_pattern(p) for p in layer.modules]) for layer in placer.project.layers
        ]

    def place(self, module: str, status: str, path: str | None) -> Placement:
        if status in (TargetStatus.EXTERNAL, TargetStatus.UNRESOLVED):
            return UNPLACED
        if path is not None:
            return self._placements[path]
        cached = self._memo.get(module)
        if cached is None:
            cached = self._place_fileless(module, status)
            self._memo[module] = cached
        return cached

    def _place_fileless(self, module: str, status: str) -> Placement:
        if status == TargetStatus.MISSING:
            for layer, patterns in self._layer_modules:
                if any(p.match(module) for p in patterns):
                    return Placement(layer=layer)
            return self._placer.place_path(module.replace(".", "/") + ".py")
        # A namespace directory is placed as if it had an __init__.py.
        return self._placer.place_path(module.replace(".", "/") + "/__init__.py")
