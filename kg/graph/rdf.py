"""Resolved records → RDF statements, made as the text of N-Triples terms (pyoxigraph terms cost 3× more per
quad, rdflib terms 30×): ``kg build`` sorts them to runs on disk (:mod:`kg.graph.sorted_quads`), the Python
API loads them into an Oxigraph store, which ``.rdf`` views through rdflib (oxrdflib). The text is what
Oxigraph writes for the same terms, byte for byte.

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
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import cache, lru_cache
from itertools import islice
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from kg.graph import KG, KGR, KIND_CLASSES, LEVEL_CLASSES, PREFIXES, encode_local
from kg.resolve.labels import post_label
from kg.graph.sorted_quads import Statement, nquads_line
from kg.graph.vocabulary import vocabulary

log = logging.getLogger(__name__)

LOAD_STATEMENTS = 20_000  # statements loaded into a store, or serialised from one, at a time


class Terms:
    """N-Triples IRIs (``<…>``) of one namespace by attribute (``KG_.inspected``), made once each."""

    def __init__(self, namespace: str):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = named_node(self._namespace + name)
        setattr(self, name, term)
        return term


def named_node(iri: str) -> str:
    """An IRI as an N-Triples term; checked as Oxigraph checks it (a ValueError for an invalid IRI)."""
    return f"<{ox.NamedNode(iri).value}>"


KG_, ORG_, PROV_, RDF_, RDFS_, XSD_ = (Terms(PREFIXES[p]) for p in ("kg", "org", "prov", "rdf", "rdfs", "xsd"))
DEFAULT_GRAPH = ""
RDF_LANG_STRING, XSD_DECIMAL, XSD_INTEGER = (PREFIXES[p] + n for p, n in (
    ("rdf", "langString"), ("xsd", "decimal"), ("xsd", "integer")))

# Resolver attribute names whose property has another name; "posts" and "level" are modelled apart.
ATTRIBUTE_PROPERTY_NAMES = {"titles": "title", "aliases": "alias"}
STRUCTURED_ATTRIBUTES = {"posts", "level", "ancestors"}
DATE_DATATYPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD_.date),
    (re.compile(r"--\d{2}-\d{2}"), XSD_.gMonthDay),
    (re.compile(r"\d{4}-\d{2}"), XSD_.gYearMonth),
    (re.compile(r"\d{4}"), XSD_.gYear),
)
# Characters an N-Triples string escapes, as Oxigraph escapes them: the short escapes, \uXXXX for the other
# control characters.
_STRING_ESCAPES = {**{code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)},
                   **{ord(c): e for c, e in zip('\b\t\n\f\r"\\', ("\\b", "\\t", "\\n", "\\f", "\\r", '\\"', "\\\\"))}}
_TO_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')


def new_dataset(store: ox.Store) -> Dataset:
    """An rdflib Dataset on ``store``, queried over the union of its graphs, with the usual prefixes bound."""
    from oxrdflib import OxigraphStore

    dataset = Dataset(store=OxigraphStore(store=store), default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    return dataset


def add_resolved(store: ox.Store, resolved) -> None:
    """Add the RDF of a :class:`kg.resolve.Resolved` to ``store``."""
    statements = resolved_statements(resolved)
    while chunk := list(islice(statements, LOAD_STATEMENTS)):
        store.bulk_load("".join(nquads_line(statement) for statement in chunk).encode(), format=ox.RdfFormat.N_QUADS)


def quad_statements(quads: Iterable[ox.Quad]) -> Iterator[Statement]:
    """Oxigraph quads as statements (the store's, to spill them): serialised by Oxigraph a chunk at a time."""
    quads = iter(quads)
    while chunk := list(islice(quads, LOAD_STATEMENTS)):
        triples = ox.serialize([quad.triple for quad in chunk], format=ox.RdfFormat.N_TRIPLES).decode()
        graphs = ("" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name) for quad in chunk)
        yield from zip(triples.split(" .\n"), graphs)


