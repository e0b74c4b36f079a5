"""The scorer of ``kg eval`` on small hand-made graphs: every rule of the guide's scoring section."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef

from kg.eval import GoldError, evaluate, load_gold_dir
from kg.eval.gold import is_collective_title, normalise_name

KG = Namespace("https://w3id.org/officials-kg/ontology#")
KGR = Namespace("https://w3id.org/officials-kg/resource/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SEEDS_GOLD = Path(__file__).parent / "gold" / "seeds"
EXTRA_GOLD = Path(__file__).parent / "gold" / "extra"

# An invented article's gold (a county in Hunan), small enough to reason about by hand.
ARTICLE = {
    "doc": "t01.txt",
    "date": "2024-03-12",
    "home_place": "汨罗市",
    "officials": [
        {"name": "周立新", "titles": ["市委书记"], "place": "汨罗市"},
        {"name": "黄敏", "titles": ["市领导", "副市长"], "place": "汨罗市"},
    ],
    "persons": ["刘倩"],
    "organizations": ["湘北再生资源有限公司"],
    "places": ["汨罗市", "岳阳市", "湖南省", "长乐镇"],
    "projects": [
        {"name": "湘北再生铜项目", "key": "湘北再生铜", "place": "长乐镇"},
        {"name": "汨罗江生态修复工程", "key": "汨罗江生态修复", "place": "汨罗市"},
    ],
    "inspected": [["周立新", "湘北再生铜"], ["周立新", "汨罗江生态修复"], ["黄敏", "湘北再生铜"]],
    "visited": [["周立新", "湘北再生资源有限公司"]],
    "accompanied": [["黄敏", "周立新"]],
    "located_in": [["湘北再生铜", "长乐镇"], ["汨罗江生态修复", "汨罗市"]],
    "part_of": [["长乐镇", "汨罗市"], ["汨罗市", "岳阳市"], ["岳阳市", "湖南省"]],
}


class GraphWriter:
    """Writes the vocabulary of shared/DESIGN.md, one Document node per article, as a build would."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.count = 0

    def document(self, doc: str, source: str | None = None) -> URIRef:
        iri = KGR["doc/" + doc.split(".")[0]]
        self.graph.add((iri, RDF.type, KG.Document))
        self.graph.add((iri, KG.source, Literal(source or f"/data/news/{doc}")))
        return iri

    def node(self, kind: str, label: str, doc: URIRef | None, *types: str) -> URIRef:
        self.count += 1
        iri = KGR[f"{kind}/{self.count}"]
        self.graph.add((iri, RDFS.label, Literal(label, lang="zh")))
        for t in types:
            self.graph.add((iri, RDF.type, KG[t]))
        if doc is not None:
            self.graph.add((iri, KG.mentionedIn, doc))
        return iri

    def add(self, s, p: str, o) -> None:
        self.graph.add((s, KG[p], o))


def graph_of_gold(articles: list[dict], writer: GraphWriter | None = None) -> Graph:
    """The graph a perfect build would make of these gold articles."""
    w = writer or GraphWriter()
    places: dict[str, URIRef] = {}

    def place(name: str, doc: URIRef | None) -> URIRef:
        if name not in places:
            places[name] = w.node("place", name, None, "Place")
        if doc is not None:
            w.graph.add((places[name], KG.mentionedIn, doc))
        return places[name]

    for article in articles:
        doc = w.document(article["doc"])
        officials = {}
        for official in article["officials"]:
            officials[official["name"]] = o = w.node("person", official["name"], doc, "Official", "Person")
            for title in official["titles"]:
                w.graph.add((o, KG.title, Literal(title, lang="zh")))
        people = dict(officials)
        for name in article["persons"]:
            people[name] = w.node("person", name, doc, "Person")
        organizations = {name: w.node("org", name, doc, "Organization") for name in article["organizations"]}
        for name in article["places"]:
            place(name, doc)
        projects = {p["key"]: w.node("project", p["name"], doc, "Project") for p in article["projects"]}
        for official, key in article["inspected"]:
            w.add(officials[official], "inspected", projects[key])
        for official, organization in article.get("visited", []):
            w.add(officials[official], "visited", organizations[organization])
        for companion, leader in article.get("accompanied", []):
            w.add(people[companion], "accompanied", people[leader])
        for key, name in article["located_in"]:
            w.add(projects[key], "locatedIn", place(name, doc))
        for child, parent in article["part_of"]:
            w.add(place(child, None), "partOf", place(parent, None))
    return w.graph


