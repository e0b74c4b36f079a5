"""The ``kg`` command line: every command is a thin layer over the Python API (:mod:`kg.api`)."""

from __future__ import annotations

from importlib.metadata import version

import typer

app = typer.Typer(
    name="kg",
    help="Build and query a knowledge graph of officials, places and projects from Chinese news.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)



def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"kg (officials-kg) {version('officials-kg')}")
        raise typer.Exit()


@app.callback()
def _group(
    _version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                  help="Print the version and exit."),
) -> None:
    """Build and query a knowledge graph of officials, places and projects from Chinese news."""


from kg.cli import build  # noqa: E402,F401  (each module registers its commands on ``app``)
from kg.cli import eval  # noqa: E402,F401
from kg.cli import query  # noqa: E402,F401
from kg.cli import explore  # noqa: E402,F401
from kg.cli import tables  # noqa: E402,F401


def main() -> None:
    app()
