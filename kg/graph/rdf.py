"""Resolved records → RDF quads on the Oxigraph store (rdflib Dataset via oxrdflib).

Layout: what an entity *is* (types, label, titles, aliases, attributes, posts) is in the default graph;
what a document *says* (kg:mentionedIn, relation triples, their reified assertions with confidence and
evidence, inspections, memberships, the kg:Document node itself) is in the named graph whose name is the
document's IRI (``kgr:doc/<id>``). Queries run over the union of all graphs.

Confidence: each relation read from a document is also a ``kg:Assertion`` (an ``rdf:Statement``) with
``rdf:subject``/``rdf:predicate``/``rdf:object``, ``kg:confidence``, ``kg:evidence``, ``kg:charStart``/
``kg:charEnd`` and ``prov:wasDerivedFrom``; the plain triple is asserted next to it so that simple queries
need no reification.
"""

from __future__ import annotations

import hashlib
import re
import logging
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef

from kg.graph import KG, KIND_CLASSES, LEVEL_CLASSES, ORG, PREFIXES, PROV, iri
from kg.graph.vocabulary import vocabulary

log = logging.getLogger(__name__)
Quad = tuple[URIRef, URIRef, Any, URIRef | None]  # graph None: the default graph

# Resolver attribute names whose property has another name; "posts" and "level" are modelled apart.
ATTRIBUTE_PROPERTY_NAMES = {"titles": "title", "aliases": "alias"}
STRUCTURED_ATTRIBUTES = {"posts", "level", "ancestors"}
DATE_DATATYPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
    (re.compile(r"--\d{2}-\d{2}"), XSD.gMonthDay),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear),
)


def new_dataset(store: ox.Store) -> Dataset:
    """An rdflib Dataset on ``store``, queried over the union of its graphs, with the usual prefixes bound."""
    dataset = Dataset(store=OxigraphStore(store=store), default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    return dataset


def add_resolved(store: ox.Store, resolved) -> None:
    """Add the RDF of a :class:`kg.resolve.Resolved` to ``store``."""
    store.bulk_extend(
        ox.Quad(_ox(s), _ox(p), _ox(o), _ox(g) if g is not None else ox.DefaultGraph())
        for s, p, o, g in resolved_quads(resolved)
    )


def _ox(term: URIRef | Literal):
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype or XSD.string))


def resolved_quads(resolved) -> Iterator[Quad]:
    yield from _documents(resolved)
    places_by_name: dict[str, list[str]] = {}
    for node in resolved.nodes.values():
        if node.kind == "place":
            places_by_name.setdefault(node.label, []).append(node.node_id)
    for node in resolved.nodes.values():
        yield from _entity(node, resolved, places_by_name)
    yield from _edges(resolved)
    for inspection in resolved.inspections:
        yield from _inspection(inspection, resolved)


def document_iri(doc_id: str) -> URIRef:
    return iri(f"doc/{doc_id}")


def date_literal(value: str | None) -> Literal | None:
    """xsd:date for yyyy-mm-dd, xsd:gMonthDay for --mm-dd (year unknown); None for anything else."""
    for pattern, datatype in DATE_DATATYPES:
        if value and pattern.fullmatch(value):
            return Literal(value, datatype=datatype)
    return None


def typed_literal(value: Any, datatype: URIRef | None) -> Literal:
    """A literal of the datatype the ontology gives the property."""
    if datatype == RDF.langString:
        return Literal(str(value), lang="zh")
    if datatype == XSD.decimal:
        return Literal(f"{Decimal(repr(float(value))):f}", datatype=XSD.decimal)
    if datatype == XSD.integer:
        return Literal(int(value))
    return Literal(str(value))


def _zh(value: str) -> Literal:
    return Literal(value, lang="zh")


def _documents(resolved) -> Iterator[Quad]:
    """A kg:Document node, in its own graph, for every document any record refers to."""
    doc_ids = set(resolved.documents)
    doc_ids.update(d for node in resolved.nodes.values() for d in node.documents)
    doc_ids.update(e.doc_id for e in resolved.edges if e.doc_id)
    doc_ids.update(i.doc_id for i in resolved.inspections)
    for doc_id in sorted(doc_ids):
        doc = document_iri(doc_id)
        result = resolved.documents.get(doc_id)
        headline = result.headline if result else None
        source = result.source if result else None
        yield doc, RDF.type, KG.Document, doc
        yield doc, KG.docId, Literal(doc_id), doc
        yield doc, RDFS.label, _zh(headline) if headline else Literal(source or doc_id), doc
        if headline:
            yield doc, KG.headline, _zh(headline), doc
        if source:
            yield doc, KG.source, Literal(source), doc
        date = date_literal(result.date if result else None)
        if date is not None:
            yield doc, KG.date, date, doc


def _entity(node, resolved, places_by_name: dict[str, list[str]]) -> Iterator[Quad]:
    classes = KIND_CLASSES.get(node.kind)
    if classes is None:
        log.info("node kind %r is not in the vocabulary: %s left out", node.kind, node.node_id)
        return
    subject = iri(node.node_id)
    for cls in classes:
        yield subject, RDF.type, cls, None
    level = LEVEL_CLASSES.get(node.attrs.get("level"))
    if level is not None:
        yield subject, RDF.type, level, None
    yield subject, RDFS.label, _zh(node.label), None
    for alias in sorted(node.aliases - {node.label}):
        yield subject, KG.alias, _zh(alias), None
    for doc_id in sorted(node.documents):
        yield subject, KG.mentionedIn, document_iri(doc_id), document_iri(doc_id)
    yield from _attributes(subject, node)
    for post in node.attrs.get("posts") or []:
        yield from _post(subject, post, resolved, places_by_name)


