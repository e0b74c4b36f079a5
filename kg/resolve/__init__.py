"""resolve stage: merge per-document results into one node per real-world entity.

Nodes are keyed by stable identifiers (places by gazetteer code, people and organisations by canonical
name, projects by canonical name), so the same input always yields the same IRIs.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from kg.cache import Results
from kg.model import (
    ATTENDED,
    LOCATED_IN,
    OFFICIAL,
    ORGANIZATION,
    PART_OF,
    PLACE,
    PROJECT,
    DocumentResult,
    Evidence,
    Fact,
)
from kg.resolve.bodies import body_level
from kg.resolve.labels import post_label
from kg.resolve.people import PersonIds
from kg.resolve.projects import ProjectRecord, cluster_label, cluster_projects, project_core


@dataclass
class Node:
    node_id: str  # "kind/local-id", becomes the IRI kgr:<node_id>
    kind: str
    label: str
    aliases: set[str] = field(default_factory=set)
    attrs: dict[str, Any] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)  # doc ids it is mentioned in (empty: gazetteer only)


@dataclass
class Edge:
    source: str  # node ids
    predicate: str
    target: str
    confidence: float
    doc_id: str | None = None
    evidence: Evidence | None = None


@dataclass
class ResolvedInspection:
    inspection_id: str
    inspectors: list[str]  # node ids
    sites: list[str]
    date: str | None
    doc_id: str
    evidence: list[Evidence]


@dataclass
class Resolved:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    inspections: list[ResolvedInspection] = field(default_factory=list)
    documents: dict[str, DocumentResult] = field(default_factory=dict)  # without their records


def place_id(name: str, attrs: dict[str, Any]) -> str:
    """Places by adcode where known, else by the parent's id and the name (towns, villages, zones)."""
    if attrs.get("adcode"):
        return f"place/{attrs['adcode']}"
    ancestors = attrs.get("ancestors") or []
    if ancestors:
        parent = ancestors[-1]
        return f"{place_id(parent['name'], {**parent, 'ancestors': ancestors[:-1]})}/{name}"
    return f"place/{name}"


def resolve(results: Iterable[DocumentResult], min_confidence: float = 0.0) -> Resolved:
    """Merge documents into one node per real-world entity; facts below ``min_confidence`` are dropped.

    The results are read twice in doc-id order: first for places, people and project names, then for
    everything else. :class:`kg.cache.Results` reads them back from the result cache each time, so that a
    build never holds every document's records at once; any other iterable is sorted into a list first.
    """
    if not isinstance(results, Results):
        results = sorted(results, key=lambda r: r.doc_id)  # the same inputs in any order → the same graph
    resolved = Resolved()
    ids = _PlaceIndex(resolved)
    person_ids = PersonIds(ids.province)
    named_projects: list[tuple[str, str, str | None]] = []
    for result in results:
        # each document's headline, source, date and home place (its records are merged below, not kept)
        resolved.documents[result.doc_id] = replace(result, entities=[], facts=[], inspections=[])
        for entity in result.entities:
            if entity.kind == PLACE:
                ids.add(result.doc_id, entity.name, entity.attrs)
        person_ids.add(result)
        named_projects.extend(_named_projects(result, ids))
    people = person_ids.ids()
    projects = _project_labels(named_projects, ids)

    for result in results:
        local: dict[tuple[str, str], str] = {}
        for entity in result.entities:
            if entity.kind == PLACE:
                nid, kind = ids.of(result.doc_id, entity.name), PLACE
            elif (result.doc_id, entity.kind, entity.name) in people:
                nid, kind = people[(result.doc_id, entity.kind, entity.name)]
            elif entity.kind == PROJECT:
                nid, kind = f"project/{projects[(result.doc_id, entity.name)]}", PROJECT
            elif entity.kind == ORGANIZATION and (served := ids.served(result.doc_id, entity.name)):
                nid, kind = f"organization/{entity.name}@{served}", ORGANIZATION  # label: the name as written
                entity = replace(entity, aliases=[*entity.aliases, post_label(entity.name, ids.label[served])])
            else:
                nid, kind = f"{entity.kind}/{entity.name}", entity.kind
            local[entity.key] = nid
            node = resolved.nodes.get(nid)
            if node is None:
                label = nid.split("/", 1)[1].split("@")[0] if kind != PLACE else entity.name
                node = resolved.nodes[nid] = Node(nid, kind, label)
            elif not node.documents and node.label != entity.name:
                # a gazetteer ancestor named in a text: the name the text uses is its label
                node.aliases.add(node.label)
                node.label = entity.name
            node.kind = OFFICIAL if OFFICIAL in (node.kind, kind) else node.kind
            node.aliases.update(entity.aliases, entity.attrs.get("aliases", ()))
            if entity.name != node.label:
                node.aliases.add(entity.name)
            node.documents.add(result.doc_id)
            attrs = entity.attrs
            if attrs.get("posts"):
                posts = [{**post, "jurisdiction": ids.named(result.doc_id, post.get("jurisdiction"))}
                         for post in attrs["posts"]]
                attrs = {**attrs, "posts": posts}
            _merge_attrs(node.attrs, attrs, result)
        for fact in result.facts:
            if fact.confidence >= min_confidence:
                _add_fact(resolved, local, fact, result.doc_id)
        for inspection in result.inspections:
            _add_inspection(resolved, local, inspection, result)
    resolved.edges = _deduplicate(resolved.edges)
    return resolved


