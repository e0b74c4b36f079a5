"""Writers of the graph files. Every file is written to a temporary name and renamed (atomic), with
sorted, timestamp-free content: the same graph always gives the same bytes.

Format names (``KnowledgeGraph.save(formats=...)``, ``kg build --format``): see :data:`FORMATS`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from kg.export.gephi import gephi_graph, write_gexf, write_graphml
from kg.export.rdf_files import write_jsonld, write_nquads, write_turtle
from kg.export.tables import write_edges_csv, write_nodes_csv


class _Views:
    """What the writers of one save read: the store, the networkx view, and its Gephi copy (made once for
    GraphML and GEXF, and let go with the save)."""

    def __init__(self, knowledge_graph):
        self.store = knowledge_graph.store
        self._graph = knowledge_graph

    @property
    def nx(self):
        return self._graph.nx

    @cached_property
    def gephi(self):
        return gephi_graph(self._graph.nx)


def _tables(views: _Views, paths: dict[str, Path]) -> None:
    write_nodes_csv(views.nx, paths["nodes.csv"])
    write_edges_csv(views.nx, paths["edges.csv"])


# format name → (file names, writer(views of the graph, {file name: temporary path}))
FORMATS: dict[str, tuple[tuple[str, ...], Callable]] = {
    "ttl": (("graph.ttl",), lambda views, paths: write_turtle(views.store, paths["graph.ttl"])),
    "nq": (("graph.nq",), lambda views, paths: write_nquads(views.store, paths["graph.nq"])),
    "jsonld": (("graph.jsonld",), lambda views, paths: write_jsonld(views.store, paths["graph.jsonld"])),
    "graphml": (("graph.graphml",), lambda views, paths: write_graphml(views.gephi, paths["graph.graphml"])),
    "gexf": (("graph.gexf",), lambda views, paths: write_gexf(views.gephi, paths["graph.gexf"])),
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


def save(knowledge_graph, out_dir: str | Path, formats: list[str] | None = None,
         report: dict | None = None) -> list[Path]:
    """Write the graph files of ``formats`` (and report.json when ``report`` is given); return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    views = _Views(knowledge_graph)
    for name in check_formats(formats):
        files, writer = FORMATS[name]
        with atomic_paths(out, files) as temporary:
            writer(views, temporary)
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
