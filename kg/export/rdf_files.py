"""RDF files: Turtle (the whole graph), N-Quads (one named graph per source document), JSON-LD (with a
@context). Statements are sorted so that the same graph always serialises to the same bytes: Oxigraph
serialises them to N-Triples / N-Quads lines, sorted as bytes (sorting terms in Python costs 10× more)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from kg.graph import PREFIXES

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
XSD_STRING = ox.NamedNode(PREFIXES["xsd"] + "string")


WRITE_CHUNK = 1 << 14  # lines joined per write: whole files are never one bytes object
PARSE_CHUNK = 1 << 14  # lines parsed per call when sorted lines are read back as triples


def sorted_lines(data: bytes) -> list[bytes]:
    """The lines of an N-Triples or N-Quads serialisation, sorted (Oxigraph dumps them nearly in order)."""
    lines = data.splitlines()
    lines.sort()
    return lines


def _graph_lines(store: ox.Store, graph, suffix: bytes = b"") -> list[bytes]:
    """The N-Triples lines of one graph, each ending in ``suffix`` + '.' (with the graph name: N-Quads)."""
    lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).splitlines()
    return [line[:-1] + suffix + b"." for line in lines] if suffix else lines


def _dataset_lines(store: ox.Store, quads: bool) -> list[bytes]:
    """Every graph's lines (N-Quads, or N-Triples of the union), dumped a graph at a time and sorted."""
    lines = _graph_lines(store, ox.DefaultGraph())
    for graph in store.named_graphs():
        lines.extend(_graph_lines(store, graph, f"{graph} ".encode() if quads else b""))
    lines.sort()
    return lines


def union_ntriples(store: ox.Store) -> list[bytes]:
    """Every triple of every graph once (the union), as sorted N-Triples lines."""
    return [line for line, _ in groupby(_dataset_lines(store, quads=False))]


def _parsed(lines: list[bytes]) -> Iterator[ox.Triple]:
    for start in range(0, len(lines), PARSE_CHUNK):
        yield from ox.parse(b"\n".join(lines[start:start + PARSE_CHUNK]), format=ox.RdfFormat.N_TRIPLES)


def _write_lines(path: Path, lines: list[bytes]) -> None:
    with path.open("wb") as stream:
        for start in range(0, len(lines), WRITE_CHUNK):
            stream.write(b"\n".join(lines[start:start + WRITE_CHUNK]) + b"\n")


def write_turtle(store: ox.Store, path: Path) -> None:
    ox.serialize(_parsed(union_ntriples(store)), path, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_nquads(store: ox.Store, path: Path) -> None:
    """Sorted N-Quads lines, made from each graph's N-Triples (no dump of the whole dataset at once)."""
    _write_lines(path, _dataset_lines(store, quads=True))


def write_jsonld(store: ox.Store, path: Path) -> None:
    """Compact JSON-LD: default-graph nodes at the top level, each document's graph as a named @graph.

    Streamed one node object per line (encoded by json's C encoder: the indenting encoder is pure Python
    and took most of the time), so the file is never held in memory and ``grep`` finds a node's line."""
    with path.open("w", encoding="utf-8") as stream:
        context = json.dumps(dict(sorted(PREFIXES.items())), ensure_ascii=False, indent=1)
        stream.write('{\n "@context": %s,\n "@graph": [' % context.replace("\n", "\n "))
        separator = "\n  "
        for node in _node_objects(_sorted_graph(store, ox.DefaultGraph())):
            stream.write(separator + _dumps(node))
            separator = ",\n  "
        for graph in sorted(store.named_graphs(), key=lambda g: g.value):
            stream.write(f'{separator}{{"@id": {_dumps(compact(graph.value))}, "@graph": [')
            inner = "\n   "
            for node in _node_objects(_sorted_graph(store, graph)):
                stream.write(inner + _dumps(node))
                inner = ",\n   "
            stream.write("\n  ]}" if inner != "\n   " else "]}")
            separator = ",\n  "
        stream.write("\n ]\n}\n" if separator != "\n  " else "]\n}\n")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _sorted_graph(store: ox.Store, graph) -> Iterator[ox.Triple]:
    lines = sorted_lines(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph))
    return ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)


@lru_cache(maxsize=1 << 16)
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
