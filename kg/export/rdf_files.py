"""RDF files: Turtle (the whole graph), N-Quads (one named graph per source document), JSON-LD (with a
@context). Statements are sorted so that the same graph always serialises to the same bytes: Oxigraph
serialises them to N-Triples / N-Quads lines, sorted as bytes (sorting terms in Python costs 10× more)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from kg.graph import PREFIXES

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
XSD_STRING = ox.NamedNode(PREFIXES["xsd"] + "string")


def sorted_lines(data: bytes) -> list[bytes]:
    """The lines of an N-Triples or N-Quads serialisation, sorted (Oxigraph dumps them nearly in order)."""
    lines = data.splitlines()
    lines.sort()
    return lines


def union_ntriples(store: ox.Store) -> list[bytes]:
    """Every triple of every graph once (the union), as sorted N-Triples lines."""
    graphs = [ox.DefaultGraph(), *store.named_graphs()]
    dumped = b"".join(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) for graph in graphs)
    return [line for line, _ in groupby(sorted_lines(dumped))]


def write_turtle(store: ox.Store, path: Path) -> None:
    triples = ox.parse(b"\n".join(union_ntriples(store)), format=ox.RdfFormat.N_TRIPLES)
    ox.serialize(triples, path, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_nquads(store: ox.Store, path: Path) -> None:
    lines = sorted_lines(store.dump(format=ox.RdfFormat.N_QUADS))
    path.write_bytes(b"".join(line + b"\n" for line in lines))


def write_jsonld(store: ox.Store, path: Path) -> None:
    """Compact JSON-LD: default-graph nodes at the top level, each document's graph as a named @graph."""
    default = list(_node_objects(_sorted_graph(store, ox.DefaultGraph())))
    named = [{"@id": compact(graph.value), "@graph": list(_node_objects(_sorted_graph(store, graph)))}
             for graph in sorted(store.named_graphs(), key=lambda g: g.value)]
    document = {"@context": dict(sorted(PREFIXES.items())), "@graph": default + named}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _sorted_graph(store: ox.Store, graph) -> Iterator[ox.Triple]:
    lines = sorted_lines(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph))
    return ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)


def compact(iri: str) -> str:
    """``prefix:rest`` for IRIs in a known namespace."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _node_objects(triples) -> Iterator[dict]:
    for subject, statements in groupby(triples, key=lambda t: t.subject):
        node: dict = {"@id": compact(subject.value)}
        for triple in statements:
            if triple.predicate == RDF_TYPE:
                node.setdefault("@type", []).append(compact(triple.object.value))
            else:
                node.setdefault(compact(triple.predicate.value), []).append(_value(triple.object))
        yield node


def _value(term) -> dict | str:
    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype == XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": compact(term.datatype.value)}
