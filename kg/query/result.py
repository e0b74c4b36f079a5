"""Results of SPARQL run on the Oxigraph store directly, usable as rdflib results.

Converting rows to rdflib terms costs 2–4× the query itself on large results, so a :class:`QueryResult`
keeps pyoxigraph's terms (``rows``, ``triples``; ``kg query`` prints those) and converts them only when
the result is used as an rdflib :class:`~rdflib.query.Result` (iterated, ``bindings``, ``graph``).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result

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


class QueryResult(Result):
    """A SELECT, ASK, CONSTRUCT or DESCRIBE result of the Oxigraph store (see the module docstring)."""

    def __init__(self, result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, form: str = ""):
        if isinstance(result, ox.QueryBoolean):
            super().__init__("ASK")
            self.askAnswer = bool(result)
        elif isinstance(result, ox.QuerySolutions):
            super().__init__("SELECT")
            self.variables: list[str] = [v.value for v in result.variables]
            self._solutions = iter(result)  # evaluated as it is read
            self._rows: list[tuple[Term | None, ...]] | None = None
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
            self._rows = [tuple(solution) for solution in self._solutions]
        return self._rows

    def stream_rows(self):
        """The rows one at a time as the engine finds them, without keeping them: a result of millions of
        rows is printed in constant memory. Once only, unless :attr:`rows` was read before."""
        if self._rows is not None:
            yield from self._rows
            return
        self._streamed = True
        for solution in self._solutions:
            yield tuple(solution)

    def _binding_dicts(self):
        for row in self.rows:
            yield dict(zip(self.vars, map(rdflib_term, row)))

    @property
    def graph(self) -> Graph | None:
        """The rdflib Graph of a CONSTRUCT or DESCRIBE result (made on first use)."""
        if self._graph is None and self.type in ("CONSTRUCT", "DESCRIBE"):
            self._graph = Graph()
            for triple in self.triples:
                self._graph.add(tuple(map(rdflib_term, triple)))
        return self._graph

    @graph.setter
    def graph(self, value: Graph | None) -> None:
        self._graph = value
