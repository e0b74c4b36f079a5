"""``kg query``: SPARQL over a built graph."""

from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from kg.cli import app

DEFAULT_GRAPH = Path("output")
GRAPH_OPTION = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Folder written by `kg build --out`.")
FULL_WIDTH_OPTION = typer.Option(False, "--full-width", help="Tables as wide as their longest cells (by default a "
                                 "table printed to a terminal fits its width, cells wrapped; piped, it is full).")

EXAMPLES = """\b
Examples:
  kg query queries/officials_inspected_projects.rq
  kg query 'SELECT ?name WHERE { ?o a kg:Official ; rdfs:label ?name }' --format csv
  kg query 'ASK { ?p a kg:Project }' --graph graph/
  kg query 'DESCRIBE <https://w3id.org/officials-kg/resource/official/张三>'
  kg query queries/most_visited_projects.rq --endpoint http://127.0.0.1:7878/query
Prefixes kg: kgr: rdfs: rdf: xsd: prov: org: schema: owl: are predefined.
"""


DEFAULT_TIMEOUT = 60.0
TIMEOUT_EXIT = 3


def open_graph(folder: Path, on_disk: bool = False):
    """The graph saved in ``folder`` (``on_disk``: its on-disk store, see KnowledgeGraph.load); a usage error
    (exit 2) when there is none."""
    from kg.knowledge_graph import DamagedGraph, KnowledgeGraph

    try:
        return KnowledgeGraph.load(folder, on_disk=on_disk)
    except (FileNotFoundError, DamagedGraph) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except OSError as error:
        typer.echo(f"error: cannot read the graph in {folder}: {error.strerror or error}", err=True)
        raise typer.Exit(2) from None


@app.command(epilog=EXAMPLES)
def query(
    sparql: str = typer.Argument(..., help="A .rq file or a SPARQL query string."),
    graph: Path = GRAPH_OPTION,
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv or json (SELECT and ASK); "
                            "CONSTRUCT and DESCRIBE always print Turtle."),
    allow_update: bool = typer.Option(False, "--allow-update",
                                      help="Run SPARQL Update and save the changed graph back to --graph."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Let SERVICE clauses send requests to the servers they name."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=0,
                                  help="Seconds the query may run, printing included (0: no limit)."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Query this SPARQL endpoint (a triple-store "
                                           "server, see docs/scale-out.md) instead of --graph."),
    full_width: bool = FULL_WIDTH_OPTION,
    in_memory: bool = typer.Option(False, "--in-memory", help="Load the graph file into memory instead of "
                                   "opening the on-disk store kept beside it in GRAPH/.kg-store (made on first use)."),
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over every graph of a built graph.

    Exit status: 0 on success, 1 when the endpoint fails, 2 on a syntax error, a refused update or
    SERVICE, or a missing graph, 3 when the query runs past --timeout. CSV, TSV and JSON rows are
    printed as they are found (constant memory); the table needs every row first.
    """
    from kg.query import QueryError, query_form, read_query
    from kg.query.format import FORMATS, print_result, terminal_width

    if fmt not in FORMATS:
        typer.echo(f"error: --format must be one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    try:
        text = read_query(sparql)
    except OSError as error:
        typer.echo(f"error: cannot read {sparql}: {error.strerror}", err=True)
        raise typer.Exit(2) from None
    except UnicodeDecodeError as error:
        typer.echo(f"error: cannot read {sparql}: not UTF-8 text (byte {error.start})", err=True)
        raise typer.Exit(2) from None
    if endpoint:
        with _time_limit(timeout):
            _query_endpoint(endpoint, text, fmt, allow_update, terminal_width(full_width))
        return
    # an update (allowed or refused) works on the graph in memory: no store is made for it
    knowledge_graph = open_graph(graph, on_disk=not in_memory and query_form(text) != "UPDATE")
    with _time_limit(timeout):
        try:
            result = knowledge_graph.query(text, allow_update=allow_update, allow_service=allow_service)
            if result is not None:
                print_result(result, fmt, terminal_width(full_width), sys.stdout.write)  # rows printed as found
                sys.stdout.flush()
        except QueryError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
    if result is None:  # an allowed update
        knowledge_graph.save(graph, formats=_saved_formats(graph))
        typer.echo(f"updated: {len(knowledge_graph)} triples written to {graph}/")


@contextmanager
def _time_limit(seconds: float):
    """End the process with a clear message once the query has run ``seconds`` (Oxigraph cannot be
    interrupted from Python; it releases the interpreter while it works, so a watchdog thread can)."""
    if not seconds:
        yield
        return

    def expire() -> None:
        sys.stdout.flush()
        sys.stderr.write(f"\nerror: the query ran past --timeout {seconds:g} s and was stopped; narrow it "
                         "(LIMIT, more specific patterns) or give a larger --timeout\n")
        sys.stderr.flush()
        os._exit(TIMEOUT_EXIT)

    watchdog = threading.Timer(seconds, expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()


def _query_endpoint(url: str, text: str, fmt: str, allow_update: bool, width: int | None) -> None:
    from kg.query import QueryError
    from kg.query.format import format_result
    from kg.query.remote import EndpointError, SparqlEndpoint

    if allow_update:
        typer.echo("error: --allow-update works on --graph only, not on an --endpoint", err=True)
        raise typer.Exit(2)
    try:
        result = SparqlEndpoint(url).query(text)
    except EndpointError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    except QueryError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(format_result(result, fmt, width), nl=False)


def _saved_formats(folder: Path) -> list[str]:
    """The formats whose files are in ``folder``: an update rewrites those and no others."""
    from kg.export import FORMATS

    return [name for name, files in FORMATS.items() if all((folder / f).is_file() for f in files)]
