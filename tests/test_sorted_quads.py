"""The graph on disk as sorted runs: the orders every writer relies on, duplicates, run merging, clean-up,
and a build written without a store equal to one written from a store."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
from functools import partial
from itertools import chain, groupby

import pyoxigraph as ox
import pytest

import kg
from kg.api import build_outputs
from kg.graph import sorted_quads
from kg.graph.rdf import quad_statements
from kg.graph.sorted_quads import SortedQuads

EX = "https://example.org/"
S, P, Q = ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.NamedNode(EX + "q")
# graph IRIs whose byte order as N-Quads terms ("<…/a>" > "<…/a-b>") is not their IRI order
A, A_B, B = ox.NamedNode(EX + "a"), ox.NamedNode(EX + "a-b"), ox.NamedNode(EX + "b")
QUADS = [
    ox.Quad(S, P, ox.Literal("x", language="zh"), A),
    ox.Quad(S, P, ox.Literal("x", language="zh-hant")),
    ox.Quad(S, P, ox.Literal("x", language="zh")),
    ox.Quad(S, Q, ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), A_B),
    ox.Quad(B, P, S, B),
    ox.Quad(S, P, ox.Literal("x", language="zh"), A),  # the same quad again
    ox.Quad(A, Q, ox.Literal("文"), A_B),
]


@pytest.fixture(params=[(20_000, 64, 1 << 23), (2, 2, 1 << 23), (2, 3, 1)],
                ids=["one run", "runs of 2, merged by twos", "runs merged a line at a time"])
def spilled(request, monkeypatch, tmp_path):
    monkeypatch.setattr(sorted_quads, "RUN_QUADS", request.param[0])
    monkeypatch.setattr(sorted_quads, "MAX_RUNS", request.param[1])
    monkeypatch.setattr(sorted_quads, "MERGE_BYTES", request.param[2])
    with SortedQuads.spill(quad_statements(QUADS), tmp_path) as quads:
        yield quads


def _store_lines() -> list[bytes]:
    store = ox.Store()
    store.extend(QUADS)
    return sorted(store.dump(format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))


def test_lines_are_the_distinct_quads_in_byte_order(spilled, tmp_path):
    assert list(spilled.lines()) == _store_lines()
    assert list(spilled.quads()) == list(ox.parse(b"".join(_store_lines()), format=ox.RdfFormat.N_QUADS))
    spilled.copy_lines(tmp_path / "copy.nq")
    assert (tmp_path / "copy.nq").read_bytes() == b"".join(_store_lines())


def test_triples_are_the_union_once_each_in_ntriples_order(spilled):
    expected = sorted({quad.triple for quad in QUADS}, key=lambda t: str(t).encode())
    assert list(spilled.triples()) == expected


def test_graphs_come_default_first_then_by_iri_each_with_its_triples_sorted(spilled):
    graphs = [(key, [triple for _, triple in records])
              for key, records in groupby((record.partition(b"\x00")[::2] for record in chain.from_iterable(spilled.graph_record_blocks())),
                                          key=lambda record: record[0])]
    assert [key for key, _ in graphs] == [b"", *(b"\x01" + g.value.encode() for g in (A, A_B, B))]
    by_graph = {}
    for quad in dict.fromkeys(QUADS):
        graph = b"" if isinstance(quad.graph_name, ox.DefaultGraph) else b"\x01" + quad.graph_name.value.encode()
        by_graph.setdefault(graph, []).append(ox.serialize([quad.triple], format=ox.RdfFormat.N_TRIPLES)[:-3] + b"\n")
    assert dict(graphs) == {graph: sorted(lines) for graph, lines in by_graph.items()}


def test_the_statements_of_quads_are_their_n_triples_and_graph_terms():
    assert list(quad_statements(QUADS[:2])) == [
        (f'{S} {P} "x"@zh', str(A)), (f'{S} {P} "x"@zh-hant', "")]


def test_runs_are_merged_level_by_level(monkeypatch, tmp_path):
    """Runs of one quad, merged by twos: 7 quads leave a run of each level 0, 1 and 2 (7 = 1 + 2 + 4), and
    no level ever holds MAX_RUNS runs; the N-Quads lines' runs are then merged into one."""
    monkeypatch.setattr(sorted_quads, "RUN_QUADS", 1)
    monkeypatch.setattr(sorted_quads, "MAX_RUNS", 2)
    with SortedQuads.spill(quad_statements(QUADS), tmp_path) as quads:
        assert sorted(level for level, _ in quads._runs["graphs"]) == [0, 1, 2]
        assert len(quads._runs["quads"]) == 1
        assert len(list(quads.folder.glob("run-*"))) == 4
        assert list(quads.lines()) == _store_lines()


