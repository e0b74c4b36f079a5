"""The networkx view of the RDF graph: entities as nodes, relations as edges (one per triple).

It is derived from the RDF, so a graph loaded back from its files has the same view as a freshly built
one. Node ids are the resolver's node ids (``official/张三``). Documents, inspections, assertions and
posts stay in the RDF: the view is the entity network people look at in Gephi or analyse.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
from rdflib import XSD, Dataset, Literal

from kg.graph import KG, KIND_CLASSES, LEVEL_CLASSES, RELATIONS, local_id
from kg.graph.vocabulary import vocabulary

# Properties that may hold several values: the view keeps them as lists under the resolver's attr name.
LIST_ATTRIBUTES = {KG.title: "titles", KG.alias: "aliases"}
NUMERIC_DATATYPES = {XSD.decimal: float, XSD.double: float, XSD.float: float, XSD.integer: int}

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


def python_value(literal: Literal) -> Any:
    """Numbers as int/float, everything else (dates included) as its lexical form."""
    convert = NUMERIC_DATATYPES.get(literal.datatype)
    return convert(literal) if convert else str(literal)


def to_networkx(dataset: Dataset) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    _add_nodes(graph, dataset)
    _add_edges(graph, dataset)
    return graph


def _add_nodes(graph: nx.MultiDiGraph, dataset: Dataset) -> None:
    kind_of = {}
    for kind, classes in KIND_CLASSES.items():
        kind_of.setdefault(classes[0], kind)
    level_of = {cls: level for level, cls in LEVEL_CLASSES.items()}
    classes = " ".join(c.n3() for c in [*kind_of, *level_of])
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    for s, cls, label in dataset.query(_ENTITIES % classes):
        attrs = found[local_id(s)]
        if label is not None:
            attrs["label"] = str(label)
        if cls in level_of:
            attrs["level"] = level_of[cls]
        elif _more_specific(kind_of[cls], attrs.get("type")):
            attrs["type"] = kind_of[cls]
    entity_classes = " ".join(c.n3() for c in kind_of)
    for s, p, o in dataset.query(_LITERALS % entity_classes):
        attrs = found[local_id(s)]
        if p in LIST_ATTRIBUTES:
            attrs.setdefault(LIST_ATTRIBUTES[p], []).append(str(o))
        else:
            attrs.setdefault(p.fragment or local_id(p), python_value(o))
    for s, doc in dataset.query(_MENTIONS):
        if local_id(s) in found:
            found[local_id(s)].setdefault("documents", []).append(local_id(doc).removeprefix("doc/"))
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


def _add_edges(graph: nx.MultiDiGraph, dataset: Dataset) -> None:
    labels = vocabulary().labels_zh
    predicates = " ".join(KG[r].n3() for r in RELATIONS)
    rows = sorted(dataset.query(_EDGES % predicates), key=lambda row: (local_id(row[0]), row[1], local_id(row[2])))
    for number, (s, p, o, confidence, docs, evidence) in enumerate(rows):
        source, target = local_id(s), local_id(o)
        if source not in graph or target not in graph:
            continue
        graph.add_edge(
            source, target, key=f"e{number}",
            relation=p.fragment, label=labels.get(p, p.fragment),
            confidence=float(confidence) if confidence is not None else None,
            documents=sorted(str(docs).split()) if docs else [],
            evidence=str(evidence) if evidence is not None else None,
        )
