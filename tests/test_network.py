"""network_of_quads (the view from a stream of sorted quads) gives the graph that SPARQL queries over a store
of the same quads give: the queries below state what the view is."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.graph import KG, PREFIXES, RELATIONS, local_id
from kg.graph.network import (
    KIND_OF,
    LEVEL_OF,
    LIST_ATTRIBUTES,
    _add_edge_rows,
    _add_found,
    _fragment,
    _more_specific,
    network_of_quads,
    python_value,
)
from kg.graph.sample import sample_resolved
from kg.knowledge_graph import KnowledgeGraph

ENTITIES = """
SELECT ?s ?cls ?label WHERE {
  VALUES ?cls { %s }
  ?s a ?cls . OPTIONAL { ?s rdfs:label ?label }
}"""
LITERALS = """
SELECT ?s ?p ?o WHERE {
  VALUES ?cls { %s }
  ?s a ?cls ; ?p ?o . FILTER(isLiteral(?o) && ?p != rdfs:label)
}"""
MENTIONS = "SELECT ?s ?doc WHERE { ?s kg:mentionedIn ?doc . ?doc kg:docId ?id }"
EDGES = """
SELECT ?s ?p ?o (MAX(?c) AS ?confidence) (GROUP_CONCAT(DISTINCT ?id; separator=" ") AS ?docs)
       (MIN(?ev) AS ?evidence) (MIN(STR(?date)) AS ?first) (MAX(STR(?date)) AS ?last)
       (GROUP_CONCAT(DISTINCT ?headline; separator="\\n") AS ?headlines)
WHERE {
  VALUES ?p { %s }
  ?s ?p ?o .
  OPTIONAL {
    ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:confidence ?c ; prov:wasDerivedFrom ?doc .
    ?doc kg:docId ?id .
    OPTIONAL { ?a kg:evidence ?ev }
    OPTIONAL { ?doc kg:date ?date FILTER (!STRSTARTS(STR(?date), "--")) }
    OPTIONAL { ?doc rdfs:label ?headline }
  }
} GROUP BY ?s ?p ?o"""


def sparql_view(store: ox.Store) -> nx.MultiDiGraph:
    """The view by the four queries over the union of the store's graphs (how the view was made before
    builds stopped keeping a store)."""
    def select(sparql: str):
        return store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)

    found: dict[str, dict] = defaultdict(dict)
    for s, cls, label in select(ENTITIES % " ".join(f"<{c}>" for c in [*KIND_OF, *LEVEL_OF])):
        attrs = found[local_id(s.value)]
        if label is not None:
            attrs["label"] = label.value
        if cls.value in LEVEL_OF:
            attrs["level"] = LEVEL_OF[cls.value]
        elif _more_specific(KIND_OF[cls.value], attrs.get("type")):
            attrs["type"] = KIND_OF[cls.value]
    for s, p, o in select(LITERALS % " ".join(f"<{c}>" for c in KIND_OF)):
        attrs = found[local_id(s.value)]
        if p.value in LIST_ATTRIBUTES:
            attrs.setdefault(LIST_ATTRIBUTES[p.value], []).append(o.value)
        else:
            attrs.setdefault(_fragment(p.value) or local_id(p.value), python_value(o))
    for s, doc in select(MENTIONS):
        if local_id(s.value) in found:
            found[local_id(s.value)].setdefault("documents", []).append(local_id(doc.value).removeprefix("doc/"))
    graph = nx.MultiDiGraph()
    _add_found(graph, found)
    rows = select(EDGES % " ".join(f"<{KG[r]}>" for r in RELATIONS))
    _add_edge_rows(graph, ((local_id(s.value), p.value, local_id(o.value), *(t.value if t else None for t in rest))
                           for s, p, o, *rest in rows))
    return graph

# Exercises what joins subjects or depends on the union of graphs (every IRI relative to kgr:).
DATASET = """
@base <https://w3id.org/officials-kg/resource/> .
@prefix kg: <https://w3id.org/officials-kg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<official/甲> a kg:Official, kg:Person ; rdfs:label "甲"@zh ; kg:title "市长"@zh .
<person/乙> a kg:Person ; rdfs:label "乙"@zh ; kg:role "记者"@zh .
<project/园区> a kg:Project ; rdfs:label "园区"@zh ; kg:status "已开工"@zh ;
    kg:investment "500000000"^^xsd:decimal ; kg:floorArea "8.5E4"^^xsd:double ; kg:phases "2"^^xsd:integer .
