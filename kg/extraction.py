"""One document through the pipeline, as every way of building runs it (this process, the ``--workers``
pool, a Dask worker): read from its input or the result cache, processed within its time limit, kept in
the cache. Below :mod:`kg.api` and :mod:`kg.cluster`, which both hand documents to it."""

from __future__ import annotations

import ctypes
import heapq
import itertools
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from kg.cache import CachedResult, ResultCache
from kg.ingest import read_path
from kg.model import CleanDocument, Document, DocumentResult, Failure

log = logging.getLogger(__name__)

MAX_ARTICLE_CHARS = 1_000_000  # spaCy's own limit; news articles are a few thousand characters
# The time one document may take: a fixed allowance and a share per character (a 1M-character article,
# the longest allowed, gets 1,060 s; news takes well under a second). Past it, the document is a failure.
TIME_LIMIT_BASE = 60.0  # seconds
TIME_LIMIT_PER_CHAR = 0.001  # seconds
# Python's cyclic garbage collector runs after every 700 new objects and rescans the old ones now and
# then; a build makes millions of long-lived, acyclic records, and the default thresholds spent ~0.6 s of
# a 10x build and ~2.5 s of the resolve, graph and exports of a 100x build collecting nothing.
GC_THRESHOLDS = (20_000, 50, 100)
# Characters of text normalised and tagged by LAC together before their documents go through the pipeline
# one by one (process_documents): LAC's session scores the pieces of one length in one batch, with the same
# scores, and the more pieces a window has, the fuller its batches (the 10x corpus tagged in windows of
# 10,000, 20,000 and 40,000 characters: 1.73, 1.65 and 1.60 s at best of five). ~65 news articles.
WINDOW_CHARS = 40_000
# The most characters of text per task of a build on a Dask cluster (kg.cluster): one window, ~2 s of one
# core, far above Dask's cost per task. Toward the end of the inputs tasks get smaller (guided_size), so that
# the workers finish together: a last task of 40,000 characters would leave the other cores idle while it runs.
SHARD_CHARS = WINDOW_CHARS
# The most inputs per task of a --workers pool: a window of news articles (smaller toward the end too).
POOL_TASK_JOBS = 64
# A longer document is tagged alone, not in a window: its own sentences fill LAC's batches, and a window
# (at most 40,000 + 50,000 characters, ~2.5 s at LAC's ~25 µs of CPU per character) stays far below the 60 s
# of the smallest time limit it is given (process_documents), so that a window of sound documents never
# runs out of it and is processed again document by document.
AHEAD_MAX_CHARS = 50_000


class ClusterError(RuntimeError):
    """The Dask cluster of a build cannot be reached, or its workers do not run the client's code."""


def process_document(document: Document, config: str | None = None,
                     clean: CleanDocument | None = None) -> DocumentResult:
    """One document through normalise → nlp → relations (``clean``: its normalised form, when made already)."""
    from kg.pipeline import make_doc
    from kg.normalise import normalise
    from kg.relations.collect import document_result

    clean = clean or normalise(document)
    result = document_result(make_doc(clean, load_pipeline(config)))
    result.published, result.url, result.publisher, result.lead = (clean.published, clean.url, clean.publisher,
                                                                   clean.lead)
    return result


def load_pipeline(config: str | None = None):
    """The spaCy pipeline of ``config`` (loaded once per process)."""
    from kg.pipeline import load

    return load(config)


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


def process_paths(jobs: list[Job], kept: Callable[[DocumentResult | Failure, ResultCache | None], Any] | None = None
                  ) -> Iterator[list[Any]]:
    """Every document of each input in turn (the jobs of one build: one config), from the cache when its
    content and the pipeline are unchanged (given as a :class:`CachedResult`: the resolver reads it from
    there), the others as ``kept`` (:func:`keep` by default) makes them. The documents of consecutive
    inputs, or of one file of many, are processed a window of :data:`WINDOW_CHARS` characters at a time
    (:func:`process_documents`), read as they are needed."""
    kept = kept or keep
    caches = [job.cache() for job in jobs]
    items = ((index, item) for index, job in enumerate(jobs) for item in read_job(job, caches[index]))
    outcomes: list[list[Outcome]] = [[] for _ in jobs]
    given = 0  # the jobs before this one are complete and given

    def complete_before(index: int) -> Iterator[list[Outcome]]:
        nonlocal given
        while given < index:
            yield outcomes[given]
            outcomes[given] = []
            given += 1

    while window := list(_up_to_chars(items, WINDOW_CHARS)):
        documents = [item for _, item in window if isinstance(item, Document)]
        results = process_documents(documents, jobs[0].config)
        for index, item in window:
            outcomes[index].append(kept(next(results), caches[index]) if isinstance(item, Document) else item)
        yield from complete_before(window[-1][0])  # the last job of the window may go on in the next
    yield from complete_before(len(jobs))


