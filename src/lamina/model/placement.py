"""Where a file sits in the architecture: layer, zone, domain, roles, header claim."""


from typing import NamedTuple


class Placement(NamedTuple):
    layer: str | None = None
    zone: str | None = None
    domain: str | None = None
    roles: tuple[str, ...] = ()
    header_token: str | None = None  # the layer token the header claims
    header_line: int = 0
    by_header: bool = False  # placed by the header fallback, not by path
    # (layer, pattern) pairs that tied for the file (LAM105); the file then has no layer.
    ambiguous: tuple[tuple[str, str], ...] = ()

    def label(self) -> str:
        """``L4:services`` style layer text used in messages."""
        if self.layer is None:
            return "unplaced"
        return f"{self.layer}:{self.zone}" if self.zone else self.layer


UNPLACED = Placement()


class TargetStatus:
    INTERNAL = "internal"
    # First segment is ours, but no module provides it: the target keeps its own dotted
    # name (placed by the pack's patterns), never the name of an existing parent.
    MISSING = "missing"
    EXTERNAL = "external"
    UNRESOLVED = "unresolved"  # a relative import above the top-level package


class ResolvedImport(NamedTuple):
    """One import target of one file, made absolute and resolved to a module.

    ``fact`` indexes ``ModuleFacts.imports``; a ``from x import a, b`` fact may yield
    several resolved imports (``x.a`` and ``x.b`` when those are modules, else ``x``).
    A ``NamedTuple`` like the facts: every run builds one per import of the code base.
    """

    source: str  # importing file, project-relative
    fact: int
    target: str  # absolute dotted target as imported ("" when unresolved)
    module: str  # the discovered module it resolves to (target or its longest prefix)
    path: str | None  # file of that module (None for namespace dirs, missing and external)
    status: str
    names: tuple[str, ...]  # imported names (from-imports) that led to this target
    placement: Placement


def import_key(line: int, column: int, resolved: ResolvedImport) -> str:
    """Identity of one import target (statement position + resolved target): the overlap
    policy merges findings by it and reports match findings to imports by it."""
    return f"{line}:{column}:{resolved.module or resolved.target}"
