"""PLACEHOLDER (being written by the graph/export developer): minimal KnowledgeGraph."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, Namespace

KG = Namespace("https://w3id.org/officials-kg/ontology#")
KGR = Namespace("https://w3id.org/officials-kg/resource/")
TYPES = {"official": ["Official", "Person"], "person": ["Person"], "organization": ["Organization"],
         "project": ["Project"], "place": ["Place"]}


class KnowledgeGraph:
    def __init__(self, rdf: Graph, nxg: nx.MultiDiGraph, report: dict | None = None):
        self.rdf, self.nx, self.report = rdf, nxg, report

    @classmethod
    def from_resolved(cls, resolved, report=None):
        g = Graph()
        nxg = nx.MultiDiGraph()
        for node in resolved.nodes.values():
            iri = KGR[node.node_id]
            g.add((iri, RDFS.label, Literal(node.label, lang="zh")))
            for t in TYPES[node.kind]:
                g.add((iri, RDF.type, KG[t]))
            for doc in node.documents:
                g.add((iri, KG.mentionedIn, KGR["doc/" + doc]))
            for title in node.attrs.get("titles", []):
                g.add((iri, KG.title, Literal(title, lang="zh")))
            nxg.add_node(node.node_id, label=node.label, type=node.kind)
        for i, e in enumerate(resolved.edges):
            g.add((KGR[e.source], KG[e.predicate], KGR[e.target]))
            nxg.add_edge(e.source, e.target, key=f"e{i}", label=e.predicate, relation=e.predicate)
        return cls(g, nxg, report)

    def save(self, out_dir, formats=None, report=None):
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        self.rdf.serialize(out / "graph.ttl", format="turtle")
        nx.write_graphml(self.nx, out / "graph.graphml", named_key_ids=True)
