"""Scale-out path of docs/scale-out.md: `kg build` → graph.nq → `oxigraph load` → `oxigraph serve` on
loopback → the bundled queries through the SPARQL-protocol client give the local answers."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.knowledge_graph import KnowledgeGraph
from kg.query import QueryError
from kg.query.remote import EndpointError, SparqlEndpoint, with_prefixes

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))[:2]
STARTUP_SECONDS = 20
OXIGRAPH = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
_GROUP_CONCAT = re.compile(
    r'GROUP_CONCAT\s*\([^;)]*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)', re.IGNORECASE
)

pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server is not installed (pip install oxigraph)")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("graph")
    result = CliRunner().invoke(app, ["build", *map(str, SEEDS), "--out", str(out), "--quiet", "--no-cache"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def endpoint(built, tmp_path_factory):
    """An Oxigraph server on 127.0.0.1 holding graph.nq; always stopped at the end."""
    store = tmp_path_factory.mktemp("store")
    subprocess.run([OXIGRAPH, "load", "--location", str(store), "--file", str(built / "graph.nq")],
                   check=True, capture_output=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen(
        [OXIGRAPH, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/query"
        _wait_until_up(url, server)
        yield SparqlEndpoint(url, timeout=30)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"oxigraph serve exited: {server.stderr.read().decode(errors='replace')}")
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"oxigraph serve did not answer within {STARTUP_SECONDS}s")


def _rows(result, sparql: str) -> list[tuple[str, ...]]:
    """Rows as sorted N3 tuples; GROUP_CONCAT values as sorted parts (SPARQL leaves their order open)."""
    concatenated = {name: separator for separator, name in _GROUP_CONCAT.findall(sparql)}
    rows = []
    for row in result.bindings:
        cells = []
        for name in result.vars:
            term = row.get(name)
            if term is not None and str(name) in concatenated:
                cells.append(repr(sorted(str(term).split(concatenated[str(name)]))))
            else:
                cells.append("" if term is None else term.n3())
        rows.append(tuple(cells))
    return sorted(rows)


def test_build_writes_one_named_graph_per_document(built):
    graph = KnowledgeGraph.load(built)
    names = graph.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d a kg:Document } }")
    assert int(next(iter(names))[0]) == len(SEEDS)


@pytest.mark.parametrize("query_file", QUERIES, ids=[q.stem for q in QUERIES])
def test_bundled_query_gives_the_local_answer_on_the_server(query_file, built, endpoint):
    sparql = query_file.read_text(encoding="utf-8")
    local = KnowledgeGraph.load(built).query(sparql)
    remote = endpoint.query(sparql)
    assert [str(v) for v in remote.vars] == [str(v) for v in local.vars]
    assert _rows(remote, sparql) == _rows(local, sparql)


def test_bundled_queries_are_not_all_empty(built):
    """The comparison above means something only if the queries find things in the seeds."""
    graph = KnowledgeGraph.load(built)
    answered = [q.stem for q in QUERIES if len(graph.query(q.read_text(encoding="utf-8"))) > 0]
    assert len(answered) >= len(QUERIES) // 2, answered


def test_server_holds_every_triple(built, endpoint):
    local = len(KnowledgeGraph.load(built))
    remote = endpoint.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")
    assert int(next(iter(remote))[0]) == local


def test_construct_and_ask_match(built, endpoint):
    sparql = "CONSTRUCT { ?o kg:inspected ?p . ?p rdfs:label ?name } WHERE { ?o kg:inspected ?p . ?p rdfs:label ?name }"
    local = KnowledgeGraph.load(built).query(sparql)
    remote = endpoint.query(sparql)
    assert len(remote.graph) > 0
    assert isomorphic(Graph() + remote.graph, Graph() + local.graph)
    assert endpoint.query("ASK { ?o a kg:Official }").askAnswer is True
    assert endpoint.query("ASK { ?o a kg:NoSuchClass }").askAnswer is False


def test_errors_are_query_errors(endpoint):
    with pytest.raises(QueryError, match="updates are refused"):
        endpoint.query("INSERT DATA { kgr:a kgr:b kgr:c }")
    with pytest.raises(QueryError, match="rejected the query") as rejected:
        endpoint.query("SELECT ?x WHERE { ?x ")
    assert not isinstance(rejected.value, EndpointError)


def test_unreachable_endpoint_is_a_clear_error():
    with pytest.raises(EndpointError, match="cannot reach"):
        SparqlEndpoint(f"http://127.0.0.1:{_free_port()}/query", timeout=2).query("ASK {}")


def test_predefined_prefixes_are_declared_unless_the_query_does():
    sparql = "PREFIX kg: <http://example.org/other#>\nSELECT * WHERE { ?s a kg:X ; rdfs:label ?l }"
    declared = with_prefixes(sparql)
    assert declared.count("PREFIX kg:") == 1 and "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>" in declared
    assert declared.endswith(sparql)


def test_kg_query_endpoint_prints_what_kg_query_graph_prints(built, endpoint):
    sparql = "SELECT ?name ?title WHERE { ?o a kg:Official ; rdfs:label ?name ; kg:title ?title } ORDER BY ?name ?title"
    local = CliRunner().invoke(app, ["query", sparql, "--graph", str(built), "--format", "csv"])
    remote = CliRunner().invoke(app, ["query", sparql, "--endpoint", endpoint.url, "--format", "csv"])
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout and local.stdout.count("\n") > 2


def test_kg_query_endpoint_exit_codes(endpoint):
    broken = CliRunner().invoke(app, ["query", "SELECT ?x WHERE {", "--endpoint", endpoint.url])
    assert broken.exit_code == 2 and "rejected the query" in broken.stderr
    unreachable = f"http://127.0.0.1:{_free_port()}/query"
    down = CliRunner().invoke(app, ["query", "ASK {}", "--endpoint", unreachable])
    assert down.exit_code == 1 and "cannot reach" in down.stderr
