"""Benchmark (not a test): load and query a generated graph of >= 1M triples on the Oxigraph store and,
side by side in the same run, on rdflib's default in-memory store.

    .venv/bin/python bench/bench_store.py [--triples 1000000] [--runs 5] [--timeout 60]

Targets: load < 5 s and every bundled query p50 < 500 ms on Oxigraph. Also timed: building the store from
resolver records and writing graph.nq / graph.ttl. The generated graph repeats the
shape of kg.graph.sample (officials visiting projects in towns of counties of cities, with posts,
assertions and per-document named graphs) with distinct names, so the bundled queries do real work.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.graph import PREFIXES
from kg.knowledge_graph import KnowledgeGraph
from kg.query.result import QueryResult
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


def native_rows_of(result: QueryResult) -> int:
    """What ``kg query`` consumes: the rows as pyoxigraph terms."""
    return len(result.rows) if result.type == "SELECT" else rows_of(result)


def _child(run: Callable[[], int], runs: int, pipe) -> None:
    times = []
    for _ in range(runs):
        cpu = time.process_time()
        rows, seconds = timed(run)
        times.append((seconds, time.process_time() - cpu))
        pipe.send((rows, times))


def p50_with_timeout(run: Callable[[], int], runs: int, timeout: float) -> tuple[int | None, float | None, float | None]:
    """Median wall and CPU time of ``runs`` calls in a forked child (the loaded store is shared); None on
    timeout. CPU time tells the query's cost apart from other work sharing the machine."""
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_child, args=(run, runs, send))
    child.start()
    rows, times, deadline = None, [], time.monotonic() + timeout
    while len(times) < runs and receive.poll(max(0.0, deadline - time.monotonic())):
        rows, times = receive.recv()
    child.kill()
    child.join()
    if not times:
        return rows, None, None
    return rows, statistics.median(w for w, _ in times), statistics.median(c for _, c in times)


def _ms(seconds: float | None, timeout: float) -> str:
    return f"{seconds * 1000:9.0f} ms" if seconds is not None else f"  > {timeout:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="at least this many triples")
    parser.add_argument("--runs", type=int, default=5, help="runs per query (p50 is reported)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per query on each store")
    args = parser.parse_args()

    articles = args.triples // TRIPLES_PER_ARTICLE + 1
    resolved, seconds = timed(generated, articles)
    print(f"generated {articles} articles in {seconds:.1f}s")
    built, seconds = timed(KnowledgeGraph.from_resolved, resolved)
    print(f"built {len(built):,} triples ({len(built.store):,} quads) in {seconds:.1f}s")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("nq", "ttl"):
            _, seconds = timed(built.save, folder, [fmt])
            print(f"saved graph.{fmt} in {seconds:.1f}s")
        del built, resolved
        cpu = time.process_time()
        oxigraph, ox_load = timed(KnowledgeGraph.load, folder)
        ox_load_cpu = time.process_time() - cpu
        memory = rdflib.Dataset(default_union=True)
        _, rdflib_load = timed(memory.parse, str(Path(folder) / "graph.nq"), "nquads")
    print(f"\nload graph.nq   oxigraph {ox_load:7.2f}s (cpu {ox_load_cpu:.2f}s)   rdflib memory {rdflib_load:7.2f}s   "
          f"ratio {rdflib_load / ox_load:5.1f}x   (target < 5 s: {'ok' if ox_load < 5 else 'MISSED'})")
    print("\np50 per bundled query: Oxigraph store (pyoxigraph), KnowledgeGraph.query (rows as pyoxigraph terms, as"
          " `kg query` prints them), the same rows as rdflib terms, rdflib's memory store")
    print(f"{'query':34} {'rows':>7} {'oxigraph':>12} {'(its cpu)':>12} {'kg.query':>12} {'as rdflib':>12} "
          f"{'rdflib mem':>12} {'mem/ox':>8}")
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        rows, raw, cpu = p50_with_timeout(
            lambda: rows_of(oxigraph.store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)),
            args.runs, args.timeout)
        _, native, _ = p50_with_timeout(lambda: native_rows_of(oxigraph.query(text)), args.runs, args.timeout)
        _, wrapped, _ = p50_with_timeout(lambda: rows_of(oxigraph.query(text)), args.runs, args.timeout)
        _, slow, _ = p50_with_timeout(lambda: rows_of(memory.query(text)), max(1, args.runs // 2), args.timeout)
        ratio = f"{slow / raw:7.1f}x" if slow and raw else (f"> {args.timeout / raw:.0f}x" if raw else "")
        flag = "" if raw is not None and raw < 0.5 else "  (target 500 ms missed)"
        print(f"{path.stem:34} {rows!s:>7} {_ms(raw, args.timeout):>12} {_ms(cpu, args.timeout):>12} "
              f"{_ms(native, args.timeout):>12} "
              f"{_ms(wrapped, args.timeout):>12} "
              f"{_ms(slow, args.timeout):>12} {ratio:>8}{flag}")


if __name__ == "__main__":
    main()
