"""resolve stage: merge per-document results into one node per real-world entity.

Nodes are keyed by stable identifiers (places by gazetteer code, people and organisations by canonical
name, projects by canonical name), so the same input always yields the same IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.model import DocumentResult, Evidence


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
