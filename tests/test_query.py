"""SPARQL through the API and `kg query` / `kg stats` / `kg path` / `kg neighbors` (typer's CliRunner)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.sample import sample_resolved
from kg.knowledge_graph import KnowledgeGraph
from kg.query import QueryError, calls_service, query_form, read_query

runner = CliRunner()
OFFICIALS = "SELECT ?name WHERE { ?o a kg:Official ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("graph")
    KnowledgeGraph.from_resolved(sample_resolved()).save(out, formats=["nq", "ttl"])
    return out


def kg(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("sparql, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("# comment with INSERT\nPREFIX ex: <http://e.x/#a>\nask { ?s ?p ?o }", "ASK"),
    ("BASE <http://e.x/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("PREFIX kg: <https://w3id.org/officials-kg/ontology#>\n DELETE WHERE { ?s ?p ?o }", "UPDATE"),
    ("insert data { <a:b> <a:c> <a:d> }", "UPDATE"),
    ("DROP ALL", "UPDATE"),
    ("hello", ""),
])
def test_query_form(sparql, form):
    assert query_form(sparql) == form


def test_api_query_update_refused_then_allowed():
    graph = KnowledgeGraph.from_resolved(sample_resolved())
    with pytest.raises(QueryError, match="refused"):
        graph.query("DELETE WHERE { ?s a kg:Official }")
    assert len(list(graph.query(OFFICIALS))) == 3
    graph.query("DELETE WHERE { ?s a kg:Official }", allow_update=True)
    assert len(list(graph.query(OFFICIALS))) == 0
    assert not any(d["type"] == "official" for _, d in graph.nx.nodes(data=True))


def test_api_syntax_error_has_line_and_column():
    graph = KnowledgeGraph.from_resolved(sample_resolved())
    with pytest.raises(QueryError) as caught:
        graph.query("SELECT ?s\nWHERE { ?s ?p }")
    assert caught.value.line == 2 and 15 <= caught.value.column <= 16  # the '}' (Oxigraph: just after it)


def test_read_query_takes_a_file_or_the_text(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text(OFFICIALS, encoding="utf-8")
    assert read_query(str(path)) == OFFICIALS
    assert read_query(OFFICIALS) == OFFICIALS


def test_select_as_table_csv_tsv_json(folder, tmp_path):
    table = kg("query", OFFICIALS, "--graph", str(folder))
    assert table.exit_code == 0, table.output
    assert "周明远" in table.output and "(3 rows)" in table.output
    as_csv = kg("query", OFFICIALS, "--graph", str(folder), "--format", "csv")
    assert list(csv.reader(io.StringIO(as_csv.output))) == [["name"], ["刘卫东"], ["周明远"], ["陈思涵"]]
    as_tsv = kg("query", OFFICIALS, "--graph", str(folder), "--format", "tsv")
    assert as_tsv.output.splitlines() == ["name", "刘卫东", "周明远", "陈思涵"]  # plain values
    as_json = json.loads(kg("query", OFFICIALS, "--graph", str(folder), "--format", "json").output)
    assert as_json["head"]["vars"] == ["name"]
    assert as_json["results"]["bindings"][0]["name"] == {"type": "literal", "value": "刘卫东", "xml:lang": "zh"}
    path = tmp_path / "officials.rq"
    path.write_text(OFFICIALS, encoding="utf-8")
    assert kg("query", str(path), "--graph", str(folder), "--format", "csv").output == as_csv.output


def test_ask_construct_and_describe(folder):
    assert kg("query", "ASK { ?p a kg:Project }", "-g", str(folder)).output == "true\n"
    assert kg("query", "ASK { ?p a kg:Zone }", "-g", str(folder)).output == "false\n"
    construct = kg("query", "CONSTRUCT { ?o kg:title ?t } WHERE { ?o kg:title ?t }", "-g", str(folder))
    import rdflib

    turtle = rdflib.Graph().parse(data=construct.output, format="turtle")
    assert len(turtle) == 4
    describe = kg("query", "DESCRIBE <https://w3id.org/officials-kg/resource/official/陈思涵>", "-g", str(folder))
    assert describe.exit_code == 0 and "市长" in describe.output


def test_syntax_error_exit_2_with_line_and_column_no_traceback(folder):
    result = kg("query", "SELECT ?s WHERE {\n  ?s ?p }", "--graph", str(folder))
    assert result.exit_code == 2
    assert "line 2, column" in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_update_refused_unless_allowed_then_saved_back(folder, tmp_path):
    KnowledgeGraph.load(folder).save(tmp_path, formats=["nq", "graphml"])
    update = 'INSERT DATA { kgr:official\\/王五 a kg:Official ; rdfs:label "王五"@zh }'
    refused = kg("query", update, "--graph", str(tmp_path))
    assert refused.exit_code == 2 and "--allow-update" in refused.output
    allowed = kg("query", update, "--graph", str(tmp_path), "--allow-update")
    assert allowed.exit_code == 0, allowed.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml", "graph.nq"]
    assert "王五" in (tmp_path / "graph.graphml").read_text(encoding="utf-8")
    assert kg("query", "ASK { ?o rdfs:label '王五'@zh }", "-g", str(tmp_path)).output == "true\n"


@pytest.mark.parametrize("sparql, calls", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", True),
    ("select * where { service silent <http://a.b/q> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { ?s rdfs:label 'SERVICE <http://a.b/>' } # SERVICE in a comment", False),
    ("SELECT * WHERE { ?s <http://a.b/SERVICE> ?o ; kg:SERVICE ?x }", False),
])
def test_calls_service(sparql, calls):
    assert calls_service(sparql) is calls


def test_service_sends_nothing_unless_allowed(folder):
    """SERVICE makes the engine send HTTP requests from the user's machine: refused without the opt-in
    (issue 14, item 5). A local server counts the requests that arrive."""
    import http.server
    import threading

    arrived = []

    class Endpoint(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            arrived.append(self.path)
            body = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sparql = f"SELECT ?s WHERE {{ SERVICE SILENT <http://127.0.0.1:{server.server_port}/sparql> {{ ?s ?p ?o }} }}"
        refused = kg("query", sparql, "--graph", str(folder))
        assert refused.exit_code == 2 and "--allow-service" in refused.output
        assert arrived == []
        allowed = kg("query", sparql, "--graph", str(folder), "--allow-service")
        assert allowed.exit_code == 0, allowed.output
        assert arrived
    finally:
        server.shutdown()


@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_name_matches_no_entity(folder, blank):
    """Issue 14, item 12: '' is inside every label, but names nothing."""
    result = kg("path", "周明远", blank, "--graph", str(folder))
    assert result.exit_code == 1 and f"no entity named {blank}\n" in result.output
    assert KnowledgeGraph.load(folder).find(blank) == []


def test_missing_graph_and_bad_format_are_usage_errors(folder, tmp_path):
    assert kg("query", OFFICIALS, "--graph", str(tmp_path / "none")).exit_code == 2
    assert kg("query", OFFICIALS, "--graph", str(folder), "--format", "xml").exit_code == 2
    assert kg("query", "missing.rq", "--graph", str(folder)).exit_code == 2


def test_stats_path_neighbors(folder):
    stats = kg("stats", "--graph", str(folder), "--top", "2")
    assert stats.exit_code == 0
    assert "project 4" in stats.output and "inspected 5" in stats.output and "inspections: 3" in stats.output
    assert "named in no article: place 1 (gazetteer ancestors" in stats.output  # the province: kg build has 4
    assert "芜湖新能源汽车零部件产业园项目" in stats.output.split("top betweenness")[1]
    path = kg("path", "陈思涵", "安徽省", "--graph", str(folder))
    assert path.exit_code == 0
    assert path.output.splitlines()[-1] == "芜湖市 -[partOf]-> 安徽省" and len(path.output.splitlines()) == 4
    assert kg("path", "陈思涵", "李晓", "--graph", str(folder)).exit_code == 1
    assert kg("path", "陈思涵", "无名氏", "--graph", str(folder)).exit_code == 1
    neighbours = kg("neighbors", "新能源汽车零部件产业园", "--relation", "inspected", "--graph", str(folder))
    assert neighbours.exit_code == 0 and len(neighbours.output.splitlines()) == 3


def test_neighbors_says_when_there_is_nothing_and_refuses_unknown_relations(folder):
    typo = kg("neighbors", "陈思涵", "--relation", "inspectd", "--graph", str(folder))
    assert typo.exit_code == 2 and "unknown relation inspectd (known: inspected," in typo.stderr
    none = kg("neighbors", "陈思涵", "--relation", "accompanied", "--graph", str(folder))
    assert none.exit_code == 0 and none.stdout == "" and "陈思涵 has no accompanied in the graph" in none.stderr


@pytest.mark.parametrize("command", ["query", "stats", "path", "neighbors"])
def test_every_command_has_help_with_an_example(command):
    result = kg(command, "--help")
    assert result.exit_code == 0 and "Example" in result.output and "--graph" in result.output


def test_a_query_past_its_timeout_is_stopped_with_a_clear_message(folder):
    """Issue 14, item 6: a 4-way cross join would run for ever; --timeout stops it (exit 3, one line)."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    code = "import sys; from kg.cli import app; app(sys.argv[1:], prog_name='kg')"
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code, "query", cross, "--graph", str(folder), "--timeout", "1"],
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 3, done.stderr
    assert "ran past --timeout 1 s" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 60


