"""Query results as text: an aligned table (CJK-aware), CSV and TSV of plain values (W3C SPARQL CSV; TSV as
spreadsheets and pandas read it, not W3C's RDF terms), W3C SPARQL JSON, Turtle for graphs.

A local :class:`QueryResult` not read yet has its rows written by the engine itself, in W3C's TSV, read back
batch by batch: no Python object is made per row or term, which cost more than the printing itself at a
million triples (issue 17). The rows of a result read before and of a SPARQL endpoint's result are terms
(pyoxigraph's or rdflib's). Either way each distinct cell of a column is read as a :data:`Cell` and printed
once per format, so that all print the same.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from functools import partial
from itertools import chain, islice
from json.encoder import encode_basestring as json_string  # as json.dumps(text, ensure_ascii=False)
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.query import Result
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from kg.export.rdf_files import compact
from kg.graph import PREFIXES
from kg.query.result import QueryResult, collector_paused

FORMATS = ("table", "csv", "tsv", "json")
CHUNK = 1 << 16  # bytes of the engine's TSV read at a time
ROWS_AT_A_TIME = 1024  # rows of terms printed at a time
FULL_WIDTH = 10_000  # a table's width when it need not fit a terminal
# Printable ASCII but "[" (one cell each), CJK ideographs, punctuation and full-width forms (two cells
# each, 3 bytes of UTF-8): the characters of most labels, measured without rich's character tables.
ASCII_OR_WIDE = re.compile(r"[ -Z\\\]-~\u3001-\u3029\u3030-\u303e\u4e00-\u9fff\uff01-\uff60]*")
MEMO_TERMS = 100_000  # distinct cells of a column whose printed form is kept while rows stream
CSV_SPECIAL = re.compile(r'[,"\r\n]')  # what makes csv.writer quote a field (its delimiter, quote, line ends)
TSV_SPECIAL = re.compile(r"[\\\t\n\r]")
TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
# The escapes of a quoted literal in W3C TSV, as Oxigraph writes them (other characters are written as they are)
TSV_UNESCAPES = {"\\t": "\t", "\\n": "\n", "\\r": "\r", '\\"': '"', "\\\\": "\\"}
TSV_ESCAPE = re.compile(r"\\.", re.DOTALL)
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"

Key = Hashable  # a cell of a row as read: a TSV cell of the engine, or a term (None when unbound)


# A bound cell of a result as the formats print it: (kind, value, language, datatype), a plain tuple (made
# by the ten thousand). kind: "uri", "bnode" or "literal", as W3C's JSON names them, "triple" for an RDF 1.2
# triple term; value: the IRI, the blank node's id, the literal's lexical form, the triple as N-Triples;
# an rdflib literal of no datatype has none, every pyoxigraph literal has one.
Cell = tuple[str, str, "str | None", "str | None"]


def format_result(result: Result, fmt: str = "table", width: int | None = None) -> str:
    """The whole result as text (see :func:`print_result`)."""
    pieces: list[str] = []
    print_result(result, fmt, width, pieces.append)
    return "".join(pieces)


def terminal_width(full: bool = False) -> int | None:
    """The width a table should fit: the terminal's when printing to one (unless ``full``), else none (a
    table piped to a file or another program keeps every character)."""
    return None if full or not sys.stdout.isatty() else shutil.get_terminal_size().columns


def print_result(result: Result, fmt: str, width: int | None, write: Callable[[str], object]) -> None:
    """Give the result as text to ``write``, in pieces: CSV, TSV and JSON rows as the engine finds them
    (constant memory on millions of rows); the table, which aligns its columns, needs every row first, and
    fits in ``width`` characters (cells wrapped) when given."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        for prefix, namespace in PREFIXES.items():
            result.graph.bind(prefix, namespace)
        write(result.graph.serialize(format="turtle"))
        return
    if result.type == "ASK":
        write(json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n" if fmt == "json" else (
            "true\n" if result.askAnswer else "false\n"))
        return
    local = isinstance(result, QueryResult)
    names = result.variables if local else [str(v) for v in result.vars]
    printer_of = {"table": lambda *common: _Table(*common, width), "csv": _Csv, "tsv": _Tsv, "json": _Json}[fmt]
    with collector_paused():  # cells are made by the hundred thousand and hold no cycles
        if local and result.unread:
            printer = printer_of(names, tsv_cell, write)
            tsv = TsvBatches(len(names), printer.add)
            result.write_tsv(tsv)
            tsv.close()
        else:
            printer = printer_of(names, term_cell, write)
            rows = iter(result.stream_rows() if local else (list(row) for row in result))
            for batch in iter(lambda: list(islice(rows, ROWS_AT_A_TIME)), []):
                printer.add(Batch(list(zip(*batch)) if names else [], len(batch)))
        printer.end()