def processed_paths(jobs: list[Job]) -> list[list[str | CachedResult | Failure]]:
    """:func:`process_paths` of ``jobs`` as a list, each result as its JSON (:func:`sent`): a task of a
    process pool, whose parent takes a result as a Dask client does (:func:`kg.cluster.process_shard`)."""
    return list(process_paths(jobs, sent))


def _up_to_chars(items: Iterator[tuple[int, Document | CachedResult | Failure]], chars: int):
    """The next items of ``items``, up to the document that makes their documents ``chars`` characters long."""
    size = 0
    for index, item in items:
        yield index, item
        if isinstance(item, Document):
            size += len(item.raw)
            if size >= chars:
                return


def guided_size(remaining: float, workers: int, most: int, least: int = 1) -> int:
    """The size of the next task of a parallel build, from an estimate of the work that ``remaining`` (in the
    task's unit) is still to be handed out (guided scheduling): ``most``, until that shared out at four tasks
    per worker is less; then that, down to ``least``. The workers finish together, each with its last tasks
    small, while the earlier tasks are large (fewer, each a full window for LAC)."""
    return max(least, min(most, int(remaining // (4 * workers))))


def process_documents(documents: list[Document], config: str | None = None) -> Iterator[DocumentResult | Failure]:
    """:func:`process_or_fail` of each document, those of them up to :data:`AHEAD_MAX_CHARS` first normalised
    and their sentences tagged by LAC together (:data:`WINDOW_CHARS`); if that fails or runs past the
    smallest time limit of these documents, each document is processed alone.

    The window's time is counted whole in the time of each of its documents, which then go on within what
    is left of their own limit: no document is given more than its own limit, as when each is processed
    alone. A document whose tagging runs past its limit borrows nothing of the others' (the window stops
    at the smallest limit, then the document fails alone as before), and its tagging done ahead counts
    as its own. A window of news takes well under a second of the 60 s each document has; one that runs
    out costs at most the smallest limit again."""
    together = [document for document in documents if len(document.raw) <= AHEAD_MAX_CHARS]
    cleans, spent = _ahead(together, config) if len(together) > 1 else ({}, 0.0)
    for document in documents:
        clean = cleans.get(id(document))
        yield process_or_fail(document, config, clean, spent if clean else 0.0)


def _ahead(documents: list[Document], config: str | None) -> tuple[dict[int, CleanDocument], float]:
    """The documents normalised (by ``id``) and their texts tagged by the pipeline's tokenizer, when it can
    tag ahead (:meth:`kg.nlp.tokenizer.LACTokenizer.tag_ahead`), within the smallest time limit of the
    documents, and the seconds that took; nothing when that fails or takes too long."""
    from kg.normalise import normalise

    cleans: dict[int, CleanDocument] = {}
    try:
        tokenizer = load_pipeline(config).tokenizer
        if not hasattr(tokenizer, "tag_ahead"):
            return {}, 0.0
        started = time.monotonic()
        with _time_limit(min(map(time_limit, documents))):
            for document in documents:
                try:
                    cleans[id(document)] = normalise(document)
                except Exception:  # the document's own processing meets it again and reports it
                    continue
            tokenizer.tag_ahead([clean.text for clean in cleans.values()])
    except Exception:  # DocumentTimeout among others: each document goes alone, as it would without this
        return {}, 0.0
    return cleans, time.monotonic() - started


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


def time_limit(document: Document) -> float:
    """The seconds ``document`` may take (:data:`TIME_LIMIT_BASE`, :data:`TIME_LIMIT_PER_CHAR`)."""
    return TIME_LIMIT_BASE + TIME_LIMIT_PER_CHAR * len(document.raw)


def process_or_fail(document: Document, config: str | None = None, clean: CleanDocument | None = None,
                    spent: float = 0.0) -> DocumentResult | Failure:
    """One document through the pipeline within its time limit, of which ``spent`` seconds went already (on
    normalising and tagging it in its window: :func:`process_documents`); whatever goes wrong is its failure."""
    limit = time_limit(document)
    try:
        load_pipeline(config)  # once per process, not counted in a document's time
        left = limit - spent
        if left <= 0:
            raise DocumentTimeout
        with _time_limit(left):
            result = process_document(document, config, clean)
    except DocumentTimeout:
        return Failure(document.source, "nlp", f"took more than {limit:,.4g} s ({len(document.raw):,} characters): "
                                               "stopped, the other documents go on")
    except Exception as exc:  # one broken document never stops the build
        return Failure(document.source, "nlp", f"{type(exc).__name__}: {exc}")
    result.source = document.source
    return result


def keep(outcome: DocumentResult | Failure, cache: ResultCache | None) -> Outcome:
    """A result put in ``cache`` becomes a reference to it (a full disk costs the cache, not the document)."""
    if isinstance(outcome, DocumentResult) and cache and cache_result(cache, outcome):
        return CachedResult(outcome.doc_id, outcome.source)
    return outcome


def sent(outcome: DocumentResult | Failure, cache: ResultCache | None) -> str | Failure:
    """A result as the JSON its cache entry holds (:meth:`DocumentResult.to_json`), put in ``cache`` too when
    there is one: by the pool's worker that made it, in parallel with the others (the parent of a pool would
    write them one after the other), and the parent decodes the JSON instead of reading the file back. A Dask
    worker has no cache (``None``): its client writes what it is sent."""
    if isinstance(outcome, DocumentResult):
        payload = outcome.to_json()
        if cache:
            cache_result(cache, outcome, payload)
        return payload
    return outcome


class DocumentTimeout(Exception):
    """A document ran past its time limit (see :data:`TIME_LIMIT_BASE`)."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this block once ``seconds`` have passed: by a timer signal in a
    process's main thread (this process, the ``--workers`` pool), by a watchdog thread elsewhere (a Dask
    worker's thread), where no signal can be set."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _WATCHDOG.limit(seconds):
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


class _Watchdog:
    """One thread that raises :class:`DocumentTimeout` in the threads whose time limits run out (a Dask
    worker's: one limit per document and per window). A timer thread per limit, started and stopped each
    time, cost ~160 µs of CPU a limit; this thread sleeps until the earliest one."""

    def __init__(self):
        self._changed = threading.Condition()
        self._deadlines: list[tuple[float, int]] = []  # heap of (monotonic deadline, limit number)
        self._threads: dict[int, int] = {}  # limit number -> ident of its thread, while it runs
        self._numbers = itertools.count()
        self._thread: threading.Thread | None = None

    @contextmanager
    def limit(self, seconds: float) -> Iterator[None]:
        """:class:`DocumentTimeout` raised in this thread once ``seconds`` have passed (CPython's asynchronous
        exception). It arrives at the thread's next Python instruction: a long call into C (one tagging of a
        huge sentence, one regex) finishes first, a loop of Python steps is stopped. On leaving the block the
        limit is dropped, and an exception it set but that did not arrive yet is taken back."""
        ident = threading.get_ident()
        with self._changed:
            number = next(self._numbers)
            heapq.heappush(self._deadlines, (time.monotonic() + seconds, number))
            self._threads[number] = ident
            if self._thread is None or not self._thread.is_alive():  # none yet, or a fork's parent had it
                self._thread = threading.Thread(target=self._watch, name="officials-kg time limits", daemon=True)
                self._thread.start()
            elif self._deadlines[0][1] == number:  # earlier than the one it sleeps until
                self._changed.notify()
        try:
            yield
        finally:
            with self._changed:
                self._threads.pop(number, None)
                _raise_in(ident, None)

    def _watch(self) -> None:
        with self._changed:
            while True:
                now = time.monotonic()
                # the entries of limits already left go as they come first; the limits run out fire
                while self._deadlines and (self._deadlines[0][1] not in self._threads or self._deadlines[0][0] <= now):
                    _, number = heapq.heappop(self._deadlines)
                    if (ident := self._threads.pop(number, None)) is not None:
                        _raise_in(ident, DocumentTimeout)
                self._changed.wait(self._deadlines[0][0] - now if self._deadlines else None)


def _raise_in(ident: int, exception: type[BaseException] | None) -> None:
    """``exception`` raised in the thread ``ident`` at its next Python instruction (None: the one set taken back)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(exception) if exception else None)


_WATCHDOG = _Watchdog()


def cache_result(cache: ResultCache, result: DocumentResult, payload: str | None = None) -> bool:
    """Whether ``result`` (its JSON ``payload`` if made already) could be put in the cache (a full disk costs
    the cache, not the document)."""
    try:
        cache.put(result, payload)
    except OSError as error:
        log.warning("%s: not cached (%s); its result is kept in memory", result.source, error)
        return False
    return True
