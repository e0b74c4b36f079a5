"""RDF files: Turtle (the whole graph), N-Quads (one named graph per source document), JSON-LD (with a
@context). All three are written from the graph's sorted N-Quads lines (:class:`SortedQuads`), so the same
graph always serialises to the same bytes and no file is ever held in memory whole."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path

import pyoxigraph as ox

from kg.graph import PREFIXES
from kg.graph.sorted_quads import SortedQuads

RDF_TYPE = PREFIXES["rdf"] + "type"
# An N-Quads line as Oxigraph writes it: subject, predicate IRI, object (IRI, blank node or literal), and
# the graph name unless the quad is in the default graph.
_QUAD_LINE = re.compile(r"(<[^>]*>|_:\S+) <([^>]*)> (<[^>]*>|_:\S+|\".*\"(?:@[-A-Za-z0-9]+|\^\^<[^>]*>)?)"
                        r"(?: <[^>]*>| _:\S+)? \.")


def write_turtle(triples: Iterable[ox.Triple], path: Path) -> None:
    """The union of the graphs as Turtle, its triples (:meth:`SortedQuads.triples`: in the byte order of their
    N-Triples lines) as they come."""
    ox.serialize(triples, path, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_nquads(quads: SortedQuads, path: Path) -> None:
    """Sorted N-Quads lines: every document's statements in its named graph."""
    with path.open("wb") as stream:
        stream.writelines(line + b"\n" for line in quads.lines())


def write_jsonld(quads: SortedQuads, path: Path) -> None:
    """Compact JSON-LD: default-graph nodes at the top level, each document's graph as a named @graph.

    Streamed one node object per line, so the file is never held in memory and ``grep`` finds a node's line.
    The node objects are written straight from Oxigraph's N-Quads lines: their literals are escaped as
    JSON strings are, so no term object is made (that took most of the time)."""
    nodes = chain.from_iterable(_graph_items(iri, lines) for iri, lines in quads.graphs())
    with path.open("w", encoding="utf-8") as stream:
        context = json.dumps(dict(sorted(PREFIXES.items())), ensure_ascii=False, indent=1)
        stream.write('{\n "@context": %s,\n "@graph": ' % context.replace("\n", "\n "))
        stream.writelines(_array(nodes, 2))
        stream.write("\n}\n")


def _graph_items(iri: str | None, lines: Iterator[bytes]) -> Iterator[Iterable[str]]:
    """The top-level items of one graph: its node objects for the default graph (which comes first), one
    object around an array of its node objects for a named graph."""
    if iri is None:
        yield from _whole(_node_objects(lines))
    else:
        yield chain((f'{{"@id": {json_name(iri)}, "@graph": ',), _array(_whole(_node_objects(lines)), 3), ("}",))


def _whole(texts: Iterable[str]) -> Iterator[tuple[str]]:
    """Each text as an item of one piece, for :func:`_array` (a bare string would be written a character
    at a time)."""
    return ((text,) for text in texts)


def _array(items: Iterable[Iterable[str]], indent: int) -> Iterator[str]:
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


def _node_objects(lines: Iterator[bytes]) -> Iterator[str]:
    """The JSON node object of each subject of one graph's lines (sorted: subjects, then properties, in IRI
    order)."""
    statements = (_statement(line.decode()) for line in lines)
    for subject, properties in groupby(statements, key=itemgetter(0)):
        fields = ", ".join(f"{key}: [{', '.join(value for _, _, value in values)}]"
                           for key, values in groupby(properties, key=itemgetter(1)))
        yield f'{{"@id": {_json_node(subject)}, {fields}}}'


def _statement(line: str) -> tuple[str, str, str]:
    """subject, JSON key and JSON value of an N-Quads line."""
    match = _QUAD_LINE.fullmatch(line)
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