<organization/公司> a kg:Organization .
<place/1> a kg:Place, kg:City ; rdfs:label "芜湖市"@zh ; kg:adcode "340200" ; kg:alias "江城"@zh .
<place/2> a kg:County ; rdfs:label "鸠江区"@zh ; kg:adcode "340207" .
<place/3> a kg:Place, kg:Town .
<place/3> kg:partOf <place/2> .
<place/2> kg:partOf <place/1> .
<post/1> a <http://www.w3.org/ns/org#Post> ; kg:locatedIn <place/1> .

<doc/d1> {
  <doc/d1> a kg:Document ; kg:docId "d1" ; rdfs:label "一号文"@zh ; kg:date "2024-03-12"^^xsd:date .
  <official/甲> kg:title "书记"@zh ; kg:mentionedIn <doc/d1> ; kg:inspected <project/园区>, <site/工地> .
  <project/园区> rdfs:label "园区"@zh ; kg:mentionedIn <doc/d1> ; kg:locatedIn <place/3> .
  <place/2> kg:mentionedIn <doc/d1> .
  <assertion/a1> a kg:Assertion ; rdf:subject <official/甲> ; rdf:predicate kg:inspected ;
      rdf:object <project/园区> ; kg:confidence "0.8"^^xsd:decimal ; prov:wasDerivedFrom <doc/d1> ;
      kg:evidence "乙句"@zh .
  <assertion/a5> a kg:Assertion ; rdf:subject <project/园区> ; rdf:predicate kg:locatedIn ;
      rdf:object <place/3> ; kg:confidence "0.7"^^xsd:decimal ; prov:wasDerivedFrom <doc/d1> .
  <assertion/a6> a kg:Assertion ; rdf:subject <official/甲> ; rdf:predicate kg:attended ;
      rdf:object <project/园区> ; kg:confidence "0.9"^^xsd:decimal ; prov:wasDerivedFrom <doc/d1> .
}
<doc/d2> {
  <doc/d2> a kg:Document ; kg:docId "d2" ; rdfs:label "二号 文"@zh ; kg:date "2023-11-02"^^xsd:date .
  <official/甲> kg:title "书记"@zh ; kg:mentionedIn <doc/d2> ; kg:inspected <project/园区> ;
      kg:accompanied <person/乙> .
  <project/园区> rdfs:label "园区"@zh ; kg:operatedBy <organization/公司> .
  <assertion/a2> a kg:Assertion ; rdf:subject <official/甲> ; rdf:predicate kg:inspected ;
      rdf:object <project/园区> ; kg:confidence "0.9"^^xsd:decimal ; prov:wasDerivedFrom <doc/d2> ;
      kg:evidence "甲句"@zh .
}
<doc/d3> {
  <doc/d3> a kg:Document ; kg:date "--01-05"^^xsd:gMonthDay .
  <official/甲> kg:mentionedIn <doc/d3> .
  <assertion/a3> a kg:Assertion ; rdf:subject <official/甲> ; rdf:predicate kg:inspected ;
      rdf:object <project/园区> ; kg:confidence "0.95"^^xsd:decimal ; prov:wasDerivedFrom <doc/d3> ;
      kg:evidence "啊"@zh .
  <assertion/a4> a kg:Assertion ; rdf:subject <project/园区> ; rdf:predicate kg:operatedBy ;
      rdf:object <organization/公司> ; kg:confidence "0.6"^^xsd:decimal ; prov:wasDerivedFrom <doc/d3> .
}
"""
# Attributes set from the classes and the documents; the others are literal properties.
NOT_LITERAL = {"label", "type", "level", "documents", "mentions"}
PREDICATE_NAMES = {"titles": "title", "aliases": "alias"}


def store_of(data: str) -> ox.Store:
    store = ox.Store()
    store.load(data.encode(), format=ox.RdfFormat.TRIG)
    return store


def sorted_quads(store: ox.Store) -> list[ox.Quad]:
    """The store's quads in sorted N-Quads line order."""
    lines = sorted(store.dump(format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))
    return list(ox.parse(b"".join(lines), format=ox.RdfFormat.N_QUADS))


