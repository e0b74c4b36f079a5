"""The fast paths of query results (issue 17) give what the plain ones give: on the seeds build, every bundled
query's rows, its rdflib rows and bindings, and its table, CSV, TSV and JSON output are compared with the
straightforward conversion of the store's own solutions (one rdflib term made per cell, the table laid out
by rich, one ``json.dumps`` per binding), which is what ``KnowledgeGraph.query`` and ``kg query`` did before.
The engine's own TSV, which ``kg query`` reads its rows from, is read back into the store's terms, however
it is cut into pieces."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Variable
from rich.cells import cell_len

from kg.graph import PREFIXES
from kg.graph.sample import sample_resolved
from kg.knowledge_graph import KnowledgeGraph
from kg.export.rdf_files import compact
from kg.query import format as printing
from kg.query.format import (ASCII_OR_WIDE, TSV_ESCAPES, Batch, TsvBatches, _csv_field, _lone_csv_field, _rich_table,
                             format_result, term_cell, tsv_cell)
from kg.query.result import rdflib_term

QUERIES = sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def seeds_graph(cli_seed_build) -> KnowledgeGraph:
    _, out = cli_seed_build
    return KnowledgeGraph.load(out)


def plain_value(term) -> str:
    """A pyoxigraph term's plain value (CSV's, TSV's): its IRI, id or lexical form, a triple term as N-Triples."""
    if term is None:
        return ""
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)) else str(term)


def plain_display(term) -> str:
    """A table's text of a pyoxigraph term: IRIs compacted."""
    return compact(term.value) if isinstance(term, ox.NamedNode) else plain_value(term)


def json_term(term) -> dict:
    """A pyoxigraph term as a W3C SPARQL JSON object (a triple term as its N-Triples)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": str(term)}
    language = {"xml:lang": term.language} if term.language else {"datatype": term.datatype.value}
    return {"type": "literal", "value": term.value, **language}


def solutions(graph: KnowledgeGraph, text: str) -> tuple[list[str], list[tuple]]:
    """The variables and rows of the store's own result, read cell by cell."""
    result = graph.store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    names = [variable.value for variable in result.variables]
    return names, [tuple(solution[name] for name in names) for solution in result]


@pytest.mark.parametrize("path", QUERIES, ids=lambda path: path.stem)
def test_rows_and_rdflib_rows_are_the_stores(seeds_graph, path):
    text = path.read_text(encoding="utf-8")
    names, expected = solutions(seeds_graph, text)
    assert expected, f"{path.name} finds nothing on the seeds: the comparison would be empty"
    result = seeds_graph.query(text)
    assert result.variables == names and result.rows == expected
    as_rdflib = [tuple(rdflib_term(term) for term in row) for row in expected]
    rows = list(seeds_graph.query(text))
    assert [tuple(row) for row in rows] == as_rdflib
    assert [row.asdict() for row in rows] == [{n: t for n, t in zip(names, row) if t is not None}
                                               for row in as_rdflib]
    assert all(getattr(row, names[0]) == row[0] for row in rows)
    variables = [Variable(name) for name in names]
    assert seeds_graph.query(text).bindings == [dict(zip(variables, row)) for row in as_rdflib]
    assert len(seeds_graph.query(text)) == len(expected)


@pytest.mark.parametrize("path", QUERIES, ids=lambda path: path.stem)
def test_printed_results_are_the_plain_conversions(seeds_graph, path):
    text = path.read_text(encoding="utf-8")
    names, expected = solutions(seeds_graph, text)
    cells = [[plain_display(term) for term in row] for row in expected]
    noun = "row" if len(expected) == 1 else "rows"
    assert format_result(seeds_graph.query(text), "table") == (
        _rich_table(names, cells, None) + f"\n({len(expected)} {noun})\n")
    values = [[plain_value(term) for term in row] for row in expected]
    assert list(csv.reader(io.StringIO(format_result(seeds_graph.query(text), "csv")))) == [names, *values]
    assert format_result(seeds_graph.query(text), "tsv").splitlines() == ["\t".join(names)] + [
        "\t".join(row) for row in values]  # the seeds' values hold no tab or line break
    bindings = [json.dumps({n: json_term(t) for n, t in zip(names, row) if t is not None}, ensure_ascii=False)
                for row in expected]
    printed = format_result(seeds_graph.query(text), "json")
    assert printed.splitlines()[1:-1] == [binding + "," for binding in bindings[:-1]] + bindings[-1:]
    assert json.loads(printed)["head"]["vars"] == names


