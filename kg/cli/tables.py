"""``kg inspections``, ``kg career``: the rows of inspections.csv and careers.csv, filtered, as a table, CSV
or JSON (thin layers over ``KnowledgeGraph.inspections`` and ``KnowledgeGraph.careers``)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from kg.cli import app
from kg.cli.query import FULL_WIDTH_OPTION, GRAPH_OPTION, open_graph
from kg.export.tables import cell
from kg.graph.tables import CAREER_COLUMNS, INSPECTION_COLUMNS

FORMATS = ("table", "csv", "json")
FORMAT_HELP = "table (the main columns), csv or json (every column)."
# The columns the table format shows (csv and json have them all).
INSPECTION_TABLE = ("date", "official", "project", "place", "city", "headline")
CAREER_TABLE = ("post", "jurisdiction", "adcode", "first_date", "last_date", "documents")


@app.command(epilog="\b\nExamples:\n  kg inspections\n  kg inspections --official 张三 --format csv > zhang.csv\n"
                    "  kg inspections --place 芜湖市 --since 2024-01 --until 2024-06\n"
                    "  kg inspections --since 2023 --format json")
def inspections(
    official: Optional[str] = typer.Option(None, "--official", "-o", help="Name or node id of an official."),
    place: Optional[str] = typer.Option(None, "--place", "-p", help="The project's place, or a county, city or "
                                        "province above it (name, adcode or node id)."),
    since: Optional[str] = typer.Option(None, "--since", help="First ISO date (2024, 2024-03 or 2024-03-12)."),
    until: Optional[str] = typer.Option(None, "--until", help="Last ISO date, inclusive (a prefix: its whole span)."),
    graph: Path = GRAPH_OPTION,
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    full_width: bool = FULL_WIDTH_OPTION,
) -> None:
    """Who inspected which project, when, where, from which article: one row per official × project × visit
    (the rows of inspections.csv). Rows whose year is unknown are left out of a date range."""
    _check_format(fmt)
    rows = open_graph(graph).inspections(official, place, since, until)
    _print(rows, INSPECTION_COLUMNS, INSPECTION_TABLE, fmt, "no inspection matches", full_width)


@app.command(epilog="\b\nExamples:\n  kg career 张三\n  kg career official/张三 --format json")
def career(
    name: str = typer.Argument(..., help="Name or node id of the person."),
    graph: Path = GRAPH_OPTION,
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    full_width: bool = FULL_WIDTH_OPTION,
) -> None:
    """The posts a person was seen holding, with jurisdiction, adcode, first and last date and the articles
    (the rows of careers.csv). Exit 1 when the graph has no post of that person."""
    _check_format(fmt)
    rows = open_graph(graph).careers(name)
    if not rows:
        typer.echo(f"error: no post of {name} in the graph", err=True)
        raise typer.Exit(1)
    _print(rows, CAREER_COLUMNS, CAREER_TABLE, fmt, "", full_width)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        typer.echo(f"error: unknown format {fmt} (known: {', '.join(FORMATS)})", err=True)
        raise typer.Exit(2)


def _print(rows: list[dict], columns: tuple[str, ...], table_columns: tuple[str, ...], fmt: str,
           empty: str, full_width: bool) -> None:
    """Rows as CSV (plain values, lists joined with "; "), JSON (one array, lists kept) or a table."""
    if not rows and empty:
        typer.echo(empty, err=True)
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([cell(row.get(column)) for column in columns] for row in rows)
    elif fmt == "json":
        typer.echo(json.dumps([{column: row.get(column) for column in columns} for row in rows],
                              ensure_ascii=False, indent=1))
    elif rows:
        from rich.console import Console
        from rich.table import Table

        from kg.query.format import FULL_WIDTH, terminal_width  # rich: not imported by the other commands

        table = Table(*table_columns, show_edge=False, pad_edge=False, highlight=False)
        for row in rows:
            table.add_row(*(cell(row.get(column)) for column in table_columns))
        Console(width=terminal_width(full_width) or FULL_WIDTH, no_color=True, emoji=False).print(table)
