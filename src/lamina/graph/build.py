"""Build the module dependency graph from the import index (networkx imported here only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lamina.model.placement import TargetStatus

if TYPE_CHECKING:
    import networkx

    from lamina.layout.index import ImportIndex


def build_graph(index: ImportIndex) -> networkx.MultiDiGraph[str]:
    """Nodes are file paths (attribute ``module``); one edge per resolved internal import,
    keyed by the importing fact's index, with the fact's ``kind`` and ``origin`` kept."""
    import networkx

    graph: networkx.MultiDiGraph[str] = networkx.MultiDiGraph()
    for path in sorted(index.files):
        graph.add_node(path, module=index.files[path].module)
    for path in sorted(index.imports):
        facts = index.facts[path].imports
        for resolved in index.imports[path]:
            if resolved.status != TargetStatus.INTERNAL or resolved.path is None:
                continue
            fact = facts[resolved.fact]
            graph.add_edge(path, resolved.path, key=resolved.fact, kind=fact.kind, origin=fact.origin)
    return graph