def test_prefixes_are_those_of_the_rdflib_view():
    graph = KnowledgeGraph.from_resolved(sample_resolved())
    before = graph.prefixes()
    assert graph._rdf is None  # not made for them
    assert before == {prefix: str(namespace) for prefix, namespace in graph.rdf.namespaces()}
    graph.rdf.bind("ex", "http://example.org/invented#")
    assert graph.prefixes()["ex"] == "http://example.org/invented#"  # once made, the view's bindings count


def test_rows_of_no_variable_are_skipped_as_rdflib_skips_them():
    graph = KnowledgeGraph.from_resolved(sample_resolved())
    assert graph.query("SELECT * WHERE { }").rows == [()]
    assert list(graph.query("SELECT * WHERE { }")) == []


def test_ascii_or_wide_characters_measure_as_rich_measures_them():
    matched = [chr(code) for code in range(0x20, 0x10000) if ASCII_OR_WIDE.fullmatch(chr(code))]
    assert len(matched) > 20_000 and "[" not in matched
    assert all(cell_len(char) == (len(char.encode()) + 1) // 2 and char.isprintable() for char in matched)


PIECES = ["镇", "测试州", "项目", "（一期）", "Ａ", "abc", "x y", " ", "", "[b]粗[/b]", "a\tb", "两行\n文字",
          "é", "ｶﾞ", "\u200b", "😀", "-", "2024-05-06", "ﾟ", "\u3000", "々", "〆"]


@pytest.mark.parametrize("seed", range(40))
def test_tables_are_laid_out_as_rich_lays_them_out(seed):
    """Invented cells of every kind (CJK, full- and half-width forms, markup, tabs, line breaks, zero-width
    and emoji characters), in tables that fit their width or not: the same text as rich's."""
    from kg.query.format import _table

    chance = random.Random(seed)
    names = [f"c{i}" for i in range(chance.randint(1, 4))]
    rows = [["".join(chance.choices(PIECES, k=chance.randint(0, 3))) for _ in names]
            for _ in range(chance.randint(0, 6))]
    columns = Batch([[row[column] for row in rows] for column in range(len(names))], len(rows))
    for width in (None, chance.randint(8, 60)):
        noun = "row" if len(rows) == 1 else "rows"
        laid_out = "".join(_table(names, columns, lambda texts: texts, width))
        assert laid_out == _rich_table(names, rows, width) + f"\n({len(rows)} {noun})\n"


XSD = "http://www.w3.org/2001/XMLSchema#"
VARIED_TERMS = [
    ox.Literal('说 "好", 再见'), ox.Literal("两行\n文字\r\n"), ox.Literal("a\tb\\c"), ox.Literal(""), ox.Literal(" "),
    ox.Literal("😀 é ｶﾞ \u200b"), ox.Literal("[b]粗[/b]"), ox.Literal("样例", language="zh-hans"),
    ox.Literal("test", language="en"), ox.Literal("12", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("1.5", datatype=ox.NamedNode(XSD + "decimal")), ox.Literal("2024", datatype=ox.NamedNode(XSD + "gYear")),
    ox.Literal("x,y", datatype=ox.NamedNode("http://example.org/invented#type")),
    ox.NamedNode("http://example.org/invented#a,b"), ox.NamedNode("https://w3id.org/officials-kg/resource/place/990101"),
    ox.BlankNode("b0"), ox.BlankNode("b1"), None,
    ox.Literal('\\t is not a tab, \\" not a quote\\'), ox.Literal('"'), ox.Literal("\\"), ox.Literal("\x00\x01\x08\x0c\x1f\x7f"),
    ox.Literal("\x85\u2028\u2029\ufeff\u3000"), ox.Literal("@en"), ox.Literal('"x"@en'), ox.Literal("^^<x:y>"),
    ox.Literal("<x:not-an-iri>"), ox.Literal("_:b0"), ox.Literal("12"), ox.Literal("true"), ox.Literal("1e5"),
    ox.Literal("قيمة", language="ar", direction=ox.BaseDirection.RTL), ox.Literal("Wert", language="de-ch"),
    ox.Literal("-7", datatype=ox.NamedNode(XSD + "integer")), ox.Literal("-0.25", datatype=ox.NamedNode(XSD + "decimal")),
    ox.Literal("0.5", datatype=ox.NamedNode(XSD + "double")), ox.Literal("--05-15", datatype=ox.NamedNode(XSD + "gMonthDay")),
    ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean")), ox.Literal("a\tb", datatype=ox.NamedNode("http://example.org/invented#tabbed")),
    ox.NamedNode("http://example.org/invented/%E9%95%87?q=1&r=(2);x=é#frag"), ox.NamedNode("urn:x-invented:a:b"),
    ox.BlankNode("f478e059bd55eae03bf6015571099023"),
    ox.Triple(ox.NamedNode("http://example.org/invented#s"), ox.NamedNode("http://example.org/invented#p"),
              ox.Literal('a "quoted"\tvalue', language="en")),
]
AWKWARD = ['"', "\\", "\t", "\n", "\r", "\\t", '\\"', ",", ";", " ", "[", "]", "@", "^^", "<", ">", "_:", "\x00", "\x1f",
           "\x7f", "\x85", "\u2028", "\u3000", "é", "ｶﾞ", "😀", "镇", "\u200b", "e", "1", ".", "-"]


def awkward_terms(chance: random.Random) -> list:
    """Literals of invented text made of the characters a TSV reader could trip on, plain, tagged or typed."""
    terms = []
    for _ in range(12):
        text = "".join(chance.choices(AWKWARD, k=chance.randint(0, 8)))
        terms.append(chance.choice([ox.Literal(text), ox.Literal(text, language="zh"),
                                    ox.Literal(text, datatype=ox.NamedNode("http://example.org/invented#type"))]))
    return terms


def varied_result(chance: random.Random, columns: int) -> tuple[KnowledgeGraph, str, list[str], list[tuple]]:
    """A graph whose query gives invented rows of varied, repeated terms (unbound ones included), in order."""
    names = [f"c{i}" for i in range(columns)]
    terms = VARIED_TERMS + awkward_terms(chance)
    rows = [tuple(chance.choice(terms) for _ in names) for _ in range(chance.randint(0, 40))]
    graph = KnowledgeGraph()
    for number, row in enumerate(rows):
        subject = ox.NamedNode(f"http://example.org/invented#row{number}")
        graph.store.add(ox.Quad(subject, ox.NamedNode("http://example.org/invented#n"),
                                ox.Literal(str(number), datatype=ox.NamedNode(XSD + "integer"))))
        for name, term in zip(names, row):
            if term is not None:
                graph.store.add(ox.Quad(subject, ox.NamedNode(f"http://example.org/invented#{name}"), term))
    optional = " ".join(f"OPTIONAL {{ ?r <http://example.org/invented#{name}> ?{name} }}" for name in names)
    text = (f"SELECT {' '.join('?' + name for name in names)} WHERE {{ ?r <http://example.org/invented#n> ?n "
            f"{optional} }} ORDER BY ?n") if names else "SELECT * WHERE { }"  # no column: one empty row
    return graph, text, names, rows if names else [()]


def reference_outputs(names: list[str], rows: list[tuple]) -> dict[str, str]:
    """What ``kg query`` printed before its writers were made per term: csv.writer's rows, one ``json.dumps``
    per binding, the table laid out by rich."""
    values = [[plain_value(term) for term in row] for row in rows]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([names, *values])
    tsv = "".join("\t".join(value.translate(TSV_ESCAPES) for value in row) + "\n" for row in [names, *values])
    bindings = [json.dumps({n: json_term(t) for n, t in zip(names, row) if t is not None}, ensure_ascii=False)
                for row in rows]
    head = json.dumps({"head": {"vars": names}}, ensure_ascii=False)[:-1] + ', "results": {"bindings": ['
    noun = "row" if len(rows) == 1 else "rows"
    table = _rich_table(names, [[plain_display(term) for term in row] for row in rows], None) + f"\n({len(rows)} {noun})\n"
    return {"csv": out.getvalue(), "tsv": tsv, "json": head + "\n" + ",\n".join(bindings) + "\n]}}\n"
            if bindings else head + "\n]}}\n", "table": table}


@pytest.mark.parametrize("seed", range(30))
def test_printed_varied_results_are_the_reference_outputs(seed):
    """Invented results of every kind of term (quotes, commas, line breaks, tabs, backslashes, emoji, language
    tags, datatypes, IRIs, blank nodes, unbound values; one column, several, none; no rows), printed from a
    local result, from the same result read before, and from a plain rdflib result: the reference text."""
    from rdflib.query import Result

    chance = random.Random(seed)
    graph, text, names, rows = varied_result(chance, chance.choice([0, 1, 1, 2, 3, 5]) if seed else 1)
    assert graph.query(text).rows == rows
    expected = reference_outputs(names, rows)
    bound = reference_outputs(names, [row for row in rows if any(term is not None for term in row)])
    for fmt, reference in expected.items():
        assert format_result(graph.query(text), fmt) == reference, fmt
        read_before = graph.query(text)
        assert read_before.rows is not None and format_result(read_before, fmt) == reference, fmt
        plain = Result("SELECT")
        plain.vars = [Variable(name) for name in names]
        plain.bindings = [{Variable(n): rdflib_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
        if names:  # rdflib skips rows of no bound value
            assert format_result(plain, fmt) == bound[fmt], fmt


def test_a_row_of_one_empty_value_is_written_as_csv_writer_writes_it():
    graph = KnowledgeGraph()
    assert format_result(graph.query('SELECT ?x WHERE { VALUES ?x { "" UNDEF "a" } }'), "csv") == 'x\r\n""\r\n""\r\na\r\n'
    assert format_result(graph.query("SELECT * WHERE { }"), "csv") == "\r\n\r\n"


def engine_tsv(graph: KnowledgeGraph, text: str) -> bytes:
    return graph.store.query(text, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.TSV)


@pytest.mark.parametrize("seed", range(30))
def test_tsv_cells_are_read_as_the_stores_terms(seed):
    """Every cell of the engine's TSV (IRIs, blank nodes, literals with escapes, control characters, language
    tags with and without a direction, datatypes, bare numbers and booleans, triple terms, unbound cells)
    is read as the cell of the store's own term."""
    chance = random.Random(seed)
    graph, text, names, rows = varied_result(chance, chance.randint(1, 4))
    lines = engine_tsv(graph, text).decode().split("\n")
    assert lines[0] == "\t".join("?" + name for name in names) and lines[-1] == ""
    assert [[tsv_cell(cell) for cell in line.split("\t")] for line in lines[1:-1]] == [
        [term_cell(term) for term in row] for row in rows]
    # Turtle's bare double, which Oxigraph does not write for stored values (their canonical form has no exponent)
    assert tsv_cell("-1.5E30") == ("literal", "-1.5E30", None, XSD + "double")


@pytest.mark.parametrize("seed", range(20))
def test_tsv_batches_are_the_rows_however_the_tsv_is_cut(seed, monkeypatch):
    """The TSV written in pieces of any size (a UTF-8 character cut in two included), read a few bytes at a
    time or at once: the same columns, row by row, the header left out."""
    chance = random.Random(seed)
    columns = chance.choice([0, 1, 2, 3, 5])
    graph, text, names, rows = varied_result(chance, columns)
    tsv = engine_tsv(graph, text)
    whole: list[Batch] = []
    batches = TsvBatches(columns, whole.append)
    batches.write(tsv)
    batches.close()
    monkeypatch.setattr(printing, "CHUNK", chance.randint(1, 64))
    cut: list[Batch] = []
    batches = TsvBatches(columns, cut.append)
    start = 0
    while start < len(tsv):
        size = chance.randint(1, 9)
        batches.write(tsv[start:start + size])
        start += size
        if chance.random() < 0.2:
            batches.flush()
    batches.close()
    expected = [[tsv_cell(cell) for cell in line.split("\t")] if columns else [] for line in
                tsv.decode().split("\n")[1:-1]]
    for read in (whole, cut):
        assert sum(batch.rows for batch in read) == len(rows) == len(expected)
        cells = [[tsv_cell(key) for key in row] for batch in read for row in zip(*batch.columns)]
        assert (cells if columns else [[] for batch in read for _ in range(batch.rows)]) == expected


def test_tsv_batches_refuse_a_cut_last_line_or_a_row_of_other_cells():
    batches = TsvBatches(2, lambda batch: None)
    batches.write(b"?a\t?b\n<x:a>\t<x:b>\n<x:c>\t")
    with pytest.raises(ValueError, match="middle of a line"):
        batches.close()
    batches = TsvBatches(2, lambda batch: None)
    batches.write(b"?a\t?b\n<x:a>\t<x:b>\n<x:c>\n")
    with pytest.raises(ValueError, match="has not 2 cells"):
        batches.close()


def test_a_result_read_before_is_printed_from_its_rows_and_cannot_be_written_again():
    graph = KnowledgeGraph.from_resolved(sample_resolved())
    text = "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s"
    fresh = graph.query(text)
    assert fresh.unread
    printed = format_result(fresh, "csv")
    assert not fresh.unread
    with pytest.raises(RuntimeError):
        fresh.write_tsv(io.BytesIO())
    read_before = graph.query(text)
    assert len(read_before.rows) > 3 and not read_before.unread
    assert format_result(read_before, "csv") == printed


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_csv_fields_are_written_as_csv_writer_writes_them(columns):
    """Every character below U+3000 alone, and invented values of awkward characters, in rows of one column
    (where an empty field is quoted) and of several."""
    chance = random.Random(columns)
    values = [chr(code) for code in range(0x3000)] + [
        "".join(chance.choices(AWKWARD + ["a", ""], k=chance.randint(0, 5))) for _ in range(2000)]
    rows = [[value, *chance.choices(values, k=columns - 1)] for value in values]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    field = _lone_csv_field if columns == 1 else _csv_field
    assert "".join(",".join(map(field, row)) + "\r\n" for row in rows) == out.getvalue()