class _PlaceIndex:
    """Place node ids per document, gazetteer ancestors as nodes with partOf edges, provinces."""

    def __init__(self, resolved: Resolved):
        self.resolved = resolved
        self.by_doc: dict[tuple[str, str], str] = {}
        self.parent: dict[str, str] = {}
        self.label: dict[str, str] = {}
        self.zones: set[str] = set()  # ids of development zones, new districts: places no level word names
        self.in_doc: dict[str, list[str]] = {}  # doc id → ids of the places it mentions

    def add(self, doc_id: str, name: str, attrs: dict[str, Any]) -> None:
        nid = place_id(name, attrs)
        self.by_doc[(doc_id, name)] = nid
        self.in_doc.setdefault(doc_id, []).append(nid)
        self.label[nid] = name
        if attrs.get("level") == "zone":
            self.zones.add(nid)
        child = nid
        ancestors = attrs.get("ancestors") or []
        for depth in range(len(ancestors) - 1, -1, -1):
            ancestor = ancestors[depth]
            parent_id = place_id(ancestor["name"], {**ancestor, "ancestors": ancestors[:depth]})
            self.label.setdefault(parent_id, ancestor["name"])
            if parent_id not in self.resolved.nodes:
                level = {k: ancestor[k] for k in ("level", "adcode") if ancestor.get(k)}
                self.resolved.nodes[parent_id] = Node(parent_id, PLACE, ancestor["name"], attrs=level)
            if child not in self.parent:
                self.parent[child] = parent_id
                self.resolved.edges.append(Edge(child, PART_OF, parent_id, 1.0))
            child = parent_id

    def of(self, doc_id: str, name: str) -> str:
        return self.by_doc[(doc_id, name)]

    def named(self, doc_id: str, name: str | None) -> str | None:
        """Node id of the place a document calls ``name``: one it mentions, or an ancestor of one."""
        if not name:
            return None
        if (doc_id, name) in self.by_doc:
            return self.by_doc[(doc_id, name)]
        for nid in self.in_doc.get(doc_id, []):
            found = next((a for a in self.chain(nid) if self.label.get(a) == name), None)
            if found:
                return found
        return None

    def served(self, doc_id: str, body: str) -> str | None:
        """The place a body named by its level word serves (市国资委: the city of the article), as
        :mod:`kg.resolve.bodies` says (a zone is none: 高新区 is no 区); None for other names, a name that
        opens with a place the document names (市中区发改局), or no place of that level."""
        suffix = body_level(body)
        places = self.in_doc.get(doc_id, [])
        if suffix is None or any(body.startswith(self.label[nid]) for nid in places):
            return None
        home = self.resolved.documents[doc_id].home_place
        home_id = self.by_doc.get((doc_id, home)) if home else None
        for nid in self.chain(home_id) if home_id else []:
            if self.label[nid].endswith(suffix) and nid not in self.zones:
                return nid
        named = Counter(nid for place in places for nid in self.chain(place)
                        if self.label[nid].endswith(suffix) and nid not in self.zones)
        return named.most_common(1)[0][0] if named else None

    def chain(self, nid: str) -> list[str]:
        """The place and its ancestors, bottom up."""
        out = [nid]
        while out[-1] in self.parent and len(out) < 8:
            out.append(self.parent[out[-1]])
        return out

    def province(self, doc_id: str, name: str | None) -> str | None:
        """Province (top of the chain) of a place named in a document, or of the document's home place."""
        if name is None:
            name = self.resolved.documents[doc_id].home_place
        nid = self.by_doc.get((doc_id, name)) if name else None
        return self.chain(nid)[-1] if nid else None


