"""Resolved records → RDF quads, built as pyoxigraph terms (rdflib terms cost 10× more per quad): ``kg build``
sorts them to runs on disk (:mod:`kg.graph.sorted_quads`), the Python API adds them to an Oxigraph store,
which ``.rdf`` views through rdflib (oxrdflib).

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
import logging
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from kg.graph import KG, KGR, KIND_CLASSES, LEVEL_CLASSES, PREFIXES, encode_local
from kg.resolve.labels import post_label
from kg.graph.vocabulary import vocabulary

log = logging.getLogger(__name__)


class Terms:
    """pyoxigraph IRIs of one namespace by attribute (``KG_.inspected``), made once each."""

    def __init__(self, namespace: str):
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        term = ox.NamedNode(self._namespace + name)
        setattr(self, name, term)
        return term


KG_, ORG_, PROV_, RDF_, RDFS_, XSD_ = (Terms(PREFIXES[p]) for p in ("kg", "org", "prov", "rdf", "rdfs", "xsd"))
DEFAULT_GRAPH = ox.DefaultGraph()

# Resolver attribute names whose property has another name; "posts" and "level" are modelled apart.
ATTRIBUTE_PROPERTY_NAMES = {"titles": "title", "aliases": "alias"}
STRUCTURED_ATTRIBUTES = {"posts", "level", "ancestors"}
DATE_DATATYPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD_.date),
    (re.compile(r"--\d{2}-\d{2}"), XSD_.gMonthDay),
    (re.compile(r"\d{4}-\d{2}"), XSD_.gYearMonth),
    (re.compile(r"\d{4}"), XSD_.gYear),
)


def new_dataset(store: ox.Store) -> Dataset:
    """An rdflib Dataset on ``store``, queried over the union of its graphs, with the usual prefixes bound."""
    from oxrdflib import OxigraphStore

    dataset = Dataset(store=OxigraphStore(store=store), default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    return dataset


def add_resolved(store: ox.Store, resolved) -> None:
    """Add the RDF of a :class:`kg.resolve.Resolved` to ``store``."""
    store.bulk_extend(resolved_quads(resolved))


@lru_cache(maxsize=1 << 16)
def resource(local: str) -> ox.NamedNode:
    """The resource IRI of a node id, as :func:`kg.graph.iri` gives it (node ids recur: made once each)."""
    return ox.NamedNode(str(KGR) + encode_local(local))


def hashed_resource(kind: str, *parts: Any) -> ox.NamedNode:
    """``kgr:<kind>/<digest of parts>``: IRIs of records that have no name (assertions, memberships)."""
    return ox.NamedNode(f"{KGR}{kind}/{hashlib.sha1('|'.join(map(str, parts)).encode()).hexdigest()[:16]}")


def resolved_quads(resolved) -> Iterator[ox.Quad]:
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


def document_iri(doc_id: str) -> ox.NamedNode:
    return resource(f"doc/{doc_id}")


def date_literal(value: str | None) -> ox.Literal | None:
    """xsd:date for yyyy-mm-dd, xsd:gMonthDay for --mm-dd (year unknown); None for anything else."""
    for pattern, datatype in DATE_DATATYPES:
        if value and pattern.fullmatch(value):
            return ox.Literal(value, datatype=datatype)
    return None


def typed_literal(value: Any, datatype: str | None) -> ox.Literal:
    """A literal of the datatype (IRI) the ontology gives the property, in the canonical form Oxigraph's
    store keeps (a graph written straight from these terms equals one written from a store)."""
    if datatype == RDF_.langString.value:
        return _zh(str(value))
    if datatype == XSD_.decimal.value:
        return ox.Literal(canonical_decimal(value), datatype=XSD_.decimal)
    if datatype == XSD_.integer.value:
        return ox.Literal(str(int(value)), datatype=XSD_.integer)
    return ox.Literal(str(value))


def canonical_decimal(value: Any) -> str:
    """1e9 → '1000000000', 0.850 → '0.85', -0.0 → '0': no exponent, no trailing zeros, no bare decimal
    point, no negative zero."""
    number = Decimal(repr(float(value)))
    if number == 0:
        return "0"
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _zh(value: str) -> ox.Literal:
    return ox.Literal(value, language="zh")


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_.integer)


def _documents(resolved) -> Iterator[ox.Quad]:
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
        yield ox.Quad(doc, RDF_.type, KG_.Document, doc)
        yield ox.Quad(doc, KG_.docId, ox.Literal(doc_id), doc)
        lead = result.lead if result else None
        yield ox.Quad(doc, RDFS_.label, _zh(headline or lead) if headline or lead else ox.Literal(source or doc_id),
                      doc)
        if headline:
            yield ox.Quad(doc, KG_.headline, _zh(headline), doc)
        if source:
            yield ox.Quad(doc, KG_.source, ox.Literal(source), doc)
        date = date_literal(result.date if result else None)
        if date is not None:
            yield ox.Quad(doc, KG_.date, date, doc)
        published = date_literal(result.published if result else None)
        if published is not None:
            yield ox.Quad(doc, KG_.published, published, doc)
        if result and result.url:
            yield ox.Quad(doc, KG_.url, ox.Literal(result.url), doc)
        if result and result.publisher:
            yield ox.Quad(doc, KG_.publisher, _zh(result.publisher), doc)


@cache
def _classes(kind: str) -> tuple[ox.NamedNode, ...] | None:
    classes = KIND_CLASSES.get(kind)
    return tuple(ox.NamedNode(c) for c in classes) if classes is not None else None


@cache
def _level_class(level: Any) -> ox.NamedNode | None:
    cls = LEVEL_CLASSES.get(level) if isinstance(level, str) else None
    return ox.NamedNode(cls) if cls is not None else None


def _entity(node, resolved, places_by_name: dict[str, list[str]]) -> Iterator[ox.Quad]:
    classes = _classes(node.kind)
    if classes is None:
        log.info("node kind %r is not in the vocabulary: %s left out", node.kind, node.node_id)
        return
    subject = resource(node.node_id)
    for cls in classes:
        yield ox.Quad(subject, RDF_.type, cls, DEFAULT_GRAPH)
    level = _level_class(node.attrs.get("level"))
    if level is not None:
        yield ox.Quad(subject, RDF_.type, level, DEFAULT_GRAPH)
    yield ox.Quad(subject, RDFS_.label, _zh(node.label), DEFAULT_GRAPH)
    for alias in sorted(node.aliases - {node.label}):
        yield ox.Quad(subject, KG_.alias, _zh(alias), DEFAULT_GRAPH)
    for doc_id in sorted(node.documents):
        yield ox.Quad(subject, KG_.mentionedIn, document_iri(doc_id), document_iri(doc_id))
    yield from _attributes(subject, node)
    for post in node.attrs.get("posts") or []:
        yield from _post(subject, post, resolved, places_by_name)


@cache
def _attribute_property(name: str) -> tuple[ox.NamedNode, str] | None:
    """The datatype property of a resolver attribute and its range, if kg/ontology.ttl declares it."""
    vocab = vocabulary()
    prop = vocab.datatype_property(ATTRIBUTE_PROPERTY_NAMES.get(name, name))
    return (ox.NamedNode(prop), str(vocab.ranges[prop])) if prop is not None else None


def _attributes(subject: ox.NamedNode, node) -> Iterator[ox.Quad]:
    for name, value in sorted(node.attrs.items()):
        if name in STRUCTURED_ATTRIBUTES or value is None:
            continue
        declared = _attribute_property(name)
        if declared is None:
            log.info("attribute %r is not declared in kg/ontology.ttl: left out", name)
            continue
        prop, datatype = declared
        for item in value if isinstance(value, (list, tuple, set)) else [value]:
            if item is not None and item != "":
                yield ox.Quad(subject, prop, typed_literal(item, datatype), DEFAULT_GRAPH)


def _post(official: ox.NamedNode, post: dict, resolved, places_by_name: dict[str, list[str]]) -> Iterator[ox.Quad]:
    """W3C ORG: the official holds an org:Post (title in a jurisdiction); each report is an org:Membership."""
    title = post.get("title")
    if not title:
        return
    jurisdiction = _place_id(post.get("jurisdiction"), resolved, places_by_name)
    place = resolved.nodes[jurisdiction] if jurisdiction else None
    post_iri = resource(f"post/{jurisdiction}/{title}" if place else f"post/{title}")
    role = resource(f"role/{title}")
    label = post_label(title, place.label if place else None)
    default = DEFAULT_GRAPH
    yield ox.Quad(role, RDF_.type, ORG_.Role, default)
    yield ox.Quad(role, RDFS_.label, _zh(title), default)
    yield ox.Quad(post_iri, RDF_.type, ORG_.Post, default)
    yield ox.Quad(post_iri, RDFS_.label, _zh(label), default)
    yield ox.Quad(post_iri, ORG_.role, role, default)
    yield ox.Quad(post_iri, ORG_.heldBy, official, default)
    yield ox.Quad(official, ORG_.holds, post_iri, default)
    if place is not None:
        yield ox.Quad(post_iri, KG_.jurisdiction, resource(jurisdiction), default)
    doc_id = post.get("doc_id")
    graph = document_iri(doc_id) if doc_id else default
    membership = hashed_resource("membership", official.value, post_iri.value, doc_id or "")
    yield ox.Quad(membership, RDF_.type, ORG_.Membership, graph)
    yield ox.Quad(membership, ORG_.member, official, graph)
    yield ox.Quad(membership, ORG_.role, role, graph)
    yield ox.Quad(membership, KG_.post, post_iri, graph)
    if place is not None:
        yield ox.Quad(membership, KG_.jurisdiction, resource(jurisdiction), graph)
    if doc_id:
        yield ox.Quad(membership, PROV_.wasDerivedFrom, graph, graph)
    date = date_literal(post.get("date"))
    if date is not None:
        yield ox.Quad(membership, KG_.date, date, graph)


def _place_id(jurisdiction: str | None, resolved, places_by_name: dict[str, list[str]]) -> str | None:
    """The place node of a post's jurisdiction, given as a node id or as the name of one place."""
    if not jurisdiction:
        return None
    node = resolved.nodes.get(jurisdiction)
    if node is not None:
        return jurisdiction if node.kind == "place" else None
    named = places_by_name.get(jurisdiction, [])
    return named[0] if len(named) == 1 else None