def string(value: str) -> str:
    """A string as an N-Triples literal's quoted lexical form."""
    return f'"{value.translate(_STRING_ESCAPES)}"' if _TO_ESCAPE.search(value) else f'"{value}"'


def literal(value: str, datatype: str | None = None) -> str:
    """A literal of a datatype (an N-Triples IRI; xsd:string when None) as an N-Triples term."""
    return f"{string(value)}^^{datatype}" if datatype else string(value)


@lru_cache(maxsize=1 << 16)
def resource(local: str) -> str:
    """The resource IRI of a node id, as :func:`kg.graph.iri` gives it (node ids recur: made once each)."""
    return named_node(str(KGR) + encode_local(local))


def hashed_resource(kind: str, *parts: Any) -> str:
    """``kgr:<kind>/<digest of parts>``: IRIs of records that have no name (assertions, memberships)."""
    return f"<{KGR}{kind}/{hashlib.sha1('|'.join(map(str, parts)).encode()).hexdigest()[:16]}>"


def resolved_statements(resolved, part: int = 0, parts: int = 1) -> Iterator[Statement]:
    """The statements of the resolver's records. With ``parts`` > 1, only those of every ``parts``-th record
    of each kind from the ``part``-th: the parts together make every statement (a few in more than one part,
    which the sorted runs drop), so that processes can make them side by side."""
    def share(records: Iterable) -> Iterator:
        return islice(records, part, None, parts)

    yield from _documents(resolved, share)
    places_by_name: dict[str, list[str]] = {}
    for node in resolved.nodes.values():
        if node.kind == "place":
            places_by_name.setdefault(node.label, []).append(node.node_id)
    for node in share(resolved.nodes.values()):
        yield from _entity(node, resolved, places_by_name)
    yield from _edges(resolved, share(resolved.edges))
    for inspection in share(resolved.inspections):
        yield from _inspection(inspection, resolved)


def document_iri(doc_id: str) -> str:
    return resource(f"doc/{doc_id}")


def date_literal(value: str | None) -> str | None:
    """xsd:date for yyyy-mm-dd, xsd:gMonthDay for --mm-dd (year unknown); None for anything else."""
    for pattern, datatype in DATE_DATATYPES:
        if value and pattern.fullmatch(value):
            return literal(value, datatype)
    return None


def typed_literal(value: Any, datatype: str | None) -> str:
    """A literal of the datatype (IRI) the ontology gives the property, in the canonical form Oxigraph's
    store keeps (a graph written straight from these terms equals one written from a store)."""
    if datatype == RDF_LANG_STRING:
        return _zh(str(value))
    if datatype == XSD_DECIMAL:
        return _decimal(value)
    if datatype == XSD_INTEGER:
        return _integer(int(value))
    return string(str(value))


@lru_cache(maxsize=1 << 12)
def _decimal(value: Any) -> str:
    """An xsd:decimal literal (confidences: a few values, made once each)."""
    return literal(canonical_decimal(value), XSD_.decimal)


def canonical_decimal(value: Any) -> str:
    """1e9 → '1000000000', 0.850 → '0.85', -0.0 → '0': no exponent, no trailing zeros, no bare decimal
    point, no negative zero."""
    number = Decimal(repr(float(value)))
    if number == 0:
        return "0"
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _zh(value: str) -> str:
    return string(value) + "@zh"


def _integer(value: int) -> str:
    """An xsd:integer literal: its digits need no escape (offsets: one per evidence start and end)."""
    return f'"{value}"^^{XSD_.integer}'


def _quad(subject: str, predicate: str, object_: str, graph: str = DEFAULT_GRAPH) -> Statement:
    return f"{subject} {predicate} {object_}", graph


