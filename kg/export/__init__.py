"""Writers of the graph files, with sorted, timestamp-free content: the same graph always gives the same
bytes.

The files of a build are a set: all are written under temporary names first, then renamed into place
together, report.json last. report.json records each file's size and modification time, so a set that a
kill left mixed (some files renamed, report.json still the previous one) never passes
:func:`outputs_up_to_date`, and the next build writes it again.

Format names (``KnowledgeGraph.save(formats=...)``, ``kg build --format``): see :data:`FORMATS`.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import pickle
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.export.explorer import FILE_NAME as EXPLORER_FILE, write_explorer
from kg.export.gephi import view_attribute_kinds, write_gexf, write_graphml
from kg.export.rdf_files import write_jsonld, write_nquads, write_turtle
from kg.export.tables import write_analysis_tables, write_edges_csv, write_nodes_csv
from kg.graph.sorted_quads import SortedQuads, objects_by_predicate

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.graph.network import Network


class GraphSource:
    """What the writers read: the graph's sorted quads, and the view (a :class:`Network`) and the tables made
    from them on first use. The quads are parsed once for the three: the pass that gives Turtle its triples
    (the first file written) gathers what the view and the tables need as it goes."""

    def __init__(self, quads: SortedQuads | None, gather: bool = True):
        self.quads = quads
        self._gather = gather  # whether a writer will read the view or the tables (not for Turtle alone)
        self._readers = None  # (network reader, table records), once a pass has read every subject
        self._view = None
        self._tables = None
        self._attribute_kinds = None

    @classmethod
    def of_view(cls, view: Network) -> GraphSource:
        """A source of a view that another process made, for the writers that read nothing else."""
        source = cls(None, gather=False)
        source._view = view
        return source

    def triples(self) -> Iterator[ox.Triple]:
        """Every distinct triple of the union of the graphs, as :meth:`SortedQuads.triples` gives them."""
        return self._read() if self._gather and self._readers is None else self.quads.triples()

    def _read(self, triples: bool = True) -> Iterator[ox.Triple]:
        """The triples (when ``triples``: Turtle's, else none), from a pass over the quads that feeds the view's
        and the tables' readers as it goes."""
        from kg.graph.network import NetworkReader
        from kg.graph.tables import TableRecords

        network, records = NetworkReader(), TableRecords()
        for subject, group in groupby(self.quads.quads(), attrgetter("subject")):
            quads = list(group)
            objects = objects_by_predicate(quads)
            network.add(subject.value, objects)
            records.add(subject.value, objects)
            if not triples:
                continue
            previous = None  # a triple in several graphs is in several (contiguous) quads
            for quad in quads:
                if (triple := quad.triple) != previous:
                    yield triple
                    previous = triple
        self._readers = network, records

    @property
    def view(self) -> Network:
        if self._view is None:
            from kg.graph.network import Network

            if self._readers is None:
                deque(self._read(triples=False), maxlen=0)
            self._view = self._readers[0].view(Network())
        return self._view

    @property
    def tables(self):
        """The documents, inspections and careers tables (:mod:`kg.graph.tables`), made on first use."""
        if self._tables is None:
            view = self.view
            self._tables = self._readers[1].tables(view)
            self._readers = None
        return self._tables

    @property
    def attribute_kinds(self) -> tuple[dict, dict]:
        """The types of the view's node and edge attributes (:func:`kg.export.gephi.view_attribute_kinds`),
        made on first use: GraphML and GEXF declare their attributes from them."""
        if self._attribute_kinds is None:
            self._attribute_kinds = view_attribute_kinds(self.view)
        return self._attribute_kinds

    def release(self) -> None:
        """Forget the view and the tables (the writers that read them are done): the memory goes to the
        writers of the quads."""
        self._readers = self._view = self._tables = self._attribute_kinds = None


QUADS, VIEW, TABLES = "quads", "view", "tables"  # what a writer reads: the quads, the view alone, the tables
VIEW_FILE = "view.pickle"  # the view sent to a second process, in the sorted runs' folder


@dataclass(frozen=True)
class Writer:
    """One function writing files of a format (``write(graph source, {file name: temporary path})``), and
    what it reads. Pickled by its first file's name: another process finds it in its own :data:`WRITERS`."""

    format: str
    names: tuple[str, ...]
    reads: str  # QUADS, VIEW (the view alone) or TABLES (the view and the tables)
    write: Callable[[GraphSource, dict[str, Path]], None]

    def __reduce__(self):
        return _writer_of, (self.names[0],)

    def run(self, source: GraphSource, paths: dict[str, Path]) -> None:
        """Write this writer's files from ``source`` to their ``paths`` (file name → path, of a whole set)."""
        self.write(source, {name: paths[name] for name in self.names})


def _nodes_and_edges(source: GraphSource, paths: dict[str, Path]) -> None:
    write_nodes_csv(source.view, paths["nodes.csv"])
    write_edges_csv(source.view, paths["edges.csv"])


# Every writer, in the order of the files of a set (report.json lists them so).
WRITERS = (
    Writer("ttl", ("graph.ttl",), QUADS, lambda source, paths: write_turtle(source.triples(), paths["graph.ttl"])),
    Writer("nq", ("graph.nq",), QUADS, lambda source, paths: write_nquads(source.quads, paths["graph.nq"])),
    Writer("jsonld", ("graph.jsonld",), QUADS,
           lambda source, paths: write_jsonld(source.quads, paths["graph.jsonld"])),
    Writer("graphml", ("graph.graphml",), VIEW,
           lambda source, paths: write_graphml(source.view, paths["graph.graphml"], source.attribute_kinds)),
    Writer("gexf", ("graph.gexf",), VIEW,
           lambda source, paths: write_gexf(source.view, paths["graph.gexf"], source.attribute_kinds)),
    Writer("csv", ("nodes.csv", "edges.csv"), VIEW, _nodes_and_edges),
    Writer("csv", ("documents.csv", "inspections.csv", "careers.csv"), TABLES,
           lambda source, paths: write_analysis_tables(source.tables, paths)),
    Writer("html", (EXPLORER_FILE,), TABLES,
           lambda source, paths: write_explorer(source.view, source.tables, paths[EXPLORER_FILE])),
)
# format name (``kg build --format``, ``KnowledgeGraph.save(formats=...)``) → its files
FORMATS: dict[str, tuple[str, ...]] = {
    fmt: tuple(name for writer in WRITERS if writer.format == fmt for name in writer.names)
    for fmt in dict.fromkeys(writer.format for writer in WRITERS)
}


def _writer_of(first_name: str) -> Writer:
    return next(writer for writer in WRITERS if writer.names[0] == first_name)


REPORT_FILE = "report.json"
FILES_KEY = "files"  # report.json: file name → [size, modification time in ns] of each file of the set


class UnknownFormat(ValueError):
    pass


def check_formats(formats: list[str] | None) -> list[str]:
    """The format names to write (all by default); an unknown name is an error that lists the known ones."""
    if not formats:
        return list(FORMATS)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UnknownFormat(f"unknown format {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    return [f for f in FORMATS if f in formats]


def file_names(formats: list[str] | None) -> list[str]:
    """The graph files the formats make (all formats by default), in the order of :data:`WRITERS`."""
    return [name for writer in writers_of(formats) for name in writer.names]


def writers_of(formats: list[str] | None) -> list[Writer]:
    """The writers of ``formats`` (all by default; unknown names raise :class:`UnknownFormat`)."""
    chosen = check_formats(formats)
    return [writer for writer in WRITERS if writer.format in chosen]


def save(quads: SortedQuads, out_dir: str | Path, formats: list[str] | None = None,
         report: dict | None = None, second: _SecondProcess | None = None) -> list[Path]:
    """Write the graph files of ``formats`` (and report.json, with the files' stamps, when ``report`` is
    given) from the graph's sorted quads, as one set; return their paths.

    With a ``second`` process (:func:`second_process` of the same formats), that process writes the files read
    from the quads alone, then those read from the view alone (:func:`_shares`; this one takes the last of
    those if it is done first), while this one makes the view and writes the others: the same files, sooner
    on two cores. The temporaries go in the sorted runs' folder when it lies in ``out_dir`` (a killed build's
    folder is removed by the next build), else in ``out_dir`` itself."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = quads.folder if quads.folder.parent.resolve() == out.resolve() else out
    files = file_names(formats)
    with atomic_paths(staging, out, [*files, *([REPORT_FILE] if report is not None else [])]) as temporary:
        mine, aside, handed = _shares(writers_of(formats), 1 if second is None else 2)
        if aside:
            second.submit(write_files, quads, aside, temporary)
        write_files(quads, mine, temporary, second, handed)
        if second is not None:
            second.wait()  # its files are written before the set is renamed into place
            for writer in handed:
                _claim_marker(quads.folder, writer).unlink(missing_ok=True)  # the next set's writers are free
        if report is not None:
            stamps = {name: _stamp(temporary[name]) for name in files}
            text = json.dumps({**report, FILES_KEY: stamps}, ensure_ascii=False, indent=2, sort_keys=True)
            temporary[REPORT_FILE].write_text(text + "\n", encoding="utf-8")
    return [out / name for name in temporary]


def _shares(writers: list[Writer], processes: int) -> tuple[list[Writer], list[Writer], list[Writer]]:
    """The writers of this process; those a second process runs on the quads; those it runs on the view
    this process sends it once made. With two processes, the second takes the writers of the quads and of
    the view alone while this one makes the view and runs the writers of the tables (the view is sent,
    ~0.3 s of pickling for a million quads, only when this process has such writers to run meanwhile);
    there is a second process only when there is a view to make."""
    if processes <= 1 or all(writer.reads == QUADS for writer in writers):
        return writers, [], []
    aside = [writer for writer in writers if writer.reads == QUADS]
    handed = [writer for writer in writers if writer.reads == VIEW]
    if not any(writer.reads == TABLES for writer in writers):
        handed = []
    return [writer for writer in writers if writer not in aside and writer not in handed], aside, handed


def write_files(quads: SortedQuads, writers: list[Writer], paths: dict[str, Path],
                second: _SecondProcess | None = None, handed: list[Writer] | None = None) -> None:
    """Run ``writers`` on the quads, to ``paths`` (file name → path): Turtle first (its pass gathers the
    view and the tables), then the writers of the view, which is then let go, then the others (JSON-LD
    holds a graph's statements at a time: it gets the view's memory, not more). The view, once made, goes
    to the ``second`` process with the ``handed`` writers: each is run by the process that claims it first,
    the second from the first of them, this one from the last once its own writers of the view are done
    (which process is done first varies with the corpus and the machine)."""
    source = GraphSource(quads, gather=any(writer.reads != QUADS for writer in [*writers, *(handed or [])]))
    first = [writer for writer in writers if writer.format == "ttl" or writer.reads != QUADS]
    shared: list[Writer] = []
    for group in (first, [writer for writer in writers if writer not in first]):
        for writer in group:
            if handed and writer.reads != QUADS:
                view = quads.folder / VIEW_FILE  # sent in a file: the pipe to the process takes small things
                with view.open("wb") as stream:
                    pickle.dump(source.view, stream, pickle.HIGHEST_PROTOCOL)
                second.submit(write_from_view, view, handed, paths, quads.folder)
                shared, handed = handed, None
            writer.run(source, paths)
        for writer in reversed(shared):
            if not claimed(quads.folder, writer):
                break
            writer.run(source, paths)
        shared = []
        source.release()


def write_from_view(view: Path, writers: list[Writer], paths: dict[str, Path], claims: Path) -> None:
    """Run ``writers`` (of the view alone) on the view pickled in the file ``view``, to ``paths``, in order,
    until one is claimed by another process (markers in the folder ``claims``)."""
    with view.open("rb") as stream:
        source = GraphSource.of_view(pickle.load(stream))
    for writer in writers:
        if not claimed(claims, writer):
            break
        writer.run(source, paths)


def claimed(folder: Path, writer: Writer) -> bool:
    """Whether this process is the first to claim ``writer``, of two that may run it: it makes the writer's
    marker file in ``folder`` (made once: created only if it is not there)."""
    try:
        _claim_marker(folder, writer).touch(exist_ok=False)
    except FileExistsError:
        return False
    return True


def _claim_marker(folder: Path, writer: Writer) -> Path:
    return folder / f"claim-{writer.names[0]}"


class _SecondProcess:
    """A forked process that runs functions one after the other while this one goes on: the first given when
    it forks, on what this process holds then (nothing is pickled), then those submitted. Their results come
    back in order (:meth:`result`). What is submitted goes through a pipe: it must be small (a big one, a
    view, goes in a file), or submitting would wait for the process to read it."""

    def __init__(self, first: Callable[[], Any]):
        context = multiprocessing.get_context("fork")
        tasks, self._tasks = context.Pipe(duplex=False)
        self._results, results = context.Pipe(duplex=False)
        self._process = context.Process(target=_serve, args=(first, tasks, results), name="kg-writer", daemon=True)
        self._process.start()
        tasks.close()  # the process's ends: the pipes break when it ends
        results.close()
        self._waiting = 1  # the first function's result

    def submit(self, function: Callable, *arguments) -> None:
        self._tasks.send((function, arguments))
        self._waiting += 1

    def result(self) -> Any:
        """The result of the oldest function not collected yet; its error is raised here."""
        try:
            done, value = self._results.recv()
        except EOFError:  # it ended
            self._process.join()
            raise RuntimeError(f"the second writer process ended (exit code {self._process.exitcode})") from None
        self._waiting -= 1
        if not done:
            raise value
        return value

    def wait(self) -> None:
        """Wait for every function given so far; the first error of one, if any, raised here."""
        while self._waiting:
            self.result()

    def close(self, finished: bool) -> None:
        """Stop the process: once it has run what it was given when ``finished``, at once otherwise."""
        if finished:
            self._tasks.send(None)
        else:
            self._process.kill()
        self._process.join()
        self._tasks.close()
        self._results.close()


def _serve(first: Callable[[], Any], tasks, results) -> None:
    """The second process: ``first``, then each function from ``tasks`` until None; each result, or error, is
    sent on ``results``."""
    gc.freeze()  # what it inherited: its collections do not walk those objects (nor copy their pages)
    task = first, ()
    while task is not None:
        function, arguments = task
        try:
            outcome = True, function(*arguments)
        except Exception as error:
            outcome = False, _sendable(error)
        del task, function, arguments
        results.send(outcome)
        del outcome
        try:
            task = tasks.recv()
        except EOFError:  # the first process ended
            return


def _sendable(error: Exception) -> Exception:
    """``error``, with the second process's traceback as a note, as the first process can unpickle it."""
    trace = "".join(traceback.format_exception(error))
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        error = RuntimeError(f"{type(error).__name__}: {error}")
    error.add_note(f"in the second writer process:\n{trace}")
    return error


@contextmanager
def second_process(formats: list[str] | None = None, processes: int = 2,
                   first: Callable[[], Any] = lambda: None) -> Iterator[_SecondProcess | None]:
    """The process that writes a share of the files of ``formats`` (:func:`save`), when ``processes`` > 1,
    they have a share for it and this system can fork (else None). Forked now, it first runs ``first`` on
    what this process holds (a build has it make and sort half of the statements of its records while this
    process does the other half: nothing is pickled); :meth:`_SecondProcess.result` gives what ``first``
    returned. The first error of what it was given, if any, is raised when the block ends; a block that
    fails stops it. A build forks it after the NLP: it holds no ONNX threads then, nor the threads of a Dask
    cluster it started (a client given to it keeps its own, which the forked process never uses)."""
    _, aside, handed = _shares(writers_of(formats), processes)
    if not (aside or handed) or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    second = _SecondProcess(first)
    finished = False
    try:
        yield second
        second.wait()
        finished = True
    finally:
        second.close(finished)


def outputs_up_to_date(out: Path, report: dict, files: list[str]) -> bool:
    """Every one of ``files`` is in ``out`` as the build that wrote ``report`` left it (same size and
    modification time): no file is missing, from another build, or changed since."""
    stamps = report.get(FILES_KEY) or {}
    try:
        return all(stamps.get(name) == _stamp(out / name) for name in files)
    except OSError:
        return False


def _stamp(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


@contextmanager
def atomic_paths(staging: Path, folder: Path, names: list[str]) -> Iterator[dict[str, Path]]:
    """Temporary paths in ``staging`` for ``names``, all renamed onto ``folder``/name, in order, when the
    block succeeds (``staging`` must be on the same file system)."""
    temporary = {name: staging / f".{name}.{os.getpid()}.tmp" for name in names}
    try:
        yield temporary
        for name, path in temporary.items():
            os.replace(path, folder / name)
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)
