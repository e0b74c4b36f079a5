"""``visited`` (Official → Organization whose premises they were at), on sentences written for these tests."""

from __future__ import annotations

import pytest

import kg
from test_relations import facts, run

MAYOR, DEPUTY = "周海涛", "孙立民"
FACTORY, MILL = "浙江华翔电子科技有限公司", "台州远帆机械厂"
LINE = "年产5万台伺服电机项目"


def pipeline_doc(raw):
    """The Doc of ``raw`` through the whole pipeline, entities read by the nlp stage."""
    from kg.model import Document
    from kg.normalise import normalise
    from kg.pipeline import load, make_doc

    return make_doc(normalise(Document("t", "t", raw)), load())


def visited(text, projects=()):
    doc = run(text, officials=[MAYOR, DEPUTY], organizations=[FACTORY, MILL], projects=projects)
    return set(facts(doc, "visited"))


@pytest.mark.parametrize("text", [
    f"3月8日，市长{MAYOR}来到{FACTORY}调研企业生产经营情况。",
    f"{MAYOR}先后走进{FACTORY}、{MILL}，察看生产线运行。",
    f"{MAYOR}到{FACTORY}、{MILL}等企业调研。",
    f"在{FACTORY}，{MAYOR}详细了解企业订单和用工情况。",
    f"在{FACTORY}、{MILL}等地，{MAYOR}认真听取企业负责人介绍。",
    f"{MAYOR}深入{FACTORY}生产车间，了解技术改造进展。",
])
def test_an_official_going_into_an_organization_visits_it(text):
    found = visited(text)
    assert (MAYOR, FACTORY) in found
    assert (MAYOR, MILL) in found or MILL not in text


@pytest.mark.parametrize("text", [
    f"{MAYOR}察看了{FACTORY}{LINE}建设情况。",  # the company owns the project inspected
    f"{MAYOR}来到{FACTORY}下属的配件厂。",  # the premises are another unit's, named after it
    f"{FACTORY}董事长陪同{MAYOR}调研。",  # the company's head goes along, no one goes to it
    f"在{FACTORY}的支持下，{MAYOR}来到项目现场。",  # a frame that is no place
    f"{MAYOR}在会上听取了{FACTORY}的汇报。",
    f"{MAYOR}与{FACTORY}签订合作协议。",
])
def test_an_organization_named_otherwise_is_not_visited(text):
    assert (MAYOR, FACTORY) not in visited(text, projects=[f"{FACTORY}{LINE}"] if LINE in text else ())


def test_the_company_a_paragraph_describes_is_the_one_meant_by_this_company():
    text = f"{FACTORY}主要生产伺服电机，去年产值3亿元。来到该企业，{MAYOR}详细了解研发情况。"
    assert visited(text) == {(MAYOR, FACTORY)}


def test_the_group_visits_together_and_a_companion_of_the_place_accompanies():
    text = f"4月2日，市长{MAYOR}一行来到{FACTORY}考察，副市长{DEPUTY}陪同。"
    doc = run(text, officials=[MAYOR, DEPUTY], organizations=[FACTORY])
    assert set(facts(doc, "visited")) == {(MAYOR, FACTORY), (DEPUTY, FACTORY)}
    assert set(facts(doc, "accompanied")) == {(DEPUTY, MAYOR)}


def test_a_delegation_is_a_group_word():
    text = (f"市长{MAYOR}率队赴外地学习考察，副市长{DEPUTY}参加。"
            f"考察团一行先后来到{FACTORY}、{MILL}进行参观考察。")
    assert visited(text) == {(n, o) for n in (MAYOR, DEPUTY) for o in (FACTORY, MILL)}


def test_a_built_graph_has_the_visited_edge_with_its_evidence(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"2024年5月6日，浙江省台州市市长{MAYOR}走进{FACTORY}调研企业生产经营情况。\n",
                       encoding="utf-8")
    graph = kg.build(str(article))
    rows = list(graph.query(
        "SELECT ?e WHERE { ?o a kg:Official ; rdfs:label ?n . ?c a kg:Organization ; rdfs:label ?m . "
        "?o kg:visited ?c . ?a a kg:Assertion ; rdf:subject ?o ; rdf:predicate kg:visited ; rdf:object ?c ; "
        f'kg:evidence ?e . FILTER(STR(?n) = "{MAYOR}" && STR(?m) = "{FACTORY}") }}'))
    assert len(rows) == 1 and FACTORY in str(rows[0][0])
    edges = [d for _, _, d in graph.nx.edges(data=True) if d.get("relation") == "visited"]
    assert edges


