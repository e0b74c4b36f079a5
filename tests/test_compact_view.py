"""The view the file writers read (kg.graph.network.Network) gives the files a networkx graph of the same nodes
and edges gives: GraphML, GEXF, the CSV tables, explorer.html's data; and a build reads the same view as
network_of_quads makes."""

from __future__ import annotations

import random
from collections import deque

import networkx as nx
import pytest

from kg.export import GraphSource
from kg.export.explorer import explorer_data
from kg.export.gephi import write_gexf, write_graphml
from kg.export.tables import write_edges_csv, write_nodes_csv
from kg.graph.network import Network, network_of_quads
from kg.graph.rdf import quad_statements
from kg.graph.sample import sample_resolved
from kg.graph.sorted_quads import SortedQuads, by_subject
from kg.graph import tables
from kg.graph.tables import TableRecords, Tables
from kg.knowledge_graph import KnowledgeGraph

VALUES = [None, "", "甲", 'a & <b> "c"\n', "x\x01y", 3, 2.5, True, [], ["一", "二"], ["p", None], ("t",)]
RELATIONS = ["inspected", "locatedIn", "partOf", "operatedBy"]


def random_graph(seed: int) -> list[tuple]:
    """Calls that build a graph: nodes with mixed attributes, then edges in random order (parallel ones,
    loops, both directions), with the attributes the view's edges have or a random few."""
    rng = random.Random(seed)
    ids = sorted({f"{rng.choice(['official', 'place', 'project'])}/{rng.randrange(30)}" for _ in range(25)})
    calls = []
    for node in ids:
        attrs = {name: rng.choice(VALUES) for name in rng.sample(["label", "level", "adcode", "titles", "score",
                                                                   "documents"], rng.randrange(5))}
        if rng.random() < 0.8:
            attrs["type"] = rng.choice(["official", "place", "project", "unknown"])
        calls.append(("node", node, attrs))
    for number in range(rng.randrange(60)):
        u, v = rng.choice(ids), rng.choice(ids)
        attrs = {"relation": rng.choice(RELATIONS), "label": rng.choice(["边", None]),
                 "confidence": rng.choice([None, 0.5, 0.9]), "documents": rng.sample(["d1", "d2", "d3"], 2),
                 "evidence": rng.choice([None, "句<", "句"]), "first_date": rng.choice([None, "2024-01-02", "2024"]),
                 "last_date": rng.choice([None, "2024-03-04"]), "headlines": ["标题"]}
        if rng.random() < 0.2:
            attrs = {name: attrs[name] for name in rng.sample(list(attrs), 3)}
        calls.append(("edge", u, v, f"e{number}", attrs))
    return calls


def built(graph, calls):
    for call in calls:
        if call[0] == "node":
            graph.add_node(call[1], **call[2])
        else:
            graph.add_edge(call[1], call[2], key=call[3], **call[4])
    return graph


