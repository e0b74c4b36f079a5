"""``kg stats``, ``kg path``, ``kg neighbors``: the entity network of a built graph; ``kg view``: its explorer page."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli import app
from kg.cli.query import GRAPH_OPTION, open_graph


@app.command(epilog="\b\nExamples:\n  kg stats\n  kg stats --graph graph/ --top 20")
def stats(
    graph: Path = GRAPH_OPTION,
    top: int = typer.Option(10, "--top", "-n", min=1, help="How many nodes to list per centrality."),
) -> None:
    """Counts by entity type and relation, and the most central nodes (degree, betweenness)."""
    numbers = open_graph(graph).stats(top)
    typer.echo(f"triples:     {numbers['triples']}")
    typer.echo(f"documents:   {numbers['documents']}")
    typer.echo(f"inspections: {numbers['inspections']}")
    typer.echo("nodes:       " + _counts(numbers["nodes"]))
    if numbers["unmentioned"]:  # kg build counts only what the articles name
        typer.echo("  named in no article: " + _counts(numbers["unmentioned"]) +
                   " (gazetteer ancestors of the places named; kg build's counts leave them out)")
    typer.echo("relations:   " + _counts(numbers["edges"]))
    for measure in ("degree", "betweenness"):
        typer.echo(f"top {measure} centrality:")
        for node, label, score in numbers[measure]:
            typer.echo(f"  {score:.4f}  {label}  ({node})")


@app.command(epilog="\b\nExamples:\n  kg path 张三 某某产业园项目\n  kg path official/张三 place/140200")
def path(
    source: str = typer.Argument(..., help="Name, alias or node id of the first entity."),
    target: str = typer.Argument(..., help="Name, alias or node id of the second entity."),
    graph: Path = GRAPH_OPTION,
) -> None:
    """A shortest chain of relations between two entities (edge direction ignored). Exit 1 if none."""
    knowledge_graph = open_graph(graph)
    start, end = _one_node(knowledge_graph, source), _one_node(knowledge_graph, target)
    steps = knowledge_graph.path(start, end)
    if steps is None:
        typer.echo(f"no path between {source} and {target}", err=True)
        raise typer.Exit(1)
    labels = knowledge_graph.nx.nodes
    for step in steps:
        typer.echo(f"{labels[step.source]['label']} -[{step.relation}]-> {labels[step.target]['label']}")


@app.command(epilog="\b\nExamples:\n  kg neighbors 张三\n  kg neighbors 某某产业园项目 --relation inspected")
def neighbors(
    name: str = typer.Argument(..., help="Name, alias or node id of the entity."),
    relation: Optional[str] = typer.Option(None, "--relation", "-r", help="Only this relation (inspected, …)."),
    graph: Path = GRAPH_OPTION,
) -> None:
    """Every relation into or out of one entity (says so when there is none). Exit 2 for an unknown relation
    name."""
    from kg.graph.analysis import UnknownRelation

    knowledge_graph = open_graph(graph)
    node = _one_node(knowledge_graph, name)
    labels = knowledge_graph.nx.nodes
    try:
        steps = knowledge_graph.neighbors(node, relation)
    except UnknownRelation as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    if not steps:
        typer.echo(f"{labels[node]['label']} has no {relation or 'relation'} in the graph", err=True)
    for step in steps:
        typer.echo(f"{labels[step.source]['label']} -[{step.relation}]-> {labels[step.target]['label']}")


def _one_node(knowledge_graph, name: str) -> str:
    """The best node for ``name``; exit 1 when none matches (other candidates are mentioned)."""
    found = knowledge_graph.find(name)
    if not found:
        typer.echo(f"error: no entity named {name}", err=True)
        raise typer.Exit(1)
    if len(found) > 1:
        typer.echo(f"note: {name} matches {len(found)} entities; using {found[0]}", err=True)
    return found[0]


def _counts(items: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in items.items()) or "none"


@app.command(epilog="\b\nExamples:\n  kg view\n  kg view 张三\n  kg view 某某产业园 --graph graph/ --no-open")
def view(
    name: Optional[str] = typer.Argument(None, help="Name (or part of one, simplified or traditional) to focus on."),
    graph: Path = GRAPH_OPTION,
    open_browser: bool = typer.Option(True, "--open/--no-open", help="Open the page in the web browser (else only "
                                      "print its URL)."),
) -> None:
    """Open the explorer page `kg build` wrote (explorer.html) in the web browser, focused on NAME (the page
    searches for it and selects the best match); prints the page's URL. Exit 2 when the folder has no page."""
    import webbrowser

    from kg.export.explorer import page_url

    try:
        url = page_url(graph, name)
    except FileNotFoundError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(url)
    if open_browser and not webbrowser.open(url):
        typer.echo("note: no web browser could be started here: open the URL above", err=True)
