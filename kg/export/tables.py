"""The CSV tables (UTF-8, lists joined with "; "): nodes.csv and edges.csv, the networkx view; documents.csv,
inspections.csv and careers.csv, the analysts' tables of :mod:`kg.graph.tables`.

A cell holds at most :data:`CELL_LIMIT` characters, the most a spreadsheet takes (Excel: 32,767; Python's
csv reader refuses 131,072 by default): a longer list keeps its first items and says how many more there
are, a longer text is cut with "…". The whole value stays in the RDF files.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.gephi import LIST_SEPARATOR, scalar
from kg.graph.tables import CAREER_COLUMNS, DOCUMENT_COLUMNS, INSPECTION_COLUMNS, Tables

if TYPE_CHECKING:  # networkx takes 0.4 s to import: a build that is up to date never needs it
    import networkx as nx

NODE_COLUMNS = ("id", "label", "type")
EDGE_COLUMNS = ("id", "source", "target", "relation", "label", "confidence", "first_date", "last_date", "documents",
                "headlines", "evidence")
CELL_LIMIT = 32_000


def write_nodes_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    extra = sorted({k for _, data in graph.nodes(data=True) for k in data} - set(NODE_COLUMNS))
    rows = ({"id": node, **data} for node, data in graph.nodes(data=True))
    _write(path, [*NODE_COLUMNS, *extra], rows)


def write_edges_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    rows = ({"id": key, "source": u, "target": v, **data} for u, v, key, data in graph.edges(keys=True, data=True))
    _write(path, list(EDGE_COLUMNS), rows)


def write_analysis_tables(tables: Tables, paths: dict[str, Path]) -> None:
    """documents.csv, inspections.csv and careers.csv into ``paths`` (file name → path)."""
    _write(paths["documents.csv"], list(DOCUMENT_COLUMNS), tables.documents)
    _write(paths["inspections.csv"], list(INSPECTION_COLUMNS), tables.inspections)
    _write(paths["careers.csv"], list(CAREER_COLUMNS), tables.careers)


def _write(path: Path, columns: list[str], rows) -> None:
    """``rows`` (dicts) under ``columns``: a missing or None value is an empty cell, other keys are left out."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([cell(row.get(column)) for column in columns] for row in rows)


def cell(value) -> str:
    """A value as a CSV cell: plain text, lists joined with "; ", at most CELL_LIMIT characters."""
    if value is None:
        return ""
    if type(value) is str and value.isprintable() and len(value) <= CELL_LIMIT:  # most cells
        return value
    if isinstance(value, (list, tuple, set)):
        value = _capped_list(value if None not in value else [v for v in value if v is not None])
    value = scalar(value)
    text = "" if value is None else str(value)
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def _capped_list(items: list | tuple | set) -> list | tuple | set:
    """The first items that fit in a cell, then "… N more" for the others."""
    if len(LIST_SEPARATOR.join(map(str, items))) + len(LIST_SEPARATOR) <= CELL_LIMIT - 20:  # most lists: all fit
        return items
    kept, length = [], 0
    for number, item in enumerate(items):
        length += len(str(item)) + len(LIST_SEPARATOR)
        if length > CELL_LIMIT - 20:  # room for the count
            return [*kept, f"… {len(items) - number} more"]
        kept.append(item)
    return kept