def gold_folder(tmp_path: Path, *articles: dict) -> list:
    for article in articles:
        (tmp_path / article["doc"].replace(".txt", ".json")).write_text(
            json.dumps(article, ensure_ascii=False), encoding="utf-8")
    return load_gold_dir(tmp_path)


def values(report) -> dict[str, float]:
    return {name: score.value for name, score in report.scores.items()}


def test_gold_graph_scores_one_on_every_measure(tmp_path):
    gold = gold_folder(tmp_path, ARTICLE)
    report = evaluate(graph_of_gold([ARTICLE]), gold)
    assert values(report) == {name: 1.0 for name in report.scores}
    assert all(not s.missed and not s.spurious for s in report.scores.values())


@pytest.mark.parametrize("folder", [SEEDS_GOLD, EXTRA_GOLD], ids=["seeds", "extra"])
def test_gold_sets_score_one_against_themselves(folder):
    """Also checks that both gold sets are well-formed: keys, names and pairs agree with each other."""
    raw = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    report = evaluate(graph_of_gold(raw), load_gold_dir(folder))
    assert values(report) == {name: 1.0 for name in report.scores}


def test_empty_graph_scores_zero(tmp_path):
    report = evaluate(Graph(), gold_folder(tmp_path, ARTICLE))
    assert values(report) == {name: 0.0 for name in report.scores}
    assert report.scores["inspected"].fn == 3
    assert report.scores["officials"].missed == ["t01.txt: 周立新", "t01.txt: 黄敏"]


def test_duplicate_nodes_lower_precision_not_recall(tmp_path):
    writer = GraphWriter()
    graph = graph_of_gold([ARTICLE], writer)
    doc = KGR["doc/t01"]
    writer.node("person", "周立新", doc, "Official", "Person")
    writer.node("project", "湘北再生铜扩建项目", doc, "Project")  # a second node for a claimed key
    report = evaluate(graph, gold_folder(tmp_path, ARTICLE))
    officials, projects = report.scores["officials"], report.scores["projects"]
    assert (officials.tp, officials.fp, officials.recall) == (2, 1, 1.0)
    assert officials.spurious == ["t01.txt: 周立新 (duplicate)"]
    assert (projects.tp, projects.fp, projects.recall) == (2, 1, 1.0)
    assert projects.precision == pytest.approx(2 / 3)


def test_project_keys_are_claimed_greedily_through_aliases(tmp_path):
    writer = GraphWriter()
    doc = writer.document("t01.txt")
    merged = writer.node("project", "汨罗江生态修复工程", doc, "Project")
    writer.graph.add((merged, KG.alias, Literal("湘北再生铜项目", lang="zh")))
    writer.node("project", "湘北再生铜项目", doc, "Project")
    report = evaluate(writer.graph, gold_folder(tmp_path, ARTICLE))
    projects = report.scores["projects"]
    assert (projects.found, projects.tp, projects.fp) == (2, 1, 1)
    assert projects.spurious == ["t01.txt: 湘北再生铜项目 (duplicate)"]


def test_wrong_located_in_place_lowers_precision_and_recall(tmp_path):
    article = {**ARTICLE, "places": [*ARTICLE["places"], "平江县"],
               "part_of": [*ARTICLE["part_of"], ["平江县", "岳阳市"]]}
    writer = GraphWriter()
    graph = graph_of_gold([article], writer)
    project = next(graph.subjects(RDFS.label, Literal("湘北再生铜项目", lang="zh")))
    town = next(graph.subjects(RDFS.label, Literal("长乐镇", lang="zh")))
    county = next(graph.subjects(RDFS.label, Literal("平江县", lang="zh")))
    graph.remove((project, KG.locatedIn, town))
    graph.add((project, KG.locatedIn, county))
    located = evaluate(graph, gold_folder(tmp_path, article)).scores["located_in"]
    assert (located.tp, located.fp, located.found, located.fn) == (1, 1, 1, 1)
    assert located.spurious == ["t01.txt: 湘北再生铜项目 → 平江县"]
    assert located.missed == ["t01.txt: 湘北再生铜 → 长乐镇"]


