"""Writers of the graph files. Every file is written to a temporary name and renamed (atomic), with
sorted, timestamp-free content: the same graph always gives the same bytes.

Format names (``KnowledgeGraph.save(formats=...)``, ``kg build --format``): see :data:`FORMATS`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.gephi import write_gexf, write_graphml
from kg.export.rdf_files import write_jsonld, write_nquads, write_turtle
from kg.export.tables import write_edges_csv, write_nodes_csv
from kg.graph.sorted_quads import SortedQuads

if TYPE_CHECKING:  # networkx takes 0.4 s to import: a build that is up to date never needs it
    import networkx as nx


class GraphSource:
    """What the writers read: the graph's sorted quads, and the networkx view made from them on first use."""

    def __init__(self, quads: SortedQuads):
        self.quads = quads
        self._nx = None

    @property
    def nx(self) -> nx.MultiDiGraph:
        if self._nx is None:
            from kg.graph.network import network_of_quads

            self._nx = network_of_quads(self.quads.quads())
        return self._nx


def _tables(source: GraphSource, paths: dict[str, Path]) -> None:
    write_nodes_csv(source.nx, paths["nodes.csv"])
    write_edges_csv(source.nx, paths["edges.csv"])


# format name → (file names, writer(graph source, {file name: temporary path}))
FORMATS: dict[str, tuple[tuple[str, ...], Callable]] = {
    "ttl": (("graph.ttl",), lambda source, paths: write_turtle(source.quads, paths["graph.ttl"])),
    "nq": (("graph.nq",), lambda source, paths: write_nquads(source.quads, paths["graph.nq"])),
    "jsonld": (("graph.jsonld",), lambda source, paths: write_jsonld(source.quads, paths["graph.jsonld"])),
    "graphml": (("graph.graphml",), lambda source, paths: write_graphml(source.nx, paths["graph.graphml"])),
    "gexf": (("graph.gexf",), lambda source, paths: write_gexf(source.nx, paths["graph.gexf"])),
    "csv": (("nodes.csv", "edges.csv"), _tables),
}
REPORT_FILE = "report.json"


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


def save(quads: SortedQuads, out_dir: str | Path, formats: list[str] | None = None,
         report: dict | None = None) -> list[Path]:
    """Write the graph files of ``formats`` (and report.json when ``report`` is given) from the graph's
    sorted quads; return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    source = GraphSource(quads)
    written = []
    for name in check_formats(formats):
        files, writer = FORMATS[name]
        with atomic_paths(out, files) as temporary:
            writer(source, temporary)
        written.extend(out / f for f in files)
    if report is not None:
        with atomic_paths(out, (REPORT_FILE,)) as temporary:
            text = json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            temporary[REPORT_FILE].write_text(text, encoding="utf-8")
        written.append(out / REPORT_FILE)
    return written


@contextmanager
def atomic_paths(folder: Path, names: tuple[str, ...]) -> Iterator[dict[str, Path]]:
    """Temporary paths in ``folder`` for ``names``, renamed onto them when the block succeeds."""
    temporary = {name: folder / f".{name}.{os.getpid()}.tmp" for name in names}
    try:
        yield temporary
        for name, path in temporary.items():
            os.replace(path, folder / name)
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)