class Batch(NamedTuple):
    """Rows read together, column by column: the keys of each column (TSV cells or terms), and their number
    (a row of no column is empty)."""

    columns: list[Sequence[Key]]
    rows: int


class TsvBatches:
    """The binary output (``write``, ``flush``) the engine writes its W3C TSV to: cut into batches of whole
    lines, each given to ``receive`` column by column, the header line left out."""

    def __init__(self, columns: int, receive: Callable[[Batch], None]):
        self.columns, self.receive = columns, receive
        self.pending = bytearray()
        self.header = True

    def write(self, data: bytes) -> int:
        self.pending += data
        if len(self.pending) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        end = self.pending.rfind(b"\n") + 1
        text = self.pending[:end].decode()
        del self.pending[:end]
        if self.header and text:
            text = text.partition("\n")[2]
            self.header = False
        rows = text.count("\n")
        if not rows:
            return
        # a tab or line break is never in a cell (TSV escapes them in literals): one split gives every cell
        cells = text.replace("\n", "\t").split("\t")[:-1] if self.columns else []
        if len(cells) != rows * self.columns:
            raise ValueError(f"a row of the engine's TSV has not {self.columns} cells")
        self.receive(Batch([cells[column::self.columns] for column in range(self.columns)], rows))

    def close(self) -> None:
        """The end of the TSV: every line of it was whole."""
        self.flush()
        if self.pending:
            raise ValueError("the engine's TSV ends in the middle of a line")


def tsv_cell(text: str) -> Cell | None:
    """The cell of one W3C TSV cell as the engine writes it: ``<IRI>``, ``_:id``, a quoted literal with its
    language or datatype, a bare number or boolean, a triple term, or nothing (unbound)."""
    if not text:
        return None
    first = text[0]
    if first == '"':
        end = text.rindex('"')
        value = text[1:end]
        if "\\" in value:
            value = TSV_ESCAPE.sub(lambda escape: TSV_UNESCAPES[escape.group()], value)
        if end + 1 == len(text):
            return "literal", value, None, XSD_STRING
        if text[end + 1] == "@":
            language, directed, _ = text[end + 2:].partition("--")
            return "literal", value, language, DIR_LANG_STRING if directed else LANG_STRING
        return "literal", value, None, text[end + 4:-1]  # "…"^^<datatype>
    if text.startswith("<<"):
        return _triple_cell(text)
    if first == "<":
        return "uri", text[1:-1], None, None
    if first == "_":
        return "bnode", text[2:], None, None
    if text in ("true", "false"):
        return "literal", text, None, XSD + "boolean"
    kind = "double" if "e" in text or "E" in text else "decimal" if "." in text else "integer"
    return "literal", text, None, XSD + kind  # Turtle's bare number forms: integer, decimal, double


def _triple_cell(text: str) -> Cell:
    """A triple term ``<<( s p o )>>``, read by the engine's Turtle parser."""
    statement = next(ox.parse(f"<x:s> <x:p> {text} .", format=ox.RdfFormat.TURTLE, lenient=True))
    return term_cell(statement.object)


def term_cell(term) -> Cell | None:
    """The cell of a pyoxigraph or rdflib term (None when unbound)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return "uri", term.value, None, None
    if isinstance(term, URIRef):
        return "uri", str(term), None, None
    if isinstance(term, ox.BlankNode):
        return "bnode", term.value, None, None
    if isinstance(term, BNode):
        return "bnode", str(term), None, None
    if isinstance(term, ox.Literal):
        return "literal", term.value, term.language, term.datatype.value
    if isinstance(term, Literal):
        return "literal", str(term), term.language, str(term.datatype) if term.datatype else None
    return "triple", str(term), None, None


def _display(cell: Cell | None) -> str:
    """A table's text of a cell: an IRI compacted (``kg:Official``), the value of any other."""
    if cell is None:
        return ""
    return compact(cell[1]) if cell[0] == "uri" else cell[1]


