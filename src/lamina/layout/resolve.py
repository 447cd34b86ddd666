"""Making import targets absolute and resolving them to discovered modules (docs/rule-semantics.md#imports)."""

from __future__ import annotations

from lamina.model.facts import ImportFact, ImportOrigin
from lamina.model.placement import TargetStatus


def package_of(module: str, is_package: bool) -> str:
    if is_package:
        return module
    return module.rpartition(".")[0]


def absolute(module: str, level: int, package: str) -> str | None:
    """Absolute dotted name of a (possibly relative) reference; None above the top package."""
    if level == 0:
        return module
    if not package:
        return None
    parts = package.split(".")
    drop = level - 1
    if drop >= len(parts):
        return None
    base = ".".join(parts[: len(parts) - drop])
    return f"{base}.{module}" if module else base


def absolute_qualname(qualname: str, package: str) -> str | None:
    """``..c.get_x`` (a call bound through a relative import) → absolute dotted name."""
    stripped = qualname.lstrip(".")
    level = len(qualname) - len(stripped)
    return absolute(stripped, level, package)


def fact_targets(fact: ImportFact, package: str, known: ModuleSet) -> list[tuple[str, tuple[str, ...]]]:
    """Absolute targets of one import fact with the names that lead to each.

    ``from x import y`` targets ``x.y`` when that is a known module, else ``x`` (or ``x.y`` when
    ``x`` is one of our namespace directories, which cannot bind ``y``).
    An unresolvable relative import yields a single empty target.
    """
    if fact.origin is ImportOrigin.IMPORTLIB and fact.package is not None and fact.level:
        base = absolute(fact.module, fact.level, fact.package)
        return [(base or "", ())]
    base = absolute(fact.module, fact.level, package)
    if base is None:
        return [("", tuple(n.name for n in fact.names))]
    if fact.origin is not ImportOrigin.FROM or not fact.names:
        return [(base, ())]
    grouped: dict[str, list[str]] = {}
    for imported in fact.names:
        if imported.name == "*":
            grouped.setdefault(base, []).append("*")
            continue
        candidate = f"{base}.{imported.name}" if base else imported.name
        # A namespace directory binds no names: a name that is no submodule of one of ours is missing.
        missing = base in known.namespaces and base not in known.files and known.is_ours(candidate)
        target = candidate if missing or known.is_module(candidate) else base
        grouped.setdefault(target, []).append(imported.name)
    return [(target, tuple(names)) for target, names in grouped.items()]


class ModuleSet:
    """The discovered module names: files and namespace directories."""

    def __init__(self, file_modules: dict[str, str], namespaces: tuple[str, ...]) -> None:
        self.files = file_modules  # module → winning file path
        self.namespaces = frozenset(namespaces)
        self.top_level = frozenset(m.split(".", 1)[0] for m in (*file_modules, *namespaces) if m)

    def is_module(self, name: str) -> bool:
        return name in self.files or name in self.namespaces

    def resolve(self, target: str) -> tuple[str, str]:
        """(module, status): the target or its longest known prefix, else missing/external."""
        if not target:
            return "", TargetStatus.UNRESOLVED
        name = target
        while name:
            if name in self.files or name in self.namespaces:
                return name, TargetStatus.INTERNAL
            name = name.rpartition(".")[0]
        if target.split(".", 1)[0] in self.top_level:
            return target, TargetStatus.MISSING
        return target, TargetStatus.EXTERNAL

    def resolve_import(self, target: str) -> tuple[str, str]:
        """(module, status) of an import target: the target itself when it is a module; a target
        of ours that no module provides is missing (never charged to an existing parent)."""
        module, status = self.resolve(target)
        if status == TargetStatus.INTERNAL and module != target and self.is_ours(target):
            return target, TargetStatus.MISSING
        return module, status

    def is_ours(self, target: str) -> bool:
        """Whether a missing ``target`` belongs to the project: its nearest existing parent is a
        module or package of ours, except a top-level namespace directory, which installed
        distributions may share (``google/`` of the project beside ``google.protobuf``)."""
        nearest = self.nearest(target)
        return bool(nearest) and ("." in nearest or nearest in self.files)

    def nearest(self, target: str) -> str:
        """The longest proper prefix of ``target`` that is a discovered module ("" when none)."""
        name = target.rpartition(".")[0]
        while name and not self.is_module(name):
            name = name.rpartition(".")[0]
        return name
