"""Benchmark (not a test): load and query a generated graph of >= 1M triples on the Oxigraph store.

    .venv/bin/python bench/bench_store.py [--triples 1000000] [--runs 5] [--timeout 60] [--graph DIR]
        [--baseline CHECKOUT] [--rdflib-memory] [--processes [--only NAME]]

Targets: load < 5 s and every bundled query p50 < 500 ms in the store, through ``KnowledgeGraph.query`` and
through ``kg query``'s printing. Also timed: building the store from resolver records and writing graph.nq /
graph.ttl. The generated graph repeats the shape of kg.graph.sample (officials visiting projects in towns of
counties of cities, with posts, assertions and per-document named graphs) with distinct names, so the
bundled queries do real work.

Each bundled query runs in a process of its own code that has loaded graph.nq: this checkout's and, with
``--baseline``, that of another checkout (e.g. ``git archive main kg queries | tar -x -C /tmp/main``), query
by query in turn, so that both see the same load of the machine; the printed outputs of both are compared.
Each side runs its own checkout's text of the query (its ``queries/NAME.rq``, else this checkout's), so that
a rewritten query is timed and compared against the form it replaces.
``--processes`` times whole ``kg query`` processes instead: the on-disk store (its first call, which makes it,
and later ones) against ``--in-memory``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.graph import PREFIXES
from kg.knowledge_graph import KnowledgeGraph
from kg.model import DocumentResult, Evidence
from kg.resolve import Edge, Node, Resolved, ResolvedInspection

QUERIES = Path(__file__).resolve().parents[1] / "queries"
TRIPLES_PER_ARTICLE = 165  # measured on the generator below: sizes the graph before building it


def generated(articles: int) -> Resolved:
    """``articles`` documents: each has 2 officials (from a pool, so they meet), 3 projects and a visit."""
    resolved = Resolved()
    nodes = resolved.nodes

    def node(node_id: str, label: str, doc: str | None = None, **attrs) -> str:
        if node_id not in nodes:
            nodes[node_id] = Node(node_id, node_id.split("/", 1)[0], label, attrs=attrs)
        if doc:
            nodes[node_id].documents.add(doc)
        return node_id

    def edge(source, predicate, target, doc=None, sentence="", confidence=0.9):
        evidence = Evidence(doc, sentence, 0, len(sentence)) if doc else None
        resolved.edges.append(Edge(source, predicate, target, confidence, doc, evidence))

    province = node("place/990000", "测试省", level="province", adcode="990000")
    for k in range(articles):
        doc = f"{k:016x}"
        city_code, county_code = 990100 + (k // 400) * 100, 990101 + (k // 400) * 100 + (k // 40) % 10
        city = node(f"place/{city_code}", f"测{k // 400}市", doc, level="city", adcode=str(city_code))
        county = node(f"place/{county_code}", f"试{k // 40}区", doc, level="county", adcode=str(county_code))
        town = node(f"place/{county_code}/镇{k // 4}", f"镇{k // 4}", doc, level="town")
        if k % 400 == 0:
            edge(city, "partOf", province)
        if k % 40 == 0:
            edge(county, "partOf", city)
        edge(town, "partOf", county, doc, "某镇隶属某区。")
        officials = [node(f"official/官员{(k * 7 + i) % 3000}", f"官员{(k * 7 + i) % 3000}", doc,
                          titles=["市委书记" if i == 0 else "区长"]) for i in range(2)]
        for official in officials:
            nodes[official].attrs.setdefault("posts", [])
            if len(nodes[official].attrs["posts"]) < 2:
                nodes[official].attrs["posts"].append(
                    {"title": "区长", "jurisdiction": county, "doc_id": doc, "date": "2024-05-06"})
        company = node(f"organization/公司{k % 5000}", f"公司{k % 5000}", doc)
        projects = [node(f"project/项目{k}-{j}", f"第{k}号产业园项目{j}", doc, investment=1e8 * (j + 1),
                         status="在建") for j in range(3)]
        sentence = f"{k}日，官员来到产业园项目现场调研。"
        for j, project in enumerate(projects):
            edge(project, "locatedIn", town if j else county, doc, sentence)
            edge(project, "operatedBy", company, doc, sentence, 0.8)
            if j < 2:
                for official in officials:
                    edge(official, "inspected", project, doc, sentence, 0.95)
        edge(officials[1], "accompanied", officials[0], doc, sentence)
        date = f"2024-{k % 12 + 1:02d}-{k % 28 + 1:02d}" if k % 5 else f"--{k % 12 + 1:02d}-15"
        resolved.inspections.append(ResolvedInspection(
            f"g{k}", officials, projects[:2], date, doc, [Evidence(doc, sentence, 0, len(sentence))]))
        resolved.documents[doc] = DocumentResult(doc, f"bench/{doc}.txt", f"第{k}篇报道", date)
    return resolved


def timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - started


def rows_of(result) -> int:
    """Consume a result (pyoxigraph's, or an rdflib Result as rdflib terms): number of rows, or 1/0 for ASK."""
    if isinstance(result, ox.QueryBoolean) or getattr(result, "type", None) == "ASK":
        return int(bool(result.askAnswer if hasattr(result, "askAnswer") else result))
    return sum(1 for _ in result)


def _child(run: Callable[[], object], runs: int, pipe) -> None:
    times = []
    for _ in range(runs):
        cpu = time.process_time()
        value, seconds = timed(run)
        times.append((seconds, time.process_time() - cpu))
        pipe.send((value, times))


def p50_with_timeout(run: Callable[[], object], runs: int, timeout: float) -> tuple[object, float | None, float | None]:
    """Median wall and CPU time of ``runs`` calls in a forked child (the loaded store is shared), and what
    the last call returned; None on timeout (the median of the runs done by then, if any). CPU time tells
    the query's cost apart from other work sharing the machine."""
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_child, args=(run, runs, send))
    child.start()
    value, times, deadline = None, [], time.monotonic() + timeout
    while len(times) < runs and receive.poll(max(0.0, deadline - time.monotonic())):
        value, times = receive.recv()
    child.kill()
    child.join()
    if not times:
        return value, None, None
    return value, statistics.median(w for w, _ in times), statistics.median(c for _, c in times)


