"""The Python API: ``kg.build(inputs) -> KnowledgeGraph``. The CLI is a thin layer over it.

Stages run in the order of the design: ingest → normalise → nlp (entities) → relations → resolve → graph.
A document that fails at any stage becomes a failure in the report; the others are still built.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import json
import logging
import multiprocessing
import shutil
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from kg.cache import ALL_SOURCES, CachedResult, ResultCache, Results, fingerprint
from kg.coverage import Coverage, coverage
from kg.ingest import expand_inputs, read_path
from kg.model import Document, DocumentResult, Failure
from kg.resolve import Resolved, resolve

log = logging.getLogger(__name__)

CACHE_FOLDER = ".kg-cache"  # per-document results, inside the output folder
MAX_ARTICLE_CHARS = 1_000_000  # spaCy's own limit; news articles are a few thousand characters
# The time one document may take: a fixed allowance and a share per character (a 1M-character article,
# the longest allowed, gets 1,060 s; news takes well under a second). Past it, the document is a failure.
TIME_LIMIT_BASE = 60.0  # seconds
TIME_LIMIT_PER_CHAR = 0.001  # seconds
# Python's cyclic garbage collector runs after every 700 new objects and rescans the old ones now and
# then; a build makes millions of long-lived, acyclic records, and the default thresholds spent ~0.6 s of
# a 10x build and ~2.5 s of the resolve, graph and exports of a 100x build collecting nothing.
GC_THRESHOLDS = (20_000, 50, 100)
# Characters of text per task of a build on a Dask cluster (kg.cluster): ~2.5 s of one core, ~35 news
# articles. Far above Dask's overhead per task (~1 ms), few enough tasks for its scheduler at 10⁷ articles.
SHARD_CHARS = 20_000


class NoDocuments(ValueError):
    """No input held a readable document: a mistyped path, an empty folder. Nothing is written, so a
    typo never replaces a good graph with an empty one."""

    def __init__(self, inputs: list[str], failures: list[Failure]):
        self.failures = failures
        super().__init__(f"no document could be read from {', '.join(inputs) or 'the inputs'}")


class ClusterError(RuntimeError):
    """The Dask cluster of a build cannot be reached, or its workers do not run the client's code."""


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


def process_document(document: Document, config: str | None = None) -> DocumentResult:
    """One document through normalise → nlp → relations."""
    from kg.pipeline import make_doc
    from kg.normalise import normalise
    from kg.relations.collect import document_result

    clean = normalise(document)
    result = document_result(make_doc(clean, load_pipeline(config)))
    result.published, result.url, result.publisher, result.lead = (clean.published, clean.url, clean.publisher,
                                                                   clean.lead)
    return result


def load_pipeline(config: str | None = None):
    """The spaCy pipeline of ``config`` (loaded once per process)."""
    from kg.pipeline import load

    return load(config)


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


@dataclass(frozen=True)
class Job:
    """What a worker needs to process one input path (picklable for worker processes)."""

    path: str
    config: str | None
    cache_folder: str | None  # the current pipeline's folder of the result cache, when caching
    reuse: bool = True  # take results from the cache (a --rebuild only writes them)

    def cache(self) -> ResultCache | None:
        return ResultCache(self.cache_folder) if self.cache_folder else None


Outcome = DocumentResult | CachedResult | Failure  # what a build keeps of one document


def _process_path(job: Job) -> list[Outcome]:
    """Every document of one input, from the cache when its content and the pipeline are unchanged. A
    result that is in the cache is given as a :class:`CachedResult`: the resolver reads it from there."""
    cache = job.cache()
    return [keep(process_or_fail(item, job.config), cache) if isinstance(item, Document) else item
            for item in read_job(job, cache)]


def read_job(job: Job, cache: ResultCache | None) -> Iterator[Document | CachedResult | Failure]:
    """The documents of one input that are still to process; those of them that cannot be (too long) and
    those already in ``cache`` are given as a :class:`Failure` or a :class:`CachedResult`."""
    for item in read_path(job.path):
        if isinstance(item, Failure):
            yield item
        elif len(item.raw) > MAX_ARTICLE_CHARS:
            yield Failure(item.source, "nlp", f"too long for one article: {len(item.raw):,} characters "
                                              f"(the limit is {MAX_ARTICLE_CHARS:,}; split the file)")
        elif cache and job.reuse and cache.get(item.doc_id) is not None:  # read whole: a damaged entry is made again
            yield CachedResult(item.doc_id, item.source)
        else:
            yield item


