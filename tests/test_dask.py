"""`kg build --dask` (kg/cluster.py) on a LocalCluster of 2 single-threaded worker processes on 127.0.0.1:
the same bytes as a one-process build of the seeds and the written articles, rebuilds that send only new
documents, a document failing on a worker reported as one error, a worker killed mid-build survived."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.cluster
import kg.extraction
from kg import api
from kg.cli import app
from kg.model import DocumentResult

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [str(ROOT / "seeds"), str(ROOT / "tests" / "gold" / "extra")]  # 25 articles, ~24,000 characters
SMALL_SHARDS = "3000"  # characters: ~10 shards of the inputs, so both workers have several
BROKEN = "无法处理"  # the workers of the failure test raise on a text holding this
runner = CliRunner()


def kg_build(inputs: list[str], out: Path, *options: str):
    return runner.invoke(app, ["build", *inputs, "--out", str(out), *options])


def files(out: Path) -> dict[str, bytes]:
    """Every output file but report.json, byte for byte."""
    return {path.name: path.read_bytes() for path in out.iterdir() if path.is_file() and path.name != "report.json"}


def report(out: Path) -> dict:
    """report.json without what differs between identical builds (timings, the files' stamps)."""
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if key not in ("timings", "files")}


@pytest.fixture(scope="module")
def client():
    """A client of `--dask local:2`'s cluster: 2 worker processes, one thread each, on 127.0.0.1."""
    with kg.cluster.connect("local:2") as client:
        yield client


@pytest.fixture(scope="module")
def address(client) -> str:
    assert client.scheduler.address.startswith("tcp://127.0.0.1:")
    assert sorted(client.nthreads().values()) == [1, 1]
    return client.scheduler.address


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> Path:
    """The reference: the inputs built in this process."""
    out = tmp_path_factory.mktemp("one-process")
    result = kg_build(INPUTS, out, "--quiet")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def on_dask(address, tmp_path_factory) -> tuple:
    """The inputs built on the cluster: (the CLI's result, the output folder)."""
    out = tmp_path_factory.mktemp("dask")
    return kg_build(INPUTS, out, "--dask", address, "--shard-chars", SMALL_SHARDS), out


def test_a_build_on_the_cluster_writes_the_bytes_of_a_one_process_build(on_dask, one_process):
    result, out = on_dask
    assert result.exit_code == 0, result.output
    assert "Dask dashboard: http://" in result.stderr
    assert files(out) == files(one_process)
    assert report(out) == report(one_process)
    assert report(out)["documents"] == 25


def test_a_rebuild_sends_only_the_new_documents(on_dask, address, tmp_path, monkeypatch):
    _, out = on_dask
    news = tmp_path / "news"
    news.mkdir()
    (news / "new.txt").write_text("6月3日，县委书记郑文博来到白沙镇光伏发电项目现场调研。", encoding="utf-8")
    back, cache_result = [], kg.cluster.cache_result
    monkeypatch.setattr(kg.cluster, "cache_result",
                        lambda cache, result, payload: back.append(result.source) or cache_result(cache, result, payload))
    dashboards = []
    results, built = api.extract([*INPUTS, str(news)], cache_dir=out / api.CACHE_FOLDER, dask=address,
                                 on_dashboard=dashboards.append)
    assert back == [str(news / "new.txt")]
    assert built.documents == 26 and built.failures == []
    back.clear()
    api.extract(INPUTS, cache_dir=out / api.CACHE_FOLDER, dask="local:2", on_dashboard=dashboards.append)
    assert back == [] and len(dashboards) == 1  # every result cached: no cluster started


