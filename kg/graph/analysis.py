"""Graph algorithms on the networkx view: finding nodes by name, paths, neighbours, centrality."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from kg.graph import RELATIONS

# Betweenness is sampled above this many nodes (seeded: the same graph gives the same ranking).
BETWEENNESS_EXACT_LIMIT = 2000


@dataclass(frozen=True)
class Step:
    """One edge of a path or one neighbour: ``source -relation-> target``."""

    source: str
    relation: str
    target: str


def find_nodes(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Node ids for ``name``: a node id, else nodes labelled so, else with that alias, else whose label
    contains it; best connected first. A blank name names nothing (it is inside every label)."""
    name = name.strip()
    if not name:
        return []
    if name in graph:
        return [name]
    for matches in (
        lambda data: data.get("label") == name,
        lambda data: name in (data.get("aliases") or []),
        lambda data: name in str(data.get("label", "")),
    ):
        found = [node for node, data in graph.nodes(data=True) if matches(data)]
        if found:
            return sorted(found, key=lambda node: (-graph.degree(node), node))
    return []


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[Step] | None:
    """The edges of a shortest path, ignoring edge direction; None when the two are not connected."""
    try:
        nodes = nx.shortest_path(graph.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        return None
    steps = []
    for u, v in zip(nodes, nodes[1:]):
        if graph.has_edge(u, v):
            steps.append(Step(u, _relation(graph, u, v), v))
        else:
            steps.append(Step(v, _relation(graph, v, u), u))
    return steps


class UnknownRelation(ValueError):
    """A relation name the graph's vocabulary does not have (a typo such as ``inspectd``)."""


def neighbours(graph: nx.MultiDiGraph, node: str, relation: str | None = None) -> list[Step]:
    """Every edge into or out of ``node`` (of one relation, if given), sorted. An unknown relation name is
    an error that lists the known ones (it would match nothing)."""
    if relation is not None and relation not in RELATIONS:
        raise UnknownRelation(f"unknown relation {relation} (known: {', '.join(RELATIONS)})")
    edges = [
        Step(u, data["relation"], v)
        for u, v, data in [*graph.out_edges(node, data=True), *graph.in_edges(node, data=True)]
        if relation is None or data.get("relation") == relation
    ]
    return sorted(set(edges), key=lambda s: (s.relation, s.source != node, s.source, s.target))


def statistics(graph: nx.MultiDiGraph, top: int = 10) -> dict:
    """Counts by node type (``unmentioned``: those no article names, such as the gazetteer's ancestors of the
    places named, which ``kg build`` leaves out of its counts) and relation, and the ``top`` nodes by degree and
    betweenness centrality."""
    simple = nx.Graph(graph.to_undirected(as_view=True))
    degree = nx.degree_centrality(simple) if len(simple) > 1 else {}
    sample = BETWEENNESS_EXACT_LIMIT if len(simple) > BETWEENNESS_EXACT_LIMIT else None
    betweenness = nx.betweenness_centrality(simple, k=sample, seed=0) if len(simple) > 2 else {}

    def ranking(scores: dict[str, float]) -> list[tuple[str, str, float]]:
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
        return [(node, graph.nodes[node].get("label", node), round(score, 4)) for node, score in best]

    return {
        "nodes": dict(sorted(Counter(d.get("type") for _, d in graph.nodes(data=True)).items())),
        "unmentioned": dict(sorted(Counter(d.get("type") for _, d in graph.nodes(data=True)
                                           if not d.get("mentions")).items())),
        "edges": dict(sorted(Counter(d.get("relation") for _, _, d in graph.edges(data=True)).items())),
        "degree": ranking(degree),
        "betweenness": ranking(betweenness),
    }


def _relation(graph: nx.MultiDiGraph, u: str, v: str) -> str:
    return sorted(data["relation"] for data in graph.get_edge_data(u, v).values())[0]
