"""The analysts' tables (issue 15): documents, inspections and careers from the graph, their Python API and
commands."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.sample import D1, D2, sample_resolved
from kg.graph.tables import in_date_range
from kg.knowledge_graph import KnowledgeGraph

runner = CliRunner()


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_resolved(sample_resolved())


@pytest.fixture(scope="module")
def out(graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    graph.save(folder)
    return folder


def _rows(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- tables --------------------------------------------------------------------------------------------

def test_inspections_table_has_one_row_per_official_project_and_visit(out):
    rows = _rows(out / "inspections.csv")
    assert sorted((r["official"], r["project"], r["date"]) for r in rows) == [
        ("刘卫东", "芜湖新能源汽车零部件产业园项目", "2024-03-12"),
        ("周明远", "二坝镇光伏发电项目", "2024-03-12"),
        ("周明远", "芜湖新能源汽车零部件产业园项目", "2024-03-12"),
        ("陈思涵", "湾沚区智能装备制造基地", "--04-20"),
        ("陈思涵", "芜湖新能源汽车零部件产业园项目", "--04-20"),
    ]
    park = next(r for r in rows if r["official"] == "周明远" and r["project"].startswith("芜湖"))
    assert park["titles"] == "芜湖市委书记"  # the post the article gives, composed with its place
    assert (park["place"], park["county"], park["city"], park["province"], park["adcode"]) == (
        "鸠江区", "鸠江区", "芜湖市", "安徽省", "340207")
    assert park["investment"] == "5000000000.0" and park["operator"] == "芜湖远航汽车零部件有限公司"
    assert park["headline"] == "周明远调研重点项目建设" and park["document"] == D1
    assert park["evidence"].startswith("3月12日") and park["confidence"] == "0.95"
    solar = next(r for r in rows if r["project"] == "二坝镇光伏发电项目")
    assert (solar["place"], solar["county"], solar["adcode"]) == ("二坝镇", "鸠江区", "340207")  # nearest code


def test_documents_and_careers_tables(out):
    documents = _rows(out / "documents.csv")
    assert [(d["document"], d["headline"], d["source"]) for d in documents] == [
        (D2, "陈思涵调研制造业项目", "news/wuhu-0420.txt"), (D1, "周明远调研重点项目建设", "news/wuhu-0312.txt")]
    careers = {(r["person"], r["post"]): r for r in _rows(out / "careers.csv")}
    assert set(careers) == {("周明远", "芜湖市委书记"), ("刘卫东", "鸠江区委书记"), ("陈思涵", "芜湖市市长")}
    zhou = careers[("周明远", "芜湖市委书记")]
    assert (zhou["organ"], zhou["role"], zhou["jurisdiction"], zhou["adcode"], zhou["first_date"],
            zhou["last_date"], zhou["documents"]) == ("芜湖市委", "市委书记", "芜湖市", "340200", "2024-03-12",
                                                      "2024-03-12", D1)
    assert careers[("陈思涵", "芜湖市市长")]["organ"] == "芜湖市政府"


def test_tables_are_deterministic_and_equal_the_api(graph, out, tmp_path):
    KnowledgeGraph.from_resolved(sample_resolved()).save(tmp_path, formats=["csv"])
    for name in ("documents.csv", "inspections.csv", "careers.csv"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()
    assert len(graph.inspections()) == len(_rows(out / "inspections.csv"))
    assert KnowledgeGraph.load(out).tables == graph.tables  # read back from the files: the same rows


def test_inspection_filters(graph):
    assert {r["project"] for r in graph.inspections(official="陈思涵")} == {
        "芜湖新能源汽车零部件产业园项目", "湾沚区智能装备制造基地"}
    assert {r["official"] for r in graph.inspections(place="二坝镇")} == {"周明远"}
    assert len(graph.inspections(place="芜湖市")) == 5 and len(graph.inspections(place="340210")) == 1
    assert len(graph.inspections(since="2024-03", until="2024-03")) == 3  # the --04-20 rows have no year
    assert graph.inspections(since="2025") == []
    assert graph.inspections(official="无此人") == []


@pytest.mark.parametrize("date, since, until, inside", [
    ("2024-03-12", None, None, True), ("2024-03-12", "2024", "2024", True), ("2024-03-12", "2024-04", None, False),
    ("2024-03-12", None, "2024-03-11", False), ("--03-12", "2024", None, False), (None, None, "2024", False),
])
def test_date_ranges(date, since, until, inside):
    assert in_date_range(date, since, until) is inside


# --- commands ------------------------------------------------------------------------------------------

def test_inspections_command_formats_and_empty_result(out):
    listed = runner.invoke(app, ["inspections", "--graph", str(out), "--official", "周明远", "--format", "csv"])
    assert listed.exit_code == 0
    rows = list(csv.DictReader(listed.stdout.splitlines()))
    assert {r["project"] for r in rows} == {"芜湖新能源汽车零部件产业园项目", "二坝镇光伏发电项目"}
    as_json = json.loads(runner.invoke(app, ["inspections", "-g", str(out), "-p", "湾沚区", "-f", "json"]).stdout)
    assert [r["project"] for r in as_json] == ["湾沚区智能装备制造基地"]
    table = runner.invoke(app, ["inspections", "-g", str(out), "--since", "2024-03-12"])
    assert "周明远" in table.stdout and "陈思涵" not in table.stdout
    none = runner.invoke(app, ["inspections", "-g", str(out), "--official", "无此人"])
    assert none.exit_code == 0 and "no inspection matches" in none.stderr
    assert runner.invoke(app, ["inspections", "-g", str(out), "-f", "xml"]).exit_code == 2


def test_career_command(out):
    shown = runner.invoke(app, ["career", "陈思涵", "-g", str(out), "-f", "json"])
    assert shown.exit_code == 0
    assert [(r["post"], r["adcode"]) for r in json.loads(shown.stdout)] == [("芜湖市市长", "340200")]
    missing = runner.invoke(app, ["career", "无此人", "-g", str(out)])
    assert missing.exit_code == 1 and "no post of 无此人" in missing.stderr
