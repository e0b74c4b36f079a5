"""The Python API: ``kg.build(inputs) -> KnowledgeGraph``. The CLI is a thin layer over it.

Stages run in the order of the design: ingest → normalise → nlp (entities) → relations → resolve → graph.
A document that fails at any stage becomes a failure in the report; the others are still built.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import multiprocessing
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

from kg.cache import ALL_SOURCES, CachedResult, ResultCache, Results, fingerprint
from kg.coverage import Coverage, compact_result, coverage
from kg.extraction import (GC_THRESHOLDS, POOL_TASK_JOBS, SHARD_CHARS, ClusterError, Job, Outcome, guided_size,
                           process_paths, processed_paths)
from kg.ingest import expand_inputs
from kg.model import DocumentResult, Failure
from kg.resolve import Resolved, resolve

log = logging.getLogger(__name__)

CACHE_FOLDER = ".kg-cache"  # per-document results, inside the output folder


class NoDocuments(ValueError):
    """No input held a readable document: a mistyped path, an empty folder. Nothing is written, so a
    typo never replaces a good graph with an empty one."""

    def __init__(self, inputs: list[str], failures: list[Failure]):
        self.failures = failures
        super().__init__(f"no document could be read from {', '.join(inputs) or 'the inputs'}")


@dataclass
class BuildReport:
    """What a build read, made and could not read: printed by ``kg build`` and saved as report.json."""

    documents: int = 0
    failures: list[Failure] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    coverage: Coverage | None = None  # what the graph may have missed (kg.coverage)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "entities": dict(sorted(self.entities.items())),
            "relations": dict(sorted(self.relations.items())),
            "failures": [f.__dict__ for f in self.failures],
            **({"coverage": self.coverage.to_dict()} if self.coverage else {}),
            "timings": {k: round(v, 3) for k, v in sorted(self.timings.items())},
        }


def manifest(
    results: Results, failures: Iterable[Failure], config: str | None = None,
    min_confidence: float = 0.0, formats: Iterable[str] | None = None,
) -> str:
    """Fingerprint of everything a build's output files depend on: every document's source and content id,
    every failure, the package's code and data, the pipeline config and the options.

    Two builds with one manifest write the same bytes, so :func:`build_outputs` leaves up-to-date files alone.
    """
    digest = hashlib.sha1()
    digest.update(fingerprint(config, ALL_SOURCES).encode())
    digest.update(metadata.version("bokeh").encode())  # explorer.html inlines the installed BokehJS
    digest.update(repr((min_confidence, sorted(formats or []))).encode())
    for who in sorted([(r.source, r.doc_id) for r in results.items] + [(f.source, f.error) for f in failures]):
        digest.update(repr(who).encode())
    return digest.hexdigest()


def extract(
    inputs: Iterable[str],
    config: str | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
    workers: int = 1,
    cache_dir: str | Path | None = None,
    rebuild: bool = False,
    dask: Any = None,
    shard_chars: int = SHARD_CHARS,
    on_dashboard: Callable[[str], None] | None = None,
) -> tuple[Results, BuildReport]:
    """Per-document results for every readable input; failures are recorded, never raised.

    With ``cache_dir``, results are cached per document (``rebuild`` makes them all anew) and read back
    from there when used, not held; with ``workers`` > 1, files are processed by that many processes, with
    the same results as one. With ``dask`` (a scheduler's address, ``local[:N]`` or a ``distributed.Client``)
    the documents are processed on a Dask cluster in shards of about ``shard_chars`` characters
    (:mod:`kg.cluster`), with the same results again; the cluster is reached only when a document is to
    be processed, and ``on_dashboard`` is then given the address of its dashboard.
    """
    report = BuildReport()
    started = time.perf_counter()
    paths, failures = expand_inputs(inputs)
    report.failures.extend(failures)
    cache = ResultCache.open(cache_dir, config) if cache_dir is not None and paths else None
    jobs = [Job(path, config, str(cache.folder) if cache else None, not rebuild) for path in paths]
    # one way to run, chosen once; ``waiting``: the cache, when this process waits on others meanwhile
    if dask is not None:
        try:
            from kg.cluster import run_on_cluster
        except ImportError as error:
            raise ClusterError(f"a build on a Dask cluster needs Dask: pip install 'officials-kg[dask]' ({error})")
        finished, waiting = run_on_cluster(jobs, dask, shard_chars, on_dashboard), cache
    elif workers > 1 and len(jobs) > 1 and all(job.path != "-" for job in jobs):  # stdin is read here
        finished, waiting = enumerate(_pooled(jobs, workers)), cache
    else:
        finished, waiting = enumerate(process_paths(jobs)), None
    outcomes: dict[int, list[Outcome]] = {}  # per input, as they finish (on a cluster, in any order)
    for done, (index, items) in enumerate(finished, start=1):
        outcomes[index] = [_held(item, waiting) for item in items]
        if on_progress:
            on_progress(jobs[index].path, done, len(jobs))
    results: list[DocumentResult | CachedResult] = []
    seen: set[str] = set()
    for index in range(len(jobs)):  # in input order: the first of two equal documents is the one kept
        for item in outcomes.pop(index):
            if isinstance(item, Failure):
                report.failures.append(item)
            elif item.doc_id not in seen:
                seen.add(item.doc_id)
                results.append(item)
    report.documents = len(results)
    report.timings["extract"] = time.perf_counter() - started
    return Results(results, cache), report


def _held(item: Outcome | str, waiting: ResultCache | None) -> Outcome:
    """What the build keeps of an outcome: a result compact (:func:`kg.coverage.compact_result`), decoded
    when a pool's worker sent it as JSON; one found in the cache read back now, compact, when this process
    only waits for others (``waiting``, the cache), so that the resolver and the coverage report read
    nothing back after extraction, the serial part of the build."""
    if isinstance(item, str):
        item = DocumentResult.from_json(item)
    elif isinstance(item, CachedResult) and waiting is not None and (result := waiting.get(item.doc_id)):
        result.source = item.source
        item = result
    return compact_result(item) if isinstance(item, DocumentResult) else item


def _pooled(jobs: list[Job], workers: int) -> Iterator[list[str | CachedResult | Failure]]:
    """Outcomes in input order from a pool of ``workers`` processes, results as their JSON
    (:func:`kg.extraction.processed_paths`)."""
    # spawn, not fork: the ONNX runtime's threads do not survive a fork
    with multiprocessing.get_context("spawn").Pool(workers, initializer=gc.set_threshold,
                                                   initargs=GC_THRESHOLDS) as pool:
        for outcomes in pool.imap(processed_paths, _pool_tasks(jobs, workers), chunksize=1):
            yield from outcomes


def _pool_tasks(jobs: list[Job], workers: int) -> list[list[Job]]:
    """``jobs`` in tasks for a pool of ``workers``: up to :data:`kg.extraction.POOL_TASK_JOBS`, their documents
    processed a window at a time; smaller toward the end (:func:`kg.extraction.guided_size`)."""
    tasks: list[list[Job]] = []
    start = 0
    while start < len(jobs):
        tasks.append(jobs[start : start + guided_size(len(jobs) - start, workers, POOL_TASK_JOBS)])
        start += len(tasks[-1])
    return tasks


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The collector's thresholds raised to :data:`GC_THRESHOLDS` for a build, then put back (a decorator
    of the build functions)."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@_fewer_collections()
def build(
    inputs: Iterable[str] | str,
    config: str | None = None,
    min_confidence: float = 0.0,
    on_progress: Callable[[str, int, int], None] | None = None,
    workers: int = 1,
    cache_dir: str | Path | None = None,
    rebuild: bool = False,
    dask: Any = None,
    shard_chars: int = SHARD_CHARS,
):
    """Build the knowledge graph of ``inputs`` (files, folders, globs, ``-`` for stdin); ``workers``,
    ``dask`` and ``shard_chars`` as in :func:`extract`."""
    if isinstance(inputs, str):
        inputs = [inputs]
    results, report = extract(inputs, config, on_progress, workers, cache_dir, rebuild, dask, shard_chars)
    resolved = _resolve(results, report, min_confidence)
    del results  # the resolver keeps what the graph needs: the results may go before the store is built
    return _graph(resolved, report)


@_fewer_collections()
def build_outputs(
    inputs: Iterable[str],
    out: str | Path,
    formats: list[str] | None = None,
    config: str | None = None,
    min_confidence: float = 0.0,
    on_progress: Callable[[str, int, int], None] | None = None,
    workers: int = 1,
    cache: bool = True,
    rebuild: bool = False,
    dask: Any = None,
    shard_chars: int = SHARD_CHARS,
    on_dashboard: Callable[[str], None] | None = None,
) -> tuple[dict, bool]:
    """Build ``inputs`` into the files of ``out``; return the build report and whether ``out`` was already
    up to date (same manifest, every file present), in which case nothing is written. Raises
    :class:`NoDocuments`, writing nothing, when no input holds a readable document. ``workers``, ``dask``,
    ``shard_chars`` and ``on_dashboard`` as in :func:`extract`."""
    from kg.export import REPORT_FILE, file_names, outputs_up_to_date, save, second_process
    from kg.graph.rdf import resolved_statements
    from kg.graph.sorted_quads import SortedQuads, remove_abandoned

    inputs, out = list(inputs), Path(out)
    out_existed = out.exists()
    results, report = extract(inputs, config, on_progress, workers, out / CACHE_FOLDER if cache else None,
                              rebuild, dask, shard_chars, on_dashboard)
    if not report.documents:
        if not out_existed:
            shutil.rmtree(out, ignore_errors=True)  # only the empty cache folder was made
        raise NoDocuments(inputs, report.failures)
    stamp = manifest(results, report.failures, config, min_confidence, formats)
    try:
        previous = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    files = file_names(formats)
    if not rebuild and previous.get("manifest") == stamp and outputs_up_to_date(out, previous, files):
        remove_abandoned(out)  # runs a killed build left (a build that writes removes them when it spills)
        return previous, True
    resolved = _resolve(results, report, min_confidence)
    del results
    started = time.perf_counter()
    # no store: the quads go to sorted runs on disk as they are made, and the files are written from there.
    # A build given more than one core sorts and writes with two processes, the second forked now: it makes
    # and sorts half of the statements from its copy of the records while this one does the other half
    # (this process's generator of the second half is closed unread, so the records go once sorted here).
    with SortedQuads.temporary(out) as quads:
        other_half = resolved_statements(resolved, part=1, parts=2)
        with second_process(formats, 2 if workers > 1 or dask is not None else 1,
                            partial(quads.sort, other_half)) as second:
            other_half.close()
            quads.sort(resolved_statements(resolved, part=0, parts=1 if second is None else 2))
            del resolved
            if second is not None:
                quads.take_runs(second.result())
            quads.merge_lines()
            report.timings["graph"] = time.perf_counter() - started
            final = {**report.to_dict(), "manifest": stamp}
            save(quads, out, formats=formats, report=final, second=second)
    return final, False


def _resolve(results: Results, report: BuildReport, min_confidence: float) -> Resolved:
    """Merge the documents into nodes and edges; the report gains counts, coverage and the resolve time."""
    started = time.perf_counter()
    resolved = resolve(results, min_confidence=min_confidence)
    report.coverage = coverage(resolved, results)
    for node in resolved.nodes.values():
        if node.documents:
            report.entities[node.kind] += 1
    for edge in resolved.edges:
        report.relations[edge.predicate] += 1
    report.relations["inspection"] = len(resolved.inspections)
    report.timings["resolve"] = time.perf_counter() - started
    return resolved


def _graph(resolved: Resolved, report: BuildReport):
    """The knowledge graph of the resolver's records; the report gains the graph time."""
    from kg.knowledge_graph import KnowledgeGraph

    started = time.perf_counter()
    graph = KnowledgeGraph.from_resolved(resolved, report=report.to_dict())
    report.timings["graph"] = time.perf_counter() - started
    graph.report = report.to_dict()
    return graph
