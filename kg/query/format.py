"""Query results as text: an aligned table (CJK-aware), CSV and TSV of plain values (W3C SPARQL CSV; TSV as
spreadsheets and pandas read it, not W3C's RDF terms), W3C SPARQL JSON, Turtle for graphs.

Rows are printed from pyoxigraph terms when the result has them (a local :class:`QueryResult`: no rdflib
conversion) and from rdflib terms otherwise (a SPARQL endpoint's result); both print the same.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring as json_string  # as json.dumps(text, ensure_ascii=False)

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.query import Result
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from kg.export.rdf_files import compact
from kg.graph import PREFIXES
from kg.query.result import QueryResult, collector_paused

FORMATS = ("table", "csv", "tsv", "json")
CHUNK = 1 << 16  # characters of CSV written at a time
FULL_WIDTH = 10_000  # a table's width when it need not fit a terminal
# Printable ASCII but "[" (one cell each), CJK ideographs, punctuation and full-width forms (two cells
# each, 3 bytes of UTF-8): the characters of most labels, measured without rich's character tables.
ASCII_OR_WIDE = re.compile(r"[ -Z\\\]-~\u3001-\u3029\u3030-\u303e\u4e00-\u9fff\uff01-\uff60]*")
MEMO_TERMS = 100_000  # distinct terms whose printed form is kept while rows stream
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
    display = PerTerm(_display)
    with collector_paused():
        rows = [[display[term] for term in row] for row in rows]
    footer = f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n"
    lengths = _cell_lengths(names, rows)
    widths = [max(lengths[text] for text in column) for column in zip(names, *rows)] if lengths else []
    if not widths or sum(widths) + 3 * (len(widths) - 1) > (width or FULL_WIDTH):
        yield _rich_table(names, rows, width) + "\n" + footer
        return
    yield _aligned(names, widths, lengths)
    yield "\n" + "\u2500" * (sum(widths) + 3 * (len(widths) - 1))
    for start in range(0, len(rows), 1024):
        yield "".join("\n" + _aligned(row, widths, lengths) for row in rows[start:start + 1024])
    yield "\n" + footer


def _cell_lengths(names: list[str], rows: list[list[str]]) -> dict[str, int] | None:
    """The width in terminal cells (CJK characters take two) of each distinct text of the table, or None
    when one holds what rich renders in its own way: line breaks, tabs and other control or format
    characters, or ``[``, which opens rich markup."""
    lengths: dict[str, int] = {}
    for row in (names, *rows):
        for text in row:
            if text not in lengths:
                if ASCII_OR_WIDE.fullmatch(text):  # one cell a byte of ASCII, two for 3 bytes of CJK
                    lengths[text] = (len(text.encode()) + len(text)) // 2
                elif text.isprintable() and "[" not in text:
                    lengths[text] = cell_len(text)
                else:
                    return None
    return lengths


def _aligned(cells: list[str], widths: list[int], lengths: dict[str, int]) -> str:
    """One line of the table as rich lays it out: cells padded to their column's width, three spaces
    between columns, trailing spaces cut."""
    return "   ".join(text + " " * (width - lengths[text]) for text, width in zip(cells, widths)).rstrip()


def _rich_table(names: list[str], rows: list[list[str]], width: int | None) -> str:
    """The table laid out by rich: cells wrapped to fit ``width``, and any cell :func:`_cell_lengths`
    leaves to rich. A table that fits and has plain cells is the same, written without rich (14 s for
    24,000 rows at a million triples, ~0.1 s without)."""
    table = Table(*names, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for row in rows:
        table.add_row(*row)
    console = Console(file=io.StringIO(), width=width or FULL_WIDTH, no_color=True, highlight=False, emoji=False)
    console.print(table)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines())


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
    escaped = PerTerm(lambda term: "" if term is None else _lexical(term).translate(TSV_ESCAPES))
    for row in rows:
        yield "\t".join([escaped[term] for term in row]) + "\n"


def _json(names: list[str], rows: Iterable) -> Iterator[str]:
    """W3C SPARQL 1.1 Query Results JSON, one binding per line (as ``json.dumps`` writes a binding's dict)."""
    yield json.dumps({"head": {"vars": names}}, ensure_ascii=False)[:-1] + ', "results": {"bindings": ['
    keys = [json.dumps(name, ensure_ascii=False) + ": " for name in names]
    encoded = PerTerm(_json_term)
    separator = "\n"
    for row in rows:
        yield separator + "{" + ", ".join([key + encoded[t] for key, t in zip(keys, row) if t is not None]) + "}"
        separator = ",\n"
    yield "\n]}}\n"


class PerTerm(dict):
    """``function``'s text of each term, computed once per distinct term (rows repeat their labels, places
    and dates) and read as ``texts[term]``; emptied past :data:`MEMO_TERMS` terms, so that streamed rows
    stay in bounded memory."""

    def __init__(self, function: Callable[[object], str]):
        super().__init__()
        self.function = function

    def __missing__(self, term) -> str:
        if len(self) >= MEMO_TERMS:
            self.clear()
        text = self[term] = self.function(term)
        return text


def _json_term(term) -> str:
    """A term as a W3C SPARQL JSON object, written as ``json.dumps`` writes it, string by string."""
    if isinstance(term, (URIRef, ox.NamedNode)):
        return '{"type": "uri", "value": ' + json_string(_lexical(term)) + "}"
    if isinstance(term, (BNode, ox.BlankNode)):
        return '{"type": "bnode", "value": ' + json_string(_lexical(term)) + "}"
    literal = '{"type": "literal", "value": ' + json_string(_lexical(term))
    if term.language:
        return literal + ', "xml:lang": ' + json_string(term.language) + "}"
    if term.datatype:
        return literal + ', "datatype": ' + json_string(_lexical(term.datatype)) + "}"
    return literal + "}"
