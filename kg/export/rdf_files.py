"""RDF files: Turtle (the whole graph), N-Quads (one named graph per source document), JSON-LD (with a
@context). Statements are sorted so that the same graph always serialises to the same bytes: Oxigraph
serialises them to N-Triples / N-Quads lines, sorted as bytes (sorting terms in Python costs 10× more)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path

import pyoxigraph as ox

from kg.graph import PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"
# An N-Triples line as Oxigraph writes it: subject, predicate IRI, object (IRI, blank node or literal).
_TRIPLE_LINE = re.compile(r"(<[^>]*>|_:\S+) <([^>]*)> (<[^>]*>|_:\S+|\".*\"(?:@[-A-Za-z0-9]+|\^\^<[^>]*>)?) \.")
WRITE_CHUNK = 1 << 14  # lines joined per write: whole files are never one bytes object
PARSE_CHUNK = 1 << 14  # lines parsed per call when sorted lines are read back as triples


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

    Streamed one node object per line, so the file is never held in memory and ``grep`` finds a node's line.
    The node objects are written straight from Oxigraph's N-Triples lines: their literals are escaped as
    JSON strings are, so no term object is made (that took most of the time)."""
    named = (chain((f'{{"@id": {json_name(graph.value)}, "@graph": ',), _array(_node_objects(store, graph), 3), ("}",))
             for graph in sorted(store.named_graphs(), key=lambda g: g.value))
    nodes = chain(((node,) for node in _node_objects(store, ox.DefaultGraph())), named)
    with path.open("w", encoding="utf-8") as stream:
        context = json.dumps(dict(sorted(PREFIXES.items())), ensure_ascii=False, indent=1)
        stream.write('{\n "@context": %s,\n "@graph": ' % context.replace("\n", "\n "))
        stream.writelines(_array(nodes, 2))
        stream.write("\n}\n")


def _array(items, indent: int) -> Iterator[str]:
    """A JSON array streamed as pieces of text, one item per line at ``indent`` (each item is given as
    pieces too: a named graph is an object around an array of its own)."""
    separator = "[\n" + " " * indent
    for item in items:
        yield separator
        yield from item
        separator = ",\n" + " " * indent
    yield "[]" if separator[0] == "[" else "\n" + " " * (indent - 1) + "]"


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


def _node_objects(store: ox.Store, graph) -> Iterator[str]:
    """The JSON node object of each subject of ``graph``, in subject order; its properties in IRI order."""
    lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).decode().split("\n")
    lines.sort()  # code point order: the byte order of the UTF-8 lines, as N-Quads and Turtle are sorted
    statements = map(_statement, filter(None, lines))
    for subject, properties in groupby(statements, key=itemgetter(0)):
        fields = ", ".join(f"{key}: [{', '.join(value for _, _, value in values)}]"
                           for key, values in groupby(properties, key=itemgetter(1)))
        yield f'{{"@id": {_json_node(subject)}, {fields}}}'


def _statement(line: str) -> tuple[str, str, str]:
    """subject, JSON key and JSON value of an N-Triples line."""
    match = _TRIPLE_LINE.fullmatch(line)
    if match is None:
        raise ValueError(f"not a triple of IRIs, blank nodes and literals: {line}")
    subject, predicate, term = match.groups()
    if predicate == RDF_TYPE and term[0] == "<":
        return subject, '"@type"', json_name(term[1:-1])
    return subject, json_name(predicate), _json_term(term)


@lru_cache(maxsize=1 << 16)
def _json_node(term: str) -> str:
    """An IRI (``<…>``) or a blank node (``_:…``) of an N-Triples line as the JSON string of its @id."""
    return json_name(term[1:-1]) if term[0] == "<" else f'"{term}"'


def _json_term(term: str) -> str:
    """The JSON-LD value of an N-Triples object: a node reference, a plain string or a value object."""
    if term[0] != '"':
        return f'{{"@id": {_json_node(term)}}}'
    end = term.rindex('"')  # the closing quote: inner quotes are escaped, tags and datatypes have none
    lexical, suffix = term[:end + 1], term[end + 1:]
    if not suffix:
        return lexical
    if suffix[0] == "@":
        return f'{{"@value": {lexical}, "@language": "{suffix[1:]}"}}'
    return f'{{"@value": {lexical}, "@type": {json_name(suffix[3:-1])}}}'
