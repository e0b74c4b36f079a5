"""The graph as sorted N-Quads lines on disk: what every file writer and the networkx view read.

A build does not hold its graph in memory: statements (:data:`kg.graph.rdf.Statement`, the N-Triples text of
a triple and of its graph) are spilled as they are made, in runs of :data:`RUN_QUADS` that are sorted and
written to a temporary folder, and merged when read. Memory is bounded by the run size whatever the size of
the corpus, and the order is the byte order of the lines, so the same graph always gives the same files. Two
orders are kept:

- the N-Quads lines themselves (subject first: every quad of one subject is contiguous), for graph.nq,
  Turtle and the networkx view: merged into one file, graph.nq's bytes, once the spill is done (three
  writers read them: one merge instead of three);
- graph first (the default graph, then each named graph by IRI), the triple's text after the graph's, for
  JSON-LD's one object per graph.

Duplicate quads (the same statement made twice) are dropped when the runs are sorted and merged.

A build given two cores sorts with two processes: each makes half of the statements and sorts them into runs
of its own in one folder; the build's process takes the other's runs (:meth:`SortedQuads.take_runs`), then
merges the N-Quads lines.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from bisect import bisect_right
from contextlib import contextmanager
from itertools import chain, groupby, islice
from operator import attrgetter
from pathlib import Path

import pyoxigraph as ox

Statement = tuple[str, str]  # (N-Triples text of the triple "s p o", of the graph name: "" for the default graph)

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

RUN_QUADS = 20_000  # quads sorted in memory at a time: ~20 MB of statements and lines
MERGE_BYTES = 1 << 23  # bytes of the runs read at a time when they are merged
MAX_RUNS = 64  # runs of one level merged into one of the next when there are this many (few open files)
FOLDER_PREFIX = ".kg-quads-"  # the temporary folder of a build's runs
LOCK_FILE = "lock"
ABANDONED_AFTER = 60  # seconds unchanged before an unlocked run folder counts as abandoned
QUADS, GRAPHS = "quads", "graphs"  # the orders of the runs: the N-Quads lines; graph first (JSON-LD's)


def nquads_line(statement: Statement) -> str:
    """The N-Quads line of a statement, with its line feed."""
    triple, graph = statement
    return f"{triple} {graph} .\n" if graph else f"{triple} .\n"


class SortedQuads:
    """Sorted runs of one graph's quads in a temporary folder; made by :meth:`spill` (or :meth:`temporary`, then
    :meth:`sort`, :meth:`take_runs` and :meth:`merge_lines`)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._runs: dict[str, list[tuple[int, Path]]] = {QUADS: [], GRAPHS: []}  # (level, run file)
        self._files = 0  # run files this process made so far (their names)

    @classmethod
    @contextmanager
    def spill(cls, statements: Iterable[Statement], folder: str | Path | None = None) -> Iterator[SortedQuads]:
        """Sort ``statements`` ((N-Triples text of the triple "s p o", of the graph name: "" for the default
        graph)) into runs in a temporary folder inside ``folder`` (the system's by default), removed when the
        block ends; those a killed build left in ``folder`` are removed first."""
        with cls.temporary(folder) as sorted_quads:
            yield sorted_quads.sort(statements).merge_lines()

    @classmethod
    @contextmanager
    def temporary(cls, folder: str | Path | None = None) -> Iterator[SortedQuads]:
        """No runs yet, in a temporary folder inside ``folder`` (the system's by default), locked for the block
        and removed when it ends; those a killed build left in ``folder`` are removed first."""
        if folder is not None:
            Path(folder).mkdir(parents=True, exist_ok=True)
            remove_abandoned(Path(folder))
        temporary = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=folder))
        lock = (temporary / LOCK_FILE).open("wb")
        try:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held while the runs are in use
            yield cls(temporary)
        finally:
            lock.close()
            shutil.rmtree(temporary, ignore_errors=True)

    def sort(self, statements: Iterable[Statement]) -> SortedQuads:
        """Sort ``statements`` into runs of both orders, :data:`RUN_QUADS` at a time; return this object. Another
        process may sort others into the same folder (:meth:`take_runs`)."""
        statements = iter(statements)
        while chunk := list(islice(statements, RUN_QUADS)):
            self._add_run(chunk)
        return self

    def take_runs(self, other: SortedQuads) -> None:
        """Add the runs of ``other``: this folder's, sorted by another process."""
        for order, runs in other._runs.items():
            self._runs[order] += runs

    def merge_lines(self) -> SortedQuads:
        """Merge the runs of the N-Quads lines into one, graph.nq's bytes, which Turtle and the view read too;
        return this object."""
        self._merge_all(QUADS)
        return self

    def _add_run(self, chunk: list[Statement]) -> None:
        # distinct statements first (once for both orders: distinct statements make distinct lines), in the
        # order made: the sorts then find the runs of statements already in order
        distinct = dict.fromkeys(chunk)
        self._write_run(GRAPHS, [(f"\x01{graph.strip('<>')}\x00{triple}\n" if graph else f"\x00{triple}\n").encode()
                                 for triple, graph in distinct])
        self._write_run(QUADS, [nquads_line(statement).encode() for statement in distinct])

    def _write_run(self, order: str, lines: list[bytes]) -> None:
        """A sorted run of ``lines`` (distinct), at level 0. When a level has MAX_RUNS runs they are merged
        into one run of the next level: reading opens at most MAX_RUNS files per level, and each line is
        rewritten once per level (log base MAX_RUNS of the number of runs), not once per merge."""
        runs = self._runs[order]
        runs.append((0, self._write_file([sorted(lines)])))
        level = 0
        while len(group := [path for at, path in runs if at == level]) >= MAX_RUNS:
            merged = self._write_file(_merged_blocks(group))
            for path in group:
                path.unlink()
            runs[:] = [(at, path) for at, path in runs if at != level] + [(level + 1, merged)]
            level += 1

    def _merge_all(self, order: str) -> None:
        """Every run of ``order`` merged into one."""
        runs = self._runs[order]
        if len(runs) > 1:
            merged = self._write_file(_merged_blocks([path for _, path in runs]))
            for _, path in runs:
                path.unlink()
            runs[:] = [(0, merged)]

    def _write_file(self, blocks: Iterable[list[bytes]]) -> Path:
        """A new run file of the lines of ``blocks``, named by this process (two may sort into one folder)."""
        self._files += 1
        path = self.folder / f"run-{os.getpid()}-{self._files:06d}"
        with path.open("wb") as stream:
            for block in blocks:
                stream.write(b"".join(block))
        return path

    def lines(self) -> Iterator[bytes]:
        """Every distinct quad as an N-Quads line (with its line feed), in byte order."""
        return _merged([path for _, path in self._runs[QUADS]])

    def copy_lines(self, path: Path) -> None:
        """Write :meth:`lines` to ``path``: a copy of the merged run."""
        runs = self._runs[QUADS]
        if runs:
            shutil.copyfile(runs[0][1], path)
        else:
            path.write_bytes(b"")

    def quads(self) -> Iterator[ox.Quad]:
        """Every distinct quad, in the order of :meth:`lines` (so grouped by subject): parsed by Oxigraph
        from the merged run, as is (its lines were all made from checked terms)."""
        runs = self._runs[QUADS]
        return ox.parse(path=runs[0][1], format=ox.RdfFormat.N_QUADS, lenient=True) if runs else iter(())

    def triples(self) -> Iterator[ox.Triple]:
        """Every distinct triple of the union of the graphs, in the byte order of their N-Triples lines
        (a triple's quads are contiguous and sort as its N-Triples line does)."""
        previous = None
        for quad in self.quads():
            triple = quad.triple
            if triple != previous:
                yield triple
                previous = triple

    def graph_record_blocks(self) -> Iterator[list[bytes]]:
        """Every distinct quad in graph order, as a record: b"\\x00" for the default graph (which sorts
        first), b"\\x01" + IRI (or blank node) + b"\\x00" for a named graph; then the N-Triples text of its
        triple and a line feed. The default graph comes first, then the named graphs by IRI; a graph's
        triples in byte order. A block of records at a time."""
        return _merged_blocks([path for _, path in self._runs[GRAPHS]])