def _attributes(subject: URIRef, node) -> Iterator[Quad]:
    vocab = vocabulary()
    for name, value in sorted(node.attrs.items()):
        if name in STRUCTURED_ATTRIBUTES or value is None:
            continue
        prop = vocab.datatype_property(ATTRIBUTE_PROPERTY_NAMES.get(name, name))
        if prop is None:
            log.info("attribute %r is not declared in kg/ontology.ttl: left out", name)
            continue
        for item in value if isinstance(value, (list, tuple, set)) else [value]:
            if item is not None and item != "":
                yield subject, prop, typed_literal(item, vocab.ranges[prop]), None


def _post(official: URIRef, post: dict, resolved, places_by_name: dict[str, list[str]]) -> Iterator[Quad]:
    """W3C ORG: the official holds an org:Post (title in a jurisdiction); each report is an org:Membership."""
    title = post.get("title")
    if not title:
        return
    jurisdiction = _place_id(post.get("jurisdiction"), resolved, places_by_name)
    place = resolved.nodes[jurisdiction] if jurisdiction else None
    post_iri = iri(f"post/{jurisdiction}/{title}" if place else f"post/{title}")
    role = iri(f"role/{title}")
    label = _post_label(title, place.label if place else None)
    yield role, RDF.type, ORG.Role, None
    yield role, RDFS.label, _zh(title), None
    yield post_iri, RDF.type, ORG.Post, None
    yield post_iri, RDFS.label, _zh(label), None
    yield post_iri, ORG.role, role, None
    yield post_iri, ORG.heldBy, official, None
    yield official, ORG.holds, post_iri, None
    if place is not None:
        yield post_iri, KG.jurisdiction, iri(jurisdiction), None
    doc_id = post.get("doc_id")
    graph = document_iri(doc_id) if doc_id else None
    membership = iri("membership/" + _digest(str(official), str(post_iri), doc_id or ""))
    yield membership, RDF.type, ORG.Membership, graph
    yield membership, ORG.member, official, graph
    yield membership, ORG.role, role, graph
    yield membership, KG.post, post_iri, graph
    if place is not None:
        yield membership, KG.jurisdiction, iri(jurisdiction), graph
    if graph is not None:
        yield membership, PROV.wasDerivedFrom, graph, graph
    date = date_literal(post.get("date"))
    if date is not None:
        yield membership, KG.date, date, graph


def _place_id(jurisdiction: str | None, resolved, places_by_name: dict[str, list[str]]) -> str | None:
    """The place node of a post's jurisdiction, given as a node id or as the name of one place."""
    if not jurisdiction:
        return None
    node = resolved.nodes.get(jurisdiction)
    if node is not None:
        return jurisdiction if node.kind == "place" else None
    named = places_by_name.get(jurisdiction, [])
    return named[0] if len(named) == 1 else None


def _post_label(title: str, place: str | None) -> str:
    """鸠江区 + 区委书记 → 鸠江区委书记; 芜湖市 + 副市长 → 芜湖市副市长."""
    if place is None or title.startswith(place):
        return title
    return place + title[1:] if title[0] == place[-1] else place + title


def _edges(resolved) -> Iterator[Quad]:
    declared = vocabulary().declared
    for edge in resolved.edges:
        predicate = KG[edge.predicate]
        if predicate not in declared:
            log.info("predicate %r is not declared in kg/ontology.ttl: edge left out", edge.predicate)
            continue
        if edge.source not in resolved.nodes or edge.target not in resolved.nodes:
            continue
        subject, target = iri(edge.source), iri(edge.target)
        graph = document_iri(edge.doc_id) if edge.doc_id else None
        yield subject, predicate, target, graph
        if graph is None:
            continue
        evidence = edge.evidence
        offsets = (evidence.start, evidence.end) if evidence else ()
        assertion = iri("assertion/" + _digest(str(subject), str(predicate), str(target), edge.doc_id, *offsets))
        yield assertion, RDF.type, KG.Assertion, graph
        yield assertion, RDF.subject, subject, graph
        yield assertion, RDF.predicate, predicate, graph
        yield assertion, RDF.object, target, graph
        yield assertion, KG.confidence, typed_literal(edge.confidence, XSD.decimal), graph
        yield assertion, PROV.wasDerivedFrom, graph, graph
        if evidence is not None:
            yield assertion, KG.evidence, _zh(evidence.sentence), graph
            yield assertion, KG.charStart, Literal(evidence.start), graph
            yield assertion, KG.charEnd, Literal(evidence.end), graph


def _inspection(inspection, resolved) -> Iterator[Quad]:
    inspectors = [i for i in inspection.inspectors if i in resolved.nodes]
    sites = [s for s in inspection.sites if s in resolved.nodes]
    if not inspectors or not sites:
        return
    graph = document_iri(inspection.doc_id)
    subject = iri(f"inspection/{inspection.inspection_id}")
    names = "、".join(resolved.nodes[i].label for i in inspectors)
    places = "、".join(resolved.nodes[s].label for s in sites)
    yield subject, RDF.type, KG.Inspection, graph
    yield subject, RDFS.label, _zh(f"{names}调研{places}"), graph
    yield subject, PROV.wasDerivedFrom, graph, graph
    yield subject, KG.mentionedIn, graph, graph
    date = date_literal(inspection.date)
    if date is not None:
        yield subject, KG.date, date, graph
    for sentence in sorted({e.sentence for e in inspection.evidence}):
        yield subject, KG.evidence, _zh(sentence), graph
    for inspector in inspectors:
        yield subject, KG.inspector, iri(inspector), graph
        for site in sites:  # every visit implies the direct edge
            yield iri(inspector), KG.inspected, iri(site), graph
    for site in sites:
        yield subject, KG.site, iri(site), graph


def _digest(*parts: Any) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]