def _documents(resolved, share: Callable[[Iterable], Iterator]) -> Iterator[Statement]:
    """A kg:Document node, in its own graph, for every document any record refers to (those of ``share``)."""
    doc_ids = set(resolved.documents)
    doc_ids.update(d for node in resolved.nodes.values() for d in node.documents)
    doc_ids.update(e.doc_id for e in resolved.edges if e.doc_id)
    doc_ids.update(i.doc_id for i in resolved.inspections)
    for doc_id in share(sorted(doc_ids)):
        doc = document_iri(doc_id)
        result = resolved.documents.get(doc_id)
        headline = result.headline if result else None
        source = result.source if result else None
        yield _quad(doc, RDF_.type, KG_.Document, doc)
        yield _quad(doc, KG_.docId, string(doc_id), doc)
        lead = result.lead if result else None
        yield _quad(doc, RDFS_.label, _zh(headline or lead) if headline or lead else string(source or doc_id),
                      doc)
        if headline:
            yield _quad(doc, KG_.headline, _zh(headline), doc)
        if source:
            yield _quad(doc, KG_.source, string(source), doc)
        date = date_literal(result.date if result else None)
        if date is not None:
            yield _quad(doc, KG_.date, date, doc)
        published = date_literal(result.published if result else None)
        if published is not None:
            yield _quad(doc, KG_.published, published, doc)
        if result and result.url:
            yield _quad(doc, KG_.url, string(result.url), doc)
        if result and result.publisher:
            yield _quad(doc, KG_.publisher, _zh(result.publisher), doc)


@cache
def _classes(kind: str) -> tuple[str, ...] | None:
    classes = KIND_CLASSES.get(kind)
    return tuple(named_node(c) for c in classes) if classes is not None else None


@cache
def _level_class(level: Any) -> str | None:
    cls = LEVEL_CLASSES.get(level) if isinstance(level, str) else None
    return named_node(cls) if cls is not None else None


def _entity(node, resolved, places_by_name: dict[str, list[str]]) -> Iterator[Statement]:
    classes = _classes(node.kind)
    if classes is None:
        log.info("node kind %r is not in the vocabulary: %s left out", node.kind, node.node_id)
        return
    subject = resource(node.node_id)
    for cls in classes:
        yield _quad(subject, RDF_.type, cls, DEFAULT_GRAPH)
    level = _level_class(node.attrs.get("level"))
    if level is not None:
        yield _quad(subject, RDF_.type, level, DEFAULT_GRAPH)
    yield _quad(subject, RDFS_.label, _zh(node.label), DEFAULT_GRAPH)
    for alias in sorted(node.aliases - {node.label}):
        yield _quad(subject, KG_.alias, _zh(alias), DEFAULT_GRAPH)
    for doc_id in sorted(node.documents):
        doc = document_iri(doc_id)
        yield _quad(subject, KG_.mentionedIn, doc, doc)
    yield from _attributes(subject, node)
    for post in node.attrs.get("posts") or []:
        yield from _post(subject, post, resolved, places_by_name)


@cache
def _attribute_property(name: str) -> tuple[str, str] | None:
    """The datatype property of a resolver attribute and its range, if kg/ontology.ttl declares it."""
    vocab = vocabulary()
    prop = vocab.datatype_property(ATTRIBUTE_PROPERTY_NAMES.get(name, name))
    return (named_node(prop), str(vocab.ranges[prop])) if prop is not None else None


def _attributes(subject: str, node) -> Iterator[Statement]:
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
                yield _quad(subject, prop, typed_literal(item, datatype), DEFAULT_GRAPH)


