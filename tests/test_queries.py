"""Every bundled query in queries/ runs and returns its expected rows on a known graph.

The graph is the invented sample (kg.graph.sample); rows are compared as plain strings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph.sample import sample_resolved
from kg.knowledge_graph import KnowledgeGraph

QUERIES = Path(__file__).resolve().parents[1] / "queries"
PARK, SOLAR = "芜湖新能源汽车零部件产业园项目", "二坝镇光伏发电项目"
BASE, COLD = "湾沚区智能装备制造基地", "湾沚区冷链物流中心项目"
SOURCE1, SOURCE2 = ("周明远调研重点项目建设", "news/wuhu-0312.txt"), ("陈思涵调研制造业项目", "news/wuhu-0420.txt")

EXPECTED = {
    "officials_inspected_projects.rq": [
        ("刘卫东", PARK, "2024-03-12", *SOURCE1),
        ("周明远", SOLAR, "2024-03-12", *SOURCE1),
        ("周明远", PARK, "2024-03-12", *SOURCE1),
        ("陈思涵", BASE, "--04-20", *SOURCE2),
        ("陈思涵", PARK, "--04-20", *SOURCE2),
    ],
    "projects_by_county.rq": [
        ("湾沚区", BASE, "1200000000"),
        ("湾沚区", COLD, "350000000"),
        ("鸠江区", PARK, "5000000000"),
        ("鸠江区", SOLAR, None),
    ],
    "inspections_per_official_month.rq": [
        ("刘卫东", "2024-03", "1"),
        ("周明远", "2024-03", "2"),
        ("陈思涵", "????-04", "1"),
    ],
    "projects_never_inspected.rq": [(COLD, "湾沚区")],
    "officials_inspected_together.rq": [("刘卫东", "周明远", "1", PARK)],
    "project_place_chain.rq": [
        (SOLAR, "", "二坝镇", "", "鸠江区", "芜湖市", "安徽省"),
        (COLD, "", "", "", "湾沚区", "芜湖市", "安徽省"),
        (BASE, "", "", "", "湾沚区", "芜湖市", "安徽省"),
        (PARK, "", "", "", "鸠江区", "芜湖市", "安徽省"),
    ],
    "most_visited_projects.rq": [(PARK, "3", "2"), (SOLAR, "1", "1"), (BASE, "1", "1")],
    "organizations_projects.rq": [
        ("安徽恒通物流集团", COLD, "湾沚区"),
        ("芜湖远航汽车零部件有限公司", PARK, "鸠江区"),
    ],
    "officials_posts.rq": [("刘卫东", "鸠江区委书记", "鸠江区"), ("周明远", "芜湖市委书记", "芜湖市"),
                           ("陈思涵", "芜湖市市长", "芜湖市")],
}


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_resolved(sample_resolved())


def run(graph: KnowledgeGraph, name: str) -> list[tuple]:
    result = graph.query((QUERIES / name).read_text(encoding="utf-8"))
    return [tuple(None if value is None else str(value) for value in row) for row in result]


def test_at_least_eight_documented_queries():
    queries = sorted(QUERIES.glob("*.rq"))
    assert len(queries) >= 8
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    for path in queries:
        assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name} has no comment"
        assert path.name in readme, f"{path.name} is not in queries/README.md"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_rows(graph, name):
    assert run(graph, name) == EXPECTED[name]


def test_facts_for_review_lists_uncertain_facts_first_with_evidence(graph):
    rows = run(graph, "facts_for_review.rq")
    assert rows[0][:4] == ("0.7", COLD, "locatedIn", "湾沚区")
    assert [float(r[0]) for r in rows] == sorted(float(r[0]) for r in rows)
    liu = next(r for r in rows if r[1] == "刘卫东" and r[2] == "inspected")
    assert "刘卫东陪同" in liu[4] and liu[5] == "news/wuhu-0312.txt"


def test_every_bundled_query_is_tested():
    assert {p.name for p in QUERIES.glob("*.rq")} == set(EXPECTED) | {"facts_for_review.rq"}
