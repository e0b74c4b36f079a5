"""resolve stage: merge per-document results into one node per real-world entity.

Nodes are keyed by stable identifiers (places by gazetteer code, people and organisations by canonical
name, projects by canonical name), so the same input always yields the same IRIs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.model import DocumentResult, Evidence, Fact


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
    documents: dict[str, DocumentResult] = field(default_factory=dict)


def node_id(kind: str, name: str, attrs: dict[str, Any] | None = None) -> str:
    """Stable id: places by adcode where known, everything else by canonical name."""
    attrs = attrs or {}
    if kind == "place" and attrs.get("adcode"):
        return f"place/{attrs['adcode']}"
    if kind == "place" and attrs.get("ancestors"):
        parent = attrs["ancestors"][-1]
        return f"place/{parent.get('adcode') or parent['name']}/{name}"
    return f"{kind}/{name}"


def resolve(results: Iterable[DocumentResult], min_confidence: float = 0.0) -> Resolved:
    """Merge documents: one node per entity id, edges de-duplicated per (source, predicate, target, doc)."""
    resolved = Resolved()
    for result in results:
        resolved.documents[result.doc_id] = result
        ids: dict[tuple[str, str], str] = {}
        for entity in result.entities:
            nid = node_id(entity.kind, entity.name, entity.attrs)
            ids[entity.key] = nid
            node = resolved.nodes.get(nid)
            if node is None:
                node = resolved.nodes[nid] = Node(nid, entity.kind, entity.name)
            node.aliases.update(a for a in entity.aliases if a != node.label)
            node.documents.add(result.doc_id)
            _merge_attrs(node.attrs, entity.attrs, result)
            if entity.kind == "place":
                _add_ancestors(resolved, nid, entity.attrs.get("ancestors") or [])
        for fact in result.facts:
            if fact.confidence < min_confidence:
                continue
            _add_fact(resolved, ids, fact, result.doc_id)
        for inspection in result.inspections:
            inspectors = [ids[("official", n)] for n in inspection.inspectors if ("official", n) in ids]
            sites = [ids[("project", n)] for n in inspection.sites if ("project", n) in ids]
            if not inspectors or not sites:
                continue
            digest = hashlib.sha1(
                "|".join([result.doc_id, *sorted(inspectors), *sorted(sites)]).encode()
            ).hexdigest()[:16]
            resolved.inspections.append(
                ResolvedInspection(digest, inspectors, sites, inspection.date, result.doc_id,
                                   inspection.evidence)
            )
    return resolved


def _merge_attrs(target: dict[str, Any], new: dict[str, Any], result: DocumentResult) -> None:
    for key, value in new.items():
        if key == "ancestors":
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


def _add_ancestors(resolved: Resolved, nid: str, ancestors: list[dict[str, Any]]) -> None:
    """Gazetteer ancestors become place nodes (without documents) linked by partOf edges."""
    child = nid
    for depth in range(len(ancestors) - 1, -1, -1):
        ancestor = ancestors[depth]
        parent_id = node_id("place", ancestor["name"], {**ancestor, "ancestors": ancestors[:depth]})
        if parent_id not in resolved.nodes:
            attrs = {k: ancestor[k] for k in ("level", "adcode") if ancestor.get(k)}
            resolved.nodes[parent_id] = Node(parent_id, "place", ancestor["name"], attrs=attrs)
        edge = Edge(child, "partOf", parent_id, 1.0)
        if not any(e.source == child and e.predicate == "partOf" for e in resolved.edges):
            resolved.edges.append(edge)
        child = parent_id


def _add_fact(resolved: Resolved, ids: dict[tuple[str, str], str], fact: Fact, doc_id: str) -> None:
    source = ids.get(tuple(fact.subject))
    if source is None:
        return
    if isinstance(fact.object, tuple):
        target = ids.get(fact.object)
        if target is None:
            return
        resolved.edges.append(Edge(source, fact.predicate, target, fact.confidence, doc_id, fact.evidence))
    else:
        node = resolved.nodes[source]
        node.attrs.setdefault(fact.predicate, fact.object)