def assert_same_reads(network: Network, graph: nx.MultiDiGraph) -> None:
    assert list(network.nodes(data=True)) == list(graph.nodes(data=True))
    assert list(network.nodes) == list(graph.nodes)
    assert list(network.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
    assert list(network.edges(data=True)) == list(graph.edges(data=True))
    for node in graph.nodes:
        assert network.degree(node) == graph.degree(node)
        assert list(network.out_edges(node, data=True)) == list(graph.out_edges(node, data=True))
        for name in ("relation", "confidence", "absent"):  # one attribute's value, None when the edge has none
            assert list(network.out_edges(node, data=name)) == list(graph.out_edges(node, data=name))
        assert list(network.out_edges(node)) == list(graph.out_edges(node))
        assert network.nodes[node] == graph.nodes[node] and node in network
    assert "absent" not in network and (network.number_of_nodes(), network.number_of_edges()) == (
        graph.number_of_nodes(), graph.number_of_edges())


@pytest.mark.parametrize("seed", range(12))
def test_the_writers_give_the_same_files_from_a_network_as_from_networkx(tmp_path, seed):
    calls = random_graph(seed)
    network, graph = built(Network(), calls), built(nx.MultiDiGraph(), calls)
    assert_same_reads(network, graph)
    for write, name in ((write_graphml, "graph.graphml"), (write_gexf, "graph.gexf"),
                        (write_nodes_csv, "nodes.csv"), (write_edges_csv, "edges.csv")):
        write(network, tmp_path / f"network-{name}")
        write(graph, tmp_path / f"networkx-{name}")
        assert (tmp_path / f"network-{name}").read_bytes() == (tmp_path / f"networkx-{name}").read_bytes(), name


def test_an_empty_network_reads_as_an_empty_graph():
    assert_same_reads(Network(), nx.MultiDiGraph())


def test_a_build_reads_the_view_and_tables_network_of_quads_gives(tmp_path):
    """The sample graph: the writers' view equals the networkx view, and so do the tables and the explorer's
    data made from either."""
    graph = KnowledgeGraph.from_resolved(sample_resolved())
    with SortedQuads.spill(quad_statements(graph.quads()), tmp_path) as quads:
        expected = network_of_quads(quads.quads())
        source = GraphSource(quads)
        deque(source.triples(), maxlen=0)
        assert_same_reads(source.view, expected)
        records = TableRecords()
        for subject, objects in by_subject(quads.quads()):
            records.add(subject, objects)
        tables = records.tables(expected)
        assert source.tables == tables and tables.inspections and tables.careers
        assert explorer_data(source.view, source.tables) == explorer_data(expected, tables)


@pytest.mark.parametrize("seed", range(4))
def test_explorer_data_is_the_same_from_a_network_as_from_networkx(seed):
    calls = [(*call[:-1], {**call[-1], "label": str(call[-1].get("label"))}) for call in random_graph(seed)]
    network, graph = built(Network(), calls), built(nx.MultiDiGraph(), calls)
    assert explorer_data(network, Tables()) == explorer_data(graph, Tables())


def _project_columns_one_by_one(view, project_id: str) -> dict:
    """The project's columns as tables.py made them before places were shared between projects: the place
    chain walked again for every project, the edges read with all their attributes."""
    def targets(node, relation):
        if node not in view:
            return []
        return sorted({v for _, v, data in view.out_edges(node, data=True) if data.get("relation") == relation})

    def label(node_id):
        return view.nodes[node_id].get("label", node_id) if node_id in view else node_id.rsplit("/", 1)[-1]

    data = view.nodes[project_id] if project_id in view else {}
    place_id = targets(project_id, "locatedIn")
    place_id = place_id[0] if place_id else None
    chain = [place_id] if place_id else []
    while chain and len(chain) < 8:
        parents = [p for p in targets(chain[-1], "partOf") if p not in chain]
        if not parents:
            break
        chain.append(parents[0])
    levels = {view.nodes[p].get("level"): view.nodes[p].get("label") for p in chain}
    return {
        "place": label(place_id) if place_id else None,
        **{level: levels.get(level) for level in tables.PLACE_LEVEL_COLUMNS},
        "adcode": next((view.nodes[p]["adcode"] for p in chain if view.nodes[p].get("adcode")), None),
        "investment": data.get("investment"), "capacity": data.get("capacity"),
        "operator": sorted(label(o) for o in targets(project_id, "operatedBy")),
        "place_id": place_id,
    }


@pytest.mark.parametrize("seed", range(12))
def test_projects_sharing_places_get_the_columns_each_would_get_alone(seed):
    """The inspections table works out each place's columns once for all its projects: the same columns as
    walking the chain for each project, whichever project comes first, on networks and networkx graphs with
    loops, cycles of partOf, places without a level and projects without a place."""
    rng = random.Random(seed)
    calls = [(*call[:2], {**call[2], "label": str(call[2].get("label")),  # a view's labels and levels are names
                          "level": rng.choice(["county", "city", "province", "town", None])})
             if call[0] == "node" else call for call in random_graph(seed)]
    for view in (built(Network(), calls), built(nx.MultiDiGraph(), calls)):
        places: dict = {}
        projects = [*view.nodes, "project/absent"]
        for project in rng.sample(projects, len(projects)) * 2:
            assert tables._project_columns(view, project, places) == _project_columns_one_by_one(view, project)


@pytest.mark.parametrize("seed", range(6))
def test_graphml_and_gexf_from_the_kinds_a_build_shares_are_the_files_of_the_view_alone(tmp_path, seed):
    """A build gathers the types of the view's attributes once for GraphML and GEXF (GEXF leaves the label
    out of them): the same files as each writer gathering its own, names that clean to "label" included."""
    from kg.export.gephi import view_attribute_kinds
    from tests.test_fast_writers import ODD_NAMES, odd_graph

    odd = odd_graph(seed, [name for name in ODD_NAMES if name != "type"])  # GEXF colours by a type that is a name
    for graph in (odd, built(Network(), random_graph(seed))):
        kinds = view_attribute_kinds(graph)
        for write, name in ((write_graphml, "graph.graphml"), (write_gexf, "graph.gexf")):
            write(graph, tmp_path / f"alone-{name}")
            write(graph, tmp_path / f"shared-{name}", kinds)
            assert (tmp_path / f"alone-{name}").read_bytes() == (tmp_path / f"shared-{name}").read_bytes(), name