def test_the_group_is_led_by_those_said_to_lead_it_not_by_their_host():
    text = (f"省长李国华会见考察团一行。市长{MAYOR}率队，副市长{DEPUTY}参加。"
            f"考察团一行来到{FACTORY}参观。")
    doc = run(text, officials=["李国华", MAYOR, DEPUTY], organizations=[FACTORY])
    assert set(facts(doc, "visited")) == {(MAYOR, FACTORY), (DEPUTY, FACTORY)}


@pytest.mark.parametrize("text", [
    f"{FACTORY}、{MILL}等单位负责同志参加调研。",
    f"{MAYOR}带领{FACTORY}、{MILL}等单位负责人调研项目建设。",
    f"{FACTORY}、{MILL}等企业领导陪同考察。",
    f"{MAYOR}带领{FACTORY}、{MILL}等单位负责人，调研项目建设。",
])
def test_organizations_whose_people_go_along_are_not_visited(text):
    assert visited(text) == set()


def test_a_list_ending_in_a_kind_before_the_verb_is_visited():
    assert visited(f"{MAYOR}在{FACTORY}、{MILL}等企业实地调研。") == {(MAYOR, FACTORY), (MAYOR, MILL)}


def test_a_group_led_with_a_bare_lead_word_and_organizations_with_their_town_after_them():
    text = (f"市长{MAYOR}、副市长{DEPUTY}率党政考察团到外地学习。考察团走进{FACTORY}(温岭)、{MILL}(黄岩)，"
            f"了解企业生产情况。")
    assert visited(text) == {(n, o) for n in (MAYOR, DEPUTY) for o in (FACTORY, MILL)}



@pytest.mark.parametrize("text, leads", [
    ("市长率党政考察团赴外地学习", True),
    ("书记率调研组到县里", True),
    ("市长率先垂范，考察团随后出发", False),
    ("提高审批效率，考察团一行", False),
])
def test_a_bare_lead_word_leads_only_a_group_named_right_after_it(text, leads):
    from kg.relations.tours.group import _leads_group

    assert (_leads_group().search(text) is not None) is leads


@pytest.mark.parametrize("going, meant", [
    ("走进车间察看生产流程", True),
    ("深入企业中控室了解运行情况", True),
    ("来到该公司展厅", True),
    ("听取企业负责人汇报", False),
    ("要求企业加快投产", False),
])
def test_going_into_the_premises_a_paragraph_names_visits_its_organization(going, meant):
    text = f"{FACTORY}年产伺服电机5万台，产品远销海外。{MAYOR}{going}。"
    assert visited(text) == ({(MAYOR, FACTORY)} if meant else set())


def test_a_list_of_stops_goes_on_across_a_clause_opening_with_an_organization():
    """先后来到甲县的A、B，乙区的X公司、C项目: the organization is an item of the list, the project after it a stop."""
    works = "江口排涝泵站改造工程"
    text = f"{MAYOR}先后来到温岭市的{LINE}、{works}，黄岩区的{FACTORY}、滨江大道改造工程，了解项目进展。"
    doc = run(text, officials=[MAYOR], organizations=[FACTORY], projects=[LINE, works, "滨江大道改造工程"])
    assert set(facts(doc, "inspected")) == {(MAYOR, LINE), (MAYOR, works), (MAYOR, "滨江大道改造工程")}
    assert set(facts(doc, "visited")) == {(MAYOR, FACTORY)}


def test_a_town_government_is_visited_by_the_visitors_and_its_town_still_places_the_tour():
    """督导组来到某镇政府: the town's government is the body visited, not by its own officials; the town is
    where the tour is."""
    from kg.model import LOCATED_IN

    raw = ("4月2日，宾阳县委副书记王海林带领督导组检查重点项目。督导组一行来到黎塘镇政府，听取全镇项目推进情况"
           "汇报，镇党委书记李建军陪同。随后，督导组来到华南现代物流园二期工程现场，察看建设进度。")
    doc = pipeline_doc(raw)
    # the town's own secretary goes along on the tour but is at home at the town's government
    assert set(facts(doc, "visited")) == {("王海林", "黎塘镇政府")}
    assert ("李建军", "华南现代物流园二期工程") in facts(doc, "inspected")
    assert facts(doc, LOCATED_IN).keys() == {("华南现代物流园二期工程", "黎塘镇")}