def _named_projects(result: DocumentResult, places: _PlaceIndex) -> Iterator[tuple[str, str, str | None]]:
    """(doc id, project name, id of the place the document says it is in) for each project of a document
    whose places are in ``places``."""
    located = {
        fact.subject[1]: places.by_doc.get((result.doc_id, fact.object[1]))
        for fact in result.facts
        if fact.predicate == LOCATED_IN and isinstance(fact.object, tuple)
    }
    for entity in result.entities:
        if entity.kind == PROJECT:
            yield result.doc_id, entity.name, located.get(entity.name)


def _project_labels(named: list[tuple[str, str, str | None]], places: _PlaceIndex) -> dict[tuple[str, str], str]:
    """(doc_id, project name) → the local id of the cross-document project it belongs to.

    The id is the project's label; two different projects with one label are told apart by the most
    specific place each is located in (then by document).
    """
    place_names = set(places.label.values())
    place_names |= {name[:-1] for name in place_names if len(name) > 2}  # 大同市 → 大同
    records = [ProjectRecord(doc_id, name, project_core(name, place_names), where,
                             frozenset(places.chain(where)) if where else frozenset())
               for doc_id, name, where in named]
    clusters = cluster_projects(records)
    labels = Counter(cluster_label(cluster) for cluster in clusters)
    ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for cluster in sorted(clusters, key=lambda c: min((r.doc_id, r.name) for r in c)):
        local = label = cluster_label(cluster)
        if labels[label] > 1:
            deepest = max((r.places for r in cluster), key=len)
            where = max(deepest, key=lambda nid: len(places.chain(nid)), default=None)
            local = f"{label}@{places.label[where] if where else cluster[0].doc_id}"
            if local in taken:
                local = f"{label}@{cluster[0].doc_id}"
        taken.add(local)
        for record in cluster:
            ids[(record.doc_id, record.name)] = local
    return ids


def _merge_attrs(target: dict[str, Any], new: dict[str, Any], result: DocumentResult) -> None:
    """Lists are unioned; posts are stamped with their document and date; scalars keep the first value."""
    for key, value in new.items():
        if key in ("ancestors", "aliases"):
            continue
        if key == "posts":
            posts = target.setdefault("posts", [])
            for post in value:
                post = {**post, "doc_id": result.doc_id, "date": result.date}
                if post not in posts:
                    posts.append(post)
        elif isinstance(value, list):
            existing = target.setdefault(key, [])
            existing.extend(v for v in value if v not in existing)
        else:
            target.setdefault(key, value)


def _add_fact(resolved: Resolved, local: dict[tuple[str, str], str], fact: Fact, doc_id: str) -> None:
    """Entity-to-entity facts become edges; literal facts become attributes of the subject."""
    source = local.get(tuple(fact.subject))
    if source is None:
        return
    if isinstance(fact.object, tuple):
        target = local.get(fact.object)
        if target is not None and target != source:
            resolved.edges.append(Edge(source, fact.predicate, target, fact.confidence, doc_id, fact.evidence))
    elif fact.predicate == ATTENDED:
        event = f"event/{doc_id}/{fact.object}"
        if event not in resolved.nodes:
            resolved.nodes[event] = Node(event, "event", str(fact.object), documents={doc_id})
        resolved.edges.append(Edge(source, ATTENDED, event, fact.confidence, doc_id, fact.evidence))
    else:
        resolved.nodes[source].attrs.setdefault(fact.predicate, fact.object)


def _add_inspection(resolved: Resolved, local, inspection, result: DocumentResult) -> None:
    inspectors = sorted({local[(OFFICIAL, n)] for n in inspection.inspectors if (OFFICIAL, n) in local})
    sites = sorted({local[(PROJECT, n)] for n in inspection.sites if (PROJECT, n) in local})
    if not inspectors or not sites:
        return
    digest = hashlib.sha1("|".join([result.doc_id, *inspectors, *sites]).encode()).hexdigest()[:16]
    resolved.inspections.append(
        ResolvedInspection(digest, inspectors, sites, inspection.date, result.doc_id, inspection.evidence)
    )


def _deduplicate(edges: list[Edge]) -> list[Edge]:
    """One edge per (source, predicate, target, document): the most confident one."""
    best: dict[tuple, Edge] = {}
    for edge in edges:
        key = (edge.source, edge.predicate, edge.target, edge.doc_id)
        if key not in best or edge.confidence > best[key].confidence:
            best[key] = edge
    return list(best.values())
