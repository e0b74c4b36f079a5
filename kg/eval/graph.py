"""The built graph as the scorer sees it: only the vocabulary of shared/DESIGN.md, read with rdflib.

A graph comes as an rdflib Graph or Dataset, an object with an ``.rdf`` graph (a KnowledgeGraph), or an
output folder holding ``graph.nq`` or ``graph.ttl``. Named graphs are flattened: scoring looks at facts,
not at which named graph holds them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import pyoxigraph as ox
from rdflib import RDF, RDFS, Dataset, Graph, Namespace, URIRef
from rdflib.term import Node

from kg.eval.gold import normalise_name
from kg.query.result import rdflib_term

KG = Namespace("https://w3id.org/officials-kg/ontology#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
# Properties of a kg:Document node that may carry the article's source path or file name.
SOURCE_PROPERTIES = (KG.source, SCHEMA.name, SCHEMA.url, PROV.atLocation, DCTERMS.source, RDFS.label)
# Files of an output folder the scorer reads, in order of preference, with their rdflib parser.
GRAPH_FILES = (("graph.nq", "nquads"), ("graph.ttl", "turtle"))


class GraphError(ValueError):
    """No graph could be read from what was given."""


def load_graph(source) -> Graph:
    """An rdflib Graph with every triple of ``source`` (see the module docstring for what it may be)."""
    if hasattr(source, "rdf"):
        source = source.rdf
    if isinstance(source, (str, PurePath)):
        return _read_folder(Path(source))
    if isinstance(source, Dataset):
        flat = Graph()
        for s, p, o, _ in source.quads((None, None, None, None)):
            flat.add((s, p, o))
        return flat
    if isinstance(source, Graph):
        return source
    raise GraphError(f"cannot read a graph from {type(source).__name__}")


def _read_folder(folder: Path) -> Graph:
    for name, fmt in GRAPH_FILES:
        path = folder / name
        if path.is_file():
            graph = Graph()
            if fmt == "nquads":  # read by Oxigraph: rdflib's N-Quads parser calls its own deprecated API
                for quad in ox.parse(path=path, format=ox.RdfFormat.N_QUADS):
                    graph.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
                return graph
            graph.parse(path, format=fmt)
            return graph
    raise GraphError(f"{folder}: no {' or '.join(n for n, _ in GRAPH_FILES)}")


def source_name(value: str) -> str:
    """The file name of a source path or URL (``/data/h01.txt`` → ``h01.txt``, ``a.jsonl:3`` kept)."""
    return value.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def node_label(graph: Graph, node: Node) -> str:
    """The normalised rdfs:label ('' when the node has none: it then matches nothing)."""
    label = graph.value(node, RDFS.label)
    return normalise_name(str(label)) if label is not None else ""


@dataclass
class DocumentView:
    """What the graph says about one article: the entities mentioned in it, by type, and their names."""

    graph: Graph
    nodes: set[Node] = field(default_factory=set)
    place_names: dict[str, list[Node]] = field(default_factory=dict)  # whole graph, by normalised label
    documents: set[Node] = field(default_factory=set)  # the kg:Document node(s) of the article
    sources: dict[tuple[Node, Node, Node], set[Node]] = field(default_factory=dict)  # fact → documents

    def of_type(self, rdf_type: URIRef) -> list[Node]:
        return sorted(n for n in self.nodes if (n, RDF.type, rdf_type) in self.graph)

    def label(self, node: Node) -> str:
        return node_label(self.graph, node)

    def names(self, node: Node) -> list[str]:
        """Label and every kg:alias, normalised."""
        aliases = (normalise_name(str(a)) for a in self.graph.objects(node, KG.alias))
        return [self.label(node), *aliases]

    def titles(self, node: Node) -> set[str]:
        """Every kg:title of ``node``, normalised."""
        return {normalise_name(str(t)) for t in self.graph.objects(node, KG.title)}

    def edges(self, predicate: URIRef) -> list[tuple[Node, Node]]:
        """(subject, object) pairs of ``predicate`` whose subject is mentioned in the article.

        When the graph records where a fact was read (a reified assertion with prov:wasDerivedFrom), only
        facts read from this article count: a project merged across articles keeps each article's own
        inspectors. Facts without such a record count for every article that mentions their subject.
        """
        pairs = ((s, o) for s in self.nodes for o in self.graph.objects(s, predicate))
        return sorted(
            (s, o) for s, o in pairs
            if (s, predicate, o) not in self.sources or self.sources[(s, predicate, o)] & self.documents
        )

    def ancestors(self, place: Node) -> list[Node]:
        """Every place reached from ``place`` through kg:partOf (cycles tolerated)."""
        seen: list[Node] = []
        frontier = list(self.graph.objects(place, KG.partOf))
        while frontier:
            parent = frontier.pop()
            if parent not in seen and parent != place:
                seen.append(parent)
                frontier.extend(self.graph.objects(parent, KG.partOf))
        return seen

    def places_named(self, name: str) -> list[Node]:
        """Every place of the whole graph with this normalised label (gazetteer ancestors included)."""
        return self.place_names.get(name, [])


def document_views(graph: Graph, articles: Iterable) -> dict[str, DocumentView]:
    """Map each gold article (by its ``doc`` file name) to the graph's view of that article.

    A kg:Document node is matched to an article by the file name in one of its SOURCE_PROPERTIES;
    failing that, by its IRI ending in the content hash the ingest stage gives the article's text
    (``kgr:doc/<id>``). An article with no Document node gets an empty view: everything is missed.
    """
    by_source: dict[str, set[Node]] = defaultdict(set)
    by_iri_tail: dict[str, set[Node]] = defaultdict(set)
    documents = set(graph.subjects(RDF.type, KG.Document)) | set(graph.objects(None, KG.mentionedIn))
    for document in documents:
        for prop in SOURCE_PROPERTIES:
            for value in graph.objects(document, prop):
                by_source[source_name(str(value))].add(document)
        by_iri_tail[str(document).rstrip("/").rsplit("/", 1)[-1]].add(document)
    place_names: dict[str, list[Node]] = defaultdict(list)
    for place in sorted(graph.subjects(RDF.type, KG.Place)):
        place_names[node_label(graph, place)].append(place)
    sources: dict[tuple[Node, Node, Node], set[Node]] = defaultdict(set)
    reified = set(graph.subjects(RDF.type, RDF.Statement)) | set(graph.subjects(RDF.type, KG.Assertion))
    for assertion in reified:
        fact = (graph.value(assertion, RDF.subject), graph.value(assertion, RDF.predicate),
                graph.value(assertion, RDF.object))
        sources[fact].update(graph.objects(assertion, PROV.wasDerivedFrom))
    views = {}
    for article in articles:
        matched = by_source.get(article.doc) or by_iri_tail.get(_content_id(article.text_path), set())
        nodes = {n for d in matched for n in graph.subjects(KG.mentionedIn, d)}
        views[article.doc] = DocumentView(graph, nodes, dict(place_names), set(matched), dict(sources))
    return views


def _content_id(path: Path) -> str | None:
    """The document id ``kg build`` gives the article at ``path`` (None when it cannot be read)."""
    from kg.ingest import read_path
    from kg.model import Document

    if not path.is_file():
        return None
    return next((item.doc_id for item in read_path(str(path)) if isinstance(item, Document)), None)
