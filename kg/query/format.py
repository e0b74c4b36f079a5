"""Query results as text: an aligned table (CJK-aware), CSV and TSV of plain values (W3C SPARQL CSV; TSV as
spreadsheets and pandas read it, not W3C's RDF terms), W3C SPARQL JSON, Turtle for graphs.

Rows are printed from pyoxigraph terms when the result has them (a local :class:`QueryResult`: no rdflib
conversion) and from rdflib terms otherwise (a SPARQL endpoint's result); both print the same.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.query import Result
from rich import box
from rich.console import Console
from rich.table import Table

from kg.export.rdf_files import compact
from kg.graph import PREFIXES
from kg.query.result import QueryResult

FORMATS = ("table", "csv", "tsv", "json")
CHUNK = 1 << 16  # characters of CSV written at a time
FULL_WIDTH = 10_000  # a table's width when it need not fit a terminal
TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def format_result(result: Result, fmt: str = "table", width: int | None = None) -> str:
    """The whole result as text (see :func:`stream_result`)."""
    return "".join(stream_result(result, fmt, width))


def terminal_width(full: bool = False) -> int | None:
    """The width a table should fit: the terminal's when printing to one (unless ``full``), else none (a
    table piped to a file or another program keeps every character)."""
    return None if full or not sys.stdout.isatty() else shutil.get_terminal_size().columns


def stream_result(result: Result, fmt: str = "table", width: int | None = None) -> Iterator[str]:
    """The result as text, in pieces: CSV, TSV and JSON rows are written as the engine finds them (constant
    memory on millions of rows); the table, which aligns its columns, needs every row first, and fits in
    ``width`` characters (cells wrapped) when given."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        for prefix, namespace in PREFIXES.items():
            result.graph.bind(prefix, namespace)
        yield result.graph.serialize(format="turtle")
        return
    if result.type == "ASK":
        yield json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n" if fmt == "json" else (
            "true\n" if result.askAnswer else "false\n")
        return
    if isinstance(result, QueryResult):
        names, rows = result.variables, result.stream_rows()
    else:
        names, rows = [str(v) for v in result.vars], (list(row) for row in result)
    if fmt == "table":
        yield from _table(names, rows, width)
        return
    yield from {"csv": _csv, "tsv": _tsv, "json": _json}[fmt](names, rows)


def _lexical(term) -> str:
    """The IRI, blank node id or literal's lexical form, of a pyoxigraph or an rdflib term."""
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)) else str(term)


def _display(term) -> str:
    if term is None:
        return ""
    if isinstance(term, (URIRef, ox.NamedNode)):
        return compact(_lexical(term))
    return _lexical(term)


def _table(names: list[str], rows: Iterable, width: int | None = None) -> Iterator[str]:
    rows = list(rows)
    table = Table(*names, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for row in rows:
        table.add_row(*(_display(term) for term in row))
    console = Console(file=io.StringIO(), width=width or FULL_WIDTH, no_color=True, highlight=False, emoji=False)
    console.print(table)
    lines = [line.rstrip() for line in console.file.getvalue().splitlines()]
    yield "\n".join(lines) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def _csv(names: list[str], rows: Iterable) -> Iterator[str]:
    """W3C SPARQL 1.1 CSV: plain values."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    yield _drain(out)
    for row in rows:
        writer.writerow(["" if t is None else _lexical(t) for t in row])
        if out.tell() > CHUNK:
            yield _drain(out)
    yield _drain(out)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _tsv(names: list[str], rows: Iterable) -> Iterator[str]:
    """Plain values separated by tabs, as CSV has them (a tab, line break or backslash in a value written
    \\t, \\n, \\r, \\\\): what spreadsheets and pandas read; RDF terms are in the JSON format."""
    yield "\t".join(names) + "\n"
    for row in rows:
        yield "\t".join("" if t is None else _lexical(t).translate(TSV_ESCAPES) for t in row) + "\n"


def _json(names: list[str], rows: Iterable) -> Iterator[str]:
    """W3C SPARQL 1.1 Query Results JSON, one binding per line."""
    yield json.dumps({"head": {"vars": names}}, ensure_ascii=False)[:-1] + ', "results": {"bindings": ['
    separator = "\n"
    for row in rows:
        binding = {n: _json_term(t) for n, t in zip(names, row) if t is not None}
        yield separator + json.dumps(binding, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}}\n"


def _json_term(term) -> dict:
    if isinstance(term, (URIRef, ox.NamedNode)):
        return {"type": "uri", "value": _lexical(term)}
    if isinstance(term, (BNode, ox.BlankNode)):
        return {"type": "bnode", "value": _lexical(term)}
    value: dict = {"type": "literal", "value": _lexical(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = _lexical(term.datatype)
    return value