def documented_order(attributes: dict) -> list[str]:
    """The attribute names in network_of_quads' order: the SPARQL version's, but its literal properties
    (which come in Oxigraph's internal order) in the order of their predicate IRIs (all kg: here)."""
    literal = iter(sorted((name for name in attributes if name not in NOT_LITERAL),
                          key=lambda name: PREDICATE_NAMES.get(name, name)))
    return [name if name in NOT_LITERAL else next(literal) for name in attributes]


def assert_same_view(store: ox.Store) -> None:
    expected, view = sparql_view(store), network_of_quads(sorted_quads(store))
    assert list(view.nodes(data=True)) == list(expected.nodes(data=True))
    assert [list(attrs) for _, attrs in view.nodes(data=True)] == [
        documented_order(attrs) for _, attrs in expected.nodes(data=True)]
    assert list(view.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert [list(attrs) for *_, attrs in view.edges(data=True)] == [
        list(attrs) for *_, attrs in expected.edges(data=True)]


def test_the_sample_graph():
    assert_same_view(KnowledgeGraph.from_resolved(sample_resolved()).store)


def test_a_dataset_of_named_graphs_and_assertions():
    store = store_of(DATASET)
    assert_same_view(store)
    view = network_of_quads(sorted_quads(store))
    assert view.nodes["official/甲"] == {
        "label": "甲", "type": "official", "titles": ["书记", "市长"], "documents": ["d1", "d2"], "mentions": 2}
    assert list(view.nodes["place/2"]) == ["label", "level", "documents", "type", "mentions"]  # level class only
    assert view.nodes["place/3"] == {"type": "place", "level": "town", "mentions": 0, "label": "3"}
    assert view.nodes["project/园区"]["floorArea"] == 85000.0 and view.nodes["project/园区"]["phases"] == 2
    edges = {(u, data["relation"], v): (key, data) for u, v, key, data in view.edges(keys=True, data=True)}
    key, inspected = edges["official/甲", "inspected", "project/园区"]
    # stated in two graphs: one edge; d3 has no kg:docId, so its 0.95 and its evidence do not count
    assert (inspected["confidence"], inspected["documents"], inspected["evidence"]) == (0.9, ["d1", "d2"], "乙句")
    # the dates and the readable names of those documents (a label with a space stays whole)
    assert (inspected["first_date"], inspected["last_date"], inspected["headlines"]) == (
        "2023-11-02", "2024-03-12", ["一号文", "二号 文"])
    assert edges["project/园区", "operatedBy", "organization/公司"][1]["confidence"] is None
    assert ("official/甲", "attended", "project/园区") not in edges  # asserted, never stated
    # numbered, then left out: (甲, inspected, site/工地), its target no node; (post/1, locatedIn, place/1)
    assert sorted(key for key, _ in edges.values()) == ["e0", "e1", "e3", "e4", "e6", "e7"]


@pytest.mark.parametrize("order", [sorted, lambda lines: sorted(lines, reverse=True)])
def test_one_value_where_sparql_rows_decide(order):
    """Several labels or values of a single-valued property: the smallest, in any order of the subjects."""
    store = store_of("""
        @prefix kg: <https://w3id.org/officials-kg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/officials-kg/resource/project/p> a kg:Project ; rdfs:label "乙", "甲", "丙" ;
            kg:status "在建", "已开工" .
        <https://w3id.org/officials-kg/resource/place/1> a kg:Place, kg:Province, kg:City .""")
    lines = order(store.dump(format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))
    view = network_of_quads(ox.parse(b"".join(lines), format=ox.RdfFormat.N_QUADS))
    assert (view.nodes["project/p"]["label"], view.nodes["project/p"]["status"]) == ("丙", "在建")
    assert view.nodes["place/1"]["level"] == "city"  # the last of LEVEL_CLASSES' order
