"""The Python API: ``kg.build(inputs) -> KnowledgeGraph``. The CLI is a thin layer over it.

Stages run in the order of the design: ingest → normalise → nlp (entities) → relations → resolve → graph.
A document that fails at any stage becomes a failure in the report; the others are still built.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.ingest import expand_inputs, read_path
from kg.model import Document, DocumentResult, Failure
from kg.resolve import resolve


@dataclass
class BuildReport:
    """What a build read, made and could not read: printed by ``kg build`` and saved as report.json."""

    documents: int = 0
    failures: list[Failure] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "entities": dict(sorted(self.entities.items())),
            "relations": dict(sorted(self.relations.items())),
            "failures": [f.__dict__ for f in self.failures],
            "timings": {k: round(v, 3) for k, v in sorted(self.timings.items())},
        }


def process_document(document: Document, config: str | None = None) -> DocumentResult:
    """One document through normalise → nlp → relations."""
    from kg.nlp import load, make_doc
    from kg.normalise import normalise
    from kg.relations.collect import document_result

    clean = normalise(document)
    return document_result(make_doc(clean, load(config)))


def extract(
    inputs: Iterable[str],
    config: str | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> tuple[list[DocumentResult], BuildReport]:
    """Per-document results for every readable input; failures are recorded, never raised."""
    report = BuildReport()
    started = time.perf_counter()
    paths, failures = expand_inputs(inputs)
    report.failures.extend(failures)
    results: list[DocumentResult] = []
    seen: set[str] = set()
    for number, path in enumerate(paths, start=1):
        for item in read_path(path):
            if isinstance(item, Failure):
                report.failures.append(item)
                continue
            if item.doc_id in seen:
                continue
            seen.add(item.doc_id)
            try:
                results.append(process_document(item, config))
            except Exception as exc:  # one broken document never stops the build
                report.failures.append(Failure(item.source, "nlp", f"{type(exc).__name__}: {exc}"))
        if on_progress:
            on_progress(path, number, len(paths))
    report.documents = len(results)
    report.timings["extract"] = time.perf_counter() - started
    return results, report


def build(
    inputs: Iterable[str] | str,
    config: str | None = None,
    min_confidence: float = 0.0,
    on_progress: Callable[[str, int, int], None] | None = None,
):
    """Build the knowledge graph of ``inputs`` (files, folders, globs, ``-`` for stdin)."""
    from kg.knowledge_graph import KnowledgeGraph

    if isinstance(inputs, str):
        inputs = [inputs]
    results, report = extract(inputs, config, on_progress)
    started = time.perf_counter()
    resolved = resolve(results, min_confidence=min_confidence)
    for node in resolved.nodes.values():
        if node.documents:
            report.entities[node.kind] += 1
    for edge in resolved.edges:
        report.relations[edge.predicate] += 1
    report.relations["inspection"] = len(resolved.inspections)
    report.timings["resolve"] = time.perf_counter() - started
    started = time.perf_counter()
    graph = KnowledgeGraph.from_resolved(resolved, report=report.to_dict())
    report.timings["graph"] = time.perf_counter() - started
    graph.report = report.to_dict()
    return graph