def test_place_inside_the_gold_place_counts_and_an_ancestor_is_not_wrong(tmp_path):
    writer = GraphWriter()
    graph = graph_of_gold([ARTICLE], writer)
    label = {str(o): s for s, o in graph.subject_objects(RDFS.label)}
    village = writer.node("place", "长乐村", None, "Place")
    writer.add(village, "partOf", label["长乐镇"])
    # gold 汨罗市, predicted a village inside it: right and found
    graph.remove((label["汨罗江生态修复工程"], KG.locatedIn, None))
    writer.add(label["汨罗江生态修复工程"], "locatedIn", village)
    # gold 长乐镇, predicted its ancestor 岳阳市: true but coarser, so right and not found
    graph.remove((label["湘北再生铜项目"], KG.locatedIn, None))
    writer.add(label["湘北再生铜项目"], "locatedIn", label["岳阳市"])
    located = evaluate(graph, gold_folder(tmp_path, ARTICLE)).scores["located_in"]
    assert (located.tp, located.fp, located.found, located.fn) == (2, 0, 1, 1)
    assert located.missed == ["t01.txt: 湘北再生铜 → 长乐镇"]


def test_inspected_pair_is_right_for_any_key_of_the_node(tmp_path):
    writer = GraphWriter()
    doc = writer.document("t01.txt")
    official = writer.node("person", "黄敏", doc, "Official", "Person")
    wrong = writer.node("project", "汨罗江生态修复工程", doc, "Project")
    right = writer.node("project", "湘北再生铜项目", doc, "Project")
    writer.add(official, "inspected", wrong)
    writer.add(official, "inspected", right)
    inspected = evaluate(writer.graph, gold_folder(tmp_path, ARTICLE)).scores["inspected"]
    assert (inspected.tp, inspected.fp, inspected.found, inspected.fn) == (1, 1, 1, 2)
    assert inspected.spurious == ["t01.txt: 黄敏 → 汨罗江生态修复工程"]


def test_visited_and_accompanied_are_exact_label_pairs(tmp_path):
    writer = GraphWriter()
    doc = writer.document("t01.txt")
    leader = writer.node("person", "周立新", doc, "Official", "Person")
    deputy = writer.node("person", "黄敏", doc, "Official", "Person")
    company = writer.node("org", "湘北再生资源有限公司", doc, "Organization")
    other = writer.node("org", "湘北再生资源公司", doc, "Organization")  # a shorter name is another name
    writer.add(leader, "visited", company)
    writer.add(deputy, "visited", other)
    writer.add(leader, "accompanied", deputy)  # the wrong way round
    report = evaluate(writer.graph, gold_folder(tmp_path, ARTICLE))
    visited, accompanied = report.scores["visited"], report.scores["accompanied"]
    assert (visited.tp, visited.fp, visited.found, visited.fn) == (1, 1, 1, 0)
    assert visited.spurious == ["t01.txt: 黄敏 → 湘北再生资源公司"]
    assert (accompanied.tp, accompanied.fp, accompanied.found, accompanied.fn) == (0, 1, 0, 1)
    assert accompanied.missed == ["t01.txt: 黄敏 → 周立新"]


def test_per_article_scores_macro_average_and_worst_articles(tmp_path):
    """A small article read badly is hidden by a big one read well in the micro figure, not the macro."""
    small = {**ARTICLE, "doc": "t02.txt", "officials": [{"name": "王强", "titles": ["县长"], "place": None}],
             "persons": [], "organizations": [], "places": [], "projects": [], "inspected": [],
             "visited": [], "accompanied": [], "located_in": [], "part_of": []}
    gold = gold_folder(tmp_path, ARTICLE, small)
    report = evaluate(graph_of_gold([ARTICLE]), gold)  # t02's official is missing
    assert report.per_article["t01.txt"]["officials"].value == 1.0
    assert report.per_article["t02.txt"]["officials"].value == 0.0
    assert report.scores["officials"].recall == pytest.approx(2 / 3)
    assert report.macro("officials") == pytest.approx(0.5)
    assert report.macro("projects") == 1.0  # t02 has no project either way: not averaged in
    assert report.worst(1) == ["t02.txt"]
    assert report.article_value("t01.txt") == 1.0
    from kg.eval.report import to_table

    assert "t02.txt  0.0  officials 0.0, persons 0.0, titles 0.0" in to_table(report)
    assert report.to_dict()["per_article"]["t02.txt"]["officials"] == 0.0


