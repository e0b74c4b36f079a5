"""Extraction on a Dask cluster: ``kg build INPUT… --dask ADDRESS`` or ``--dask local[:N]``.

The process that runs the build (the client) reads every input itself, as a one-process build does, and
looks each document up in the per-document cache of its output folder. The text of the documents still to
process goes to the workers in shards of at most :data:`kg.extraction.SHARD_CHARS` characters (smaller toward
the end of the inputs, so that the workers finish together), and their results come back
to the client, which puts them in that cache: the workers need no access to the client's files or output
folder (only the same version of officials-kg). The rest of the build (resolve, graph, exports) runs on
the client as after any other build, so its files are byte-identical to a one-process build's, and a
rebuild only sends the documents that are new or changed.

Each worker loads the pipeline once, when it joins (:class:`PipelineLoader`, a worker plugin: also on a
worker that the nanny restarts). Only a few shards per worker thread are in flight at any time, so the
client never holds more than that of the corpus's text. A worker that dies mid-shard (killed, out of
memory) costs nothing: the scheduler runs its shards again elsewhere; a shard that kills every worker it is
given (``distributed.scheduler.allowed-failures``, 3 by default) becomes one failure per document in it.

Dask runs tasks in a worker's thread, where the time limit of a document (:data:`kg.extraction.TIME_LIMIT_BASE`)
cannot be a timer signal as in local processes: a watchdog thread stops the document instead, at its next
Python step (a long call into C, such as one tagging, ends first), and it is one failure like any other.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import logging
import math
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from contextlib import ExitStack, contextmanager, nullcontext
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import dask.config
from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, wait
from distributed.core import Status

from kg.extraction import (GC_THRESHOLDS, ClusterError, Job, Outcome, cache_result, guided_size, load_pipeline,
                           process_documents, read_job, sent)
from kg.cache import fingerprint
from kg.model import Document, DocumentResult, Failure

IN_FLIGHT_PER_THREAD = 3  # shards queued per worker thread: each has the next at hand when it finishes
THREADS_CHECK_SECONDS = 1.0  # how often the client asks the scheduler how many worker threads there are
LOCAL = re.compile(r"local(?::([1-9][0-9]*))?")
LOCAL_DASHBOARD = "127.0.0.1:8787"  # another cluster's dashboard on the port: Dask takes a free one
# A local cluster's scheduler and nannies run in the build's process, on the cores its workers need: Dask
# checks their event loops every 20 ms (a warning when one is stuck for 3 s: once a second is enough), and
# the memory of each worker every 100 ms, in the worker and in its nanny (to spill, pause or restart it
# near its limit, half of this machine's memory: once a second is enough too).
LOCAL_CONFIG = {"distributed.admin.tick.interval": "1s", "distributed.worker.memory.monitor-interval": "1s"}
# A local cluster whose dashboard nobody is shown (kg build --quiet) has none (its start imports Bokeh's
# models: ~0.5 s of CPU), no statistical profiler in its workers (a stack sample every 10 ms: the
# dashboard's profile page is its only reader), and samples the CPU, memory and network of its processes
# for the dashboard's plots every 2 s, not every 500 ms, its disks never (with the memory checks above,
# this halves what the cluster spends while the workers work).
UNSEEN_LOCAL_CONFIG = {**LOCAL_CONFIG, "distributed.worker.profile.enabled": False,
                       "distributed.admin.system-monitor.interval": "2s", "distributed.admin.system-monitor.disk": False}


@contextmanager
def connect(where: str, dashboard: bool = True) -> Iterator[Client]:
    """A client of the scheduler at ``where`` (``tcp://host:8786``), or of a new cluster of N
    single-threaded worker processes on this machine (``local:N``; ``local``: one per core), which
    listens on 127.0.0.1 only, has a dashboard if ``dashboard``, and is closed on leaving."""
    local = LOCAL.fullmatch(where)
    cluster = None
    environment = dict(os.environ)
    try:
        try:
            if local:
                with dask.config.set(LOCAL_CONFIG if dashboard else UNSEEN_LOCAL_CONFIG):
                    cluster = LocalCluster(n_workers=int(local.group(1)) if local.group(1) else None,
                                           threads_per_worker=1, processes=True, host="127.0.0.1",
                                           dashboard_address=LOCAL_DASHBOARD if dashboard else None)
            client = Client(where if cluster is None else cluster)
        except OSError as error:  # Dask's connection errors (timeouts, refused) are OSErrors
            if cluster is not None:
                cluster.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {where}: {error}") from error
        with nullcontext() if cluster is None else cluster, client:
            yield client
    finally:
        _restore(environment)


def _restore(environment: dict[str, str]) -> None:
    """Put back the environment variables as they were: a local cluster's nannies set those of their workers
    (``distributed.nanny.pre-spawn-environ``: OMP_NUM_THREADS=1, MALLOC_TRIM_THRESHOLD_, PYTHONHASHSEED…) in
    this process's, where every process it starts afterwards would inherit them."""
    for name in set(os.environ) - set(environment):
        del os.environ[name]
    os.environ.update(environment)


class PipelineLoader(WorkerPlugin):
    """Loads the pipeline on every worker as it joins the cluster, with the collector's thresholds of a
    build (:data:`kg.extraction.GC_THRESHOLDS`)."""

    name = "officials-kg-pipeline"

    def __init__(self, config_text: str | None):
        self.config_text = config_text

    def setup(self, worker) -> None:
        gc.set_threshold(*GC_THRESHOLDS)
        load_pipeline(config_file(self.config_text))
        worker_log = logging.getLogger("distributed.worker")
        if not any(isinstance(one, ClosingHeartbeat) for one in worker_log.filters):  # the plugin registered again
            worker_log.addFilter(ClosingHeartbeat(worker))

    def teardown(self, worker) -> None:
        """On a worker that closes, the collections of its interpreter's teardown skip what it holds (the
        pipeline: half of the ~1.2 s that the teardown took, and a local cluster's close waits for it)."""
        if worker.status == Status.closing:
            gc.freeze()


class ClosingHeartbeat(logging.Filter):
    """Drops the error, with its traceback, that a worker logs when its own close cuts a heartbeat in
    flight to the scheduler ("Failed to communicate with scheduler during heartbeat", ConnectionPool
    closing): at the end of a build that succeeded, the user saw an ERROR. Dask's race, harmless then; the
    same error while the worker runs (the scheduler unreachable) is still logged. Stays on the worker's
    logger after the plugin's teardown: the worker closes its connections after removing its plugins."""

    MESSAGE = "Failed to communicate with scheduler during heartbeat"

    def __init__(self, worker):
        super().__init__()
        self.worker = worker

    def filter(self, record: logging.LogRecord) -> bool:
        closing = self.worker.status in (Status.closing, Status.closed)
        return not (closing and record.getMessage().startswith(self.MESSAGE))


@lru_cache(maxsize=4)
def config_file(config_text: str | None) -> str | None:
    """The pipeline config the client sent, as a file on this worker (None: the bundled config)."""
    if config_text is None:
        return None
    path = Path(tempfile.gettempdir()) / f"officials-kg-{hashlib.sha1(config_text.encode()).hexdigest()}.cfg"
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as stream:
        stream.write(config_text)
    os.replace(stream.name, path)  # whole: the workers of one machine write it at once
    return str(path)


def process_shard(documents: list[Document], config_text: str | None, code: str) -> list[str | Failure]:
    """A task: the documents of one shard through the pipeline on a worker (``code``: the client's
    :func:`kg.cache.fingerprint`, which must be this worker's too). A result comes back as the JSON its cache
    entry holds (:meth:`kg.model.DocumentResult.to_json`), made here in parallel: the client reads that in a
    third of the time it took to unpickle the result, and writes it to its cache as it is."""
    if fingerprint() != code:
        raise ClusterError(f"a worker runs other extraction code than the client (fingerprint {fingerprint()}, "
                           f"the client's {code}): install the same officials-kg on every worker")
    config = config_file(config_text)
    return [sent(outcome, None) for outcome in process_documents(documents, config)]


def run_on_cluster(
    jobs: list[Job], dask: Any, shard_chars: int, on_dashboard: Callable[[str], None] | None = None,
) -> Iterator[tuple[int, list[Outcome]]]:
    """(index of an input, what became of each of its documents) for every input of ``jobs``, in the
    order in which they are done. ``dask`` is a ``distributed.Client`` or what :func:`connect` takes,
    connected only when a document is to be processed (a rebuild that finds every result in the cache
    starts no cluster); ``on_dashboard`` is then given the address of the cluster's dashboard (a local
    cluster has one only when there is an ``on_dashboard``)."""
    if isinstance(dask, str) and dask.startswith("local") and not LOCAL.fullmatch(dask):
        raise ClusterError(f"{dask}: a local cluster is local or local:N, N the number of worker processes")
    with ExitStack() as stack:
        def client() -> Client:
            if isinstance(dask, Client):
                opened = dask
            else:
                opened = stack.enter_context(connect(dask, dashboard=on_dashboard is not None))
            if on_dashboard:
                on_dashboard(opened.dashboard_link)
            return opened

        try:
            yield from _Shards(jobs, client, shard_chars).run()
        except (OSError, CancelledError) as error:  # the scheduler gone, the connection lost
            raise ClusterError(f"lost the Dask cluster during the build ({type(error).__name__}: {error}); "
                               "the results that came back are cached: build again") from error


class _Shards:
    """The documents of the inputs, read and sent in shards, and their outcomes put back in place."""

    def __init__(self, jobs: list[Job], connect: Callable[[], Client], shard_chars: int):
        self.jobs, self.connect, self.shard_chars = jobs, connect, shard_chars
        self.cache = jobs[0].cache() if jobs else None
        config = jobs[0].config if jobs else None
        self.config_text = Path(config).read_text(encoding="utf-8") if config else None
        self.items: dict[int, list[Any]] = {}  # per input: its outcomes, with the documents still out
        self.missing: dict[int, int] = {}  # per input: how many of its documents are still out
        self.places: dict[str, list[tuple[int, int]]] = {}  # doc id -> (input, position) of each copy out
        self.shards: dict[Any, list[Document]] = {}  # future -> its documents
        self._threads, self._threads_asked = 1, -math.inf  # the cluster's worker threads, when last asked

    @cached_property
    def client(self) -> Client:
        """The cluster, connected when the first document to process is read (the shard sizes follow its
        threads), with the pipeline loaded on its workers."""
        client = self.connect()
        client.register_plugin(PipelineLoader(self.config_text))
        return client

    def run(self) -> Iterator[tuple[int, list[Outcome]]]:
        shard: list[Document] = []
        size = read = 0  # characters: of the shard, of the documents to process of the inputs read so far
        for index, job in enumerate(self.jobs):
            self.items[index] = list(read_job(job, self.cache))
            self.missing[index] = 0
            left = sum(len(item.raw) for item in self.items[index] if isinstance(item, Document))  # not in a shard
            read += left
            for position, item in enumerate(self.items[index]):
                if not isinstance(item, Document):
                    continue
                left -= len(item.raw)
                self.missing[index] += 1
                copies = self.places.setdefault(item.doc_id, [])
                copies.append((index, position))
                if len(copies) > 1:  # the same text twice: processed once
                    continue
                shard.append(item)
                size += len(item.raw)
                # what is still to send: the rest of this input, and the later inputs as the average one so far
                if size >= self._shard_size(left + read / (index + 1) * (len(self.jobs) - index - 1)):
                    yield from self._send(shard)
                    shard, size = [], 0
            if not self.missing[index]:
                yield index, self.items.pop(index)
        if shard:
            yield from self._send(shard)
        while self.shards:
            yield from self._collect()

    def _send(self, shard: list[Document]) -> Iterator[tuple[int, list[Outcome]]]:
        """Send a shard, first waiting for some to come back while enough are in flight."""
        while len(self.shards) >= IN_FLIGHT_PER_THREAD * self.threads():
            yield from self._collect()
        future = self.client.submit(process_shard, shard, self.config_text, fingerprint(), pure=False)
        self.shards[future] = shard

    def _shard_size(self, remaining: float) -> int:
        """Characters for the shard being filled, ``remaining`` characters still to send after it: at most
        ``shard_chars``, smaller toward the end (:func:`kg.extraction.guided_size`), down to an eighth of it."""
        return guided_size(remaining, self.threads(), self.shard_chars, max(1, self.shard_chars // 8))

    def threads(self) -> int:
        """The worker threads of the cluster (workers may join or leave), asked of the scheduler at most once
        every :data:`THREADS_CHECK_SECONDS` (a round trip through the client's event loop per shard sent was
        a few percent of a core)."""
        if time.monotonic() - self._threads_asked >= THREADS_CHECK_SECONDS:
            self._threads = max(1, sum(self.client.nthreads().values()))
            self._threads_asked = time.monotonic()
        return self._threads

    def _collect(self) -> Iterator[tuple[int, list[Outcome]]]:
        """Wait for shards to come back; the inputs they complete."""
        done, _ = wait(list(self.shards), return_when="FIRST_COMPLETED")
        for future in done:
            shard = self.shards.pop(future)
            try:
                outcomes = future.result()
            except KilledWorker as error:
                outcomes = [Failure(document.source, "nlp", f"the Dask workers processing its shard of {len(shard)} "
                                                            f"documents died each time (out of memory?): {error}")
                            for document in shard]
            finally:
                future.release()
            for document, outcome in zip(shard, outcomes):
                if isinstance(outcome, str):
                    payload, outcome = outcome, DocumentResult.from_json(outcome)
                    if self.cache:
                        cache_result(self.cache, outcome, payload)  # and held: the build reads results as they come
                for index, position in self.places.pop(document.doc_id):
                    source = self.items[index][position].source
                    self.items[index][position] = dataclasses.replace(outcome, source=source)
                    self.missing[index] -= 1
                    if not self.missing[index]:
                        yield index, self.items.pop(index)
