"""How a parallel build cuts its work into tasks (guided scheduling): large tasks while much is left, each a
full window for LAC, then smaller ones, so that the workers finish together. For the ``--workers`` pool
(inputs per task) and for a Dask cluster (characters per shard)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import kg.cluster
from kg.api import _pool_tasks
from kg.extraction import POOL_TASK_JOBS, Job, guided_size
from kg.model import Document

ROOT = Path(__file__).resolve().parents[1]


def test_a_task_is_the_most_until_what_is_left_shared_out_is_less():
    assert guided_size(1_000_000, 2, 40_000) == 40_000
    assert guided_size(320_000, 2, 40_000) == 40_000  # 4 tasks of 40,000 for each of 2 workers
    assert guided_size(160_000, 2, 40_000) == 20_000
    assert guided_size(160_000, 4, 40_000) == 10_000  # more workers: smaller sooner
    assert guided_size(1_000, 2, 40_000, least=5_000) == 5_000
    assert guided_size(0, 2, 64) == 1  # a task is never empty


@pytest.mark.parametrize("count, workers", [(1, 2), (7, 2), (2712, 2), (2712, 8), (100_000, 3)])
def test_the_pool_s_tasks_take_every_input_once_in_order_and_shrink_toward_the_end(count, workers):
    jobs = [Job(f"article-{index}.txt", None, None) for index in range(count)]
    tasks = _pool_tasks(jobs, workers)
    assert [job for task in tasks for job in task] == jobs
    sizes = [len(task) for task in tasks]
    assert max(sizes) <= POOL_TASK_JOBS and sizes == sorted(sizes, reverse=True)
    assert sizes[-1] == 1  # the last task is one input: no worker waits on a long one at the end
    # full tasks until what is left is four full tasks per worker
    assert sum(size for size in sizes if size < POOL_TASK_JOBS) <= min(count, 4 * workers * POOL_TASK_JOBS)
    if count >= 4 * workers * POOL_TASK_JOBS:
        assert sizes[0] == POOL_TASK_JOBS


def _shard_sizes(paths: list[str], shard_chars: int, threads: int) -> tuple[list[int], list[str]]:
    """The characters of each shard that a Dask build of ``paths`` sends, and the ids of the documents in
    them, with a client whose cluster has ``threads`` worker threads (no cluster: the shards are not run)."""
    client = SimpleNamespace(nthreads=lambda: {f"tcp://127.0.0.1:{n}": 1 for n in range(threads)},
                             register_plugin=lambda plugin: None)
    shards = kg.cluster._Shards([Job(path, None, None) for path in paths], lambda: client, shard_chars)
    sent: list[list[Document]] = []
    shards._send = lambda shard: sent.append(list(shard)) or iter(())
    list(shards.run())
    return [sum(len(document.raw) for document in shard) for shard in sent], [d.doc_id for s in sent for d in s]


def test_a_dask_build_sends_full_shards_then_smaller_ones(tmp_path):
    articles = [f"{index}月1日，某县召开第{index}次项目推进会，会议听取了重点项目建设情况汇报。" * 10 for index in range(1, 61)]
    paths = []
    for index, text in enumerate(articles):
        (tmp_path / f"{index:02d}.txt").write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / f"{index:02d}.txt"))
    sizes, ids = _shard_sizes(paths, shard_chars=2_000, threads=2)
    assert len(ids) == len(set(ids)) == len(articles)  # every article sent once
    assert sum(sizes) == sum(map(len, articles))
    assert sizes[0] >= 2_000 and sizes[-1] < 2_000 and sizes[-2] < 2_000
    assert all(size >= 2_000 // 8 for size in sizes[:-1])  # never a crumb, but the rest at the very end
    # the same inputs on a cluster of many threads: smaller shards sooner, so each thread has some at the end
    assert len(_shard_sizes(paths, shard_chars=2_000, threads=16)[0]) > len(sizes)


def test_a_file_of_many_documents_is_counted_for_what_it_holds(tmp_path):
    """One JSONL file of many articles: the shards follow the text left in it, not the inputs left (none)."""
    import json

    path = tmp_path / "articles.jsonl"
    texts = [f"{index}月2日，某市召开项目观摩会，现场察看了第{index}个产业项目的建设进度。" * 10 for index in range(1, 61)]
    path.write_text("".join(json.dumps({"text": text}, ensure_ascii=False) + "\n" for text in texts), encoding="utf-8")
    sizes, ids = _shard_sizes([str(path)], shard_chars=2_000, threads=2)
    assert len(ids) == len(texts)
    assert sizes[0] >= 2_000 and sizes[-1] < 2_000
