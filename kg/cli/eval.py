"""``kg eval``: score a graph against gold annotations (shared/gold/GUIDE.md)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from kg.cli import app

EXAMPLES = """\b
Examples:
  kg eval tests/gold/extra                       # build the .txt beside the gold, then score
  kg eval tests/gold/seeds --articles seeds      # the articles are in another folder
  kg build news/ --out out && kg eval gold/ --graph out --format json
"""


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("eval", epilog=EXAMPLES)
def eval_command(
    gold_dir: Path = typer.Argument(
        ..., exists=True, file_okay=False, dir_okay=True, metavar="GOLD_DIR",
        help="Folder of gold *.json files (one per article).",
    ),
    graph: Optional[Path] = typer.Option(
        None, "--graph", "-g", exists=True, file_okay=False, dir_okay=True,
        help="Output folder of a finished build (graph.nq or graph.ttl). Default: build the articles first.",
    ),
    articles: Optional[Path] = typer.Option(
        None, "--articles", exists=True, file_okay=False, dir_okay=True,
        help="Folder holding the articles named in the gold files. Default: the gold folder.",
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="table (for people) or json (for machines)."
    ),
    items: bool = typer.Option(True, "--items/--no-items", help="List every missed and spurious item."),
) -> None:
    """Score the graph against gold annotations: precision, recall, F1 and counts per measure
    (officials, persons, places, organizations, projects, inspected, located_in, part_of, titles),
    micro-averaged over the articles, with the missed and spurious items.

    Exit status: 0 when scored (whatever the scores), 2 on usage errors (bad folder, invalid gold,
    no graph in --graph).
    """
    from kg.eval import GoldError, GraphError, evaluate_folder
    from kg.eval.report import to_json, to_table

    try:
        report = evaluate_folder(gold_dir, graph=graph, articles_dir=articles)
    except (GoldError, GraphError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if output_format is OutputFormat.json:
        typer.echo(to_json(report))
    else:
        typer.echo(to_table(report, items=items))