def test_a_document_failing_on_a_worker_is_one_error(client, address, tmp_path):
    def break_on_marker():
        import kg.extraction

        real = kg.extraction.process_document

        def process(document, config=None, clean=None):
            if BROKEN in document.raw:
                raise ValueError("broken on purpose")
            return real(document, config, clean)

        process.__wrapped__ = real
        kg.extraction.process_document = process

    def mend():
        import kg.extraction

        kg.extraction.process_document = kg.extraction.process_document.__wrapped__

    news = tmp_path / "news"
    news.mkdir()
    (news / "good.txt").write_text("3月2日，市委书记王立新来到临港物流园项目现场调研。", encoding="utf-8")
    (news / "bad.txt").write_text(f"5月6日，县长赵海峰深入龙泉镇。{BROKEN}", encoding="utf-8")
    client.run(break_on_marker)
    try:
        result = kg_build([str(news)], tmp_path / "out", "--dask", address, "--quiet")
    finally:
        client.run(mend)
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {news / 'bad.txt'}: ValueError: broken on purpose"]
    failures = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["failures"]
    assert failures == [{"source": str(news / "bad.txt"), "stage": "nlp", "error": "ValueError: broken on purpose"}]
    assert report(tmp_path / "out")["documents"] == 1


def test_a_worker_killed_mid_build_loses_nothing(client, address, one_process, tmp_path):
    before = client.run(os.getpid)
    killed = []

    def kill_a_busy_worker(path: str, done: int, total: int) -> None:
        busy = [worker for worker, tasks in client.processing().items() if tasks]
        if not killed and busy:
            killed.append(before[busy[0]])
            os.kill(before[busy[0]], signal.SIGKILL)

    out = tmp_path / "out"
    api.build_outputs(INPUTS, out, dask=address, shard_chars=int(SMALL_SHARDS), on_progress=kill_a_busy_worker)
    assert killed and killed[0] not in client.run(os.getpid).values()  # the nanny started a new process
    assert files(out) == files(one_process)
    assert report(out) == report(one_process)


def test_a_shard_runs_the_pipeline_config_the_client_sent():
    from kg.cache import fingerprint
    from kg.ingest import read_path
    from kg.pipeline import DEFAULT_CONFIG

    document = next(read_path(str(ROOT / "tests" / "gold" / "extra" / "e02_anhui_groundbreaking.txt")))
    bundled = DEFAULT_CONFIG.read_text(encoding="utf-8")
    config = bundled.replace('"kg_located_in", ', "")  # a pipeline that places no project
    assert config != bundled
    [payload] = kg.cluster.process_shard([document], config, fingerprint())
    result = DocumentResult.from_dict(json.loads(payload))
    assert not any(fact.predicate == "locatedIn" for fact in result.facts)
    assert payload == kg.extraction.process_or_fail(document, kg.cluster.config_file(config)).to_json()
    assert any(fact.predicate == "locatedIn" for fact in kg.extraction.process_or_fail(document).facts)


def test_a_worker_with_other_code_is_refused():
    with pytest.raises(api.ClusterError, match="other extraction code"):
        kg.cluster.process_shard([], None, "0" * 16)


def test_usage_errors(tmp_path):
    both = kg_build(INPUTS, tmp_path / "out", "--dask", "local:2", "--workers", "2")
    assert both.exit_code == 2 and "exclude each other" in both.output
    zero = kg_build(INPUTS, tmp_path / "out", "--dask", "local:0")
    assert zero.exit_code == 1 and "local:0: a local cluster is local or local:N" in zero.stderr


UNSEEN_CLUSTER = """
import sys, dask.config, kg.cluster
if __name__ == "__main__":
    with kg.cluster.connect("local:1", dashboard=False) as unseen:
        profiling = unseen.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
        print("bokeh" in sys.modules, set(profiling.values()))
"""


def test_a_local_cluster_has_a_dashboard_only_when_someone_is_shown_it(client, tmp_path):
    import dask.config

    def profiling() -> bool:
        return dask.config.get("distributed.worker.profile.enabled")

    assert client.dashboard_link.startswith("http://127.0.0.1:") and set(client.run(profiling).values()) == {True}
    script = tmp_path / "unseen.py"  # a fresh process: the dashboard of the one above imported Bokeh here
    script.write_text(UNSEEN_CLUSTER, encoding="utf-8")
    unseen = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert unseen.stdout.split("\n")[-2] == "False {False}"  # no Bokeh, no profiler: the dashboard was their reader


