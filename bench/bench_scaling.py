"""Scaling benchmark (issue 14, items 7 and 9): what grows faster than the input.

``resolve``: the resolver on N tiny articles that all name one project (one core name, as a county's
news names its flagship works again and again), the places it is in drawn from a few counties, or unknown.
Project clustering merges records across articles; it is timed beside the pairwise comparison it replaced
(the baseline, run on the same records in the same process), at each N.

``long``: one article of N characters through the NLP stage (``process_document``), made of invented
sentences of a tour report repeated: time per character should stay flat as N grows.

    python bench/bench_scaling.py resolve --sizes 5000,20000
    python bench/bench_scaling.py long --sizes 100000,250000,1000000

Not a test: it prints figures. Growth is shown as the time ratio of each size to the first, against the
size ratio (linear: equal; n·log n: a little above).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COUNTIES = [  # (name, adcode, city name, city adcode): real units, from the gazetteer's shape
    ("新荣区", "140212000000", "大同市", "140200000000"),
    ("云州区", "140215000000", "大同市", "140200000000"),
    ("阳高县", "140221000000", "大同市", "140200000000"),
]
SENTENCES = [
    "3月12日，市委书记周海涛来到江北新区智能制造产业园项目现场，察看项目建设进展。",
    "随后，他深入青石镇，调研年产5万吨饲料加工项目，了解企业生产经营情况。",
    "县长林文斌、副县长王小明陪同调研。",
    "该项目总投资12亿元，建成后可实现年产值30亿元。",
    "他强调，要加快推进重点项目建设，确保早日投产见效。",
]


def tiny_results(count: int, seed: int = 7):
    """``count`` one-project results; a third with no place, the others in one of three counties."""
    from kg.model import LOCATED_IN, DocumentResult, EntityRecord, Fact

    rng = random.Random(seed)
    province = {"name": "山西省", "level": "province", "adcode": "140000000000"}
    results = []
    for n in range(count):
        entities = [EntityRecord("project", "锐华新能源装备产业项目")]
        facts = []
        if rng.random() < 2 / 3:
            name, code, city, city_code = rng.choice(COUNTIES)
            city_record = {"name": city, "level": "city", "adcode": city_code}
            entities.append(EntityRecord("place", name, attrs={"level": "county", "adcode": code,
                                                               "ancestors": [province, city_record]}))
            facts.append(Fact(("project", "锐华新能源装备产业项目"), LOCATED_IN, ("place", name), 0.8))
        results.append(DocumentResult(f"d{n:06d}", f"d{n:06d}.txt", entities=entities, facts=facts))
    return results


def pairwise(records) -> int:
    """The baseline: compare every pair of records of one core (the clustering before issue 14)."""
    from kg.resolve.projects import MIN_CORE_WITHOUT_PLACE

    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_core: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        by_core.setdefault(record.core, []).append(i)
    for members in by_core.values():
        for k, a in enumerate(members):
            for b in members[k + 1:]:
                ra, rb = records[a], records[b]
                if ra.doc_id == rb.doc_id:
                    continue
                known = ra.places and rb.places
                if (known and (ra.places <= rb.places or rb.places <= ra.places)) or (
                        not known and len(ra.core) >= MIN_CORE_WITHOUT_PLACE):
                    parent[find(a)] = find(b)
    return len({find(i) for i in range(len(records))})


def bench_resolve(sizes: list[int]) -> None:
    import kg.resolve as resolver
    from kg.resolve import resolve

    print(f"{'articles':>9}  {'resolve':>9}  {'clustering':>10}  {'pairwise (baseline)':>19}  "
          f"{'resolve x':>9}  {'size x':>6}  {'n log n x':>9}")
    first = None
    for size in sizes:
        results = tiny_results(size)
        captured = {}
        real = resolver.cluster_projects

        def timed(records):
            started = time.perf_counter()
            clusters = real(records)
            captured["clustering"] = time.perf_counter() - started
            captured["records"] = records
            return clusters

        resolver.cluster_projects = timed
        try:
            started = time.perf_counter()
            resolve(results)
            took = time.perf_counter() - started
        finally:
            resolver.cluster_projects = real
        started = time.perf_counter()
        groups = pairwise(captured["records"])
        baseline = time.perf_counter() - started
        first = first or (size, took)
        growth = size * math.log(size) / (first[0] * math.log(first[0]))
        print(f"{size:>9,}  {took:>8.2f}s  {captured['clustering']:>9.3f}s  {baseline:>18.2f}s  "
              f"{took / first[1]:>8.1f}x  {size / first[0]:>5.1f}x  {growth:>8.1f}x   ({groups} projects)")


def bench_long(sizes: list[int]) -> None:
    from kg.extraction import process_document
    from kg.ingest import document_id
    from kg.model import Document

    rng = random.Random(1)
    process_document(Document("warm", "warm.txt", SENTENCES[0]))  # load the pipeline first
    print(f"{'characters':>10}  {'time':>8}  {'µs/char':>8}  {'time x':>7}  {'size x':>6}")
    first = None
    for size in sizes:
        parts, length = [], 0
        while length < size:
            sentence = rng.choice(SENTENCES)
            parts.append(sentence + ("\n" if rng.random() < 0.2 else ""))
            length += len(parts[-1])
        text = "".join(parts)
        started = time.perf_counter()
        process_document(Document(document_id(text), "long.txt", text))
        took = time.perf_counter() - started
        first = first or (len(text), took)
        print(f"{len(text):>10,}  {took:>7.1f}s  {took / len(text) * 1e6:>8.1f}  {took / first[1]:>6.1f}x  "
              f"{len(text) / first[0]:>5.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=("resolve", "long"))
    parser.add_argument("--sizes", help="comma-separated sizes (articles for resolve, characters for long)")
    args = parser.parse_args()
    if args.part == "resolve":
        bench_resolve([int(s) for s in (args.sizes or "5000,20000").split(",")])
    else:
        bench_long([int(s) for s in (args.sizes or "100000,250000,1000000").split(",")])


if __name__ == "__main__":
    main()
