"""The GraphML, GEXF and CSV writers' per-record paths (values cleaned and typed once, rows written from
prebuilt openings) give the bytes the previous writers gave: those are kept here, as they were, as the
reference, and both are run on random graphs with awkward names and values."""

from __future__ import annotations

import csv
import random

import networkx as nx
import pytest

from kg.export import gephi
from kg.export.tables import cell, write_edges_csv, write_nodes_csv
from tests.test_compact_view import built, random_graph

ODD_VALUES = [None, "", "甲", 'a & <b> "c"\n\r\t', "x\x01y\ufffe", "\x02", 0, 7, -1.5, 2.0, True, False, [], [None],
              ["一", None, 2], ("t", "u"), {"s"}, ["a\x03"], "长" * 40_000, ["词" * 20] * 2_000]
ODD_NAMES = ["label", "type", "score", "la\x01bel", "sc\x00ore", "tags", "note", 5]


def odd_graph(seed: int, names: list = ODD_NAMES) -> nx.MultiDiGraph:
    """Nodes and edges whose attributes have names that clean to others' names (label among them) and values of
    every kind, several kinds per name."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    ids = [f"n{number}" for number in range(12)] + ["id\x01<&>\"", 42]
    for node in ids:
        graph.add_node(node)
        graph.nodes[node].update({name: rng.choice(ODD_VALUES) for name in rng.sample(names, rng.randrange(6))})
    for _ in range(rng.randrange(30)):
        attrs = {name: rng.choice(ODD_VALUES) for name in rng.sample(names, rng.randrange(6))}
        if rng.random() < 0.5:
            attrs["first_date"], attrs["last_date"] = rng.choice(["2024-01-02", "2024", None]), "2024-03-04"
        key = graph.add_edge(u := rng.choice(ids), v := rng.choice(ids))
        graph.edges[u, v, key].update(attrs)
    return graph


def previous_scalar(value):
    if isinstance(value, str):
        return gephi.xml_legal(value)
    if isinstance(value, (list, tuple, set)):
        joined = gephi.LIST_SEPARATOR.join(str(v) for v in value if v is not None)
        return gephi.xml_legal(joined) if joined else None
    return value


class Text(str):
    pass


class Number(int):
    pass


def test_scalar_is_the_previous_scalar():
    """One scalar with numbers told by their exact type first: subclasses of str and int, bools, None, lists of
    anything are cleaned as before."""
    for value in [*ODD_VALUES, Text("a\x01b"), Text(""), Number(3), 1e300, float("nan"), -0.0, 10**30, b"x\x01",
                  (None, None), {"甲", None}, [Text("q"), Number(4), 1.5, True], object]:
        assert gephi.scalar(value) == previous_scalar(value) or value != value, repr(value)
        assert type(gephi.scalar(value)) is type(previous_scalar(value)), repr(value)


class PreviousAttributeTypes:
    def __init__(self, records):
        seen = {}
        for record in records:
            for name, value in record.items():
                kind = gephi._scalar_type(value)
                if kind is not None:
                    seen.setdefault(gephi._attribute_name(name), set()).add(kind)
        self.types = {name: gephi._common_type(seen[name]) for name in sorted(seen)}

    def cast(self, attributes):
        return {name: kind(attributes[name]) for name, kind in self.types.items() if name in attributes}


def previous_clean_attributes(data):
    cleaned = {}
    for name, value in data.items():
        value = previous_scalar(value)
        if value is not None:
            cleaned[gephi._attribute_name(name)] = value
    return cleaned


def previous_text(value):
    return str(value).lower() if isinstance(value, bool) else str(value)


def previous_graphml_data(types, data):
    return "".join(f"      <data key={gephi._quote(name)}>{gephi._escaped_text(previous_text(value))}</data>\n"
                   for name, value in types.cast(previous_clean_attributes(data)).items())


def without_label(data):
    return {name: value for name, value in data.items() if name != "label"}


def previous_gexf_values(types, ids, data):
    values = types.cast(previous_clean_attributes(without_label(data)))
    if not values:
        return ""
    rows = "".join(f'          <attvalue for="{ids[name]}" value={gephi._quote(previous_text(value))}/>\n'
                   for name, value in values.items())
    return f"        <attvalues>\n{rows}        </attvalues>\n"


def previous_id(node):
    return gephi._quote(previous_scalar(str(node)))


@pytest.mark.parametrize("seed", range(30))
def test_gephi_records_are_written_as_the_previous_writers_wrote_them(seed):
    graph = odd_graph(seed)
    for records in ([data for _, data in graph.nodes(data=True)], [data for *_, data in graph.edges(data=True)]):
        previous, types = PreviousAttributeTypes(records), gephi.AttributeTypes(gephi.attribute_kinds(records))
        assert types.types == previous.types
        keys = {name: f"      <data key={gephi._quote(name)}>" for name in types.types}
        for data in records:
            assert gephi._graphml_data(types, keys, data) == previous_graphml_data(previous, data)
        previous = PreviousAttributeTypes(map(without_label, records))
        types = gephi.AttributeTypes(gephi.attribute_kinds(records), without=frozenset({"label"}))
        assert types.types == previous.types
        ids = {name: str(number) for number, name in enumerate(types.types)}
        openings = {name: f'          <attvalue for="{ids[name]}" value="' for name in ids}
        for data in records:
            assert gephi._gexf_values(types, openings, data) == previous_gexf_values(previous, ids, data)
    for node in graph.nodes:
        assert gephi._quoted_id(node) == previous_id(node)


@pytest.mark.parametrize("seed", range(6))
def test_gephi_files_of_odd_graphs_are_well_formed_and_read_back(tmp_path, seed):
    graph = built(nx.MultiDiGraph(), random_graph(seed))
    gephi.write_graphml(graph, tmp_path / "g.graphml")
    gephi.write_gexf(graph, tmp_path / "g.gexf")
    assert list(nx.read_graphml(tmp_path / "g.graphml").nodes) == [str(node) for node in graph.nodes]
    assert list(nx.read_gexf(tmp_path / "g.gexf").nodes) == [str(node) for node in graph.nodes]


def previous_cell(value):
    from kg.export.tables import CELL_LIMIT, _capped_list

    if isinstance(value, (list, tuple, set)):
        value = _capped_list([v for v in value if v is not None])
    value = previous_scalar(value)
    text = "" if value is None else str(value)
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def previous_csv(path, columns, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: previous_cell(v) for k, v in row.items()})


def test_cells_are_the_previous_cells():
    from kg.export.tables import CELL_LIMIT

    near_the_limit = [["x" * (CELL_LIMIT - 24 + extra), "y"] for extra in range(-2, 3)]  # 1 char + separators
    for value in [*ODD_VALUES, "长" * 32_000, "长" * 32_001, "a\nb", "a,b\"c", 3.25, 10**20, {"k": 1},
                  *near_the_limit, *[[None, *items] for items in near_the_limit], {"p", "q", None}, ("r", 1.5)]:
        assert cell(value) == previous_cell(value), repr(value)[:40]
    assert len({cell(value) for value in near_the_limit}) == 5


@pytest.mark.parametrize("seed", range(12))
def test_csv_tables_are_written_as_the_previous_writer_wrote_them(tmp_path, seed):
    from kg.export.tables import EDGE_COLUMNS, NODE_COLUMNS

    graph = odd_graph(seed, [name for name in ODD_NAMES if isinstance(name, str)] + ["id", "source", "evidence"])
    write_nodes_csv(graph, tmp_path / "nodes.csv")
    write_edges_csv(graph, tmp_path / "edges.csv")
    extra = sorted({k for _, data in graph.nodes(data=True) for k in data} - set(NODE_COLUMNS))
    previous_csv(tmp_path / "nodes-previous.csv", [*NODE_COLUMNS, *extra],
                 ({"id": node, **data} for node, data in graph.nodes(data=True)))
    previous_csv(tmp_path / "edges-previous.csv", list(EDGE_COLUMNS),
                 ({"id": key, "source": u, "target": v, **data} for u, v, key, data in graph.edges(keys=True, data=True)))
    for name in ("nodes.csv", "edges.csv"):
        assert (tmp_path / name).read_bytes() == (tmp_path / name.replace(".", "-previous.")).read_bytes(), name