@cache
def _relation(name: str) -> ox.NamedNode | None:
    """kg:<name> when kg/ontology.ttl declares it."""
    return getattr(KG_, name) if KG[name] in vocabulary().declared else None


def _edges(resolved) -> Iterator[ox.Quad]:
    for edge in resolved.edges:
        predicate = _relation(edge.predicate)
        if predicate is None:
            log.info("predicate %r is not declared in kg/ontology.ttl: edge left out", edge.predicate)
            continue
        if edge.source not in resolved.nodes or edge.target not in resolved.nodes:
            continue
        subject, target = resource(edge.source), resource(edge.target)
        if not edge.doc_id:
            yield ox.Quad(subject, predicate, target, DEFAULT_GRAPH)
            continue
        graph = document_iri(edge.doc_id)
        yield ox.Quad(subject, predicate, target, graph)
        evidence = edge.evidence
        offsets = (evidence.start, evidence.end) if evidence else ()
        assertion = hashed_resource("assertion", subject.value, predicate.value, target.value, edge.doc_id, *offsets)
        yield ox.Quad(assertion, RDF_.type, KG_.Assertion, graph)
        yield ox.Quad(assertion, RDF_.subject, subject, graph)
        yield ox.Quad(assertion, RDF_.predicate, predicate, graph)
        yield ox.Quad(assertion, RDF_.object, target, graph)
        yield ox.Quad(assertion, KG_.confidence, typed_literal(edge.confidence, XSD_.decimal.value), graph)
        yield ox.Quad(assertion, PROV_.wasDerivedFrom, graph, graph)
        if evidence is not None:
            yield ox.Quad(assertion, KG_.evidence, _zh(evidence.sentence), graph)
            yield ox.Quad(assertion, KG_.charStart, _integer(evidence.start), graph)
            yield ox.Quad(assertion, KG_.charEnd, _integer(evidence.end), graph)


