"""The fast paths of query results (issue 17) give what the plain ones give: on the seeds build, every bundled
query's rows, its rdflib rows and bindings, and its table, CSV, TSV and JSON output are compared with the
straightforward conversion of the store's own solutions (one rdflib term made per cell, the table laid out
by rich, one ``json.dumps`` per binding), which is what ``KnowledgeGraph.query`` and ``kg query`` did before."""

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
from kg.query.format import ASCII_OR_WIDE, TSV_ESCAPES, _display, _lexical, _rich_table, format_result
from kg.query.result import rdflib_term

QUERIES = sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def seeds_graph(cli_seed_build) -> KnowledgeGraph:
    _, out = cli_seed_build
    return KnowledgeGraph.load(out)


def json_term(term) -> dict:
    """A pyoxigraph term as a W3C SPARQL JSON object."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
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
    cells = [[_display(term) for term in row] for row in expected]
    noun = "row" if len(expected) == 1 else "rows"
    assert format_result(seeds_graph.query(text), "table") == (
        _rich_table(names, cells, None) + f"\n({len(expected)} {noun})\n")
    values = [["" if term is None else _lexical(term) for term in row] for row in expected]
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
    for width in (None, chance.randint(8, 60)):
        noun = "row" if len(rows) == 1 else "rows"
        assert "".join(_table(names, rows, width)) == _rich_table(names, rows, width) + f"\n({len(rows)} {noun})\n"


XSD = "http://www.w3.org/2001/XMLSchema#"
VARIED_TERMS = [
    ox.Literal('说 "好", 再见'), ox.Literal("两行\n文字\r\n"), ox.Literal("a\tb\\c"), ox.Literal(""), ox.Literal(" "),
    ox.Literal("😀 é ｶﾞ \u200b"), ox.Literal("[b]粗[/b]"), ox.Literal("样例", language="zh-hans"),
    ox.Literal("test", language="en"), ox.Literal("12", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("1.5", datatype=ox.NamedNode(XSD + "decimal")), ox.Literal("2024", datatype=ox.NamedNode(XSD + "gYear")),
    ox.Literal("x,y", datatype=ox.NamedNode("http://example.org/invented#type")),
    ox.NamedNode("http://example.org/invented#a,b"), ox.NamedNode("https://w3id.org/officials-kg/resource/place/990101"),
    ox.BlankNode("b0"), ox.BlankNode("b1"), None,
]


def varied_result(chance: random.Random, columns: int) -> tuple[KnowledgeGraph, str, list[str], list[tuple]]:
    """A graph whose query gives invented rows of varied, repeated terms (unbound ones included), in order."""
    names = [f"c{i}" for i in range(columns)]
    rows = [tuple(chance.choice(VARIED_TERMS) for _ in names) for _ in range(chance.randint(0, 40))]
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
    values = [["" if term is None else _lexical(term) for term in row] for row in rows]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([names, *values])
    tsv = "".join("\t".join(value.translate(TSV_ESCAPES) for value in row) + "\n" for row in [names, *values])
    bindings = [json.dumps({n: json_term(t) for n, t in zip(names, row) if t is not None}, ensure_ascii=False)
                for row in rows]
    head = json.dumps({"head": {"vars": names}}, ensure_ascii=False)[:-1] + ', "results": {"bindings": ['
    noun = "row" if len(rows) == 1 else "rows"
    table = _rich_table(names, [[_display(term) for term in row] for row in rows], None) + f"\n({len(rows)} {noun})\n"
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