def test_titles_match_by_containment_and_skip_collective_titles(tmp_path):
    writer = GraphWriter()
    doc = writer.document("t01.txt")
    first = writer.node("person", "周立新", doc, "Official", "Person")
    writer.graph.add((first, KG.title, Literal("汨罗市委书记", lang="zh")))
    writer.node("person", "黄敏", doc, "Official", "Person")
    titles = evaluate(writer.graph, gold_folder(tmp_path, ARTICLE)).scores["titles"]
    assert (titles.found, titles.fn) == (1, 1)
    assert titles.missed == ["t01.txt: 黄敏: 副市长"]
    assert titles.precision is None and titles.f1 is None


def test_part_of_is_recall_through_the_chain(tmp_path):
    writer = GraphWriter()
    doc = writer.document("t01.txt")
    town, province = writer.node("place", "长乐镇", doc, "Place"), writer.node("place", "湖南省", None, "Place")
    writer.add(town, "partOf", province)  # skips two levels: 长乐镇 ⊂ 汨罗市 is not known
    part_of = evaluate(writer.graph, gold_folder(tmp_path, ARTICLE)).scores["part_of"]
    assert (part_of.found, part_of.fn) == (0, 3)
    writer.add(writer.node("place", "汨罗市", None, "Place"), "partOf", writer.node("place", "岳阳市", None, "Place"))
    assert evaluate(writer.graph, gold_folder(tmp_path, ARTICLE)).scores["part_of"].found == 1


def test_places_only_from_the_gazetteer_are_not_scored(tmp_path):
    writer = GraphWriter()
    graph = graph_of_gold([ARTICLE], writer)
    writer.node("place", "华容县", None, "Place")
    assert evaluate(graph, gold_folder(tmp_path, ARTICLE)).scores["places"].fp == 0


def test_names_are_compared_after_nfkc_spaces_and_t2s(tmp_path):
    writer = GraphWriter()
    doc = writer.document("t01.txt")
    writer.node("org", "湘北再生資源有限公司 ", doc, "Organization")
    writer.node("person", "周 立新", doc, "Official", "Person")
    report = evaluate(writer.graph, gold_folder(tmp_path, ARTICLE))
    assert report.scores["organizations"].tp == 1 and report.scores["officials"].tp == 1
    assert normalise_name("（書記）") == "(书记)"


def test_documents_found_by_source_file_name_or_content_hash(tmp_path):
    from kg.ingest import document_id

    text = "3月12日，市委书记周立新来到湘北再生铜项目现场调研。"
    (tmp_path / "t01.txt").write_text(text, encoding="utf-8")
    gold = gold_folder(tmp_path, ARTICLE)
    by_source = GraphWriter()
    by_source.node("person", "周立新", by_source.document("t01.txt", "C:\\news\\t01.txt"), "Official", "Person")
    by_hash = Graph()
    by_hash.add((KGR["person/周立新"], RDF.type, KG.Official))
    by_hash.add((KGR["person/周立新"], RDFS.label, Literal("周立新")))
    by_hash.add((KGR["person/周立新"], KG.mentionedIn, KGR["doc/" + document_id(text)]))
    for graph in (by_source.graph, by_hash):
        assert evaluate(graph, gold).scores["officials"].tp == 1
    other = GraphWriter()
    other.node("person", "周立新", other.document("t02.txt"), "Official", "Person")
    assert evaluate(other.graph, gold).scores["officials"].tp == 0


