"""GraphML and GEXF for Gephi (and networkx, igraph).

Gephi rejects list, dict and None attributes, XML-illegal control characters, repeated edge ids and an
attribute declared with two types; :func:`gephi_graph` makes a copy without any of them. GEXF adds colours
by node type and sizes by degree.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import networkx as nx

LIST_SEPARATOR = "; "
# XML 1.0 forbids these characters even as character references.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Node colours by type (r, g, b): one hue per kind, readable on Gephi's white background.
TYPE_COLOURS = {
    "official": (214, 39, 40),
    "person": (255, 152, 150),
    "organization": (148, 103, 189),
    "project": (31, 119, 180),
    "place": (44, 160, 44),
    "event": (255, 127, 14),
}
OTHER_COLOUR = (127, 127, 127)


def scalar(value):
    """A value Gephi accepts: lists joined, strings cleaned of XML-illegal characters, None kept as None."""
    if isinstance(value, (list, tuple, set)):
        value = LIST_SEPARATOR.join(str(v) for v in value if v is not None) or None
    if isinstance(value, str):
        value = XML_ILLEGAL.sub("", value)
    return value


def gephi_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with scalar attributes only, one type per attribute name, and edge keys as unique ids."""
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        out.add_node(scalar(str(node)), **_clean(data))
    for number, (u, v, data) in enumerate(graph.edges(data=True)):
        out.add_edge(scalar(str(u)), scalar(str(v)), key=f"e{number}", **_clean(data))
    _one_type_per_attribute([data for _, data in out.nodes(data=True)])
    _one_type_per_attribute([data for _, _, data in out.edges(data=True)])
    return out


def write_graphml(gephi: nx.MultiDiGraph, path: Path) -> None:
    """GraphML of a Gephi copy (:func:`gephi_graph`)."""
    nx.write_graphml(gephi, path, named_key_ids=True)


def write_gexf(gephi: nx.MultiDiGraph, path: Path) -> None:
    """GEXF of a Gephi copy (:func:`gephi_graph`) with colours, sizes and edge ids; the copy is left as it was."""
    for node, data in gephi.nodes(data=True):
        r, g, b = TYPE_COLOURS.get(data.get("type"), OTHER_COLOUR)
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": 4.0 + 4.0 * math.sqrt(gephi.degree(node))}
    for _, _, key, data in gephi.edges(keys=True, data=True):
        data["id"] = key
    try:
        nx.write_gexf(gephi, path)
    finally:
        for _, data in gephi.nodes(data=True):
            del data["viz"]
        for _, _, data in gephi.edges(data=True):
            del data["id"]


def _clean(data: dict) -> dict:
    cleaned = {}
    for name, value in data.items():
        value = scalar(value)
        if value is not None:
            cleaned[XML_ILLEGAL.sub("", name)] = value
    return cleaned


def _one_type_per_attribute(records: list[dict]) -> None:
    """Where an attribute holds values of several types: int+float → float, anything else → str."""
    types: dict[str, set[type]] = {}
    for record in records:
        for name, value in record.items():
            types.setdefault(name, set()).add(type(value))
    for name, seen in types.items():
        if len(seen) < 2:
            continue
        target = float if seen <= {int, float} else str
        for record in records:
            if name in record:
                record[name] = target(record[name])