def _lexical(cell: Cell | None) -> str:
    """CSV's plain value of a cell."""
    return "" if cell is None else cell[1]


def _tsv_value(cell: Cell | None) -> str:
    """TSV's plain value of a cell: tabs, line breaks and backslashes escaped."""
    value = _lexical(cell)
    return value.translate(TSV_ESCAPES) if TSV_SPECIAL.search(value) else value  # translate is slow even on none


def _json_term(cell: Cell) -> str:
    """A bound cell as a W3C SPARQL JSON object, written as ``json.dumps`` writes it, string by string."""
    kind, value, language, datatype = cell
    text = '{"type": "' + kind + '", "value": ' + json_string(value)
    if language:
        return text + ', "xml:lang": ' + json_string(language) + "}"
    if datatype:
        return text + ', "datatype": ' + json_string(datatype) + "}"
    return text + "}"


class Texts:
    """The text of each distinct key of a column (a TSV cell or a term), made once (rows repeat their labels,
    places and dates): read as a cell by ``cell_of``, written by ``text_of``; forgotten past
    :data:`MEMO_TERMS` keys, so that streamed rows stay in bounded memory."""

    def __init__(self, cell_of: Callable[[Key], Cell | None], text_of: Callable[[Cell | None], str]):
        self.cell_of, self.text_of = cell_of, text_of
        self.texts: dict[Key, str] = {}

    def of(self, column: Sequence[Key]) -> Iterator[str]:
        """The column's keys as texts."""
        if len(self.texts) > MEMO_TERMS:
            self.texts.clear()
        new = list(set(column).difference(self.texts))
        self.texts.update(zip(new, map(self.text_of, map(self.cell_of, new))))
        return map(self.texts.__getitem__, column)


def _as_texts(batch: Batch, texts: list[Texts]) -> Iterator[tuple[str, ...]]:
    """The rows of the batch, each key as its column's text."""
    if not texts:
        return iter([()] * batch.rows)  # no column
    return zip(*[column_texts.of(column) for column_texts, column in zip(texts, batch.columns)])


class _Printer:
    """A format's printer: given each batch of rows as read (``add``), then told the rows ended (``end``)."""

    def end(self) -> None:
        """After the last batch: nothing more to print (the table's printer prints it all then)."""


class _Csv(_Printer):
    """W3C SPARQL 1.1 CSV: plain values, each field written once per distinct value as ``csv.writer`` writes
    it (its C writer took a third of the printing of 24,000 rows)."""

    def __init__(self, names: list[str], cell_of: Callable[[Key], Cell | None], write: Callable[[str], object]):
        self.write = write
        field = _csv_field if len(names) != 1 else _lone_csv_field
        self.texts = [Texts(cell_of, lambda cell: field(_lexical(cell))) for _ in names]
        write(",".join(map(field, names)) + "\r\n")

    def add(self, batch: Batch) -> None:
        self.write("\r\n".join(map(",".join, _as_texts(batch, self.texts))) + "\r\n")


def _csv_field(value: str) -> str:
    """A value as ``csv.writer`` writes it (minimal quoting): quoted, its quotes doubled, when it holds a comma,
    a quote or a line break."""
    if CSV_SPECIAL.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def _lone_csv_field(value: str) -> str:
    """The field of a row of one column: an empty one quoted, as ``csv.writer`` writes an empty row apart from
    a row of no column."""
    return _csv_field(value) or '""'


class _Tsv(_Printer):
    """Plain values separated by tabs, as CSV has them (a tab, line break or backslash in a value written
    \\t, \\n, \\r, \\\\): what spreadsheets and pandas read; RDF terms are in the JSON format."""

    def __init__(self, names: list[str], cell_of: Callable[[Key], Cell | None], write: Callable[[str], object]):
        self.write = write
        self.texts = [Texts(cell_of, _tsv_value) for _ in names]
        write("\t".join(names) + "\n")

    def add(self, batch: Batch) -> None:
        self.write("\n".join(map("\t".join, _as_texts(batch, self.texts))) + "\n")


