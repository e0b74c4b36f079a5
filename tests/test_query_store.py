"""The on-disk store `kg query` opens (kg.query.store): the same answers as the graph loaded into memory, never
used once graph.nq has changed or when damaged, and a load into memory (with a warning) when it cannot be kept."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kg.query.store as on_disk
from kg.graph.sample import sample_resolved
from kg.knowledge_graph import KnowledgeGraph
from kg.query.store import STORE_FOLDER

QUERIES = sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(graph: KnowledgeGraph) -> int:
    return int(graph.query(COUNT).rows[0][0].value)


@pytest.fixture
def folder(tmp_path) -> Path:
    KnowledgeGraph.from_resolved(sample_resolved()).save(tmp_path, formats=["nq"])
    return tmp_path


@pytest.fixture(scope="module")
def seeds_copy(cli_seed_build, tmp_path_factory) -> Path:
    """graph.nq of the seeds build, alone in a folder of its own (the store is made beside it)."""
    _, out = cli_seed_build
    folder = tmp_path_factory.mktemp("seeds-graph")
    shutil.copy2(out / "graph.nq", folder / "graph.nq")
    return folder


# The ranking columns of the queries that keep their top rows with ties at the cut "in no set order" (their
# comment says so): which of the tied rows make the cut is the store's choice.
RANKED_BY = {"facts_for_review": (0,), "most_visited_projects": (1, 2)}


def comparable(rows: list[tuple], query: Path) -> tuple[list[tuple], list[tuple]]:
    """The rows a query determines, and its ranking values: the rows tied at a LIMIT's cut count by their
    ranking only, and the parts of GROUP_CONCAT values are sorted (SPARQL leaves both to the store, and
    Oxigraph's choice follows its storage); every other order is the query's."""
    text = query.read_text(encoding="utf-8")
    if "GROUP_CONCAT" in text:
        rows = [tuple("、".join(sorted(cell.value.split("、"))) for cell in row) for row in rows]
    if query.stem not in RANKED_BY:
        return rows, []
    ranking = [tuple(row[column] for column in RANKED_BY[query.stem]) for row in rows]
    return [row for row, rank in zip(rows, ranking) if rank != ranking[-1]], ranking


@pytest.mark.parametrize("query", QUERIES, ids=lambda path: path.stem)
def test_every_bundled_query_answers_the_same_from_the_disk_store(seeds_copy, query):
    text = query.read_text(encoding="utf-8")
    in_memory = KnowledgeGraph.load(seeds_copy).query(text)
    from_disk = KnowledgeGraph.load(seeds_copy, on_disk=True).query(text)
    assert (seeds_copy / STORE_FOLDER / on_disk.STAMP_FILE).is_file()
    assert comparable(from_disk.rows, query) == comparable(in_memory.rows, query)
    assert comparable(from_disk.rows, query)[0], f"{query.stem}: nothing to compare on the seeds"


def test_a_fresh_store_is_opened_not_made_again(folder, monkeypatch):
    before = count(KnowledgeGraph.load(folder, on_disk=True))

    def made_again(*args):
        raise AssertionError("a fresh store was made again")
    monkeypatch.setattr(on_disk, "_made", made_again)
    assert count(KnowledgeGraph.load(folder, on_disk=True)) == before


def test_a_rebuilt_graph_makes_the_store_stale(folder):
    graph = KnowledgeGraph.load(folder, on_disk=True)
    before = count(graph)
    del graph
    changed = KnowledgeGraph.load(folder)
    changed.query("INSERT DATA { <https://example.org/a> <https://example.org/b> \"c\" }", allow_update=True)
    changed.save(folder, formats=["nq"])  # graph.nq rewritten, as by a build
    assert count(KnowledgeGraph.load(folder, on_disk=True)) == before + 1


@pytest.mark.parametrize("damage", ["no CURRENT file", "truncated tables", "no tables", "stamp not JSON"])
def test_a_damaged_store_is_made_again_not_used(folder, damage, caplog):
    expected = count(KnowledgeGraph.load(folder))
    del KnowledgeGraph.load(folder, on_disk=True).store
    database = folder / STORE_FOLDER / on_disk.DATABASE
    tables = list(database.glob("*.sst"))
    assert tables
    if damage == "no CURRENT file":
        (database / "CURRENT").unlink()
    elif damage == "truncated tables":
        for table in tables:
            table.write_bytes(table.read_bytes()[:20])
    elif damage == "no tables":
        for table in tables:
            table.unlink()
    else:
        (folder / STORE_FOLDER / on_disk.STAMP_FILE).write_text("{", encoding="utf-8")
    assert count(KnowledgeGraph.load(folder, on_disk=True)) == expected
    assert count(KnowledgeGraph.load(folder, on_disk=True)) == expected  # and the store made again is sound
    if damage != "stamp not JSON":  # an unreadable stamp is only stale
        assert "damaged" in caplog.text


@pytest.mark.parametrize("error", [errno.EROFS, errno.EACCES])
def test_a_folder_that_cannot_be_written_falls_back_to_memory(folder, monkeypatch, caplog, error):
    def refused(*args, **kwargs):
        raise OSError(error, "refused")
    monkeypatch.setattr(on_disk.tempfile, "mkdtemp", refused)
    assert count(KnowledgeGraph.load(folder, on_disk=True)) == count(KnowledgeGraph.load(folder))
    assert "loading it into memory" in caplog.text
    assert not (folder / STORE_FOLDER).exists()


def test_a_full_disk_while_making_the_store_falls_back_and_leaves_nothing(folder, monkeypatch, caplog):
    class FullDiskStore:
        def __init__(self, path):
            Path(path).mkdir()
            (Path(path) / "000001.sst").write_bytes(b"half")

        def bulk_load(self, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")
    real = on_disk.ox
    monkeypatch.setattr(on_disk, "ox", type("ox", (), {"Store": FullDiskStore, "__version__": real.__version__}))
    assert count(KnowledgeGraph.load(folder, on_disk=True)) == count(KnowledgeGraph.load(folder))
    assert "No space left" in caplog.text
    assert [path.name for path in folder.iterdir()] == ["graph.nq"]


def test_concurrent_first_queries_both_answer_and_leave_one_sound_store(folder):
    script = ("import sys; from kg.knowledge_graph import KnowledgeGraph; "
              f"print(KnowledgeGraph.load(sys.argv[1], on_disk=True).query({COUNT!r}).rows[0][0].value)")
    processes = [subprocess.Popen([sys.executable, "-c", script, str(folder)], stdout=subprocess.PIPE, text=True)
                 for _ in range(3)]
    answers = [process.communicate(timeout=120)[0].strip() for process in processes]
    expected = str(count(KnowledgeGraph.load(folder)))
    assert answers == [expected] * 3
    assert sorted(path.name for path in folder.iterdir()) == [STORE_FOLDER, "graph.nq"]
    assert count(KnowledgeGraph.load(folder, on_disk=True)) == int(expected)


def test_kg_query_opens_the_store_and_in_memory_does_not(folder):
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    memory = runner.invoke(app, ["query", COUNT, "--graph", str(folder), "--in-memory", "--format", "csv"])
    assert memory.exit_code == 0 and not (folder / STORE_FOLDER).exists()
    disk = runner.invoke(app, ["query", COUNT, "--graph", str(folder), "--format", "csv"])
    assert disk.exit_code == 0 and disk.stdout == memory.stdout
    assert (folder / STORE_FOLDER / on_disk.STAMP_FILE).is_file()