def printed(graph: KnowledgeGraph, text: str, fmt: str) -> str:
    """What ``kg query --format FMT`` prints once the graph is loaded, as a digest (its rows streamed)."""
    from kg.query import format as printing

    digest = hashlib.sha256()
    write = lambda piece: digest.update(piece.encode("utf-8"))  # noqa: E731
    if hasattr(printing, "print_result"):
        printing.print_result(graph.query(text), fmt, None, write)
    else:  # a baseline checkout from before print_result (main up to 7f6e9ca): the pieces it yields
        for piece in printing.stream_result(graph.query(text), fmt):
            write(piece)
    return digest.hexdigest()


COLUMNS = ("store", "kg.query", "as rdflib", "table", "csv", "json")


def measure(graph: KnowledgeGraph, text: str, runs: int, timeout: float) -> dict:
    """p50 (wall, CPU) of one query: in the store (pyoxigraph, rows read), through KnowledgeGraph.query (its
    rows as pyoxigraph terms; the result iterated as rdflib's), and printed as by ``kg query`` in each format;
    the number of rows and the digests of the printed outputs."""
    runners = {
        "store": lambda: rows_of(graph.store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)),
        "kg.query": lambda: len(graph.query(text).rows),
        "as rdflib": lambda: rows_of(graph.query(text)),
        **{fmt: (lambda fmt=fmt: printed(graph, text, fmt)) for fmt in ("table", "csv", "json")},
    }
    figures, digests = {}, {}
    for column, run in runners.items():
        value, wall, cpu = p50_with_timeout(run, runs, timeout)
        figures[column] = (wall, cpu)
        if column == "store":
            figures["rows"] = value
        elif column in ("table", "csv", "json"):
            digests[column] = value
    return {"figures": figures, "digests": digests}