def test_reads_datasets_and_output_folders(tmp_path):
    gold = gold_folder(tmp_path, ARTICLE)
    graph = graph_of_gold([ARTICLE])
    dataset = Dataset()
    named = dataset.graph(KGR["doc/t01"])
    for triple in graph:
        named.add(triple)
    out = tmp_path / "out"
    out.mkdir()
    name = KGR["doc/t01"].n3()  # N-Quads written by hand: rdflib's serializer calls its own deprecated API
    (out / "graph.nq").write_text("".join(f"{s.n3()} {p.n3()} {o.n3()} {name} .\n" for s, p, o in graph),
                                  encoding="utf-8")
    for source in (dataset, out):
        assert values(evaluate(source, gold)) == {name: 1.0 for name in MEASURE_NAMES}


MEASURE_NAMES = ("officials", "persons", "places", "organizations", "projects", "inspected", "visited",
                 "accompanied", "located_in", "part_of", "titles")


def test_micro_average_sums_counts_over_articles(tmp_path):
    second = {**ARTICLE, "doc": "t02.txt", "officials": [ARTICLE["officials"][0]], "inspected": [],
              "persons": [], "organizations": [], "projects": [], "located_in": []}
    gold = gold_folder(tmp_path, ARTICLE, second)
    writer = GraphWriter()
    graph_of_gold([ARTICLE], writer)
    writer.node("person", "周立新", writer.document("t02.txt"), "Official", "Person")
    writer.node("person", "王强", KGR["doc/t02"], "Official", "Person")
    officials = evaluate(writer.graph, gold).scores["officials"]
    assert (officials.tp, officials.fp, officials.fn) == (3, 1, 0)
    assert officials.precision == pytest.approx(0.75)


def test_collective_titles():
    assert is_collective_title("市领导") and is_collective_title("县上及开发区领导")
    assert not is_collective_title("市委书记")


@pytest.mark.parametrize("broken, message", [
    ({"projects": [{"name": "湘北再生铜项目", "key": "再生铝", "place": None}]}, "not part of its name"),
    ({"projects": [{"name": "再生铜项目", "key": "再生铜", "place": None},
                   {"name": "湘北再生铜项目", "key": "湘北再生铜", "place": None}], "inspected": [],
      "located_in": []}, "inside another project's name"),
    ({"inspected": [["李四", "湘北再生铜"]]}, "not among the officials"),
    ({"located_in": [["再生铝", "长乐镇"]]}, "not a project key"),
    ({"visited": [["李四", "湘北再生资源有限公司"]]}, "visited names .* not among the officials"),
])
def test_invalid_gold_is_an_error_naming_the_file(tmp_path, broken, message):
    with pytest.raises(GoldError, match=f"t01.json.*{message}"):
        gold_folder(tmp_path, {**ARTICLE, **broken})


def test_gold_without_a_required_field_is_an_error(tmp_path):
    article = {k: v for k, v in ARTICLE.items() if k != "part_of"}
    with pytest.raises(GoldError, match="missing field.*part_of"):
        gold_folder(tmp_path, article)


def test_a_fact_read_from_another_article_does_not_count_for_this_one(tmp_path):
    """An official and a project both mentioned here, whose inspected edge was read elsewhere, is no
    prediction for this article when the graph records the edge's source (a reified assertion)."""
    writer = GraphWriter()
    here, elsewhere = writer.document("t01.txt"), writer.document("t02.txt")
    official = writer.node("person", "黄敏", here, "Official", "Person")
    project = writer.node("project", "汨罗江生态修复工程", here, "Project")
    writer.add(official, "inspected", project)
    assertion = KGR["assertion/1"]
    for p, o in ((RDF.type, KG.Assertion), (RDF.subject, official), (RDF.predicate, KG.inspected),
                 (RDF.object, project), (PROV.wasDerivedFrom, elsewhere)):
        writer.graph.add((assertion, p, o))
    inspected = evaluate(writer.graph, gold_folder(tmp_path, ARTICLE)).scores["inspected"]
    assert inspected.fp == 0 and inspected.spurious == []
    writer.graph.set((assertion, PROV.wasDerivedFrom, here))
    inspected = evaluate(writer.graph, gold_folder(tmp_path, ARTICLE)).scores["inspected"]
    assert inspected.fp == 1
