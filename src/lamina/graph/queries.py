"""Graph queries with deterministic answers: neighbours are visited in sorted order, so
shortest chains and cycles are unique."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx

EdgeFilter = Callable[[dict[str, object]], bool]


def filtered_view(graph: networkx.MultiDiGraph[str], keep: EdgeFilter) -> networkx.DiGraph[str]:
    """A simple digraph holding the edges whose data passes ``keep``."""
    import networkx

    simple: networkx.DiGraph[str] = networkx.DiGraph()
    simple.add_nodes_from(graph.nodes(data=True))
    for source, target, data in graph.edges(data=True):
        if keep(data):
            simple.add_edge(source, target)
    return simple


def shortest_path(
    graph: networkx.DiGraph[str], start: str, goal_test: Callable[[str], bool], order: Callable[[str], str]
) -> list[str] | None:
    """BFS from ``start`` (excluded as a goal) over sorted neighbours; the first goal wins."""
    parents: dict[str, str | None] = {start: None}
    queue: deque[str] = deque([start])
    while queue:
        node = queue.popleft()
        for neighbour in sorted(graph.successors(node), key=order):
            if neighbour in parents:
                continue
            parents[neighbour] = node
            if goal_test(neighbour):
                chain = [neighbour]
                parent = parents[neighbour]
                while parent is not None:
                    chain.append(parent)
                    parent = parents[parent]
                return chain[::-1]
            queue.append(neighbour)
    return None


def _equal_to(target: str) -> Callable[[str], bool]:
    return lambda node: node == target


def cycles(graph: networkx.DiGraph[str], order: Callable[[str], str]) -> list[list[str]]:
    """One shortest cycle per strongly connected component of size ≥ 2 (or self-loop),
    starting and ending at the component's smallest node by ``order``."""
    import networkx

    found: list[list[str]] = []
    for component in networkx.strongly_connected_components(graph):
        members = sorted(component, key=order)
        start = members[0]
        if len(members) == 1:
            if graph.has_edge(start, start):
                found.append([start, start])
            continue
        sub = graph.subgraph(component)
        best: list[str] | None = None
        for predecessor in sorted(sub.predecessors(start), key=order):
            path = [start] if predecessor == start else shortest_path(sub, start, _equal_to(predecessor), order)
            if path is None:
                continue
            candidate = path + [start]
            if best is None or len(candidate) < len(best):
                best = candidate
        if best is not None:
            found.append(best)
    return sorted(found, key=lambda c: [order(n) for n in c])


def first_chains(
    graph: networkx.MultiDiGraph[str],
    start: str,
    follow: Callable[[str, str, dict[str, object]], bool],
    goal: Callable[[str], str | None],
    order: Callable[[str], str],
    min_edges: int = 2,
) -> dict[str, list[str]]:
    """Shortest chains from ``start`` to goal nodes, one per goal key.

    BFS over edges that ``follow`` accepts (any parallel edge counts), neighbours in
    ``order``; a node whose ``goal`` key is new and whose chain has at least ``min_edges``
    edges records that chain. Traversal continues through goal nodes, so deeper goals with
    other keys are found too.
    """
    parents: dict[str, str | None] = {start: None}
    queue: deque[tuple[str, int]] = deque([(start, 0)])
    found: dict[str, list[str]] = {}
    adjacency = graph.adj
    while queue:
        node, depth = queue.popleft()
        for neighbour in sorted(adjacency[node], key=order):
            if neighbour in parents:
                continue
            edges = adjacency[node][neighbour]
            if not any(follow(node, neighbour, data) for data in edges.values()):
                continue
            parents[neighbour] = node
            queue.append((neighbour, depth + 1))
            key = goal(neighbour)
            if key is None or key in found or depth + 1 < min_edges:
                continue
            chain = [neighbour]
            parent = parents[neighbour]
            while parent is not None:
                chain.append(parent)
                parent = parents[parent]
            found[key] = chain[::-1]
    return found
