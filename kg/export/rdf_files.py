"""RDF files: Turtle (the whole graph), N-Quads (one named graph per source document), JSON-LD (with a
@context). All three are written from the graph's sorted N-Quads lines (:class:`SortedQuads`), so the same
graph always serialises to the same bytes and no file is ever held in memory whole."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.graph import PREFIXES
from kg.graph.sorted_quads import SortedQuads

RDF_TYPE = PREFIXES["rdf"] + "type"
_RDF_TYPE = f"<{RDF_TYPE}>".encode()


def write_turtle(triples: Iterable[ox.Triple], path: Path) -> None:
    """The union of the graphs as Turtle, its triples (:meth:`SortedQuads.triples`: in the byte order of their
    N-Triples lines) as they come."""
    ox.serialize(triples, path, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_nquads(quads: SortedQuads, path: Path) -> None:
    """Sorted N-Quads lines: every document's statements in its named graph."""
    quads.copy_lines(path)


def write_jsonld(quads: SortedQuads, path: Path) -> None:
    """Compact JSON-LD: default-graph nodes at the top level, each document's graph as a named @graph.

    Streamed one node object per line, so the file is never held in memory and ``grep`` finds a node's line.
    The node objects are written straight from the N-Triples text of the quads: their literals are escaped as
    JSON strings are, so no term object is made (that took most of the time)."""
    with path.open("wb") as stream:
        context = json.dumps(dict(sorted(PREFIXES.items())), ensure_ascii=False, indent=1)
        stream.write(('{\n "@context": %s,\n "@graph": ' % context.replace("\n", "\n ")).encode())
        for pieces in _jsonld_graphs(quads.graph_record_blocks()):
            stream.write(b"".join(pieces))
        stream.write(b"\n}\n")


def _jsonld_graphs(blocks: Iterable[list[bytes]]) -> Iterator[list[bytes]]:
    """The top-level array, as pieces of text for each block of records: the default graph's node objects,
    then one object around an array of its node objects for each named graph; one node object per line."""
    graph = key = None
    subject = b"\n"  # the record's start up to the predicate, the same for every triple of a node
    item = b"[\n  "  # what comes before the next top-level item
    node = b""  # what comes before the next node object of the graph
    for block in blocks:
        pieces = []
        for record in block:
            if record.startswith(subject):  # the node's next triple
                p, o = record[len(subject):-1].split(b" ", 1)
                k, value = _json_pair(p, o)
                pieces.append(b", " + value if k == key else b"], %s: [%s" % (k, value))
                key = k
                continue
            at = record.index(b"\x00") + 1  # the end of the graph's key
            s, p, o = record[at:-1].split(b" ", 2)
            key, value = _json_pair(p, o)
            if subject[0] != 10:  # '\n': a node is open
                pieces.append(b"]}")
            if not subject.startswith(record[:at]):  # a new graph
                if graph:
                    pieces.append(b"\n  ]}")
                graph = record[1:at - 1]
                if graph:
                    pieces.append(b'%s{"@id": %s, "@graph": ' % (item, _json_id(b"<%s>" % graph)))
                    node = b"[\n   "
                else:
                    node = item
                item = b",\n  "
            pieces.append(b'%s{"@id": %s, %s: [%s' % (node, _json_id(s), key, value))
            node = b",\n   " if graph else item
            subject = record[:at] + s + b" "
        yield pieces
    yield [b"" if subject[0] == 10 else b"]}", b"\n  ]}" if graph else b"", b"[]" if item[0] == 91 else b"\n ]"]


def _json_pair(predicate: bytes, term: bytes) -> tuple[bytes, bytes]:
    """The JSON key and value of a predicate and object in N-Triples: "@type" and the class for rdf:type
    with an IRI."""
    if term[0] == 34:  # '"': a literal
        return _json_id(predicate), _json_literal(term)
    if predicate == _RDF_TYPE and term[0] == 60:  # '<'
        return b'"@type"', _json_id(term)
    return _json_id(predicate), _json_reference(term)


@lru_cache(maxsize=1 << 16)
def compact(iri: str) -> str:
    """``prefix:rest`` for IRIs in a known namespace."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


@lru_cache(maxsize=1 << 16)
def json_name(iri: str) -> str:
    """The compact IRI as a JSON string."""
    return json.dumps(compact(iri), ensure_ascii=False)


@lru_cache(maxsize=1 << 16)
def _json_id(term: bytes) -> bytes:
    """An N-Triples IRI (``<…>``) or blank node (``_:…``) as the JSON string of its @id."""
    return json_name(term[1:-1].decode()).encode() if term[0] == 60 else b'"%s"' % term


@lru_cache(maxsize=1 << 16)
def _json_reference(term: bytes) -> bytes:
    return b'{"@id": %s}' % _json_id(term)


def _json_literal(term: bytes) -> bytes:
    """The JSON-LD value of an N-Triples literal: a plain string or a value object (the lexical form is
    escaped as a JSON string is)."""
    if term[-1] == 34:  # '"'
        return term
    end = term.rindex(b'"')  # the closing quote: inner quotes are escaped, tags and datatypes have none
    if term[end + 1] == 64:  # '@'
        return b'{"@value": %s, "@language": "%s"}' % (term[:end + 1], term[end + 2:])
    return b'{"@value": %s, "@type": %s}' % (term[:end + 1], _json_id(term[end + 3:]))