def serve(folder: str, runs: int, timeout: float) -> None:
    """The process of one checkout's code: load the graph, then measure each query path read on stdin."""
    import kg

    graph = KnowledgeGraph.load(folder)
    print(json.dumps({"code": str(Path(kg.__file__).parent)}), flush=True)
    for line in sys.stdin:
        text = Path(line.strip()).read_text(encoding="utf-8")
        print(json.dumps(measure(graph, text, runs, timeout)), flush=True)


class Side:
    """A :func:`serve` process running the ``kg`` package of ``checkout``."""

    def __init__(self, checkout: Path, folder: str, runs: int, timeout: float):
        self.queries = checkout / "queries"
        environment = {**os.environ, "PYTHONPATH": str(checkout)}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", folder, "--runs", str(runs), "--timeout", str(timeout)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environment)
        print(f"{checkout.name}: the kg package of {json.loads(self.process.stdout.readline())['code']}")

    def measure(self, query: Path) -> dict:
        """The figures of the bundled query ``query`` (a path of this checkout), in this side's text of it."""
        own = self.queries / query.name
        self.process.stdin.write(f"{own if own.is_file() else query}\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def _same(digests: dict, others: dict) -> str:
    """Whether two sides printed the same, in the formats both printed within the time limit."""
    both = [fmt for fmt, digest in digests.items() if digest is not None and others.get(fmt) is not None]
    if not both:
        return "not compared (timed out)"
    verdict = "yes" if all(digests[fmt] == others[fmt] for fmt in both) else "NO"
    return verdict if len(both) == len(digests) else f"{verdict} ({', '.join(both)})"


def _ms(figure: tuple | None, timeout: float) -> str:
    wall, cpu = figure or (None, None)
    if wall is None:
        return f"> {timeout:.0f} s"
    return f"{wall * 1000:.0f} / {cpu * 1000:.0f}"


def saved_graph(folder: Path, triples: int) -> None:
    """Generate, build and save the graph of ``triples`` into ``folder`` (timed), unless it is there."""
    if (folder / "graph.nq").is_file():
        print(f"graph of {folder} reused")
        return
    articles = triples // TRIPLES_PER_ARTICLE + 1
    resolved, seconds = timed(generated, articles)
    print(f"generated {articles} articles in {seconds:.1f}s")
    built, seconds = timed(KnowledgeGraph.from_resolved, resolved)
    print(f"built {len(built):,} triples ({len(built.store):,} quads) in {seconds:.1f}s")
    for fmt in ("nq", "ttl"):
        _, seconds = timed(built.save, folder, [fmt])
        print(f"saved graph.{fmt} in {seconds:.1f}s")


def compare_loads(folder: Path, rdflib_memory: bool) -> rdflib.Dataset | None:
    cpu = time.process_time()
    oxigraph, ox_load = timed(KnowledgeGraph.load, folder)
    ox_load_cpu = time.process_time() - cpu
    print(f"\nload graph.nq ({len(oxigraph):,} triples)   oxigraph {ox_load:7.2f}s (cpu {ox_load_cpu:.2f}s)"
          f"   (target < 5 s: {'ok' if ox_load < 5 else 'MISSED'})")
    if not rdflib_memory:
        return None
    memory = rdflib.Dataset(default_union=True)
    _, rdflib_load = timed(memory.parse, str(folder / "graph.nq"), "nquads")
    print(f"load graph.nq   rdflib memory {rdflib_load:7.2f}s   ratio {rdflib_load / ox_load:5.1f}x")
    return memory


def whole_processes(folder: Path, runs: int, only: str) -> None:
    """``kg query QUERY --graph FOLDER`` as whole processes (table printed to a pipe), wall and CPU time from
    ``wait4``: the first call, which makes the on-disk store, then per bundled query the p50 of ``runs`` calls
    opening that store and of ``runs`` calls with ``--in-memory`` (graph.nq loaded), in alternation."""
    from kg.query.store import STORE_FOLDER

    kg = Path(sys.executable).with_name("kg")

    def call(query: Path, *options: str) -> tuple[float, float]:
        started = time.perf_counter()
        process = subprocess.Popen([str(kg), "query", str(query), "--graph", str(folder), *options],
                                   stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"kg query {query.name} failed ({process.returncode})")
        return time.perf_counter() - started, usage.ru_utime + usage.ru_stime

    queries = [query for query in sorted(QUERIES.glob("*.rq")) if only in query.stem]
    shutil.rmtree(folder / STORE_FOLDER, ignore_errors=True)
    wall, cpu = call(queries[0])
    print(f"\nkg query, whole process: first call (makes {STORE_FOLDER}, then {queries[0].stem}) "
          f"{wall:.1f} s wall / {cpu:.1f} s CPU")
    print(f"p50 wall / CPU ms of {runs} processes: {'query':32} {'on-disk store':>15} {'--in-memory':>15}")
    for query in queries:
        times = {"disk": [], "memory": []}
        for _ in range(runs):
            times["disk"].append(call(query))
            times["memory"].append(call(query, "--in-memory"))
        p50 = {side: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for side, t in times.items()}
        print(f"{'':37} {query.stem:32} " + " ".join(f"{_ms(p50[side], 0):>15}" for side in ("disk", "memory")),
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="at least this many triples")
    parser.add_argument("--runs", type=int, default=5, help="runs per query (p50 is reported)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per query and column")
    parser.add_argument("--graph", type=Path, help="folder of the generated graph: reused when it has graph.nq")
    parser.add_argument("--baseline", type=Path, help="a checkout whose code is timed beside this one's")
    parser.add_argument("--rdflib-memory", action="store_true", help="also rdflib's memory store (minutes)")
    parser.add_argument("--processes", action="store_true",
                        help="only time whole `kg query` processes: on-disk store against --in-memory")
    parser.add_argument("--only", default="", help="with --processes: the bundled queries whose name has this")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.runs, args.timeout)
        return

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.graph or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        saved_graph(folder, args.triples)
        if args.processes:
            whole_processes(folder, args.runs, args.only)
            return
        memory = compare_loads(folder, args.rdflib_memory)
        sides = {"this": Path(__file__).resolve().parents[1]}
        if args.baseline:
            sides["baseline"] = args.baseline.resolve()
        processes = {name: Side(checkout, str(folder), args.runs, args.timeout) for name, checkout in sides.items()}
        print(f"\np50 wall / CPU ms of {args.runs} runs per bundled query: in the store (pyoxigraph), through "
              "KnowledgeGraph.query (rows; iterated as rdflib terms), printed as `kg query` prints it (graph "
              "loaded); " + (f"this checkout, then the baseline ({args.baseline})" if args.baseline else ""))
        print(f"{'query':32} {'side':8} {'rows':>6} " + " ".join(f"{c:>13}" for c in COLUMNS)
              + ("  same output" if args.baseline else ""))
        for path in sorted(QUERIES.glob("*.rq")):
            results = {name: side.measure(path) for name, side in processes.items()}
            for name, result in results.items():
                figures = result["figures"]
                slow = [c for c in COLUMNS if c != "as rdflib" and (figures[c][0] or args.timeout) >= 0.5]
                same = "" if name != "baseline" else "  " + _same(result["digests"], results["this"]["digests"])
                print(f"{path.stem:32} {name:8} {figures['rows']!s:>6} "
                      + " ".join(f"{_ms(figures[c], args.timeout):>13}" for c in COLUMNS)
                      + same + (f"  (500 ms missed: {', '.join(slow)})" if name == "this" and slow else ""),
                      flush=True)
            if memory is not None:
                text = path.read_text(encoding="utf-8")
                _, slow, _ = p50_with_timeout(lambda: rows_of(memory.query(text)), max(1, args.runs // 2),
                                              args.timeout)
                print(f"{path.stem:32} {'rdflib memory store':>22} {_ms((slow, slow), args.timeout)}")
        for side in processes.values():
            side.close()


if __name__ == "__main__":
    main()