def _post(official: str, post: dict, resolved, places_by_name: dict[str, list[str]]) -> Iterator[Statement]:
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
    yield _quad(role, RDF_.type, ORG_.Role, default)
    yield _quad(role, RDFS_.label, _zh(title), default)
    yield _quad(post_iri, RDF_.type, ORG_.Post, default)
    yield _quad(post_iri, RDFS_.label, _zh(label), default)
    yield _quad(post_iri, ORG_.role, role, default)
    yield _quad(post_iri, ORG_.heldBy, official, default)
    yield _quad(official, ORG_.holds, post_iri, default)
    if place is not None:
        yield _quad(post_iri, KG_.jurisdiction, resource(jurisdiction), default)
    doc_id = post.get("doc_id")
    graph = document_iri(doc_id) if doc_id else default
    membership = hashed_resource("membership", official[1:-1], post_iri[1:-1], doc_id or "")
    yield _quad(membership, RDF_.type, ORG_.Membership, graph)
    yield _quad(membership, ORG_.member, official, graph)
    yield _quad(membership, ORG_.role, role, graph)
    yield _quad(membership, KG_.post, post_iri, graph)
    if place is not None:
        yield _quad(membership, KG_.jurisdiction, resource(jurisdiction), graph)
    if doc_id:
        yield _quad(membership, PROV_.wasDerivedFrom, graph, graph)
    date = date_literal(post.get("date"))
    if date is not None:
        yield _quad(membership, KG_.date, date, graph)


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
def _relation(name: str) -> str | None:
    """kg:<name> when kg/ontology.ttl declares it."""
    return getattr(KG_, name) if KG[name] in vocabulary().declared else None


def _edges(resolved, edges: Iterable) -> Iterator[Statement]:
    for edge in edges:
        predicate = _relation(edge.predicate)
        if predicate is None:
            log.info("predicate %r is not declared in kg/ontology.ttl: edge left out", edge.predicate)
            continue
        if edge.source not in resolved.nodes or edge.target not in resolved.nodes:
            continue
        subject, target = resource(edge.source), resource(edge.target)
        if not edge.doc_id:
            yield _quad(subject, predicate, target, DEFAULT_GRAPH)
            continue
        graph = document_iri(edge.doc_id)
        yield _quad(subject, predicate, target, graph)
        evidence = edge.evidence
        offsets = (evidence.start, evidence.end) if evidence else ()
        assertion = hashed_resource("assertion", subject[1:-1], predicate[1:-1], target[1:-1], edge.doc_id, *offsets)
        yield _quad(assertion, RDF_.type, KG_.Assertion, graph)
        yield _quad(assertion, RDF_.subject, subject, graph)
        yield _quad(assertion, RDF_.predicate, predicate, graph)
        yield _quad(assertion, RDF_.object, target, graph)
        yield _quad(assertion, KG_.confidence, typed_literal(edge.confidence, XSD_DECIMAL), graph)
        yield _quad(assertion, PROV_.wasDerivedFrom, graph, graph)
        if evidence is not None:
            yield _quad(assertion, KG_.evidence, _zh(evidence.sentence), graph)
            yield _quad(assertion, KG_.charStart, _integer(evidence.start), graph)
            yield _quad(assertion, KG_.charEnd, _integer(evidence.end), graph)


def _inspection(inspection, resolved) -> Iterator[Statement]:
    inspectors = [i for i in inspection.inspectors if i in resolved.nodes]
    sites = [s for s in inspection.sites if s in resolved.nodes]
    if not inspectors or not sites:
        return
    graph = document_iri(inspection.doc_id)
    subject = resource(f"inspection/{inspection.inspection_id}")
    names = "、".join(resolved.nodes[i].label for i in inspectors)
    places = "、".join(resolved.nodes[s].label for s in sites)
    yield _quad(subject, RDF_.type, KG_.Inspection, graph)
    yield _quad(subject, RDFS_.label, _zh(f"{names}调研{places}"), graph)
    yield _quad(subject, PROV_.wasDerivedFrom, graph, graph)
    yield _quad(subject, KG_.mentionedIn, graph, graph)
    date = date_literal(inspection.date)
    if date is not None:
        yield _quad(subject, KG_.date, date, graph)
    for sentence in sorted({e.sentence for e in inspection.evidence}):
        yield _quad(subject, KG_.evidence, _zh(sentence), graph)
    for inspector in inspectors:
        yield _quad(subject, KG_.inspector, resource(inspector), graph)
        for site in sites:  # every visit implies the direct edge
            yield _quad(resource(inspector), KG_.inspected, resource(site), graph)
    for site in sites:
        yield _quad(subject, KG_.site, resource(site), graph)
