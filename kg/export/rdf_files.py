"""RDF files: Turtle (the whole graph), N-Quads (one named graph per source document), JSON-LD (with a
@context). Statements are sorted so that the same graph always serialises to the same bytes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from kg.graph import PREFIXES

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
XSD_STRING = ox.NamedNode(PREFIXES["xsd"] + "string")


def sorted_quads(store: ox.Store) -> list[ox.Quad]:
    return sorted(store, key=str)


def sorted_triples(store: ox.Store) -> list[ox.Triple]:
    """Every triple of every graph once (the union), sorted."""
    return sorted({quad.triple for quad in store}, key=str)


def write_turtle(store: ox.Store, path: Path) -> None:
    ox.serialize(sorted_triples(store), path, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_nquads(store: ox.Store, path: Path) -> None:
    ox.serialize(sorted_quads(store), path, format=ox.RdfFormat.N_QUADS)


def write_jsonld(store: ox.Store, path: Path) -> None:
    """Compact JSON-LD: default-graph nodes at the top level, each document's graph as a named @graph."""
    default, named = [], []
    for graph, quads in groupby(sorted(store, key=_graph_then_statement), key=lambda q: q.graph_name):
        nodes = list(_node_objects(quads))
        if isinstance(graph, ox.DefaultGraph):
            default.extend(nodes)
        else:
            named.append({"@id": compact(graph.value), "@graph": nodes})
    document = {"@context": dict(sorted(PREFIXES.items())), "@graph": default + named}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def compact(iri: str) -> str:
    """``prefix:rest`` for IRIs in a known namespace."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _graph_then_statement(quad: ox.Quad) -> tuple[str, str]:
    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return graph, str(quad.triple)


def _node_objects(quads) -> Iterator[dict]:
    for subject, statements in groupby(quads, key=lambda q: q.subject):
        node: dict = {"@id": compact(subject.value)}
        for quad in statements:
            if quad.predicate == RDF_TYPE:
                node.setdefault("@type", []).append(compact(quad.object.value))
            else:
                node.setdefault(compact(quad.predicate.value), []).append(_value(quad.object))
        yield node


def _value(term) -> dict | str:
    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype == XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": compact(term.datatype.value)}
