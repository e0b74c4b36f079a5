"""nodes.csv and edges.csv: the networkx view as two UTF-8 tables (lists joined with "; ")."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.gephi import scalar

if TYPE_CHECKING:  # networkx takes 0.4 s to import: a build that is up to date never needs it
    import networkx as nx

NODE_COLUMNS = ("id", "label", "type")
EDGE_COLUMNS = ("id", "source", "target", "relation", "label", "confidence", "documents", "evidence")


def write_nodes_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    extra = sorted({k for _, data in graph.nodes(data=True) for k in data} - set(NODE_COLUMNS))
    rows = ({"id": node, **data} for node, data in graph.nodes(data=True))
    _write(path, [*NODE_COLUMNS, *extra], rows)


def write_edges_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    rows = ({"id": key, "source": u, "target": v, **data} for u, v, key, data in graph.edges(keys=True, data=True))
    _write(path, list(EDGE_COLUMNS), rows)


def _write(path: Path, columns: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value) -> str:
    value = scalar(value)
    return "" if value is None else str(value)