def _inspection(inspection, resolved) -> Iterator[ox.Quad]:
    inspectors = [i for i in inspection.inspectors if i in resolved.nodes]
    sites = [s for s in inspection.sites if s in resolved.nodes]
    if not inspectors or not sites:
        return
    graph = document_iri(inspection.doc_id)
    subject = resource(f"inspection/{inspection.inspection_id}")
    names = "、".join(resolved.nodes[i].label for i in inspectors)
    places = "、".join(resolved.nodes[s].label for s in sites)
    yield ox.Quad(subject, RDF_.type, KG_.Inspection, graph)
    yield ox.Quad(subject, RDFS_.label, _zh(f"{names}调研{places}"), graph)
    yield ox.Quad(subject, PROV_.wasDerivedFrom, graph, graph)
    yield ox.Quad(subject, KG_.mentionedIn, graph, graph)
    date = date_literal(inspection.date)
    if date is not None:
        yield ox.Quad(subject, KG_.date, date, graph)
    for sentence in sorted({e.sentence for e in inspection.evidence}):
        yield ox.Quad(subject, KG_.evidence, _zh(sentence), graph)
    for inspector in inspectors:
        yield ox.Quad(subject, KG_.inspector, resource(inspector), graph)
        for site in sites:  # every visit implies the direct edge
            yield ox.Quad(resource(inspector), KG_.inspected, resource(site), graph)
    for site in sites:
        yield ox.Quad(subject, KG_.site, resource(site), graph)