def by_subject(quads: Iterable[ox.Quad]) -> Iterator[tuple[str, dict[str, list[ox.Term]]]]:
    """(subject IRI or blank node id, its objects by predicate) for each run of quads with one subject (all
    of a subject's quads, in the order of :meth:`SortedQuads.quads`)."""
    for subject, group in groupby(quads, attrgetter("subject")):
        yield subject.value, objects_by_predicate(group)


def objects_by_predicate(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Term]]:
    """predicate IRI → objects of one subject's quads (one per graph the triple is in)."""
    objects: dict[str, list[ox.Term]] = {}
    for quad in quads:
        predicate = quad.predicate.value
        if predicate in objects:
            objects[predicate].append(quad.object)
        else:
            objects[predicate] = [quad.object]
    return objects


def _merged(runs: list[Path]) -> Iterator[bytes]:
    """The lines of the run files (each sorted, each line once) in byte order, each once."""
    return chain.from_iterable(_merged_blocks(runs))


def _merged_blocks(runs: list[Path]) -> Iterator[list[bytes]]:
    """:func:`_merged` a block of lines at a time. Each run is read a block at a time; the lines of the
    blocks up to the least of the last lines of the runs not read to the end (no later line can come before
    it) are sorted together: the merge is done by the C sort (it finds the sorted runs and merges them),
    not line by line in Python."""
    streams = [path.open("rb") for path in runs]
    try:
        hint = MERGE_BYTES // max(len(runs), 1)  # readlines reads one line at least
        blocks: list[list[bytes]] = [[] for _ in streams]
        reading = set(range(len(streams)))  # the runs not read to the end
        while reading or any(blocks):
            for index in sorted(reading):
                if not blocks[index]:
                    blocks[index] = streams[index].readlines(hint)
                    if not blocks[index]:
                        reading.discard(index)
            bound = min((blocks[index][-1] for index in reading), default=None)
            ready = []
            for index, block in enumerate(blocks):
                cut = len(block) if bound is None else bisect_right(block, bound)
                ready += block[:cut]
                blocks[index] = block[cut:]
            ready = list(dict.fromkeys(sorted(ready)))  # a line in several runs once
            if ready:
                yield ready
    finally:
        for stream in streams:
            stream.close()


def remove_abandoned(folder: Path) -> None:
    """Remove the run folders in ``folder`` that no build holds: a killed build could not clean up. A build
    holds a lock on its folder while it runs (process ids would not do: a container's build has the same
    one every time); a folder is only judged once it has not changed for :data:`ABANDONED_AFTER` seconds,
    as a build makes its folder and then locks it."""
    if fcntl is None:  # no flock (Windows): nothing can tell an abandoned folder from one in use
        return
    for path in folder.glob(FOLDER_PREFIX + "*"):
        try:
            if time.time() - path.stat().st_mtime < ABANDONED_AFTER:
                continue
            with (path / LOCK_FILE).open("rb") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(path, ignore_errors=True)
        except BlockingIOError:  # a build is using it
            continue
        except FileNotFoundError:  # no lock file: killed between making its folder and locking it
            shutil.rmtree(path, ignore_errors=True)
        except OSError:  # not ours to read
            continue
