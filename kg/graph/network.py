"""The networkx view of the RDF graph: entities as nodes, relations as edges (one per triple).

It is derived from the RDF, so a graph loaded back from its files has the same view as a freshly built
one. Node ids are the resolver's node ids (``official/张三``). Documents, inspections, assertions and
posts stay in the RDF: the view is the entity network people look at in Gephi or analyse.

:func:`network_of_quads` makes it from a stream of sorted quads, one subject at a time: memory grows with
the view, not with the quads, and a build needs no store for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from sys import intern
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.graph import KG, KIND_CLASSES, LEVEL_CLASSES, PREFIXES, RELATIONS, local_id
from kg.graph.sorted_quads import by_subject
from kg.graph.vocabulary import vocabulary

if TYPE_CHECKING:  # networkx takes 0.4 s to import: the file writers read a Network instead
    import networkx as nx

# Properties that may hold several values: the view keeps them as lists under the resolver's attr name.
LIST_ATTRIBUTES = {str(KG.title): "titles", str(KG.alias): "aliases"}
NUMERIC_DATATYPES = {PREFIXES["xsd"] + name: convert
                     for name, convert in (("decimal", float), ("double", float), ("float", float), ("integer", int))}
# The class of each kind (its first, most specific one) → the kind, and each level class → the level, in the
# order of KIND_CLASSES and LEVEL_CLASSES.
KIND_OF: dict[str, str] = {}
for _kind, _classes in KIND_CLASSES.items():
    KIND_OF.setdefault(str(_classes[0]), _kind)
del _kind, _classes
LEVEL_OF = {str(cls): level for level, cls in LEVEL_CLASSES.items()}
_ENTITY_CLASSES = frozenset(KIND_OF).union(LEVEL_OF)
RELATION_IRIS = frozenset(str(KG[r]) for r in RELATIONS)

def python_value(literal: ox.Literal) -> Any:
    """Numbers as int/float, everything else (dates included) as its lexical form."""
    convert = NUMERIC_DATATYPES.get(literal.datatype.value)
    return convert(literal.value) if convert else literal.value


# Predicates network_of_quads reads (compared as strings: one dict lookup per quad).
_RDF, _RDFS, _PROV = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["prov"]
_TYPE, _LABEL = _RDF + "type", _RDFS + "label"
_SUBJECT, _PREDICATE, _OBJECT = _RDF + "subject", _RDF + "predicate", _RDF + "object"
_DERIVED_FROM = _PROV + "wasDerivedFrom"
_CONFIDENCE, _EVIDENCE, _DOC_ID, _MENTIONED_IN, _DATE = (str(KG[name]) for name in (
    "confidence", "evidence", "docId", "mentionedIn", "date"))
HEADLINE_SEPARATOR = "\n"  # between the documents' labels of an edge row (a label is one line)


def network_of_quads(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    """The view of the dataset whose quads (default and named graphs) are ``quads``, in sorted N-Quads line
    order, or any order where all quads of one subject are contiguous.

    The graph four SPARQL queries over the union of the graphs give (tests/test_network.py has them: a triple
    in several graphs counts once), read one subject at a time: each subject's quads are folded into its
    node's attributes, the relation triples it states and, for an assertion, the support of its triple per
    document; what joins subjects (whether a document has a kg:docId, whether an asserted triple is stated,
    whether an edge's ends are nodes) is settled at the end on dicts keyed by IRI strings (interned: an IRI
    kept in several keys is stored once). Memory grows with nodes, edges and their documents, not with the
    quads.

    Where the SPARQL version's result follows the order of the query's rows, this one is deterministic:

    - several rdfs:labels: the smallest (code-point order of the lexical form; SPARQL kept the last row's);
    - several values of a single-valued literal property: the smallest lexical form, then datatype and
      language (SPARQL kept the first row's);
    - several kind classes: official beats person, else the first in KIND_CLASSES order; several level
      classes: the last in LEVEL_CLASSES order (as the SPARQL rows come: in the order of the query's VALUES);
    - attribute order: as the SPARQL version's (label, type, level, ..., documents, mentions) but for the
      literal properties, which are in code-point order of their predicate IRIs (SPARQL's came in the order
      Oxigraph evaluated the query, which changes with the order the store was loaded in);
    - edges with the same (source, predicate, target) ids (distinct IRIs with one node id): in stream order.
    """
    import networkx as nx

    reader = NetworkReader()
    for subject, objects in by_subject(quads):
        reader.add(subject, objects)
    return reader.view(nx.MultiDiGraph())


class NetworkReader:
    """:func:`network_of_quads` one subject at a time (:meth:`add`), so that the pass over the quads that
    makes the view can feed other readers too (the tables, the Turtle file)."""

    def __init__(self):
        self.nodes: dict[str, tuple[dict[str, Any], list[str]]] = {}  # node id → (attributes so far, mentioned docs)
        self.doc_ids: dict[str, list[str]] = {}  # document IRI → its kg:docId values
        self.doc_about: dict[str, tuple[str | None, str | None]] = {}  # document IRI → (dated kg:date, rdfs:label)
        self.triples: dict[tuple[str, str, str], None] = {}  # relation triples (s, p, o IRIs), in stream order
        self.support: dict[tuple[str, str, str], list[tuple]] = {}  # asserted triple → [(doc, confidence, evidence)]

    def add(self, s: str, objects: dict[str, list[ox.Term]]) -> None:
        """Fold the subject ``s`` with its objects by predicate (as :func:`by_subject` gives them)."""
        if _TYPE in objects:
            _fold_entity(self.nodes, s, objects)
        if _DOC_ID in objects:
            self.doc_ids[intern(s)] = [term.value for term in objects[_DOC_ID]]
            self.doc_about[s] = (
                min((t.value for t in objects.get(_DATE, ()) if not t.value.startswith("--")), default=None),
                min((t.value for t in objects.get(_LABEL, ())), default=None))
        if _SUBJECT in objects:
            _fold_assertion(self.support, objects)
        for predicate in RELATION_IRIS.intersection(objects):
            for o in objects[predicate]:
                self.triples[intern(s), intern(predicate), intern(o.value)] = None

    def view(self, graph: nx.MultiDiGraph | Network) -> nx.MultiDiGraph | Network:
        """``graph`` (empty) made the view of the subjects added (once: the reader is emptied)."""
        rows = list(_supported(self.triples, self.support, self.doc_ids, self.doc_about))
        self.triples, self.support = {}, {}  # the edges' rows hold what the graph needs of them
        found = {}
        for node_id, (attrs, mentioned) in self.nodes.items():
            documents = [local_id(doc).removeprefix("doc/") for doc in mentioned if doc in self.doc_ids]
            if documents:
                attrs.setdefault("documents", []).extend(documents)
            found[node_id] = attrs
        self.nodes, self.doc_ids, self.doc_about = {}, {}, {}
        _add_found(graph, found)
        _add_edge_rows(graph, rows)
        return graph


def _fold_entity(nodes: dict, s: str, objects: dict[str, list[ox.Term]]) -> None:
    """A subject typed with a kind or level class becomes a node: label, type, level, literal properties
    (kind classes only) and the documents it is kg:mentionedIn (kept until the documents are known)."""
    if _ENTITY_CLASSES.isdisjoint([term.value for term in objects[_TYPE]]):
        return  # most subjects: assertions, documents, posts, inspections
    types = {term.value for term in objects[_TYPE] if isinstance(term, ox.NamedNode)}
    kinds = [kind for cls, kind in KIND_OF.items() if cls in types]
    levels = [level for cls, level in LEVEL_OF.items() if cls in types]
    if not kinds and not levels:
        return
    attrs: dict[str, Any] = {}
    if _LABEL in objects:
        attrs["label"] = min(term.value for term in objects[_LABEL])
    for kind in kinds:
        if _more_specific(kind, attrs.get("type")):
            attrs["type"] = kind
    if levels:
        attrs["level"] = levels[-1]
    if kinds:
        for predicate in sorted(objects):
            if predicate == _LABEL:
                continue
            literals = [term for term in objects[predicate] if isinstance(term, ox.Literal)]
            if not literals:
                continue
            if predicate in LIST_ATTRIBUTES:
                attrs.setdefault(LIST_ATTRIBUTES[predicate], []).extend(term.value for term in literals)
            else:
                value = literals[0] if len(literals) == 1 else min(literals, key=_literal_order)
                attrs.setdefault(_fragment(predicate) or local_id(predicate), python_value(value))
    mentioned = [intern(term.value) for term in objects.get(_MENTIONED_IN, ())]
    nodes[intern(local_id(s))] = (attrs, mentioned)


def _literal_order(literal: ox.Literal) -> tuple[str, str, str]:
    return literal.value, literal.datatype.value, literal.language or ""


def _fold_assertion(support: dict, objects: dict[str, list[ox.Term]]) -> None:
    """An assertion's confidence (the largest) and evidence (the smallest) for each relation triple it
    asserts, with each document it comes from (whether those have a kg:docId is known at the end)."""
    confidences, derived_from = objects.get(_CONFIDENCE), objects.get(_DERIVED_FROM)
    if not confidences or not derived_from or _PREDICATE not in objects or _OBJECT not in objects:
        return
    confidence = max(float(term.value) for term in confidences)
    evidence = min((term.value for term in objects.get(_EVIDENCE, ())), default=None)
    if evidence is not None:
        evidence = intern(evidence)  # the sentence of several assertions
    sources = [(intern(doc), confidence, evidence) for doc in {term.value for term in derived_from}]
    for p in {term.value for term in objects[_PREDICATE]} & RELATION_IRIS:
        for s in {term.value for term in objects[_SUBJECT]}:
            for o in {term.value for term in objects[_OBJECT]}:
                key = intern(s), intern(p), intern(o)
                if key in support:
                    support[key].extend(sources)
                else:
                    support[key] = sources.copy()


def _supported(triples: dict, support: dict, doc_ids: dict[str, list[str]],
               doc_about: dict[str, tuple[str | None, str | None]]) -> Iterator[tuple]:
    """The edge rows of the relation triples: confidence (the largest), document ids, evidence (the
    smallest), first and last date (of the documents' dates with a year) and the documents' labels, over the
    documents of their assertions that have a kg:docId."""
    for key in triples:
        confidence = evidence = None
        ids: set[str] = set()
        dates: set[str] = set()
        labels: set[str] = set()
        for doc, doc_confidence, doc_evidence in support.pop(key, ()):
            if doc in doc_ids:
                ids.update(doc_ids[doc])
                date, label = doc_about[doc]
                dates.update([date] if date else [])
                labels.update([label] if label else [])
                confidence = doc_confidence if confidence is None else max(confidence, doc_confidence)
                if doc_evidence is not None and (evidence is None or doc_evidence < evidence):
                    evidence = doc_evidence
        s, p, o = key
        yield (intern(local_id(s)), p, intern(local_id(o)), confidence, " ".join(ids), evidence, min(dates, default=None),
               max(dates, default=None), HEADLINE_SEPARATOR.join(labels) if labels else None)


def _fragment(iri: str) -> str:
    """What follows the first '#' ('' when there is none), as rdflib's URIRef.fragment."""
    return iri.partition("#")[2]


def _add_found(graph: nx.MultiDiGraph | Network, found: dict[str, dict[str, Any]]) -> None:
    """The nodes in id order, their lists sorted and deduplicated, with their defaults."""
    for node_id in sorted(found):
        attrs = found[node_id]
        if "type" not in attrs:  # only a level class: still a place
            attrs["type"] = "place"
        for name in ("titles", "aliases", "documents"):
            if name in attrs:
                attrs[name] = sorted(set(attrs[name]))
        attrs["mentions"] = len(attrs.get("documents", []))
        attrs.setdefault("label", node_id.rsplit("/", 1)[-1])
        graph.add_node(node_id, **attrs)


def _more_specific(kind: str, current: str | None) -> bool:
    """official beats person: the first class of a kind is its most specific one."""
    return current is None or (current == "person" and kind == "official")


def _add_edge_rows(graph: nx.MultiDiGraph | Network, rows: Iterable[tuple]) -> None:
    """One edge per row (source id, predicate IRI, target id, confidence, space-separated document ids,
    evidence, first date, last date, the documents' labels separated by :data:`HEADLINE_SEPARATOR`), keyed by
    the row's number in (source, predicate, target) order, rows whose ends are not nodes included (they are
    numbered, then skipped)."""
    labels = {str(term): label for term, label in vocabulary().labels_zh.items()}
    for number, (source, predicate, target, confidence, docs, evidence, first, last, headlines) in enumerate(
            sorted(rows, key=lambda row: row[:3])):
        if source not in graph or target not in graph:
            continue
        relation = _fragment(predicate)
        graph.add_edge(
            source, target, key=f"e{number}",
            relation=relation, label=labels.get(predicate, relation),
            confidence=float(confidence) if confidence is not None else None,
            documents=sorted(map(intern, docs.split())) if docs is not None else [],  # the ids of many edges
            evidence=evidence,
            first_date=first, last_date=last,
            headlines=sorted(set(map(intern, headlines.split(HEADLINE_SEPARATOR)))) if headlines else [],
        )


class Network:
    """The view as the file writers read it, in about a third of the memory of a networkx graph: the part
    of ``nx.MultiDiGraph``'s interface they use (``nodes``, ``edges``, ``out_edges``, ``degree``, ``in``),
    giving the same nodes and edges in the same order. An edge is one tuple (networkx keeps a dict of its
    attributes and one in each of two adjacency dicts of dicts), its attribute dict made when it is read.

    Built as networkx graphs are (:func:`_add_found`, :func:`_add_edge_rows`), every node before the edges."""

    def __init__(self):
        self.nodes = _Nodes()  # node id → attributes
        self._edges: list[tuple] = []  # (source, target, key, attribute names, *values), in networkx's order
        self._ordered = True
        self._out: dict[str, tuple[int, int]] | None = None  # source → the range of its edges in self._edges
        self._degree: Counter | None = None
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per set of attribute names

    def add_node(self, node: str, **attrs) -> None:
        self.nodes[node] = attrs

    def add_edge(self, source: str, target: str, key: str, **attrs) -> None:
        names = tuple(attrs)
        names = self._names.setdefault(names, names)
        self._edges.append((source, target, key, names, *attrs.values()))
        self._ordered = self._out = self._degree = None

    def __contains__(self, node) -> bool:
        return node in self.nodes

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return len(self._edges)

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[tuple]:
        """(source, target[, key][, attributes]) of every edge, as ``nx.MultiDiGraph.edges`` gives them."""
        for edge in self._in_order():
            yield edge[:3 if keys else 2] + ((dict(zip(edge[3], edge[4:])),) if data else ())

    def out_edges(self, node: str, data: bool | str = False) -> Iterator[tuple]:
        """(source, target[, attributes]) of the node's edges; with ``data`` an attribute's name, (source,
        target, its value or None), as networkx gives them (no attribute dict is made for it)."""
        if self._out is None:
            self._out = {}
            for number, edge in enumerate(self._in_order()):
                start, _ = self._out.get(edge[0], (number, number))
                self._out[edge[0]] = (start, number + 1)
        start, stop = self._out.get(node, (0, 0))
        for edge in self._edges[start:stop]:
            if data is True:
                yield edge[:2] + (dict(zip(edge[3], edge[4:])),)
            elif data:
                names = edge[3]
                yield edge[:2] + ((edge[4 + names.index(data)] if data in names else None),)
            else:
                yield edge[:2]

    def degree(self, node: str) -> int:
        """Edges in and out (a loop counts twice), as networkx counts them."""
        if self._degree is None:
            self._degree = Counter(end for edge in self._edges for end in edge[:2])
        return self._degree[node]

    def _in_order(self) -> list[tuple]:
        """The edges in networkx's order: by source (in node order), then by target (in the order each was
        first linked from that source), then as added."""
        if not self._ordered:
            position = {node: number for number, node in enumerate(self.nodes)}
            first: dict[tuple[str, str], int] = {}
            for number, edge in enumerate(self._edges):
                first.setdefault(edge[:2], number)
            self._edges.sort(key=lambda edge: (position[edge[0]], first[edge[:2]]))  # stable: then as added
            self._ordered = True
        return self._edges


class _Nodes(dict):
    """node id → attributes, also callable as ``nx.MultiDiGraph.nodes`` is: ``nodes(data=True)``."""

    def __call__(self, data: bool = False):
        return self.items() if data else self.keys()
