"""``kg build``: articles in, graph files out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from kg.extraction import SHARD_CHARS
from kg.cli import app

ALWAYS_WRITTEN = {"ttl", "graphml"}  # the files every build writes (DESIGN.md)
EXAMPLES = """\b
Examples:
  kg build                          # seeds/ -> output/
  kg build news/ extra/*.html --out graph/
  cat article.txt | kg build - --out /tmp/one
  kg build archive/ --dask local:2                # on a Dask cluster of 2 processes on this machine
  kg build archive/ --dask tcp://10.0.0.5:8786    # on a running Dask cluster (docs/scale-out.md)
"""


@app.command(epilog=EXAMPLES)
def build(
    inputs: Optional[list[str]] = typer.Argument(
        None, help="Files, folders (read recursively), globs, or - for stdin. Default: seeds/."
    ),
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Folder for the graph files."),
    config: Optional[Path] = typer.Option(
        None, "--config", help="A spaCy pipeline config to use instead of the bundled one."
    ),
    formats: Optional[list[str]] = typer.Option(
        None, "--format", "-f",
        help="Write only these formats (repeat the flag): ttl, nq, jsonld, graphml, gexf, csv (nodes, edges, "
        "documents, inspections, careers), html (explorer.html, see `kg view`). "
        "graph.ttl and graph.graphml are always written. Default: all.",
    ),
    min_confidence: float = typer.Option(
        0.0, "--min-confidence", min=0.0, max=1.0, help="Leave out facts below this confidence."
    ),
    workers: int = typer.Option(
        1, "--workers", "-j", min=1, help="Processes to run the NLP in (files are shared out among them)."
    ),
    dask: Optional[str] = typer.Option(
        None, "--dask", metavar="ADDRESS|local[:N]",
        help="Run the NLP on a Dask cluster: a running scheduler's address (tcp://host:8786), or local:N for "
        "N worker processes on this machine (local: one per core). This process reads the inputs and sends "
        "their text; needs officials-kg[dask].",
    ),
    shard_chars: int = typer.Option(
        SHARD_CHARS, "--shard-chars", min=1,
        help="With --dask: the most characters of text per task sent to a worker (smaller toward the end).",
    ),
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Process every document again instead of reusing cached results."
    ),
    cache: bool = typer.Option(
        True, "--cache/--no-cache", help="Keep per-document results in OUT/.kg-cache for fast rebuilds; up-to-date outputs are left alone."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also print the time each stage took."),
) -> None:
    """Read articles and write the knowledge graph (graph.ttl, graph.graphml, …) to --out.

    Exit status: 0 when every input was read, 1 when some failed (the others are still built),
    2 on usage errors, among them inputs that hold no readable document (nothing is written then).
    """
    from kg.api import ClusterError, NoDocuments, build_outputs
    from kg.cache import CacheLost

    selected = _formats(formats)  # before the build: a typo must not cost a whole run
    if dask is not None and workers > 1:
        raise typer.BadParameter("--workers and --dask exclude each other (the cluster has the workers)",
                                 param_hint="--workers")
    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} is a file, not a folder", param_hint="--out")
    sources = inputs or ["seeds"]
    progress = _progress_bar() if (sys.stderr.isatty() and not quiet) else None
    if progress is not None:
        progress.start()
        task = progress.add_task("reading", total=None)

        def on_progress(path: str, done: int, total: int) -> None:
            progress.update(task, total=total, completed=done, description=Path(path).name[:30])
    else:
        on_progress = None
    try:
        report, up_to_date = build_outputs(
            sources, out, formats=selected, config=str(config) if config else None,
            min_confidence=min_confidence, on_progress=on_progress, workers=workers, cache=cache,
            rebuild=rebuild, dask=dask, shard_chars=shard_chars, on_dashboard=None if quiet else _dashboard,
        )
    except (CacheLost, ClusterError) as error:  # the output folder changed under the build, the cluster is
        # out of reach or runs other code: nothing was written
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    except OSError as error:  # the machine, not the input: a full disk, a read-only or vanished folder
        where = f" ({error.filename})" if error.filename else ""
        typer.echo(f"error: cannot write the graph to {out}/: {error.strerror or error}{where}", err=True)
        raise typer.Exit(1) from None
    except NoDocuments as error:  # a usage error: a typo must not replace a good graph with an empty one
        for failure in error.failures:
            typer.echo(f"error: {failure.source}: {failure.error}", err=True)
        typer.echo(f"error: {error}; nothing written to {out}/", err=True)
        raise typer.Exit(2) from None
    finally:
        if progress is not None:
            progress.stop()
    note = "{out}/ is up to date: same inputs, code and options as its last build" if up_to_date else None
    _finish(report, out, quiet, verbose, note)


def _dashboard(link: str) -> None:
    typer.echo(f"Dask dashboard: {link}", err=True)


def _finish(report: dict, out: Path, quiet: bool, verbose: bool, note: str | None = None) -> None:
    """Failures on stderr, the summary on stdout, and the exit status: 1 when any input failed."""
    for failure in report["failures"]:
        typer.echo(f"error: {failure['source']}: {failure['error']}", err=True)
    if not quiet:
        _print_summary(report, out, verbose, *([note] if note else []))
    raise typer.Exit(1 if report["failures"] else 0)


def _formats(requested: list[str] | None) -> list[str] | None:
    """The formats to write: those asked for (comma lists allowed) plus the two every build writes."""
    from kg.export import UnknownFormat, check_formats

    if not requested:
        return None
    names = [name.strip() for item in requested for name in item.split(",") if name.strip()]
    try:
        return check_formats(sorted(set(names) | ALWAYS_WRITTEN))
    except UnknownFormat as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None


def _progress_bar():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    )


def _print_coverage(coverage: dict) -> None:
    """The signals of :mod:`kg.coverage`; report.json has them per article."""
    def share(name: str) -> str:
        item = coverage[name]
        return f"{item['count']}/{item['total']}" + (f" ({item['percent']:.0f} %)" if item["total"] else "")

    missed = [Path(a["source"]).name for a in coverage["articles"] if a["visit_missed"]]
    first = f": {', '.join(missed[:5])}{', …' if len(missed) > 5 else ''}" if missed else ""
    typer.echo(f"coverage:  projects with a place {share('projects_located')}, places with a gazetteer code "
               f"{share('places_coded')}, officials in no relation {share('officials_unrelated')}")
    typer.echo(f"           home place found in {share('home_places')} articles; a visit told but no "
               f"inspection read in {share('visits_missed')}{first}")


def _print_summary(report: dict, out: Path, verbose: bool, last_line: str = "written to {out}/") -> None:
    def counts(items: dict) -> str:
        return ", ".join(f"{k} {v}" for k, v in items.items()) or "none"

    typer.echo(f"documents: {report['documents']}")
    typer.echo(f"entities:  {counts(report['entities'])}")
    typer.echo(f"relations: {counts(report['relations'])}")
    typer.echo(f"failures:  {len(report['failures'])}")
    if report.get("coverage"):
        _print_coverage(report["coverage"])
    if verbose:
        for key, seconds in report["timings"].items():
            typer.echo(f"time {key}: {seconds:.2f}s")
    typer.echo(last_line.format(out=out))
