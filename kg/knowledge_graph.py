"""The Python API object: one knowledge graph as RDF (``.store``, the Oxigraph store; ``.rdf``, an rdflib view
of the same store) and as a networkx view (``.nx``), with SPARQL (``.query``, run by Oxigraph directly),
graph exploration and the file exports (``.save``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.export import FILES_KEY, REPORT_FILE, save
from kg.graph import PREFIXES
from kg.graph.analysis import Step, find_nodes, neighbours, shortest_path, statistics
from kg.graph.network import network_of_quads
from kg.graph.rdf import add_resolved, new_dataset, quad_statements
from kg.graph.sorted_quads import SortedQuads
from kg.graph.tables import Tables, in_date_range, tables_of
from kg.query import QueryError, calls_service, query_form, syntax_error
from kg.query.result import QueryResult
from kg.query.store import on_disk_store

# Files load() reads, in order of preference (N-Quads keeps the per-document named graphs).
GRAPH_FILES = (("graph.nq", ox.RdfFormat.N_QUADS), ("graph.ttl", ox.RdfFormat.TURTLE),
               ("graph.jsonld", ox.RdfFormat.JSON_LD))


@cache
def _view_prefixes() -> dict[str, str]:
    """The prefixes the rdflib view binds (rdflib's own and :data:`kg.graph.PREFIXES`), read from a plain
    rdflib Graph bound the same way: making the view imports oxrdflib and rdflib's SPARQL engine, 0.3 s of
    every ``kg query``."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return {prefix: str(namespace) for prefix, namespace in graph.namespaces()}


class DamagedGraph(ValueError):
    """A graph file that cannot be read back (truncated, edited): says which file and where."""


class KnowledgeGraph:
    """A built graph. ``kg.build(inputs)`` returns one; ``KnowledgeGraph.load(dir)`` reads one back."""

    def __init__(self, store: ox.Store | None = None, report: dict | None = None):
        self.store = store if store is not None else ox.Store()  # the Oxigraph store holding every quad
        self.report = report
        self._nx: nx.MultiDiGraph | None = None
        self._tables: Tables | None = None
        self._rdf: Dataset | None = None

    @property
    def rdf(self) -> Dataset:
        """An rdflib view of the store (made on first use: rdflib's SPARQL engine is slow to import)."""
        if self._rdf is None:
            self._rdf = new_dataset(self.store)
        return self._rdf

    @classmethod
    def from_resolved(cls, resolved, report: dict | None = None) -> KnowledgeGraph:
        """The graph of the resolver's records (:class:`kg.resolve.Resolved`)."""
        graph = cls(report=report)
        add_resolved(graph.store, resolved)
        return graph

    @classmethod
    def load(cls, out_dir: str | Path, on_disk: bool = False) -> KnowledgeGraph:
        """Read back what :meth:`save` wrote (graph.nq, else graph.ttl, else graph.jsonld; and report.json).

        By default the graph is loaded into memory (seconds at a million triples; then the fastest queries and
        scans, and updates allowed). ``on_disk`` opens instead the read-only on-disk store kept in step with
        the graph file in ``out_dir/.kg-store`` (:mod:`kg.query.store`; milliseconds once made), as a one-query
        process such as ``kg query`` wants; if it cannot be kept there, the graph is loaded into memory."""
        folder = Path(out_dir)
        for name, fmt in GRAPH_FILES:
            if (folder / name).is_file():
                try:
                    store = on_disk_store(folder / name, fmt) if on_disk else None
                    if store is None:
                        store = ox.Store()
                        store.bulk_load(path=folder / name, format=fmt, lenient=True)  # our own files: valid IRIs
                except (SyntaxError, ValueError) as error:
                    raise DamagedGraph(f"{folder / name} is damaged ({error}): build it again") from None
                report_path = folder / REPORT_FILE
                try:
                    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.is_file() else None
                except ValueError:
                    report = None  # the graph is readable without its report
                if report:
                    report.pop(FILES_KEY, None)  # the stamps of the files saved with it: not the graph's
                return cls(store, report)
        raise FileNotFoundError(f"{folder}: no {', '.join(n for n, _ in GRAPH_FILES)} (run `kg build` first)")

    @property
    def nx(self) -> nx.MultiDiGraph:
        """Entities as nodes, relations as edges (derived from the RDF on first use)."""
        if self._nx is None:
            with self._sorted_quads() as quads:
                self._nx = network_of_quads(quads.quads())
        return self._nx

    @property
    def tables(self) -> Tables:
        """The documents, inspections and careers tables, as documents.csv, inspections.csv and careers.csv
        hold them (:mod:`kg.graph.tables`), made on first use."""
        if self._tables is None:
            with self._sorted_quads() as quads:
                self._tables = tables_of(quads.quads(), self.nx)
        return self._tables

    def inspections(self, official: str | None = None, place: str | None = None, since: str | None = None,
                    until: str | None = None) -> list[dict]:
        """Rows of inspections.csv: those of an official (name or node id), in a place (the project's place
        or a county, city or province above it, by name or adcode), between two ISO dates (inclusive; a
        prefix such as 2024 or 2024-03 stands for its whole span; a row whose year is unknown is left out
        of any date range)."""
        return [row for row in self.tables.inspections
                if (official is None or official in (row["official"], row["official_id"]))
                and (place is None or place in (row["place"], row["county"], row["city"], row["province"],
                                                row["adcode"], row["place_id"]))
                and in_date_range(row["date"], since, until)]

    def careers(self, person: str | None = None) -> list[dict]:
        """Rows of careers.csv: every post a person (name or node id) was seen holding; all rows by default."""
        return [row for row in self.tables.careers if person is None or person in (row["person"], row["person_id"])]

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of every graph, in the store's order."""
        return self.store.quads_for_pattern(None, None, None, None)

    def _sorted_quads(self, folder: str | Path | None = None) -> AbstractContextManager[SortedQuads]:
        """Every quad, sorted into runs on disk (in ``folder``, else the system's temporary folder) for the
        block: what the writers, the networkx view and the tables read."""
        return SortedQuads.spill(quad_statements(self.quads()), folder)

    def __len__(self) -> int:
        """Number of distinct triples (over all named graphs)."""
        (count,) = next(self._select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"))
        return int(count.value)

    def query(self, sparql: str, allow_update: bool = False, allow_service: bool = False) -> QueryResult | None:
        """Run SPARQL over the union of all graphs; the usual prefixes (kg:, kgr:, rdfs:, …) are predefined.

        SELECT/ASK/CONSTRUCT/DESCRIBE return a :class:`~kg.query.result.QueryResult`: an rdflib Result whose
        rows stay pyoxigraph terms (``.rows``, ``.triples``) until used as rdflib terms. Updates are refused
        (QueryError) unless ``allow_update``; they return None. A SERVICE clause, which makes the engine send
        HTTP requests, is refused unless ``allow_service``. Syntax errors raise QueryError with the line
        and column.
        """
        form = query_form(sparql)
        if not allow_service and calls_service(sparql):
            raise QueryError("SERVICE refused: it sends requests to another server from this machine and must "
                             "be allowed explicitly (--allow-service)")
        try:
            if form == "UPDATE":
                if not allow_update:
                    raise QueryError("SPARQL Update refused: updates change the graph and must be allowed explicitly (--allow-update)")
                self.store.update(sparql, prefixes=self.prefixes())
                self._nx = self._tables = None
                return None
            return QueryResult(self._select(sparql), form)
        except SyntaxError as error:
            raise syntax_error(error) from None

    def prefixes(self) -> dict[str, str]:
        """The prefixes every query may use without declaring them: those bound in ``.rdf`` (those it will
        bind while it is not made yet)."""
        if self._rdf is None:
            return dict(_view_prefixes())
        return {prefix: str(namespace) for prefix, namespace in self.rdf.namespaces()}

    def _select(self, sparql: str):
        return self.store.query(sparql, use_default_graph_as_union=True, prefixes=self.prefixes())

    def save(self, out_dir: str | Path, formats: list[str] | None = None, report: dict | None = None) -> list[Path]:
        """Write the graph files (all formats by default, see :data:`kg.export.FORMATS`) and, when ``report``
        is given, report.json; return the paths written."""
        with self._sorted_quads(out_dir) as quads:
            return save(quads, out_dir, formats, report)

    def find(self, name: str) -> list[str]:
        """Node ids for a name (node id, label, alias, or part of a label), best connected first."""
        return find_nodes(self.nx, name)

    def path(self, source: str, target: str) -> list[Step] | None:
        """A shortest path between two node ids (edge direction ignored); None if unconnected."""
        return shortest_path(self.nx, source, target)

    def neighbors(self, node: str, relation: str | None = None) -> list[Step]:
        return neighbours(self.nx, node, relation)

    def stats(self, top: int = 10) -> dict:
        """Counts (triples, documents, inspections, nodes by type, edges by relation) and centrality tops."""
        documents, inspections = next(self._select(
            "SELECT (COUNT(DISTINCT ?d) AS ?docs) (COUNT(DISTINCT ?i) AS ?visits) WHERE {"
            " { ?d a kg:Document } UNION { ?i a kg:Inspection } }"
        ))
        return {"triples": len(self), "documents": int(documents.value), "inspections": int(inspections.value),
                **statistics(self.nx, top)}