def test_this_company_meant_in_the_sentence_that_names_it():
    text = f"{FACTORY}主营伺服电机，来到该企业展厅，{MAYOR}详细了解研发情况。"
    assert visited(text) == {(MAYOR, FACTORY)}


@pytest.mark.parametrize("second, meant", [
    (f"{MAYOR}一行走进企业车间，察看生产流程。", FACTORY),
    (f"{MAYOR}一行来到{MILL}，随后深入企业车间察看。", MILL),  # the paragraph names its own company
    (f"{MAYOR}要求企业加快技术改造。", None),  # no one goes in
])
def test_a_paragraph_opening_by_going_into_the_company_the_one_before_introduced(second, meant):
    text = f"镇里两年前招来{FACTORY}，主要生产伺服电机。\n{second}"
    assert visited(text) == ({(MAYOR, meant)} if meant else set())


@pytest.mark.parametrize("sites, visited_too", [
    (f"深入{FACTORY}、台州远帆机械有限公司、滨江大道改造工程等项目现场", False),  # the list calls them projects
    ("来到滨江大道改造工程、台州远帆机械有限公司等重点项目和企业", True),  # projects and companies
    (f"深入{FACTORY}、台州远帆机械有限公司", True),
])
def test_companies_the_text_calls_projects_are_inspected_not_visited(sites, visited_too):
    raw = f"5月6日，市长{MAYOR}先后{sites}，察看建设进度。"
    doc = pipeline_doc(raw)
    assert bool(facts(doc, "visited")) is visited_too
    assert visited_too or (MAYOR, FACTORY) in facts(doc, "inspected")


def test_an_institute_listed_among_works_is_visited_and_inspected():
    raw = f"5月6日，市长{MAYOR}先后深入滨江智能装备产业园、湘东先进材料研究院、“云杉里”城市更新项目，察看建设进度。"
    doc = pipeline_doc(raw)
    assert (MAYOR, "湘东先进材料研究院") in facts(doc, "visited")
    assert (MAYOR, "湘东先进材料研究院") in facts(doc, "inspected")


@pytest.mark.parametrize("second, presented", [
    (f"在{FACTORY}，企业负责人介绍了技术改造和市场开拓情况。", True),
    (f"在{FACTORY}和{MILL}，相关负责人汇报了订单情况。", True),
    (f"{FACTORY}负责人介绍了技术改造情况。", False),  # no place frame: said anywhere
    (f"在{FACTORY}，工人们正在赶制一批出口订单。", False),  # nobody presents the stop
])
def test_a_stop_told_by_its_place_and_its_hosts_presenting_it(second, presented):
    text = f"3月8日，市长{MAYOR}来到县经济开发区调研。\n{second}"
    assert ((MAYOR, FACTORY) in visited(text)) is presented


def test_hosts_presenting_outside_a_tour_put_no_one_there():
    text = f"3月8日，市长{MAYOR}主持召开民营经济座谈会。\n在{FACTORY}，企业负责人介绍了技术改造情况。"
    assert (MAYOR, FACTORY) not in visited(text)


def test_an_organization_listed_with_projects_in_a_place_frame_is_visited():
    text = (f"{MAYOR}一行在东港码头了解口岸运行情况；在{FACTORY}、滨海冷链物流园项目等地，察看外贸和物流发展"
            "情况。")
    assert (MAYOR, FACTORY) in visited(text, projects=["滨海冷链物流园项目"])


@pytest.mark.parametrize("between, visits", [
    (f"{FACTORY}{LINE}正在试产。", True),  # the company's own work: its workshop is the company's
    (f"{FACTORY}投资兴建的{LINE}即将投产。西岭食品加工项目主要生产速冻食品。", False),  # another work since
])
def test_a_bare_workshop_belongs_to_the_work_named_last(between, visits):
    text = f"{between}{MAYOR}走进生产车间，详细了解工艺流程。"
    projects = [f"{FACTORY}{LINE}"] if f"{FACTORY}{LINE}" in text else [LINE, "西岭食品加工项目"]
    assert ((MAYOR, FACTORY) in visited(text, projects=projects)) is visits


def test_this_company_means_the_company_even_after_another_work():
    text = f"{FACTORY}主要生产伺服电机。西岭食品加工项目正在建设。{MAYOR}来到该企业，了解订单情况。"
    assert (MAYOR, FACTORY) in visited(text, projects=["西岭食品加工项目"])