def process_or_fail(document: Document, config: str | None = None) -> DocumentResult | Failure:
    """One document through the pipeline within its time limit; whatever goes wrong is its failure."""
    limit = TIME_LIMIT_BASE + TIME_LIMIT_PER_CHAR * len(document.raw)
    try:
        load_pipeline(config)  # once per process, not counted in a document's time
        with _time_limit(limit):
            result = process_document(document, config)
    except DocumentTimeout:
        return Failure(document.source, "nlp", f"took more than {limit:,.4g} s ({len(document.raw):,} characters): "
                                               "stopped, the other documents go on")
    except Exception as exc:  # one broken document never stops the build
        return Failure(document.source, "nlp", f"{type(exc).__name__}: {exc}")
    result.source = document.source
    return result


def keep(outcome: DocumentResult | Failure, cache: ResultCache | None) -> Outcome:
    """A result put in ``cache`` becomes a reference to it (a full disk costs the cache, not the document)."""
    if isinstance(outcome, DocumentResult) and cache and _cached(cache, outcome):
        return CachedResult(outcome.doc_id, outcome.source)
    return outcome


class DocumentTimeout(Exception):
    """A document ran past its time limit (see :data:`TIME_LIMIT_BASE`)."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this block once ``seconds`` have passed: by a timer signal in a
    process's main thread (this process, the ``--workers`` pool), by a timer thread elsewhere (a Dask
    worker's thread), where no signal can be set."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_time_limit(seconds):
            yield
        return

    def expire(signum, frame):
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_time_limit(seconds: float) -> Iterator[None]:
    """A timer thread raises :class:`DocumentTimeout` in this thread (CPython's asynchronous exception) once
    ``seconds`` have passed. It arrives at the thread's next Python instruction: a long call into C (one
    tagging of a huge sentence, one regex) finishes first, a loop of Python steps is stopped. On leaving the
    block the timer is cancelled and an exception it set but that did not arrive yet is taken back."""
    thread = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    inside = True

    def expire() -> None:
        with lock:
            if inside:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(DocumentTimeout))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            inside = False
            timer.cancel()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)


def _cached(cache: ResultCache, result: DocumentResult) -> bool:
    """Whether ``result`` could be put in the cache (a full disk costs the cache, not the document)."""
    try:
        cache.put(result)
    except OSError as error:
        log.warning("%s: not cached (%s); its result is kept in memory", result.source, error)
        return False
    return True


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
    if dask is not None:
        try:
            from kg.cluster import run_on_cluster
        except ImportError as error:
            raise ClusterError(f"a build on a Dask cluster needs Dask: pip install 'officials-kg[dask]' ({error})")
        finished = run_on_cluster(jobs, dask, shard_chars, on_dashboard)
    else:
        finished = enumerate(_run(jobs, workers))
    outcomes: dict[int, list[Outcome]] = {}  # per input, as they finish (on a cluster, in any order)
    for done, (index, items) in enumerate(finished, start=1):
        outcomes[index] = items
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


def _run(jobs: list[Job], workers: int) -> Iterator[list[Outcome]]:
    """Results in input order, from this process or from a pool of ``workers`` processes."""
    if workers <= 1 or len(jobs) <= 1 or any(job.path == "-" for job in jobs):
        yield from map(_process_path, jobs)
        return
    # spawn, not fork: the ONNX runtime's threads do not survive a fork
    with multiprocessing.get_context("spawn").Pool(workers, initializer=gc.set_threshold,
                                                   initargs=GC_THRESHOLDS) as pool:
        yield from pool.imap(_process_path, jobs, chunksize=1)


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
    from kg.export import REPORT_FILE, file_names, outputs_up_to_date, save
    from kg.graph.rdf import resolved_quads
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
    # no store: the quads go to sorted runs on disk as they are made, and the files are written from there
    with SortedQuads.spill(resolved_quads(resolved), out) as quads:
        del resolved
        report.timings["graph"] = time.perf_counter() - started
        final = {**report.to_dict(), "manifest": stamp}
        save(quads, out, formats=formats, report=final)
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
