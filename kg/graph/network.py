"""The networkx view of the RDF graph: entities as nodes, relations as edges (one per triple).

It is derived from the RDF, so a graph loaded back from its files has the same view as a freshly built
one. Node ids are the resolver's node ids (``official/张三``). Documents, inspections, assertions and
posts stay in the RDF: the view is the entity network people look at in Gephi or analyse. The queries run
on the Oxigraph store directly (no rdflib terms).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.graph import KG, KIND_CLASSES, LEVEL_CLASSES, PREFIXES, RELATIONS, local_id
from kg.graph.vocabulary import vocabulary

# Properties that may hold several values: the view keeps them as lists under the resolver's attr name.
LIST_ATTRIBUTES = {str(KG.title): "titles", str(KG.alias): "aliases"}
NUMERIC_DATATYPES = {PREFIXES["xsd"] + name: convert
                     for name, convert in (("decimal", float), ("double", float), ("float", float), ("integer", int))}

_ENTITIES = """
SELECT ?s ?cls ?label WHERE {
  VALUES ?cls { %s }
  ?s a ?cls . OPTIONAL { ?s rdfs:label ?label }
}"""
_LITERALS = """
SELECT ?s ?p ?o WHERE {
  VALUES ?cls { %s }
  ?s a ?cls ; ?p ?o . FILTER(isLiteral(?o) && ?p != rdfs:label)
}"""
_MENTIONS = "SELECT ?s ?doc WHERE { ?s kg:mentionedIn ?doc . ?doc kg:docId ?id }"
_EDGES = """
SELECT ?s ?p ?o (MAX(?c) AS ?confidence) (GROUP_CONCAT(DISTINCT ?id; separator=" ") AS ?docs)
       (MIN(?ev) AS ?evidence)
WHERE {
  VALUES ?p { %s }
  ?s ?p ?o .
  OPTIONAL {
    ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:confidence ?c ; prov:wasDerivedFrom ?doc .
    ?doc kg:docId ?id .
    OPTIONAL { ?a kg:evidence ?ev }
  }
} GROUP BY ?s ?p ?o"""


def python_value(literal: ox.Literal) -> Any:
    """Numbers as int/float, everything else (dates included) as its lexical form."""
    convert = NUMERIC_DATATYPES.get(literal.datatype.value)
    return convert(literal.value) if convert else literal.value


def to_networkx(store: ox.Store) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    _add_nodes(graph, store)
    _add_edges(graph, store)
    return graph


def _select(store: ox.Store, sparql: str):
    return store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)


def _fragment(iri: str) -> str:
    """What follows the first '#' ('' when there is none), as rdflib's URIRef.fragment."""
    return iri.partition("#")[2]


def _add_nodes(graph: nx.MultiDiGraph, store: ox.Store) -> None:
    kind_of = {}
    for kind, classes in KIND_CLASSES.items():
        kind_of.setdefault(str(classes[0]), kind)
    level_of = {str(cls): level for level, cls in LEVEL_CLASSES.items()}
    classes = " ".join(f"<{c}>" for c in [*kind_of, *level_of])
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    for s, cls, label in _select(store, _ENTITIES % classes):
        attrs = found[local_id(s.value)]
        if label is not None:
            attrs["label"] = label.value
        if cls.value in level_of:
            attrs["level"] = level_of[cls.value]
        elif _more_specific(kind_of[cls.value], attrs.get("type")):
            attrs["type"] = kind_of[cls.value]
    entity_classes = " ".join(f"<{c}>" for c in kind_of)
    for s, p, o in _select(store, _LITERALS % entity_classes):
        attrs = found[local_id(s.value)]
        if p.value in LIST_ATTRIBUTES:
            attrs.setdefault(LIST_ATTRIBUTES[p.value], []).append(o.value)
        else:
            attrs.setdefault(_fragment(p.value) or local_id(p.value), python_value(o))
    for s, doc in _select(store, _MENTIONS):
        node_id = local_id(s.value)
        if node_id in found:
            found[node_id].setdefault("documents", []).append(local_id(doc.value).removeprefix("doc/"))
    for node_id in sorted(found):
        attrs = found[node_id]
        if "type" not in attrs:  # only a level class: still a place
            attrs["type"] = "place"
        for name in ("titles", "aliases", "documents"):
            if name in attrs:
                attrs[name] = sorted(set(attrs[name]))
        attrs["mentions"] = len(attrs.get("documents", []))
        attrs.setdefault("label", node_id.rsplit("/", 1)[-1])
        graph.add_node(node_id, **attrs)


def _more_specific(kind: str, current: str | None) -> bool:
    """official beats person: the first class of a kind is its most specific one."""
    return current is None or (current == "person" and kind == "official")


def _add_edges(graph: nx.MultiDiGraph, store: ox.Store) -> None:
    labels = {str(term): label for term, label in vocabulary().labels_zh.items()}
    predicates = " ".join(f"<{KG[r]}>" for r in RELATIONS)
    rows = sorted(((local_id(s.value), p.value, local_id(o.value), confidence, docs, evidence)
                   for s, p, o, confidence, docs, evidence in _select(store, _EDGES % predicates)),
                  key=lambda row: row[:3])
    for number, (source, predicate, target, confidence, docs, evidence) in enumerate(rows):
        if source not in graph or target not in graph:
            continue
        relation = _fragment(predicate)
        graph.add_edge(
            source, target, key=f"e{number}",
            relation=relation, label=labels.get(predicate, relation),
            confidence=float(confidence.value) if confidence is not None else None,
            documents=sorted(docs.value.split()) if docs is not None else [],
            evidence=evidence.value if evidence is not None else None,
        )
