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

from kg.export.gephi import write_gexf, write_graphml
from kg.export.rdf_files import write_jsonld, write_nquads, write_turtle
from kg.export.tables import write_edges_csv, write_nodes_csv


def _tables(graph, paths: dict[str, Path]) -> None:
    write_nodes_csv(graph.nx, paths["nodes.csv"])
    write_edges_csv(graph.nx, paths["edges.csv"])


# format name → (file names, writer(knowledge graph, {file name: temporary path}))
FORMATS: dict[str, tuple[tuple[str, ...], Callable]] = {
    "ttl": (("graph.ttl",), lambda graph, paths: write_turtle(graph.store, paths["graph.ttl"])),
    "nq": (("graph.nq",), lambda graph, paths: write_nquads(graph.store, paths["graph.nq"])),
    "jsonld": (("graph.jsonld",), lambda graph, paths: write_jsonld(graph.store, paths["graph.jsonld"])),
    "graphml": (("graph.graphml",), lambda graph, paths: write_graphml(graph.nx, paths["graph.graphml"])),
    "gexf": (("graph.gexf",), lambda graph, paths: write_gexf(graph.nx, paths["graph.gexf"])),
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
    for name in check_formats(formats):
        files, writer = FORMATS[name]
        with atomic_paths(out, files) as temporary:
            writer(knowledge_graph, temporary)
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
