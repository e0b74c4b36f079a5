"""explorer.html as a file: self-contained (nothing from the network, BokehJS from the installed wheel), the
data the page's script reads, and ``kg view``. The page in a real browser: tests/test_explorer_browser.py."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from lxml import html
from typer.testing import CliRunner

from kg.cli import app
from kg.export import explorer
from kg.graph.sample import S1, S2, sample_resolved
from kg.knowledge_graph import KnowledgeGraph
from kg.nlp.gazetteer import division_points

REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"@import|url\(\s*['\"]?\s*(https?:)?//", re.IGNORECASE)
runner = CliRunner()


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_resolved(sample_resolved())


@pytest.fixture(scope="module")
def page(graph, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("page")
    graph.save(folder, formats=["html"])
    return folder / "explorer.html"


@pytest.fixture(scope="module")
def data(page) -> dict:
    return page_data(page)


def page_data(page: Path) -> dict:
    (element,) = html.parse(str(page)).getroot().xpath("//script[@id='kg-data']")
    return json.loads(element.text)


def node_ids(data: dict) -> list[str]:
    """The nodes' ids as the page makes them: type/label where the id is left out."""
    nodes = data["nodes"]
    return [node or f"{kind}/{label}" for node, kind, label in zip(nodes["id"], nodes["type"], nodes["label"])]


def remote_references(page: Path) -> list[str]:
    """Scripts, styles, fonts, frames and images the page would load from a server."""
    root = html.parse(str(page)).getroot()
    found = [value for element in root.iter() if isinstance(element.tag, str)
             for name in ("src", "href", "data") if name in element.attrib and element.tag != "a"
             for value in [element.attrib[name]] if REMOTE.match(value)]
    found += [match.group() for style in root.xpath("//style") for match in CSS_REMOTE.finditer(style.text or "")]
    found += [element.attrib["href"] for element in root.xpath("//link[@href]")]  # no stylesheet or font link at all
    return found


def test_the_page_loads_nothing_and_inlines_bokehjs_from_the_installed_wheel(page):
    assert remote_references(page) == []
    root = html.parse(str(page)).getroot()
    scripts = root.xpath("//script")
    assert all("src" not in script.attrib for script in scripts)
    text = page.read_text(encoding="utf-8")
    for bundle in explorer.BOKEH_BUNDLES:
        shipped = resources.files("bokeh").joinpath("server", "static", "js", bundle).read_text(encoding="utf-8")
        assert shipped.replace("</script", "<\\/script") in text, bundle


def test_a_remote_script_or_font_would_be_found(tmp_path):
    """The check above can fail: each kind of remote reference it looks for is caught."""
    for snippet in ('<script src="https://cdn.example/bokeh.js"></script>',
                    '<link rel="stylesheet" href="//fonts.example/css">',
                    "<style>@font-face { src: url(https://fonts.example/a.woff2) }</style>"):
        path = tmp_path / "page.html"
        path.write_text(f"<html><head>{snippet}</head><body></body></html>", encoding="utf-8")
        assert remote_references(path), snippet


def test_the_data_holds_every_node_edge_and_inspection(graph, data):
    assert node_ids(data) == sorted(graph.nx.nodes)
    assert data["nodes"]["id"][node_ids(data).index("place/340207")] == "place/340207"  # not place/鸠江区: kept
    assert data["nodes"]["id"][node_ids(data).index("official/周明远")] == ""  # type/label: left out
    assert len(data["edges"]["source"]) == graph.nx.number_of_edges()
    assert {tuple(relation) for relation in data["relations"]} == {
        (data["relation"], data["label"]) for _, _, data in graph.nx.edges(data=True)}
    visits = data["visits"]
    assert len(visits["official"]) == len(graph.inspections())
    assert len(data["inspections"]) == len({row["inspection"] for row in graph.inspections()}) == 3
    zhou = node_ids(data).index("official/周明远")
    his = [row for row, official in enumerate(visits["official"]) if official == zhou]
    assert {data["sentences"][visits["sentence"][row]] for row in his} == {S1, S2}
    first = next(row for row in his if data["sentences"][visits["sentence"][row]] == S1)
    date, document = data["inspections"][visits["inspection"][first]]
    assert date == "2024-03-12" and data["documents"][document][1] == "周明远调研重点项目建设"
    assert data["documents"][document][3].startswith("file:///") and data["documents"][document][3].endswith(
        "news/wuhu-0312.txt")
    assert data["kinds"]["official"] == {"name": "官员", "colour": "#d62728"}  # graph.gexf's red


