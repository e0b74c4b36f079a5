"""Incremental and parallel builds: the cache skips unchanged documents, workers change nothing."""

from __future__ import annotations

import pytest

from kg import api, extraction
from kg.cache import CacheLost, CachedResult
from kg.model import DocumentResult

ARTICLES = {
    "a.txt": "3月2日，市委书记王立新来到临港物流园项目现场调研。",
    "b.txt": "5月6日，县长赵海峰深入龙泉镇，察看万吨冷链仓储项目建设进展。",
    "c.txt": "8月9日，区委书记孙雅琴走进海川新材料产业园二期工地。",
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _summary(results):
    return sorted((r.source.rsplit("/", 1)[-1], r.to_dict()["entities"], r.to_dict()["facts"]) for r in results)


def test_unchanged_rebuild_does_no_nlp(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first, first_report = api.extract([str(corpus)], cache_dir=cache)
    assert first_report.failures == []

    def no_nlp(*args, **kwargs):
        raise AssertionError("NLP ran on an unchanged document")

    monkeypatch.setattr(extraction, "process_document", no_nlp)
    second, report = api.extract([str(corpus)], cache_dir=cache)
    assert report.failures == []
    assert _summary(second) == _summary(first)


def test_changed_and_removed_files_update_the_results(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    api.extract([str(corpus)], cache_dir=cache)
    (corpus / "c.txt").unlink()
    (corpus / "b.txt").write_text("6月1日，县长赵海峰来到北山风电场项目。", encoding="utf-8")
    processed = []
    real = extraction.process_document

    def counting(document, config=None, clean=None):
        processed.append(document.source)
        return real(document, config, clean)

    monkeypatch.setattr(extraction, "process_document", counting)
    results, _ = api.extract([str(corpus)], cache_dir=cache)
    assert [p.rsplit("/", 1)[-1] for p in processed] == ["b.txt"]
    assert sorted(r.source.rsplit("/", 1)[-1] for r in results) == ["a.txt", "b.txt"]


def test_rebuild_processes_everything_again(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    api.extract([str(corpus)], cache_dir=cache)
    processed = []
    real = extraction.process_document
    monkeypatch.setattr(extraction, "process_document", lambda d, c=None, n=None: processed.append(d) or real(d, c, n))
    api.extract([str(corpus)], cache_dir=cache, rebuild=True)
    assert len(processed) == len(ARTICLES)


def test_two_workers_give_the_same_results_as_one(corpus, tmp_path):
    one, _ = api.extract([str(corpus)], workers=1)
    two, _ = api.extract([str(corpus)], workers=2)
    assert _summary(two) == _summary(one)
    cached, _ = api.extract([str(corpus)], workers=2, cache_dir=tmp_path / "cache")  # read back as they came
    assert not any(isinstance(item, CachedResult) for item in cached.items)
    assert _summary(cached) == _summary(one)
    alone, _ = api.extract([str(corpus)], cache_dir=tmp_path / "cache")  # one process: references to the cache
    assert all(isinstance(item, CachedResult) for item in alone.items)


def test_a_pool_s_parent_takes_the_results_its_workers_send_and_reads_no_cache_entry_back(corpus, tmp_path,
                                                                                          monkeypatch):
    import kg.cache

    cache, read = tmp_path / "cache", []
    get = kg.cache.ResultCache.get
    monkeypatch.setattr(kg.cache.ResultCache, "get", lambda self, doc_id: read.append(doc_id) or get(self, doc_id))
    pooled, _ = api.extract([str(corpus / name) for name in ARTICLES], workers=2, cache_dir=cache)
    assert read == [] and not any(isinstance(item, CachedResult) for item in pooled.items)
    assert len(list((cache).rglob("*.json"))) == len(ARTICLES)  # the workers put them in the cache
    one_input, _ = api.extract([str(corpus / "a.txt")], workers=2, cache_dir=tmp_path / "other")
    assert all(isinstance(item, CachedResult) for item in one_input.items)  # no pool: held as by one process
    assert _summary(pooled) == _summary(api.extract([str(corpus)])[0])


def test_a_result_that_cannot_be_cached_is_kept_and_no_partial_entry_is_left(corpus, tmp_path, monkeypatch):
    """A full disk costs the cache, not the documents."""
    import kg.cache

    opened = kg.cache.os.fdopen

    def disk_full(*args, **kwargs):
        stream = opened(*args, **kwargs)
        real_write = stream.write

        def write(text):
            real_write(text[:20])
            raise OSError(28, "No space left on device")

        stream.write = write
        return stream

    monkeypatch.setattr(kg.cache.os, "fdopen", disk_full)
    results, report = api.extract([str(corpus)], cache_dir=tmp_path / "cache")
    assert report.failures == [] and report.documents == len(ARTICLES)
    assert all(isinstance(item, DocumentResult) for item in results.items)
    monkeypatch.undo()
    assert _summary(results) == _summary(api.extract([str(corpus)])[0])
    assert not list((tmp_path / "cache").rglob("*.tmp")) and not list((tmp_path / "cache").rglob("*.json"))


def test_a_cached_result_gone_during_the_build_is_a_clear_error(corpus, tmp_path):
    results, _ = api.extract([str(corpus)], cache_dir=tmp_path / "cache")
    next(iter(results.cache.folder.glob("*.json"))).unlink()
    with pytest.raises(CacheLost, match="is gone from"):
        list(results)


@pytest.mark.parametrize("entry", ["null", "{}", '{"doc_id": 5, "entities": "x"}', "[1, 2]", "{broken"])
def test_a_damaged_cache_entry_is_processed_again(corpus, tmp_path, entry):
    """Valid JSON of the wrong shape is as damaged as invalid JSON (issue 14, item 4)."""
    first, _ = api.extract([str(corpus)], cache_dir=tmp_path / "cache")
    expected = _summary(first)
    for path in first.cache.folder.glob("*.json"):
        path.write_text(entry, encoding="utf-8")
    again, report = api.extract([str(corpus)], cache_dir=tmp_path / "cache")
    assert not report.failures and _summary(again) == expected
    assert all(first.cache.get(p.stem) is not None for p in first.cache.folder.glob("*.json"))


def test_kg_build_leaves_up_to_date_outputs_alone_and_redoes_changed_ones(corpus, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import kg.api
    from kg.cli import app

    runner, out = CliRunner(), tmp_path / "out"
    first = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    assert first.exit_code == 0, first.output
    report = (out / "report.json").read_text(encoding="utf-8")
    monkeypatch.setattr(kg.api, "_resolve", lambda *a, **k: pytest.fail("rebuilt up-to-date outputs"))
    again = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    assert again.exit_code == 0 and "up to date" in again.output
    assert (out / "report.json").read_text(encoding="utf-8") == report
    monkeypatch.undo()
    (corpus / "a.txt").write_text("4月1日，市长李华来到东湖新材料产业园项目。", encoding="utf-8")
    changed = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    assert changed.exit_code == 0 and "up to date" not in changed.output
    assert "东湖新材料产业园项目" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_a_build_raises_the_collector_thresholds_and_puts_them_back(corpus, tmp_path):
    import gc

    before = gc.get_threshold()
    during = []
    api.build_outputs([str(corpus)], tmp_path / "out", formats=["nq"],
                      on_progress=lambda *progress: during.append(gc.get_threshold()))
    assert during and set(during) == {api.GC_THRESHOLDS} != {before}
    assert gc.get_threshold() == before


def test_the_cache_key_covers_every_module_the_extraction_stages_load():
    """A cached result must be redone when any code that made it changes: every kg module that ingest,
    normalise, nlp and relations load is under EXTRACTION_SOURCES, except what the package itself loads."""
    import subprocess
    import sys
    from pathlib import Path

    from kg.cache import EXTRACTION_SOURCES, PACKAGE

    code = ("import sys, kg.ingest, kg.normalise, kg.pipeline; kg.pipeline.load(); "
            "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('kg')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    covered = [PACKAGE / name for name in EXTRACTION_SOURCES]
    outside = {Path(f).relative_to(PACKAGE).as_posix() for f in loaded
               if not any(Path(f) == c or c in Path(f).parents for c in covered)}
    assert outside == {"__init__.py", "api.py", "cache.py", "coverage.py", "resolve/__init__.py", "resolve/bodies.py",
                       "resolve/labels.py", "resolve/people.py", "resolve/projects.py"}  # loaded by `import kg` (kg.build), not by the stages