def test_only_a_closing_worker_freezes_its_objects_for_the_teardown():
    from types import SimpleNamespace

    from distributed.core import Status

    loader = kg.cluster.PipelineLoader(None)
    frozen = gc.get_freeze_count()
    loader.teardown(SimpleNamespace(status=Status.running))  # the plugin registered again: the worker goes on
    assert gc.get_freeze_count() == frozen
    try:
        loader.teardown(SimpleNamespace(status=Status.closing))
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()


def test_a_heartbeat_cut_by_the_workers_own_close_is_not_logged_as_an_error(caplog):
    """The error a worker logs when its close cuts a heartbeat in flight (Dask's race at the end of a build)
    is dropped; the same error while the worker runs, and any other error while it closes, are logged."""
    import logging
    from types import SimpleNamespace

    from distributed.core import Status

    worker = SimpleNamespace(status=Status.running)
    log = logging.getLogger("distributed.worker")
    kept, thresholds = log.filters[:], gc.get_threshold()  # the plugin sets a worker's: this is no worker
    try:
        kg.cluster.PipelineLoader(None).setup(worker)
        kg.cluster.PipelineLoader(None).setup(worker)  # registered again: one filter
        assert sum(isinstance(one, kg.cluster.ClosingHeartbeat) for one in log.filters) == 1
        with caplog.at_level(logging.ERROR, logger="distributed.worker"):
            log.error("Failed to communicate with scheduler during heartbeat.")
            worker.status = Status.closing
            log.error("Failed to communicate with scheduler during heartbeat.")
            log.error("Compute Failed")
            worker.status = Status.closed
            log.error("Failed to communicate with scheduler during heartbeat.")
        assert [record.getMessage() for record in caplog.records] == [
            "Failed to communicate with scheduler during heartbeat.", "Compute Failed"]
    finally:
        log.filters[:] = kept
        gc.set_threshold(*thresholds)


def test_the_client_asks_the_scheduler_for_its_threads_at_most_once_a_second(monkeypatch):
    """The shards in flight follow the cluster's worker threads (workers join and leave), asked again only
    once :data:`kg.cluster.THREADS_CHECK_SECONDS` have passed, not once per shard sent."""
    from types import SimpleNamespace

    threads = {"tcp://127.0.0.1:1": 1, "tcp://127.0.0.1:2": 1}
    asked = []
    client = SimpleNamespace(nthreads=lambda: asked.append(1) or dict(threads), register_plugin=lambda plugin: None)
    now = [1000.0]
    monkeypatch.setattr(kg.cluster.time, "monotonic", lambda: now[0])
    shards = kg.cluster._Shards([], lambda: client, 1000)
    assert [shards.threads() for _ in range(50)] == [2] * 50 and len(asked) == 1
    threads["tcp://127.0.0.1:3"] = 2  # a worker of two threads joins
    now[0] += kg.cluster.THREADS_CHECK_SECONDS / 2
    assert shards.threads() == 2 and len(asked) == 1
    now[0] += kg.cluster.THREADS_CHECK_SECONDS / 2
    assert shards.threads() == 4 and len(asked) == 2
    threads.clear()  # every worker gone: still one shard at a time, for the worker to come
    now[0] += kg.cluster.THREADS_CHECK_SECONDS
    assert shards.threads() == 1


@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")  # the module's cluster has it
def test_a_local_cluster_leaves_the_environment_as_it_found_it(monkeypatch):
    """Its nannies set their workers' variables (OMP_NUM_THREADS=1…) in this process's environment; the
    processes that the build starts afterwards (the second writer of the files) and the caller's own do not
    inherit them."""
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    before = dict(os.environ)
    with kg.cluster.connect("local:1", dashboard=False) as cluster:
        assert set(cluster.run(lambda: os.environ.get("OMP_NUM_THREADS")).values()) == {"1"}
        assert os.environ.get("OMP_NUM_THREADS") == "1"  # what the nanny left here while the cluster runs
    assert dict(os.environ) == before