def test_an_officials_posts_and_a_projects_attributes(data):
    ids = node_ids(data)
    zhou = ids.index("official/周明远")
    assert [post[1:4] for post in data["posts"] if post[0] == zhou] == [["芜湖市委书记", "2024-03-12", "2024-03-12"]]
    park = data["nodes"]["attributes"][str(ids.index("project/芜湖新能源汽车零部件产业园项目"))]
    assert park["investment"] == 5.0e9 and park["status"] == "一期已投产"
    assert data["attributes"]["investment"] == "总投资"


def test_a_town_without_coordinates_takes_its_countys(data):
    ids = node_ids(data)
    points = {ids[row[0]]: row[1:] for row in data["coordinates"]}
    _, longitude, latitude = division_points()["340207"]
    assert points["place/340207/二坝镇"] == [longitude, latitude, 0]  # 鸠江区's, not its own
    assert points["place/340207"] == [longitude, latitude, 1]
    assert ["安徽省", *division_points()["340000"][1:]] in data["provinces"]


def test_traditional_characters_fold_to_the_simplified_names(data):
    assert data["traditional"]["蕪"] == "芜" and data["traditional"]["遠"] == "远"
    assert all(len(t) == 1 and len(s) == 1 and t != s for t, s in data["traditional"].items())


def test_the_seeds_page_is_small_and_self_contained(cli_seed_build):
    result, out = cli_seed_build
    assert result.exit_code == 0, result.output
    page = out / "explorer.html"
    assert page.stat().st_size <= 5_000_000
    assert remote_references(page) == []
    names = set(page_data(page)["nodes"]["label"])
    assert {"卢东亮", "云州华兴农副产品市场项目", "大同市"} <= names


def test_view_prints_the_url_focused_on_a_name_and_opens_it(page, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = runner.invoke(app, ["view", "周明远", "--graph", str(page.parent)])
    assert result.exit_code == 0, result.output
    url = page.resolve().as_uri() + "#q=%E5%91%A8%E6%98%8E%E8%BF%9C"
    assert result.stdout.strip() == url and opened == [url]
    result = runner.invoke(app, ["view", "--graph", str(page.parent), "--no-open"])
    assert result.stdout.strip() == page.resolve().as_uri() and len(opened) == 1


def test_view_without_a_page_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["view", "--graph", str(tmp_path)])
    assert result.exit_code == 2
    assert "explorer.html does not exist" in result.output and "kg build" in result.output


def test_a_change_to_the_pages_script_or_style_makes_the_outputs_out_of_date(tmp_path, monkeypatch):
    """The build's manifest fingerprints the package's files: the page's .js, .css and .html among them."""
    from kg import cache

    package = tmp_path / "kg"
    for name in ("explorer.js", "explorer.css", "explorer.html"):
        (package / "export" / "explorer").mkdir(parents=True, exist_ok=True)
        (package / "export" / "explorer" / name).write_text("original", encoding="utf-8")
    monkeypatch.setattr(cache, "PACKAGE", package)
    before = cache.fingerprint.__wrapped__(None, cache.ALL_SOURCES)
    for name in ("explorer.js", "explorer.css", "explorer.html"):
        (package / "export" / "explorer" / name).write_text("changed", encoding="utf-8")
        after = cache.fingerprint.__wrapped__(None, cache.ALL_SOURCES)
        assert after != before, name
        before = after


@pytest.mark.parametrize("data", [
    {}, {"a": 1}, {"b": [1, 2.5, None, True], "a": {"z": "</script>", "y": "<\\/"}, "c": "甲</b>"},
    {"edges": {"source": [0, 1]}, "</": "</</", "nodes": [], "sentences": ["句</script>子", "<", "/"]},
])
def test_the_data_is_written_as_one_json_text(data):
    """The page's data in pieces, one per top-level key, is the one JSON text it was, with "</" escaped."""
    whole = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    assert "".join(explorer._data_text(data)) == whole
    assert json.loads("".join(explorer._data_text(data)).replace("<\\/", "</")) == data


def test_names_converted_in_one_call_are_converted_as_one_at_a_time():
    """OpenCC's phrases pick a name's form: joined by line feeds, each name still converts as it does alone."""
    import random

    from opencc import OpenCC

    convert = OpenCC("s2t").convert
    rng = random.Random(7)
    chars = "头发展干部里面后台面条松了云钟表系统计划只丰富复杂制造谷历"
    names = ["头发", "发展", "", "发", "干部", "里面", "a b", "面条", "后", *(
        "".join(rng.choice(chars) for _ in range(rng.randrange(1, 7))) for _ in range(300))]
    assert explorer._each_converted(convert, names) == [convert(name) for name in names]
    assert explorer._each_converted(convert, [*names, "头\n发"]) == [convert(name) for name in [*names, "头\n发"]]
    assert explorer._each_converted(convert, []) == []
