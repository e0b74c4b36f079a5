"""The graph as sorted N-Quads lines on disk: what every file writer and the networkx view read.

A build does not hold its graph in memory: quads are serialised as they are made, in runs of
:data:`RUN_QUADS` that are sorted and written to a temporary folder, and merged when read. Memory is bounded
by the run size whatever the size of the corpus, and the order is the byte order of the lines, so the same
graph always gives the same files. Two orders are kept:

- the N-Quads lines themselves (subject first: every quad of one subject is contiguous), for graph.nq,
  Turtle and the networkx view;
- graph first (the default graph, then each named graph by IRI), for JSON-LD's one object per graph.

Duplicate quads (the same statement made twice) are dropped when the runs are merged.
"""

from __future__ import annotations

import heapq
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import groupby, islice
from operator import attrgetter
from pathlib import Path

import pyoxigraph as ox

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

RUN_QUADS = 20_000  # quads sorted in memory at a time: ~40 MB of quads and lines (100k took 200 MB)
MAX_RUNS = 64  # runs of one level merged into one of the next when there are this many (few open files)
PARSE_LINES = 1 << 14  # lines parsed per call when lines are read back as quads
FOLDER_PREFIX = ".kg-quads-"  # the temporary folder of a build's runs
LOCK_FILE = "lock"
ABANDONED_AFTER = 60  # seconds unchanged before an unlocked run folder counts as abandoned
_DEFAULT_GRAPH_KEY = b""  # sorts before every named graph's key (b"\x01" + IRI)


class SortedQuads:
    """Sorted runs of one graph's quads in a temporary folder; made by :meth:`spill`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._runs: dict[str, list[tuple[int, Path]]] = {"quads": [], "graphs": []}  # (level, run file)
        self._files = 0  # run files made so far (their names)

    @classmethod
    @contextmanager
    def spill(cls, quads: Iterable[ox.Quad], folder: str | Path | None = None) -> Iterator[SortedQuads]:
        """Sort ``quads`` into runs in a temporary folder inside ``folder`` (the system's by default),
        removed when the block ends; those a killed build left in ``folder`` are removed first."""
        if folder is not None:
            Path(folder).mkdir(parents=True, exist_ok=True)
            remove_abandoned(Path(folder))
        temporary = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=folder))
        lock = (temporary / LOCK_FILE).open("wb")
        try:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held while the runs are in use
            sorted_quads = cls(temporary)
            quads = iter(quads)
            while chunk := list(islice(quads, RUN_QUADS)):
                sorted_quads._add_run(chunk)
            yield sorted_quads
        finally:
            lock.close()
            shutil.rmtree(temporary, ignore_errors=True)

    def _add_run(self, chunk: list[ox.Quad]) -> None:
        lines = ox.serialize(chunk, format=ox.RdfFormat.N_QUADS).splitlines()
        if len(lines) != len(chunk):
            raise ValueError(f"N-Quads serialisation gave {len(lines)} lines for {len(chunk)} quads")
        keyed = [_graph_key(quad.graph_name) + b"\x00" + line for quad, line in zip(chunk, lines)]
        del chunk
        self._write_run("graphs", keyed)
        del keyed
        self._write_run("quads", lines)

    def _write_run(self, kind: str, lines: list[bytes]) -> None:
        """A sorted run, at level 0. When a level has MAX_RUNS runs they are merged into one run of the
        next level: reading opens at most MAX_RUNS files per level, and each line is rewritten once per
        level (log base MAX_RUNS of the number of runs), not once per merge."""
        lines.sort()
        runs = self._runs[kind]
        runs.append((0, self._write_file(lines)))
        level = 0
        while len(group := [path for at, path in runs if at == level]) >= MAX_RUNS:
            merged = self._write_file(_merged(group))
            for path in group:
                path.unlink()
            runs[:] = [(at, path) for at, path in runs if at != level] + [(level + 1, merged)]
            level += 1

    def _write_file(self, lines: Iterable[bytes]) -> Path:
        self._files += 1
        path = self.folder / f"run-{self._files:06d}"
        with path.open("wb") as stream:
            stream.writelines(line + b"\n" for line in lines)
        return path

    def lines(self) -> Iterator[bytes]:
        """Every distinct quad as an N-Quads line (without its line feed), in byte order."""
        return _merged([path for _, path in self._runs["quads"]])

    def quads(self) -> Iterator[ox.Quad]:
        """Every distinct quad, in the order of :meth:`lines` (so grouped by subject)."""
        lines = self.lines()
        while chunk := list(islice(lines, PARSE_LINES)):
            yield from ox.parse(b"\n".join(chunk), format=ox.RdfFormat.N_QUADS)

    def triples(self) -> Iterator[ox.Triple]:
        """Every distinct triple of the union of the graphs, in the byte order of their N-Triples lines
        (a triple's quads are contiguous and sort as its N-Triples line does)."""
        previous = None
        for quad in self.quads():
            triple = quad.triple
            if triple != previous:
                yield triple
                previous = triple

    def graphs(self) -> Iterator[tuple[str | None, Iterator[bytes]]]:
        """(graph IRI, or None for the default graph; that graph's N-Quads lines in byte order) for each
        graph: the default graph first, then the named graphs by IRI. Each graph's lines must be read
        before the next graph is asked for."""
        merged = _merged([path for _, path in self._runs["graphs"]])
        for key, records in groupby(merged, key=lambda record: record.partition(b"\x00")[0]):
            iri = key[1:].decode() if key != _DEFAULT_GRAPH_KEY else None
            yield iri, (record.partition(b"\x00")[2] for record in records)


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
    """The lines of the run files in byte order, each once."""
    streams = [path.open("rb") for path in runs]
    try:
        lines = heapq.merge(*((line[:-1] for line in stream) for stream in streams))
        for line, _ in groupby(lines):
            yield line
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


def _graph_key(graph) -> bytes:
    """The bytes a quad's graph sorts by: the default graph first, named graphs by IRI."""
    if isinstance(graph, ox.DefaultGraph):
        return _DEFAULT_GRAPH_KEY
    return b"\x01" + graph.value.encode()