def test_the_runs_are_removed_after_the_block_and_after_an_error(tmp_path):
    with SortedQuads.spill(quad_statements(QUADS), tmp_path) as quads:
        assert quads.folder.parent == tmp_path and any(quads.folder.iterdir())
    assert not any(tmp_path.iterdir())
    with pytest.raises(RuntimeError), SortedQuads.spill(quad_statements(QUADS), tmp_path):
        raise RuntimeError("a writer failed")
    assert not any(tmp_path.iterdir())


def _run_folder(parent, name: str, lock: bool = True, old: bool = True):
    path = parent / f"{sorted_quads.FOLDER_PREFIX}{name}"
    path.mkdir()
    (path / "run-000001").write_bytes(b"<s> <p> <o> .\n")
    if lock:
        (path / sorted_quads.LOCK_FILE).touch()
    if old:
        os.utime(path, (0, 0))
    return path


def test_runs_left_by_a_killed_build_are_removed_by_the_next(tmp_path):
    abandoned = _run_folder(tmp_path, "killed")  # its lock file is there, nobody holds it
    no_lock = _run_folder(tmp_path, "killed-before-locking", lock=False)
    in_use = _run_folder(tmp_path, "running")
    just_made = _run_folder(tmp_path, "new", lock=False, old=False)  # a build between making and locking it
    just_written = _run_folder(tmp_path, "busy", old=False)
    with (in_use / sorted_quads.LOCK_FILE).open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        with SortedQuads.spill(quad_statements(QUADS), tmp_path) as quads:
            with pytest.raises(BlockingIOError), (quads.folder / sorted_quads.LOCK_FILE).open("rb") as mine:
                fcntl.flock(mine, fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert not abandoned.exists() and not no_lock.exists()
    assert in_use.exists() and just_made.exists() and just_written.exists()


def test_an_up_to_date_build_removes_abandoned_runs_too(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("3月2日，市委书记王立新来到临港物流园项目现场调研。", encoding="utf-8")
    build_outputs([str(article)], tmp_path / "out")
    abandoned = _run_folder(tmp_path / "out", "killed")
    assert build_outputs([str(article)], tmp_path / "out")[1]  # up to date
    assert not abandoned.exists()


def test_a_build_without_a_store_writes_what_a_store_writes(tmp_path):
    """kg build spills the resolver's quads straight to disk; the API's graph keeps them in an Oxigraph
    store, which holds literals in canonical form (xsd:decimal 1000000000.0 → 1000000000). Same files."""
    article = tmp_path / "articles" / "a.txt"
    article.parent.mkdir()
    article.write_text(
        "2024年3月5日，河北省保定市委书记王立新到清苑区调研重点项目建设。\n"
        "在年产10万吨新型建材项目现场，王立新详细了解项目进展。该项目总投资10亿元，占地面积200亩。\n",
        encoding="utf-8")
    build_outputs([str(article.parent)], tmp_path / "direct", cache=False)
    kg.build(str(article.parent)).save(tmp_path / "stored")
    names = sorted(p.name for p in (tmp_path / "direct").iterdir() if p.name != "report.json")
    assert "graph.nq" in names and b"#decimal>" in (tmp_path / "direct" / "graph.nq").read_bytes()
    for name in names:
        assert (tmp_path / "direct" / name).read_bytes() == (tmp_path / "stored" / name).read_bytes(), name


@pytest.mark.parametrize("value", [1e9, 0.85, 1.5, 10, 0, 0.0, -0.0, -2.5, 123456789.125, 1e-7, 1e15, 1e20, 0.1 + 0.2])
def test_decimals_are_made_as_the_store_keeps_them(value):
    from kg.graph.rdf import XSD_DECIMAL, typed_literal

    line = f"{S} {P} {typed_literal(value, XSD_DECIMAL)} .\n".encode()
    store = ox.Store()
    store.load(line, format=ox.RdfFormat.N_TRIPLES)
    assert store.dump(format=ox.RdfFormat.N_QUADS) == line


def test_turtle_alone_is_written_without_reading_the_view_or_the_tables(monkeypatch, tmp_path):
    """The pass that writes Turtle gathers the networkx view's and the tables' records only when a format
    written after it reads them."""
    import kg.export
    from kg.graph import network

    def no_view(*args, **kwargs):
        raise AssertionError("read the view's records for Turtle alone")

    with SortedQuads.spill(quad_statements(QUADS), tmp_path / "runs") as quads:
        with monkeypatch.context() as patched:
            patched.setattr(network, "NetworkReader", no_view)
            kg.export.save(quads, tmp_path / "ttl", formats=["ttl"])
            with pytest.raises(AssertionError, match="view's records"):
                kg.export.save(quads, tmp_path / "all", formats=["ttl", "graphml"])
        kg.export.save(quads, tmp_path / "both", formats=["ttl", "graphml"])
    assert (tmp_path / "ttl" / "graph.ttl").read_bytes() == (tmp_path / "both" / "graph.ttl").read_bytes()


def test_two_processes_write_the_files_one_writes(monkeypatch, tmp_path):
    """With two processes the second one writes the files read from the quads alone (their writers fail in
    this process; the forked one has them too, and runs them in its own), and those read from the view
    alone unless this process claims them first; every file is the same, written once, and the set's
    claims are gone after it (another set of the same runs is written whole)."""
    import kg.export
    from kg.graph.rdf import resolved_statements
    from kg.graph.sample import sample_resolved

    first = os.getpid()

    def elsewhere(write):
        def write_in_another_process(source, paths):
            assert os.getpid() != first, "written by the first process"
            write(source, paths)
        return write_in_another_process

    def counted(writer):
        def write_and_count(source, paths):
            with (tmp_path / f"ran-{writer.names[0]}").open("a") as ran:
                ran.write(f"{os.getpid()}\n")
            writer.write(source, paths)
        return write_and_count

    _, aside, handed = kg.export._shares(kg.export.writers_of(None), 2)
    assert aside and handed
    with SortedQuads.spill(resolved_statements(sample_resolved()), tmp_path / "runs") as quads:
        kg.export.save(quads, tmp_path / "one")
        with monkeypatch.context() as patched:
            patched.setattr(kg.export, "WRITERS", tuple(
                dataclasses.replace(writer, write=elsewhere(writer.write)) if writer in aside
                else dataclasses.replace(writer, write=counted(writer)) if writer in handed else writer
                for writer in kg.export.WRITERS))
            for name in ("two", "three"):
                with kg.export.second_process(None, 2) as second:
                    kg.export.save(quads, tmp_path / name, second=second)
    names = sorted(path.name for path in (tmp_path / "one").iterdir())
    assert {"graph.ttl", "graph.nq", "graph.jsonld", "graph.graphml", "graph.gexf", "nodes.csv"} <= set(names)
    for name in names:
        for other in ("two", "three"):
            assert (tmp_path / "one" / name).read_bytes() == (tmp_path / other / name).read_bytes(), name
    for writer in handed:
        assert len((tmp_path / f"ran-{writer.names[0]}").read_text().split()) == 2  # once per set


def test_the_writers_of_the_view_are_run_by_the_process_that_claims_them(tmp_path):
    """The second process runs its writers of the view in order until one is claimed by the other process,
    which takes them from the last."""
    import pickle

    import kg.export
    from kg.graph.rdf import resolved_statements
    from kg.graph.sample import sample_resolved

    writers = [writer for writer in kg.export.writers_of(None) if writer.reads == kg.export.VIEW]
    names = [name for writer in writers for name in writer.names]
    view = tmp_path / "view.pickle"
    with SortedQuads.spill(resolved_statements(sample_resolved()), tmp_path / "runs") as quads:
        view.write_bytes(pickle.dumps(kg.export.GraphSource(quads).view))
    assert kg.export.claimed(tmp_path, writers[-1])  # the other process took the last one
    assert not kg.export.claimed(tmp_path, writers[-1])
    kg.export.write_from_view(view, writers, {name: tmp_path / name for name in names}, tmp_path)
    assert [writer.names[0] for writer in writers if (tmp_path / writer.names[0]).exists()] == \
        [writer.names[0] for writer in writers[:-1]]


def test_a_second_process_forked_before_the_statements_are_sorted_writes_the_same_set(tmp_path):
    """A build forks the second process before it sorts (kg.api.build_outputs): that process sorts half of
    the statements, from its copy of the records, into the runs' folder while this one sorts the other half,
    then writes its share of the files. The same files as one process, each complete when the set is renamed
    into place (report.json's stamps are those of the files)."""
    import kg.export
    from kg.graph.rdf import resolved_statements
    from kg.graph.sample import sample_resolved

    resolved = sample_resolved()
    with SortedQuads.temporary(tmp_path / "runs") as quads:
        with kg.export.second_process(None, 2, partial(quads.sort, resolved_statements(resolved, 1, 2))) as second:
            quads.sort(resolved_statements(resolved, 0, 2))
            quads.take_runs(second.result())
            kg.export.save(quads.merge_lines(), tmp_path / "two", report={}, second=second)
    with SortedQuads.spill(resolved_statements(resolved), tmp_path / "runs") as quads:
        kg.export.save(quads, tmp_path / "one", report={})
    names = sorted(path.name for path in (tmp_path / "one").iterdir())
    assert names == sorted(path.name for path in (tmp_path / "two").iterdir())
    for name in names:
        if name != kg.export.REPORT_FILE:
            assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    report = json.loads((tmp_path / "two" / kg.export.REPORT_FILE).read_text(encoding="utf-8"))
    assert kg.export.outputs_up_to_date(tmp_path / "two", report, kg.export.file_names(None))


def test_the_parts_of_the_statements_make_them_all():
    """The parts of the records' statements (one per process) together are every statement, each part a
    share of them."""
    from kg.graph.rdf import resolved_statements
    from kg.graph.sample import sample_resolved

    resolved = sample_resolved()
    every = set(resolved_statements(resolved))
    for parts in (2, 3):
        shares = [set(resolved_statements(resolved, part, parts)) for part in range(parts)]
        assert set().union(*shares) == every
        assert all(0 < len(share) < len(every) for share in shares)


def test_runs_sorted_by_two_processes_read_as_the_runs_of_one(monkeypatch, tmp_path):
    """Runs of two halves of the statements (a statement in both, as the parts of a build may make), sorted
    into one folder by two objects as two processes do, give the lines and graph records of one spill."""
    monkeypatch.setattr(sorted_quads, "RUN_QUADS", 2)
    statements = list(quad_statements(QUADS))
    with SortedQuads.spill(statements, tmp_path / "one") as one:
        lines, records = list(one.lines()), list(chain.from_iterable(one.graph_record_blocks()))
    with SortedQuads.temporary(tmp_path / "two") as here:
        there = SortedQuads(here.folder)
        there.sort(statements[1::2] + statements[:1])
        monkeypatch.setattr(os, "getpid", lambda: -1)  # the names another process gives its runs
        here.sort(statements[::2])
        here.take_runs(there)
        here.merge_lines()
        assert list(here.lines()) == lines
        assert list(chain.from_iterable(here.graph_record_blocks())) == records
        assert len(list(here.folder.glob("run-*"))) == 1 + len(here._runs[sorted_quads.GRAPHS])


@pytest.mark.parametrize("formats, processes", [(None, 1), (["ttl", "jsonld"], 2), (["graphml"], 2)])
def test_no_second_process_is_started_when_it_would_have_nothing_to_write(formats, processes):
    import kg.export

    with kg.export.second_process(formats, processes) as second:
        assert second is None


@pytest.mark.parametrize("chosen, processes, shares", [
    (None, 2, (["documents.csv", "explorer.html"], ["graph.ttl", "graph.nq", "graph.jsonld"],
               ["graph.graphml", "graph.gexf", "nodes.csv"])),
    (None, 1, (["graph.ttl", "graph.nq", "graph.jsonld", "graph.graphml", "graph.gexf", "nodes.csv",
                "documents.csv", "explorer.html"], [], [])),
    (["graphml", "csv"], 2, (["documents.csv"], [], ["graph.graphml", "nodes.csv"])),  # no quads: the view is sent
    (["ttl", "graphml", "gexf"], 2, (["graph.graphml", "graph.gexf"], ["graph.ttl"], [])),  # no tables: kept here
    (["graphml"], 2, (["graph.graphml"], [], [])),
    (["ttl", "jsonld"], 2, (["graph.ttl", "graph.jsonld"], [], [])),  # no view to make: one process
])
def test_the_writers_are_shared_between_two_processes_only_when_each_has_work(chosen, processes, shares):
    import kg.export

    shared = kg.export._shares(kg.export.writers_of(chosen), processes)  # each writer by its first file
    assert tuple([writer.names[0] for writer in writers] for writers in shared) == shares


def test_a_view_sent_to_the_second_process_writes_the_files_of_the_view_made_here(tmp_path):
    """GraphML, GEXF and the nodes and edges tables written from the pickle of a view (what the second
    process is sent) are the files written from the view itself."""
    import pickle

    import kg.export
    from kg.graph.rdf import resolved_statements
    from kg.graph.sample import sample_resolved

    names = ["graph.graphml", "graph.gexf", "nodes.csv", "edges.csv", "documents.csv", "inspections.csv", "careers.csv"]
    with SortedQuads.spill(resolved_statements(sample_resolved()), tmp_path / "runs") as quads:
        kg.export.write_files(quads, kg.export.writers_of(["graphml", "gexf", "csv"]),
                              {name: tmp_path / name for name in names})
        sent = tmp_path / "view.pickle"
        sent.write_bytes(pickle.dumps(kg.export.GraphSource(quads).view))
    writers = [writer for writer in kg.export.writers_of(["graphml", "gexf", "csv"]) if writer.reads == kg.export.VIEW]
    assert pickle.loads(pickle.dumps(writers)) == writers  # by name: another process finds its own
    kg.export.write_from_view(sent, writers, {name: tmp_path / f"sent-{name}" for name in names}, tmp_path)
    for name in ["graph.graphml", "graph.gexf", "nodes.csv", "edges.csv"]:
        assert (tmp_path / name).read_bytes() == (tmp_path / f"sent-{name}").read_bytes(), name


def test_an_error_of_the_second_process_reaches_the_caller(tmp_path):
    import kg.export

    with SortedQuads.spill(quad_statements(QUADS), tmp_path / "runs") as quads:
        with pytest.raises(FileNotFoundError):
            with kg.export.second_process() as second:
                second.submit(kg.export.write_files, quads, kg.export.writers_of(["nq"]),
                              {"graph.nq": tmp_path / "missing" / "graph.nq"})


def _fails():
    raise ValueError("no records")


def test_the_second_process_reports_an_error_of_its_first_function_and_its_end(tmp_path):
    """The error of the function it forked with, with its traceback as a note; a process that ended without
    a result; a block that fails stops the process at once."""
    import time

    import kg.export

    with pytest.raises(ValueError, match="no records") as caught:
        with kg.export.second_process(None, 2, _fails) as second:
            second.result()
    assert any("in the second writer process" in note and "_fails" in note for note in caught.value.__notes__)
    with pytest.raises(RuntimeError, match="exit code 3"):
        with kg.export.second_process(None, 2, partial(os._exit, 3)):
            pass
    started = time.monotonic()
    with pytest.raises(KeyError):
        with kg.export.second_process(None, 2, partial(time.sleep, 60)) as second:
            raise KeyError("a writer of this process failed")
    assert time.monotonic() - started < 30 and not second._process.is_alive()


def test_a_set_whose_writer_fails_here_ends_at_once_while_the_second_process_is_busy(monkeypatch, tmp_path):
    """A writer of this process fails after the view (a big one: more than a pipe holds) was sent to a second
    process still busy with its first function: the error is raised at once, the process stopped (what was
    sent to it never waits on it)."""
    import time

    import kg.export
    from kg.graph.rdf import resolved_statements
    from kg.graph.sample import sample_resolved

    def broken(source, paths):
        raise KeyError("a writer of this process failed")

    monkeypatch.setattr(kg.export, "WRITERS", tuple(
        dataclasses.replace(writer, write=broken) if writer.reads == kg.export.TABLES else writer
        for writer in kg.export.WRITERS))
    monkeypatch.setattr(kg.export.GraphSource, "view", property(lambda source: "视图" * 5_000_000))
    started = time.monotonic()
    with SortedQuads.spill(resolved_statements(sample_resolved()), tmp_path / "runs") as quads:
        with pytest.raises(KeyError):
            with kg.export.second_process(None, 2, partial(time.sleep, 60)) as second:
                kg.export.save(quads, tmp_path / "out", second=second)
    assert time.monotonic() - started < 30 and not second._process.is_alive()
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_merging_by_blocks_gives_every_line_once_in_byte_order(monkeypatch, tmp_path):
    """Runs of random lines (duplicates within and across runs, lines that are prefixes of others), merged
    with blocks of every size from a line to the whole run: byte order, each line once."""
    import random

    randomly = random.Random(17)
    lines = [("".join(randomly.choice("ab<> \"中😀") for _ in range(randomly.randint(0, 6))) + "\n").encode()
             for _ in range(300)]
    runs = []
    for number in range(7):
        run = tmp_path / f"run-{number}"
        run.write_bytes(b"".join(sorted(set(randomly.sample(lines, 60)))))
        runs.append(run)
    expected = sorted(set(b"".join(run.read_bytes() for run in runs).splitlines(keepends=True)))
    for size in (1, 5, 40, 1 << 23):
        monkeypatch.setattr(sorted_quads, "MERGE_BYTES", size)
        assert list(sorted_quads._merged(runs)) == expected
