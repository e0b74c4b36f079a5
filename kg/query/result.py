"""Results of SPARQL run on the Oxigraph store directly, usable as rdflib results.

A :class:`QueryResult` keeps pyoxigraph's terms (``rows``, ``stream_rows``, ``triples``; ``kg query`` has the
engine write a fresh one's rows as TSV instead, ``write_tsv``) and converts them to rdflib terms only when the
result is used as an rdflib :class:`~rdflib.query.Result` (iterated, ``bindings``, ``graph``). What made rows
cost as much as the query itself at a million triples (issue 17) was not the terms but the cyclic garbage
collector, run again and again over the interpreter's objects while hundreds of thousands of row tuples are
allocated, and rdflib's ``Literal`` parsing each value anew: rows are now made with the collector paused (they
hold no cycles), and each distinct term is converted to rdflib once per result.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result, ResultRow

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def rdflib_term(term):
    """The rdflib term of a pyoxigraph term (rdflib terms and None pass through), as oxrdflib converts."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return term


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while many acyclic objects (rows, terms) are made: each collection
    walks every object of the interpreter, and allocating rows by the hundred thousand starts dozens."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def rdflib_terms(rows) -> list[tuple]:
    """``rows`` of pyoxigraph terms as rows of rdflib terms, each distinct term converted once."""
    converted: dict = {None: None}
    with collector_paused():
        for row in rows:
            for term in row:
                if term not in converted:
                    converted[term] = rdflib_term(term)
        return [tuple(converted[term] for term in row) for row in rows]


class QueryResult(Result):
    """A SELECT, ASK, CONSTRUCT or DESCRIBE result of the Oxigraph store (see the module docstring)."""

    def __init__(self, result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, form: str = ""):
        if isinstance(result, ox.QueryBoolean):
            super().__init__("ASK")
            self.askAnswer = bool(result)
        elif isinstance(result, ox.QuerySolutions):
            super().__init__("SELECT")
            self.variables: list[str] = [v.value for v in result.variables]
            self._solutions = result  # evaluated as it is read
            self._rows: list[tuple[Term | None, ...]] | None = None
            self._rdflib_rows: list[tuple] | None = None
            self._streamed = False
            self.vars = [Variable(name) for name in self.variables]
            self.bindings = self._binding_dicts()  # a generator: rdflib takes it lazily
        else:
            super().__init__("DESCRIBE" if form == "DESCRIBE" else "CONSTRUCT")
            self.triples: list[ox.Triple] = list(result)

    @property
    def rows(self) -> list[tuple[Term | None, ...]]:
        """Every row, evaluated and kept on first use."""
        if self._rows is None:
            if self._streamed:
                raise RuntimeError("the rows of this result were streamed already (stream_rows reads them once)")
            with collector_paused():
                self._rows = [tuple(solution) for solution in self._solutions]
        return self._rows

    @property
    def unread(self) -> bool:
        """Whether no row was read yet (kept or streamed): the engine can still write them all."""
        return self._rows is None and not self._streamed

    def write_tsv(self, output) -> None:
        """The rows written by the engine itself, as W3C SPARQL TSV, to ``output`` (a binary file, or any object
        with ``write(bytes)`` and ``flush()``) in pieces as it finds them: no Python object made per row or term.
        Once only, on an :attr:`unread` result."""
        if not self.unread:
            raise RuntimeError("the rows of this result were read already")
        self._streamed = True
        self._solutions.serialize(output, format=ox.QueryResultsFormat.TSV)

    def stream_rows(self):
        """The rows one at a time as the engine finds them, without keeping them: a result of millions of
        rows is printed in constant memory. Once only, unless :attr:`rows` was read before."""
        if self._rows is not None:
            yield from self._rows
            return
        self._streamed = True
        for solution in self._solutions:
            yield tuple(solution)

    def __iter__(self):
        """As rdflib's: :class:`~rdflib.query.ResultRow` of rdflib terms for a SELECT, made straight from the
        converted rows (rdflib makes a dict, then the row, then a dict of its labels, for each row)."""
        if self.type != "SELECT":
            yield from super().__iter__()
            return
        if not self.vars:
            return  # rdflib skips empty bindings
        labels = {name: index for index, name in enumerate(self.variables)}
        for values in self._converted_rows():
            row = tuple.__new__(ResultRow, values)
            row.labels = labels
            yield row

    def _converted_rows(self) -> list[tuple]:
        if self._rdflib_rows is None:
            self._rdflib_rows = rdflib_terms(self.rows)
        return self._rdflib_rows

    def _binding_dicts(self):
        for values in self._converted_rows():
            yield dict(zip(self.vars, values))

    @property
    def graph(self) -> Graph | None:
        """The rdflib Graph of a CONSTRUCT or DESCRIBE result (made on first use)."""
        if self._graph is None and self.type in ("CONSTRUCT", "DESCRIBE"):
            self._graph = Graph()
            for triple in rdflib_terms(self.triples):
                self._graph.add(triple)
        return self._graph

    @graph.setter
    def graph(self, value: Graph | None) -> None:
        self._graph = value
