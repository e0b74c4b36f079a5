"""SPARQL 1.1 Protocol client: the same queries as ``KnowledgeGraph.query``, answered by a triple-store server
(Oxigraph, Jena Fuseki, QLever, …) once the graph no longer fits one machine.

Results are rdflib :class:`~rdflib.query.Result` objects, like the local ones, so :mod:`kg.query.format`
prints both the same way. The predefined prefixes (kg:, kgr:, rdfs:, …) are declared for the server when
the query does not declare them itself. The graph's triples sit in one named graph per document: start the
server with the union of its graphs as the default graph (``oxigraph serve --union-default-graph``,
see docs/scale-out.md), as the local store does.
"""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.request

from rdflib import XSD, Graph, Literal
from rdflib.query import Result

from kg.graph import PREFIXES
from kg.query import QueryError, query_form

RESULT_TYPES = {  # query form → (Accept header, rdflib parser format)
    "SELECT": ("application/sparql-results+json", "json"),
    "ASK": ("application/sparql-results+json", "json"),
    "CONSTRUCT": ("application/n-triples", "nt"),
    "DESCRIBE": ("application/n-triples", "nt"),
}
_DECLARED_PREFIX = re.compile(r"PREFIX\s+([^\s:]*):", re.IGNORECASE)


class EndpointError(QueryError):
    """The server could not be reached or failed (5xx); its message is kept. A rejected query is a QueryError."""


class SparqlEndpoint:
    """A read-only SPARQL endpoint: ``SparqlEndpoint("http://127.0.0.1:7878/query").query(sparql)``."""

    def __init__(self, url: str, timeout: float = 60.0):
        self.url = url
        self.timeout = timeout

    def query(self, sparql: str) -> Result:
        """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query; updates are refused, as locally."""
        form = query_form(sparql)
        if form == "UPDATE":
            raise QueryError("updates are refused: this is a query tool")
        if form not in RESULT_TYPES:
            raise QueryError("not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE expected)")
        accept, parser = RESULT_TYPES[form]
        body = self._post(with_prefixes(sparql), accept)
        if form in ("SELECT", "ASK"):
            result = Result.parse(io.BytesIO(body), format=parser)
            if form == "SELECT":
                result.bindings = [{name: _typed(t) for name, t in row.items()} for row in result.bindings]
            return result
        result = Result(form)
        result.graph = Graph()
        for triple in Graph().parse(data=body.decode("utf-8"), format=parser):
            result.graph.add(tuple(_typed(term) for term in triple))
        return result

    def _post(self, sparql: str, accept: str) -> bytes:
        request = urllib.request.Request(
            self.url, data=sparql.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip() or error.reason
            if 400 <= error.code < 500:  # the query itself: a syntax error, an unknown function…
                raise QueryError(f"{self.url} rejected the query ({error.code}): {detail}") from None
            raise EndpointError(f"{self.url} answered {error.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise EndpointError(f"cannot reach {self.url}: {reason}") from None


def _typed(term):
    """A simple literal as ``xsd:string``, which it is in RDF 1.1 and as the local store returns it."""
    if isinstance(term, Literal) and term.datatype is None and not term.language:
        return Literal(str(term), datatype=XSD.string)
    return term


def with_prefixes(sparql: str) -> str:
    """``sparql`` preceded by PREFIX declarations of the predefined prefixes it does not declare itself."""
    declared = set(_DECLARED_PREFIX.findall(sparql))
    missing = [f"PREFIX {name}: <{namespace}>" for name, namespace in PREFIXES.items() if name not in declared]
    return "\n".join(missing + [sparql])