class _Json(_Printer):
    """W3C SPARQL 1.1 Query Results JSON, one binding per line (as ``json.dumps`` writes a binding's dict)."""

    def __init__(self, names: list[str], cell_of: Callable[[Key], Cell | None], write: Callable[[str], object]):
        self.write = write
        self.texts = [Texts(cell_of, self.binding_of(name)) for name in names]
        self.separator = "\n{"
        write(json.dumps({"head": {"vars": names}}, ensure_ascii=False)[:-1] + ', "results": {"bindings": [')

    @staticmethod
    def binding_of(name: str) -> Callable[[Cell | None], str]:
        """The text of a variable's binding to a cell ('' when unbound: the binding leaves it out)."""
        key = json.dumps(name, ensure_ascii=False) + ": "
        return lambda cell: "" if cell is None else key + _json_term(cell)

    def add(self, batch: Batch) -> None:
        bindings = map(", ".join, map(partial(filter, None), _as_texts(batch, self.texts)))
        self.write(self.separator + "},\n{".join(bindings) + "}")
        self.separator = ",\n{"

    def end(self) -> None:
        self.write("\n]}}\n")


class _Table(_Printer):
    """The aligned table (see :func:`_table`): its rows kept until the last."""

    def __init__(self, names: list[str], cell_of: Callable[[Key], Cell | None], write: Callable[[str], object],
                 width: int | None):
        self.names, self.cell_of, self.write, self.width = names, cell_of, write, width
        self.columns: list[list[Key]] = [[] for _ in names]
        self.rows = 0

    def add(self, batch: Batch) -> None:
        for column, keys in zip(self.columns, batch.columns):
            column += keys
        self.rows += batch.rows

    def end(self) -> None:
        display = lambda keys: map(_display, map(self.cell_of, keys))  # noqa: E731
        self.write("".join(_table(self.names, Batch(self.columns, self.rows), display, self.width)))


_HEADER = object()  # the key of a column's name among the keys of its cells


def _table(names: list[str], rows: Batch, display: Callable[[list], Iterable[str]], width: int | None = None
           ) -> Iterator[str]:
    """The table of the rows, their keys shown as ``display`` gives them (keys in, texts out), each distinct
    key of a column once; the column's name is one more text of it (under ``_HEADER``), laid out as a cell."""
    columns, count = rows
    texts = [{_HEADER: name, **dict(zip(keys, display(keys)))}
             for name, keys in zip(names, map(list, map(set, columns)))]
    footer = f"({count} row{'s' if count != 1 else ''})\n"
    lengths = _cell_lengths(text for column in texts for text in column.values())
    widths = [max(map(lengths.__getitem__, column.values())) for column in texts] if lengths else []
    if not widths or sum(widths) + 3 * (len(widths) - 1) > (width or FULL_WIDTH):
        shown = [map(column.__getitem__, keys) for column, keys in zip(texts, columns)]
        cells = [list(row) for row in zip(*shown)] if names else [[] for _ in range(count)]
        yield _rich_table(names, cells, width) + "\n" + footer
        return
    # as rich lays a line out: cells padded to their column's width, three spaces between columns, trailing ones cut
    padded = [{key: text + " " * (column_width - lengths[text]) for key, text in column.items()}
              for column, column_width in zip(texts, widths)]
    lines = map(str.rstrip, map("   ".join, zip(*[map(pads.__getitem__, chain((_HEADER,), keys))
                                                   for pads, keys in zip(padded, columns)])))
    yield next(lines)
    yield "\n" + "\u2500" * (sum(widths) + 3 * (len(widths) - 1))
    if count:
        yield "\n" + "\n".join(lines)
    yield "\n" + footer


def _cell_lengths(texts: Iterable[str]) -> dict[str, int] | None:
    """The width in terminal cells (CJK characters take two) of each distinct text of the table, or None
    when one holds what rich renders in its own way: line breaks, tabs and other control or format
    characters, or ``[``, which opens rich markup."""
    lengths: dict[str, int] = {}
    for text in texts:
        if text not in lengths:
            if ASCII_OR_WIDE.fullmatch(text):  # one cell a byte of ASCII, two for 3 bytes of CJK
                lengths[text] = (len(text.encode()) + len(text)) // 2
            elif text.isprintable() and "[" not in text:
                lengths[text] = cell_len(text)
            else:
                return None
    return lengths


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
