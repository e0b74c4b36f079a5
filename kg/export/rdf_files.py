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
        stream.writelines(_jsonld_graphs(quads.graph_records()))
        stream.write(b"\n}\n")


def _jsonld_graphs(records: Iterable[bytes]) -> Iterator[bytes]:
    """The top-level array: the default graph's node objects, then one object around an array of its node
    objects for each named graph; one node object per line."""
    graph = subject = key = None
    item = b"[\n  "  # what comes before the next top-level item
    node = b""  # what comes before the next node object of the graph
    for record in records:
        g, _, triple = record.partition(b"\x00") if record[0] else (b"", None, record[1:])
        s, p, o = triple[:-1].split(b" ", 2)
        k, value = (b'"@type"', _json_iri(o)) if p == _RDF_TYPE and o[0] == 60 else (_json_iri(p), _json_value(o))
        if g != graph or s != subject:
            if subject is not None:
                yield b"]}"
            if g != graph:
                if graph:
                    yield b"\n  ]}"
                if g:
                    yield b'%s{"@id": %s, "@graph": ' % (item, _json_iri(b"<%s>" % g[1:]))
                    node = b"[\n   "
                else:
                    node = item
                item = b",\n  "
                graph = g
            yield b'%s{"@id": %s, %s: [%s' % (node, _json_iri(s), k, value)
            node = b",\n   " if g else item
        elif k != key:
            yield b"], %s: [%s" % (k, value)
        else:
            yield b", " + value
        subject, key = s, k
    if subject is not None:
        yield b"]}"
    if graph:
        yield b"\n  ]}"
    yield b"[]" if item[0] == 91 else b"\n ]"  # 91: '[', nothing written


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
def _json_iri(term: bytes) -> bytes:
    """An N-Triples IRI (``<…>``) or blank node (``_:…``) as the JSON string of its @id."""
    return json_name(term[1:-1].decode()).encode() if term[0] == 60 else b'"%s"' % term


def _json_value(term: bytes) -> bytes:
    """The JSON-LD value of an N-Triples object: a node reference, a plain string or a value object."""
    if term[0] != 34:  # '"'
        return b'{"@id": %s}' % _json_iri(term)
    end = term.rindex(b'"')  # the closing quote: inner quotes are escaped, tags and datatypes have none
    if end == len(term) - 1:
        return term
    if term[end + 1] == 64:  # '@'
        return b'{"@value": %s, "@language": "%s"}' % (term[:end + 1], term[end + 2:])
    return b'{"@value": %s, "@type": %s}' % (term[:end + 1], _json_iri(term[end + 3:]))