def test_rows_are_streamed_in_csv_tsv_and_json(folder, monkeypatch):
    """The rows reach the output in pieces as the engine writes them, one pass, never all held (issue 14, item
    6): the header first, then a piece per batch of lines read."""
    from kg.query import format as printing

    monkeypatch.setattr(printing, "CHUNK", 512)
    graph = KnowledgeGraph.load(folder)
    for fmt in ("csv", "tsv", "json"):
        result = graph.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        pieces: list[str] = []
        printing.print_result(result, fmt, None, pieces.append)
        assert result._rows is None  # streamed, not kept
        assert "s" in pieces[0] and "http" not in pieces[0]  # the header, before any row
        text = "".join(pieces)
        assert len(pieces) > 3 and max(map(len, pieces)) < len(text) / 2
        assert text.count("\n") >= len(graph)
    document = json.loads(printing.format_result(graph.query(OFFICIALS), "json"))
    assert [b["name"]["value"] for b in document["results"]["bindings"]] == ["刘卫东", "周明远", "陈思涵"]


def test_tsv_escapes_tabs_and_line_breaks_and_tables_fit_a_width():
    from rich.cells import cell_len

    from kg.graph.sample import sample_resolved
    from kg.knowledge_graph import KnowledgeGraph
    from kg.query.format import format_result

    graph = KnowledgeGraph.from_resolved(sample_resolved())
    odd = graph.query('SELECT ?x ?y WHERE { VALUES (?x ?y) { ("a\\tb\\nc\\\\d" 2) } }')
    assert format_result(odd, "tsv") == "x\ty\na\\tb\\nc\\\\d\t2\n"
    evidence = "SELECT ?e WHERE { ?a kg:evidence ?e }"
    narrow = format_result(graph.query(evidence), "table", width=40).splitlines()
    assert max(map(cell_len, narrow)) <= 40 and len(narrow) > 6  # cells wrapped onto more lines
    full = format_result(graph.query(evidence), "table").splitlines()
    assert max(map(cell_len, full)) > 60  # no width: every sentence on one line
