"""Writers of the graph files, with sorted, timestamp-free content: the same graph always gives the same
bytes.

The files of a build are a set: all are written under temporary names first, then renamed into place
together, report.json last. report.json records each file's size and modification time, so a set that a
kill left mixed (some files renamed, report.json still the previous one) never passes
:func:`outputs_up_to_date`, and the next build writes it again.

Format names (``KnowledgeGraph.save(formats=...)``, ``kg build --format``): see :data:`FORMATS`.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

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

    def __init__(self, quads: SortedQuads, gather: bool = True):
        self.quads = quads
        self._gather = gather  # whether a writer will read the view or the tables (not for Turtle alone)
        self._readers = None  # (network reader, table records), once a pass has read every subject
        self._view = None
        self._tables = None
        self._attribute_kinds = None

    def triples(self) -> Iterator[ox.Triple]:
        """Every distinct triple of the union of the graphs, as :meth:`SortedQuads.triples` gives them."""
        return self._read() if self._gather and self._readers is None else self.quads.triples()

    def _read(self) -> Iterator[ox.Triple]:
        """The triples, from a pass over the quads that feeds the view's and the tables' readers as it goes."""
        from kg.graph.network import NetworkReader
        from kg.graph.tables import TableRecords

        network, records = NetworkReader(), TableRecords()
        for subject, group in groupby(self.quads.quads(), attrgetter("subject")):
            quads = list(group)
            objects = objects_by_predicate(quads)
            network.add(subject.value, objects)
            records.add(subject.value, objects)
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
                deque(self._read(), maxlen=0)
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


def _tables(source: GraphSource, paths: dict[str, Path]) -> None:
    write_nodes_csv(source.view, paths["nodes.csv"])
    write_edges_csv(source.view, paths["edges.csv"])
    write_analysis_tables(source.tables, paths)


# format name → (file names, writer(graph source, {file name: temporary path}))
FORMATS: dict[str, tuple[tuple[str, ...], Callable]] = {
    "ttl": (("graph.ttl",), lambda source, paths: write_turtle(source.triples(), paths["graph.ttl"])),
    "nq": (("graph.nq",), lambda source, paths: write_nquads(source.quads, paths["graph.nq"])),
    "jsonld": (("graph.jsonld",), lambda source, paths: write_jsonld(source.quads, paths["graph.jsonld"])),
    "graphml": (("graph.graphml",),
                lambda source, paths: write_graphml(source.view, paths["graph.graphml"], source.attribute_kinds)),
    "gexf": (("graph.gexf",),
             lambda source, paths: write_gexf(source.view, paths["graph.gexf"], source.attribute_kinds)),
    "csv": (("nodes.csv", "edges.csv", "documents.csv", "inspections.csv", "careers.csv"), _tables),
    "html": ((EXPLORER_FILE,), lambda source, paths: write_explorer(source.view, source.tables, paths[EXPLORER_FILE])),
}
VIEW_FORMATS = frozenset({"graphml", "gexf", "csv", "html"})  # the formats written from the view or the tables
# written by a second process when the build has cores to spare: they read the quads alone, the others the view
QUAD_FORMATS = ("ttl", "nq", "jsonld")
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
    """The graph files the formats make (all formats by default), in the order they are written."""
    return [name for fmt in check_formats(formats) for name in FORMATS[fmt][0]]


def save(quads: SortedQuads, out_dir: str | Path, formats: list[str] | None = None,
         report: dict | None = None, processes: int = 1) -> list[Path]:
    """Write the graph files of ``formats`` (and report.json, with the files' stamps, when ``report`` is
    given) from the graph's sorted quads, as one set; return their paths.

    With ``processes`` > 1 the formats read from the quads alone (:data:`QUAD_FORMATS`) are written by a
    second process while this one writes those of the view: the same files, sooner on two cores. The
    temporaries go in the sorted runs' folder when it lies in ``out_dir`` (a killed build's folder is
    removed by the next build), else in ``out_dir`` itself."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = quads.folder if quads.folder.parent.resolve() == out.resolve() else out
    chosen = check_formats(formats)
    view_formats = [fmt for fmt in chosen if fmt in VIEW_FORMATS]
    aside = [fmt for fmt in chosen if fmt in QUAD_FORMATS] if processes > 1 and view_formats else []
    files = file_names(formats)
    with atomic_paths(staging, out, [*files, *([REPORT_FILE] if report is not None else [])]) as temporary:
        with _second_process(quads, aside, temporary) if aside else nullcontext():
            write_formats(quads, [fmt for fmt in chosen if fmt not in aside], temporary)
        if report is not None:
            stamps = {name: _stamp(temporary[name]) for name in files}
            text = json.dumps({**report, FILES_KEY: stamps}, ensure_ascii=False, indent=2, sort_keys=True)
            temporary[REPORT_FILE].write_text(text + "\n", encoding="utf-8")
    return [out / name for name in temporary]


def write_formats(quads: SortedQuads, formats: list[str], paths: dict[str, Path]) -> None:
    """Write ``formats`` (known names) from the quads to ``paths`` (file name → path): Turtle first (its
    pass gathers the view and the tables), then the formats of the view, which is then let go, then the
    others (JSON-LD holds a graph's statements at a time: it gets the view's memory, not more)."""
    source = GraphSource(quads, gather=bool(VIEW_FORMATS.intersection(formats)))
    first = [fmt for fmt in formats if fmt == "ttl" or fmt in VIEW_FORMATS]
    for group in (first, [fmt for fmt in formats if fmt not in first]):
        for fmt in group:
            names, writer = FORMATS[fmt]
            writer(source, {name: paths[name] for name in names})
        source.release()


@contextmanager
def _second_process(quads: SortedQuads, formats: list[str], paths: dict[str, Path]) -> Iterator[None]:
    """``formats`` written by another process while the block runs; its error, if any, raised when the
    block ends. Spawned, not forked: the caller may hold threads (ONNX, a Dask client)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        written = pool.submit(write_formats, quads, formats, paths)
        yield
        written.result()


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
