"""What kg/ontology.ttl declares: used to type attribute literals and to label relations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.graph import KG

ONTOLOGY_PATH = Path(__file__).resolve().parents[1] / "ontology.ttl"


@dataclass(frozen=True)
class Vocabulary:
    declared: frozenset[URIRef]  # every kg: term the ontology declares
    ranges: dict[URIRef, URIRef]  # datatype property → its rdfs:range (xsd:decimal, rdf:langString, …)
    labels_zh: dict[URIRef, str]

    def datatype_property(self, name: str) -> URIRef | None:
        """kg:<name> when the ontology declares it as a datatype property."""
        term = KG[name]
        return term if term in self.ranges else None


@cache
def ontology() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY_PATH, format="turtle")
    return graph


@cache
def vocabulary() -> Vocabulary:
    graph = ontology()
    declared = frozenset(
        s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(KG))
    )
    ranges = {
        s: graph.value(s, RDFS.range) for s in graph.subjects(RDF.type, OWL.DatatypeProperty) if s in declared
    }
    labels = {
        s: str(label) for s in declared for label in graph.objects(s, RDFS.label) if label.language == "zh"
    }
    return Vocabulary(declared, ranges, labels)
