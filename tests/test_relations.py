"""Relation components on short articles written for these tests, with entity spans put in by hand."""

from __future__ import annotations

import re

import pytest

from kg.model import CleanDocument, Document
from kg.pipeline import load
from kg.nlp.spans import add_span

RELATION_PIPES = (
    "kg_located_in",
    "kg_tours",
    "kg_inspected",
    "kg_visited",
    "kg_participation",
    "kg_project_attributes",
    "kg_operated_by",
)
PROVINCE, CITY, COUNTY, TOWN = "江西省", "赣州市", "会昌县", "青枫镇"
PLACES = {
    PROVINCE: ("province", []),
    CITY: ("city", [PROVINCE]),
    COUNTY: ("county", [PROVINCE, CITY]),
    TOWN: ("town", [PROVINCE, CITY, COUNTY]),
    "安远县": ("county", [PROVINCE, CITY]),
}


def run(text, officials=(), projects=(), organizations=(), home=None, zones=(), titles=None):
    """A Doc of ``text`` with every occurrence of the given names as spans, after the relation components
    (``titles``: official → the titles the entity stage read for them)."""
    nlp = load()
    clean = CleanDocument(Document("t", "t", text), text, list(range(len(text) + 1)), date="2024-04-12")
    doc = nlp.make_doc(text)
    doc._.clean = clean
    doc = nlp.get_pipe("kg_sentences")(doc)
    doc._.home_place = home
    groups = [
        ("officials", {name: {"titles": (titles or {}).get(name, [])} for name in officials}),
        ("organizations", {name: {} for name in organizations}),
        ("places", {name: {"level": lv, "ancestors": anc} for name, (lv, anc) in PLACES.items()}
         | {zone: {"level": "zone", "ancestors": [PROVINCE, CITY]} for zone in zones}),
        ("projects", {name: {} for name in projects}),
    ]
    for group, names in groups:
        taken: list[tuple[int, int]] = []
        for name in sorted(names, key=len, reverse=True):
            for match in re.finditer(re.escape(name), text):
                a, b = match.span()
                if not any(a < y and x < b for x, y in taken):
                    taken.append((a, b))
                    add_span(doc, group, a, b, group, name, **names[name])
    for name in RELATION_PIPES:
        doc = nlp.get_pipe(name)(doc)
    return doc


def facts(doc, predicate):
    """{(subject name, object name or literal): Fact} for one predicate."""
    found = {}
    for fact in doc._.facts:
        if fact.predicate == predicate:
            target = fact.object[1] if isinstance(fact.object, tuple) else fact.object
            found[(fact.subject[1], target)] = fact
    return found


SOLAR = "青枫镇光伏发电项目"
ROAD = "滨江大道改造工程"
PARK = "华兴新材料产业园项目"


def test_enumerated_sites_after_visit_verb_are_inspected_in_one_inspection():
    text = f"4月12日，县委书记王建国先后来到{SOLAR}、{ROAD}现场，实地察看项目建设进度。"
    doc = run(text, officials=["王建国"], projects=[SOLAR, ROAD])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR), ("王建国", ROAD)}
    assert len(doc._.inspections) == 1
    inspection = doc._.inspections[0]
    assert inspection.inspectors == ["王建国"] and set(inspection.sites) == {SOLAR, ROAD}
    assert inspection.date == "2024-04-12" and inspection.evidence[0].sentence.startswith("4月12日")


def test_paragraph_describing_a_project_then_official_walks_onto_the_site():
    text = (
        f"{PARK}总投资12.5亿元，目前正在加快建设。王建国走进项目工地，详细了解施工进度。\n"
        f"{ROAD}计划明年开工。"
    )
    doc = run(text, officials=["王建国"], projects=[PARK, ROAD])
    inspected = facts(doc, "inspected")
    assert set(inspected) == {("王建国", PARK)}
    assert inspected[("王建国", PARK)].confidence < 0.9  # read through the paragraph, not named in the clause


def test_signed_and_spoken_projects_are_not_inspected():
    text = (
        f"活动现场，王建国见证了{PARK}签约。王建国在调研时强调，要加快推进{ROAD}建设。"
        f"会上，王建国听取了{SOLAR}进展情况汇报。"
    )
    doc = run(text, officials=["王建国"], projects=[PARK, ROAD, SOLAR])
    assert facts(doc, "inspected") == {}


def test_companions_join_only_when_the_group_goes():
    with_group = run(
        f"县长李铭远陪同调研。王建国一行来到{SOLAR}现场察看。",
        officials=["王建国", "李铭远"],
        projects=[SOLAR],
    )
    assert set(facts(with_group, "inspected")) == {("王建国", SOLAR), ("李铭远", SOLAR)}
    assert ("李铭远", "王建国") in facts(with_group, "accompanied")
    alone = run(
        f"王建国到青枫镇调研项目建设。副县长李铭远参加。王建国来到{SOLAR}现场察看。",
        officials=["王建国", "李铭远"],
        projects=[SOLAR],
    )
    assert set(facts(alone, "inspected")) == {("王建国", SOLAR)}


BRIDGE = "石门湾大桥工程"
SCHOOL = "海棠路实验学校项目"


@pytest.mark.parametrize("together", ["一同调研", "一同拉练检查", "共同察看"])
def test_officials_visiting_together_with_the_leader_are_the_group(together):
    text = (f"5日上午，市委书记王建国带队，先后来到{BRIDGE}、{SCHOOL}，检查重点工程建设情况。"
            f"市委副书记、市长赵文博，市委副书记陈晓华{together}。")
    doc = run(text, officials=["王建国", "赵文博", "陈晓华"], projects=[BRIDGE, SCHOOL])
    assert set(facts(doc, "inspected")) == {(o, p) for o in ("王建国", "赵文博", "陈晓华") for p in (BRIDGE, SCHOOL)}


@pytest.mark.parametrize("joining", ["参加调研", "一同出席会议", "共同研究"])
def test_officials_only_taking_part_or_together_in_no_visit_are_not_the_group(joining):
    text = (f"5日上午，市委书记王建国带队，先后来到{BRIDGE}、{SCHOOL}，检查重点工程建设情况。"
            f"市委副书记、市长赵文博，市委副书记陈晓华{joining}。")
    doc = run(text, officials=["王建国", "赵文博", "陈晓华"], projects=[BRIDGE, SCHOOL])
    assert set(facts(doc, "inspected")) == {("王建国", BRIDGE), ("王建国", SCHOOL)}


def test_a_tour_stop_told_by_where_it_is_without_a_verb_is_the_group_s():
    text = (f"6日，市长王建国率调研组赴青枫镇调研。\n"
            f"塔吊林立、机器轰鸣……在{BRIDGE}施工现场，一派繁忙景象。该项目总投资12亿元。")
    doc = run(text, officials=["王建国"], projects=[BRIDGE])
    assert set(facts(doc, "inspected")) == {("王建国", BRIDGE)}


@pytest.mark.parametrize("text", [
    f"6日，市长王建国主持召开项目推进会。\n在{BRIDGE}施工现场，一派繁忙景象。",  # no tour
    f"6日，市长王建国率调研组赴青枫镇调研。\n{BRIDGE}施工现场一派繁忙景象。",  # no 在: the site's news
])
def test_a_site_scene_outside_a_tour_or_not_framed_by_zai_is_no_stop(text):
    doc = run(text, officials=["王建国"], projects=[BRIDGE])
    assert set(facts(doc, "inspected")) == set()


@pytest.mark.parametrize("opening, seen", [
    ("6日，区长王建国带队调研青枫镇重点项目。", True),
    ("6日，区长王建国主持召开项目推进会。", False),  # no tour: what he saw may be on a screen
])
def test_seeing_the_works_is_a_stop_inside_a_tour_only(opening, seen):
    doc = run(f"{opening}他看到{SCHOOL}已经开工，感到十分振奋。", officials=["王建国"], projects=[SCHOOL])
    assert set(facts(doc, "inspected")) == ({("王建国", SCHOOL)} if seen else set())


MILL = "华丰纺织有限公司"
LOOMS = "年产5万吨高档面料技改项目"


def test_works_named_at_the_premises_the_visitors_entered_are_inspected():
    text = f"王建国一行来到{MILL}，车间内机器轰鸣，{LOOMS}正在加紧建设。"
    doc = run(text, officials=["王建国"], projects=[LOOMS], organizations=[MILL])
    assert set(facts(doc, "inspected")) == {("王建国", LOOMS)}
    assert set(facts(doc, "visited")) == {("王建国", MILL)}


@pytest.mark.parametrize("text", [
    f"王建国一行来到{MILL}，要求加快推进{LOOMS}建设。",  # said, not seen
    f"{LOOMS}由{MILL}投资建设，王建国一行来到{MILL}。",  # named before the premises
])
def test_works_only_spoken_of_or_named_before_the_premises_are_not_inspected(text):
    doc = run(text, officials=["王建国"], projects=[LOOMS], organizations=[MILL])
    assert set(facts(doc, "inspected")) == set()


def test_pronoun_and_then_carry_the_tour_leader():
    text = f"王建国深入会昌县调研重点项目。随后，他来到{ROAD}现场，察看道路施工。"
    doc = run(text, officials=["王建国"], projects=[ROAD])
    assert set(facts(doc, "inspected")) == {("王建国", ROAD)}


def test_ceremony_is_attended_and_the_project_inspected():
    text = f"王建国、李铭远出席{PARK}开工仪式，并为项目培土奠基。"
    doc = run(text, officials=["王建国", "李铭远"], projects=[PARK])
    assert set(facts(doc, "inspected")) == {("王建国", PARK), ("李铭远", PARK)}
    assert ("王建国", f"{PARK}开工仪式") in facts(doc, "attended")


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"{SOLAR}装机容量5万千瓦。", TOWN),  # place chain at the head of the name
        (f"{ROAD}位于{COUNTY}{TOWN}，全长3公里。", TOWN),  # 位于 + chain: the most specific place
        (f"安远县加快建设工业园。{PARK}进展顺利。", "安远县"),  # the place the paragraph is about
        (f"{PARK}进展顺利。", CITY),  # the home place as a last resort
    ],
)
def test_located_in_picks_the_most_direct_and_most_specific_place(text, expected):
    doc = run(text, projects=[SOLAR, ROAD, PARK], home=CITY)
    located = facts(doc, "locatedIn")
    assert len(located) == 1
    [(_, place)] = located
    assert place == expected


def test_home_place_is_the_least_confident_location():
    doc = run(f"{PARK}进展顺利。\n{SOLAR}进展顺利。", projects=[SOLAR, PARK], home=CITY)
    located = facts(doc, "locatedIn")
    assert located[(PARK, CITY)].confidence < located[(SOLAR, TOWN)].confidence


def test_destinations_do_not_locate_a_project():
    doc = run(f"{ROAD}建成后可缩短市区通往安远县的时间。", projects=[ROAD], home=CITY)
    assert set(facts(doc, "locatedIn")) == {(ROAD, CITY)}


def test_project_attributes_in_yuan_square_metres_and_literals():
    text = (
        f"{PARK}总投资12.5亿元，占地150亩，年产值3000万元，年产20万吨改性塑料，预计2025年6月底建成投产。"
        f"{ROAD}已竣工。该项目总建筑面积2.1万平方米。"
    )
    doc = run(text, projects=[PARK, ROAD])
    attrs = {key: fact.object for key, fact in _by_predicate(doc).items()}
    assert attrs[(PARK, "investment")] == pytest.approx(1.25e9)
    assert attrs[(PARK, "floorArea")] == pytest.approx(150 * 666.67)
    assert attrs[(PARK, "outputValue")] == pytest.approx(3e7)
    assert attrs[(PARK, "capacity")] == "年产20万吨"
    assert attrs[(PARK, "expected")] == "2025年6月底建成投产"
    assert attrs[(ROAD, "status")] == "竣工"
    assert attrs[(ROAD, "floorArea")] == pytest.approx(2.1e4)


def _by_predicate(doc):
    literal = {"investment", "floorArea", "outputValue", "capacity", "expected", "status"}
    return {(f.subject[1], f.predicate): f for f in doc._.facts if f.predicate in literal}


def test_generic_totals_are_not_given_to_a_project():
    doc = run(f"全县共推进重点项目39个，总投资171亿元。{PARK}进展顺利。", projects=[PARK])
    assert (PARK, "investment") not in _by_predicate(doc)


def test_operator_from_name_from_by_and_from_the_paragraph_company():
    text = (
        f"赣南华兴材料有限公司{PARK}进展顺利。{ROAD}由江西交投集团投资建设。\n"
        f"赣州鑫达科技有限公司是一家新材料企业。目前，企业正推进{SOLAR}。"
    )
    doc = run(
        text,
        projects=[PARK, ROAD, SOLAR],
        organizations=["赣南华兴材料有限公司", "江西交投集团", "赣州鑫达科技有限公司"],
    )
    assert set(facts(doc, "operatedBy")) == {
        (PARK, "赣南华兴材料有限公司"),
        (ROAD, "江西交投集团"),
        (SOLAR, "赣州鑫达科技有限公司"),
    }


def test_reports_on_one_page_do_not_share_companions():
    text = (
        f"本报讯 4月10日，王建国到青枫镇调研，县长李铭远陪同。王建国一行来到{SOLAR}现场。\n"
        "陈晓华赴安远县考察\n"
        f"本报讯 4月11日，陈晓华一行来到{ROAD}现场察看。"
    )
    doc = run(text, officials=["王建国", "李铭远", "陈晓华"], projects=[SOLAR, ROAD])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR), ("李铭远", SOLAR), ("陈晓华", ROAD)}


def test_an_escort_in_the_sentence_accompanies_and_only_a_group_word_makes_companions_inspect():
    """Guide v2: an official who only 陪同 is in ``accompanied``, not in ``inspected``."""
    text = (
        f"王建国在副市长李铭远的陪同下，先后深入{SOLAR}、{ROAD}调研，县领导陈晓华参加调研。"
        f"陈晓华陪同调研。"
    )
    doc = run(text, officials=["王建国", "李铭远", "陈晓华"], projects=[SOLAR, ROAD])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR), ("王建国", ROAD)}
    assert ("李铭远", "王建国") in facts(doc, "accompanied")
    group = run(text.replace("王建国在", "王建国一行在"), officials=["王建国", "李铭远", "陈晓华"], projects=[SOLAR, ROAD])
    assert {("李铭远", SOLAR), ("李铭远", ROAD)} <= set(facts(group, "inspected"))


def test_leaders_going_their_separate_ways_are_not_one_group():
    text = (
        "市领导王建国、陈晓华等分别到各自联系县督导项目，并出席集中开工活动。\n"
        f"4月12日，王建国出席开工活动，副市长李铭远一同参加。王建国一行来到{PARK}开工现场。"
    )
    doc = run(text, officials=["王建国", "李铭远", "陈晓华"], projects=[PARK])
    assert set(facts(doc, "inspected")) == {("王建国", PARK), ("李铭远", PARK)}



def test_a_place_frame_before_the_visitor_makes_its_projects_sites():
    text = "6月3日，市长周海川到会昌县调研项目建设。在新港物流园、滨江冷链仓储中心，周海川详细了解建设进度。"
    doc = run(text, officials=["周海川"], projects=["新港物流园", "滨江冷链仓储中心"])
    assert set(facts(doc, "inspected")) == {("周海川", "新港物流园"), ("周海川", "滨江冷链仓储中心")}


# --- shapes of real articles from other provinces (sentences written for these tests) --------------------


def test_an_official_named_as_the_sender_of_greetings_is_not_a_visitor():
    text = f"省长王建国先后来到{SOLAR}、{ROAD}视察工作，并代表省委、省政府和陈晓华书记向一线职工致以新春祝福。"
    doc = run(text, officials=["王建国", "陈晓华"], projects=[SOLAR, ROAD])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR), ("王建国", ROAD)}


@pytest.mark.parametrize("verb", ["还到", "赶赴", "又到"])
def test_more_visit_verbs(verb):
    doc = run(f"市长王建国{verb}{PARK}，了解园区建设情况。", officials=["王建国"], projects=[PARK])
    assert set(facts(doc, "inspected")) == {("王建国", PARK)}


def test_objects_listed_on_after_a_comma_are_sites_of_the_same_verb():
    text = (
        "4月3日，县纪委副书记王建国带队督查重点项目。"
        f"随后，督查组赶赴项目现场，详细询问{SOLAR}进展情况，{ROAD}征地拆迁情况及存在的困难。"
    )
    doc = run(text, officials=["王建国"], projects=[SOLAR, ROAD])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR), ("王建国", ROAD)}


PORT = "云杉港三期工程"
FLOWERS = "蓝湾花卉博览园项目"


@pytest.mark.parametrize("state", ["进展情况", "建设进度", "建设情况。"])
def test_items_of_a_list_told_by_their_state_are_listed_on(state):
    text = (f"王建国一行先后实地考察了{BRIDGE}、{PORT}，东城片区建设情况和{FLOWERS}{state}"
            + ("" if state.endswith("。") else "。"))
    doc = run(text, officials=["王建国"], projects=[BRIDGE, PORT, FLOWERS])
    assert set(facts(doc, "inspected")) == {("王建国", BRIDGE), ("王建国", PORT), ("王建国", FLOWERS)}


@pytest.mark.parametrize("clause", [f"东城片区建设情况和{FLOWERS}将于年底建成", f"要加快推进{FLOWERS}建设"])
def test_a_clause_saying_more_than_the_state_of_an_item_is_not_listed_on(clause):
    text = f"王建国一行先后实地考察了{BRIDGE}、{PORT}，{clause}。"
    doc = run(text, officials=["王建国"], projects=[BRIDGE, PORT, FLOWERS])
    assert set(facts(doc, "inspected")) == {("王建国", BRIDGE), ("王建国", PORT)}


def test_an_item_with_a_few_unread_characters_inside_a_list_is_listed():
    text = f"视察组先后深入到{BRIDGE}、{PORT}，禾信{LOOMS}，{SCHOOL}、{FLOWERS}实地观摩。"
    doc = run(f"王建国率视察组赴青枫镇视察。{text}", officials=["王建国"], projects=[BRIDGE, PORT, LOOMS, SCHOOL, FLOWERS])
    assert {p for _, p in facts(doc, "inspected")} == {BRIDGE, PORT, LOOMS, SCHOOL, FLOWERS}


@pytest.mark.parametrize("rest", [f"禾信{LOOMS}，将于年底投产", f"计划明年开工建设{LOOMS}，{SCHOOL}实地观摩"])
def test_an_item_not_followed_by_the_list_or_after_a_statement_is_not_listed(rest):
    text = f"王建国率视察组赴青枫镇视察。视察组先后深入到{BRIDGE}、{PORT}，{rest}。"
    doc = run(text, officials=["王建国"], projects=[BRIDGE, PORT, LOOMS, SCHOOL])
    assert LOOMS not in {p for _, p in facts(doc, "inspected")}


def test_a_project_opening_a_new_statement_is_not_an_object_of_the_verb_before():
    text = f"王建国来到青枫镇调研，详细询问{SOLAR}进展情况，{ROAD}将于年底建成通车。"
    doc = run(text, officials=["王建国"], projects=[SOLAR, ROAD])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR)}


def test_the_place_prefixing_the_first_item_of_a_list_locates_the_items_without_one():
    text = "王建国先后走进会昌县新港物流园、滨江冷链仓储中心、安远县东山水厂。"
    doc = run(text, officials=["王建国"], projects=["会昌县新港物流园", "滨江冷链仓储中心", "安远县东山水厂"], home=CITY)
    located = {project: place for project, place in facts(doc, "locatedIn")}
    assert located == {"会昌县新港物流园": COUNTY, "滨江冷链仓储中心": COUNTY, "安远县东山水厂": "安远县"}


def test_a_listed_work_without_a_place_takes_the_place_of_the_nearest_earlier_item():
    text = "王建国先后走进会昌县新港物流园、滨江冷链仓储中心、安远县东山水厂、城北污水处理厂。"
    projects = ["会昌县新港物流园", "滨江冷链仓储中心", "安远县东山水厂", "城北污水处理厂"]
    doc = run(text, officials=["王建国"], projects=projects, home=CITY)
    located = {project: place for project, place in facts(doc, "locatedIn")}
    assert located["滨江冷链仓储中心"] == COUNTY and located["城北污水处理厂"] == "安远县"


@pytest.mark.parametrize("county, expected", [(COUNTY, TOWN), ("安远县", "安远县")])
def test_a_chain_of_places_does_not_run_into_a_place_of_another_county(county, expected):
    doc = run(f"王建国来到{county}{TOWN}，察看了{PARK}建设进度。", officials=["王建国"], projects=[PARK], home=CITY)
    assert set(facts(doc, "locatedIn")) == {(PARK, expected)}


@pytest.mark.parametrize("listed, expected", [
    (f"{COUNTY}新港物流园、江西省数控机床创新中心", CITY),  # 会昌县 and 安远县: a paragraph of two counties
    ("江西省数控机床创新中心", "安远县"),
])
def test_a_province_prefix_does_not_hide_a_second_county_of_the_paragraph(listed, expected):
    text = f"王建国察看了{listed}，安远县副县长汇报了滨江冷链仓储中心的进展。"
    projects = [f"{COUNTY}新港物流园", "江西省数控机床创新中心", "滨江冷链仓储中心"]
    doc = run(text, officials=["王建国"], projects=projects, home=CITY)
    located = {project: place for project, place in facts(doc, "locatedIn")}
    assert located["滨江冷链仓储中心"] == expected


def test_a_location_marker_before_a_list_places_its_items_and_a_later_one_only_what_follows_it():
    text = f"王建国先后来到位于安远县的东山水厂、{ROAD}，以及位于{COUNTY}的{PARK}，察看建设进度。"
    doc = run(text, officials=["王建国"], projects=["东山水厂", ROAD, PARK], home=CITY)
    located = {project: place for project, place in facts(doc, "locatedIn")}
    assert located == {"东山水厂": "安远县", ROAD: "安远县", PARK: COUNTY}


@pytest.mark.parametrize("text", [f"{PARK}位于{COUNTY}{TOWN}。", f"{PARK}，地处{COUNTY}{TOWN}，总投资5亿元。"])
def test_a_location_marker_right_after_a_project_places_it(text):
    doc = run(text, projects=[PARK], home=CITY)
    assert set(facts(doc, "locatedIn")) == {(PARK, TOWN)}


def test_the_destination_of_the_visit_locates_projects_nothing_else_places():
    text = f"6月3日，市长周海川到{TOWN}调研项目建设。\n周海川来到{PARK}，察看建设进度。"
    doc = run(text, officials=["周海川"], projects=[PARK], home=CITY)
    assert set(facts(doc, "locatedIn")) == {(PARK, TOWN)}


def test_two_destinations_locate_nothing():
    text = f"6月3日，市长周海川到{COUNTY}、安远县调研项目建设。\n周海川来到{PARK}，察看建设进度。"
    doc = run(text, officials=["周海川"], projects=[PARK], home=CITY)
    assert set(facts(doc, "locatedIn")) == {(PARK, CITY)}


def test_a_paragraph_is_about_the_place_enclosing_the_prefixes_of_its_projects():
    text = f"王建国先后来到{COUNTY}新港物流园、{TOWN}东山水厂，随后察看了滨江冷链仓储中心。"
    projects = [f"{COUNTY}新港物流园", f"{TOWN}东山水厂", "滨江冷链仓储中心"]
    doc = run(text, officials=["王建国"], projects=projects, home=CITY)
    located = {project: place for project, place in facts(doc, "locatedIn")}
    assert located["滨江冷链仓储中心"] == COUNTY


def test_officials_at_the_venue_of_the_report_event_inspect_the_venue_project():
    text = (
        f"5月8日，全县重点项目集中开工仪式在{PARK}现场举行。县委书记王建国出席并讲话。县长李铭远出席。\n"
        f"此次集中开工项目共18个，{SOLAR}等项目同步开工。"
    )
    doc = run(text, officials=["王建国", "李铭远"], projects=[PARK, SOLAR])
    assert set(facts(doc, "inspected")) == {("王建国", PARK), ("李铭远", PARK)}


GRAIN_PARK = "金穗粮油精深加工产业园项目"


@pytest.mark.parametrize("held", ["隆重举行", "举行", "正式举行"])
def test_a_venue_named_without_the_project_head_word_is_the_project(held):
    text = (
        f"9月3日，全市第三批重点项目集中开工仪式在金穗粮油精深加工产业园{held}。"
        "市委书记王建国出席并讲话。市长赵文博致辞。\n"
        f"{GRAIN_PARK}建设业主代表发言。"
    )
    doc = run(text, officials=["王建国", "赵文博"], projects=[GRAIN_PARK])
    assert set(facts(doc, "inspected")) == {("王建国", GRAIN_PARK), ("赵文博", GRAIN_PARK)}


@pytest.mark.parametrize("text", [
    "9月3日，庆典将在金穗粮油精深加工产业园建成后举行。市委书记王建国出席并讲话。\n"
    f"{GRAIN_PARK}建设业主代表发言。",  # held after the park is built, not at it
    "9月3日，全市集中开工仪式在东湖公园隆重举行。市委书记王建国出席并讲话。\n东湖公园项目建设业主代表发言。",
])  # a bare name too short to stand for the project alone
def test_no_venue_project_far_from_the_venue_word_or_from_a_short_bare_name(text):
    doc = run(text, officials=["王建国"], projects=[GRAIN_PARK, "东湖公园项目"])
    assert set(facts(doc, "inspected")) == set()


@pytest.mark.parametrize("held", [
    f"全省重大项目集中开工仪式丰林分会场在丰林县举行，{GRAIN_PARK}暨36个重点项目集中开工。",
    f"昨日，{GRAIN_PARK}暨全县第二批重点项目开工仪式在丰林县隆重举行。",
])
def test_officials_at_a_start_ceremony_headed_by_a_project_inspect_it(held):
    text = f"{held}县委书记王建国出席仪式并宣布项目开工。县长赵文博出席仪式。"
    doc = run(text, officials=["王建国", "赵文博"], projects=[GRAIN_PARK])
    assert set(facts(doc, "inspected")) == {("王建国", GRAIN_PARK), ("赵文博", GRAIN_PARK)}


@pytest.mark.parametrize("event, inspected", [("开工仪式", True), ("奠基仪式", True), ("推介会", False)])
def test_officials_at_the_event_held_as_a_project_s_ceremony_inspect_it(event, inspected):
    text = (f"4月15日，丰林县举行春季重点项目集中开工暨{GRAIN_PARK}{event}。\n"
            f"{event}上，副县长赵文博介绍了集中开工项目情况。")
    doc = run(text, officials=["赵文博"], projects=[GRAIN_PARK])
    assert set(facts(doc, "inspected")) == ({("赵文博", GRAIN_PARK)} if inspected else set())


def test_a_project_joined_to_a_meeting_is_no_venue():
    text = (f"全县项目推进会在丰林县举行，会议通报了{GRAIN_PARK}暨全县重点项目进展情况。"
            "县委书记王建国出席会议并讲话。")
    doc = run(text, officials=["王建国"], projects=[GRAIN_PARK])
    assert set(facts(doc, "inspected")) == set()


def test_coming_to_the_event_site_is_a_visit_to_the_venue_project():
    text = (
        f"我市在{PARK}现场设立分会场，同步举行重大项目现场推进活动。\n"
        "活动前，市委书记王建国一行来到活动现场，详细了解全市项目投资情况。"
    )
    doc = run(text, officials=["王建国"], projects=[PARK])
    assert set(facts(doc, "inspected")) == {("王建国", PARK)}


def test_attending_an_event_named_before_the_venue_is_not_a_visit_to_it():
    text = (
        "省委书记王建国在省会主会场出席活动并讲话。\n"
        f"“开工一批”活动在{PARK}现场举行。该项目投资10亿元。"
    )
    doc = run(text, officials=["王建国"], projects=[PARK])
    assert set(facts(doc, "inspected")) == set()


def test_visit_verbs_inside_a_speech_are_no_visit():
    text = (
        f"{PARK}是{SOLAR}的核心园区。王建国来到{SOLAR}展厅，详细了解园区规划。"
        f"王建国强调，要深入一线服务企业，高标准推进{PARK}建设。"
    )
    doc = run(text, officials=["王建国"], projects=[PARK, SOLAR])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR)}


def test_a_zone_reached_after_its_level_word_is_the_destination():
    text = f"11月10日，市长周海川前往市新材料产业园区调研。\n周海川先后来到{PARK}、{ROAD}现场。"
    doc = run(text, officials=["周海川"], projects=[PARK, ROAD], zones=["新材料产业园区"])
    assert set(facts(doc, "locatedIn")) == {(PARK, "新材料产业园区"), (ROAD, "新材料产业园区")}


def test_a_later_stop_inside_the_destination_does_not_locate_every_project():
    text = f"6月3日，市长周海川到{COUNTY}调研项目建设。\n周海川来到{PARK}，察看建设进度。\n随后，周海川来到{TOWN}，察看了{SOLAR}。"
    doc = run(text, officials=["周海川"], projects=[PARK, SOLAR], home=CITY)
    located = {project: place for project, place in facts(doc, "locatedIn")}
    assert located[PARK] == COUNTY


# --- tours: who is in the group, who leads, who goes along (sentences written for these tests) -----------


def test_the_leaders_of_the_opening_sentence_stay_in_the_group():
    text = (
        "3月2日，市委书记王建国，市长陈晓华深入青枫镇调研项目复工情况。\n"
        f"在青枫镇，王建国一行来到{SOLAR}现场，察看组件安装。\n"
        f"随后，一行人察看了{ROAD}施工情况。"
    )
    doc = run(text, officials=["王建国", "陈晓华"], projects=[SOLAR, ROAD])
    assert set(facts(doc, "inspected")) == {(o, p) for o in ("王建国", "陈晓华") for p in (SOLAR, ROAD)}


def test_a_group_addressed_by_an_official_is_not_led_by_them():
    text = (
        "5月9日，市委书记王建国带队莅临青枫镇调研，县长李铭远全程陪同。"
        f"李铭远向考察组一行介绍了{PARK}的规划。王建国详细询问了园区建设进度。"
    )
    doc = run(text, officials=["王建国", "李铭远"], projects=[PARK])
    assert set(facts(doc, "accompanied")) == {("李铭远", "王建国")}
    assert ("王建国", PARK) in facts(doc, "inspected")


def test_a_bare_title_stands_for_the_official_holding_it():
    text = (
        "8月2日，市长王建国到会昌县调研重点项目，县委书记陈晓华，县长李铭远参加调研。\n"
        f"县长一行来到{ROAD}现场，察看施工进度。"
    )
    titles = {"王建国": ["市长"], "陈晓华": ["县委书记"], "李铭远": ["县长"]}
    doc = run(text, officials=["王建国", "陈晓华", "李铭远"], projects=[ROAD], titles=titles)
    inspected = facts(doc, "inspected")
    assert ("李铭远", ROAD) in inspected and inspected[("李铭远", ROAD)].confidence == 0.9


def test_a_bare_title_held_by_the_current_leader_and_another_official_is_the_current_leader():
    text = f"市委书记王建国到会昌县调研，县委书记陈晓华陪同。书记先后来到{SOLAR}、{ROAD}现场。"
    titles = {"王建国": ["市委书记"], "陈晓华": ["县委书记"]}
    doc = run(text, officials=["王建国", "陈晓华"], projects=[SOLAR, ROAD], titles=titles)
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR), ("王建国", ROAD)}


def test_a_companion_in_the_visit_sentence_accompanies_but_does_not_inspect_without_a_group_word():
    along = run(
        f"4月2日，县长王建国到青枫镇调研。王建国来到{SOLAR}现场察看组件安装，副县长李铭远陪同。",
        officials=["王建国", "李铭远"],
        projects=[SOLAR],
    )
    assert set(facts(along, "inspected")) == {("王建国", SOLAR)}
    assert ("李铭远", "王建国") in facts(along, "accompanied")
    earlier = run(
        f"王建国到青枫镇调研项目建设，副县长李铭远陪同。王建国来到{SOLAR}现场察看。",
        officials=["王建国", "李铭远"],
        projects=[SOLAR],
    )
    assert set(facts(earlier, "inspected")) == {("王建国", SOLAR)}


def test_announcing_a_project_start_is_attending_its_ceremony_on_site():
    doc = run(f"县委书记王建国宣布{PARK}正式开工。", officials=["王建国"], projects=[PARK])
    assert set(facts(doc, "inspected")) == {("王建国", PARK)}
    assert ("王建国", f"{PARK}正式开工") in facts(doc, "attended")


def test_announcing_a_start_elsewhere_or_a_signing_is_no_visit():
    text = f"县委书记王建国宣布全县招商引资大会开幕，{PARK}等8个项目现场签约。"
    doc = run(text, officials=["王建国"], projects=[PARK])
    assert facts(doc, "inspected") == {}


def test_attending_without_an_event_name_is_attending_the_report_event_at_its_venue():
    text = (
        f"4月8日，会昌县第二批重点项目集中开工活动在{PARK}举行。"
        "县委书记王建国出席并讲话，副县长李铭远一同参加。县长陈晓华出席活动。"
    )
    doc = run(text, officials=["王建国", "李铭远", "陈晓华"], projects=[PARK])
    attended = facts(doc, "attended")
    assert {o for o, event in attended if event == "会昌县第二批重点项目集中开工活动"} == {"王建国", "李铭远", "陈晓华"}
    assert {("王建国", PARK), ("陈晓华", PARK)} <= set(facts(doc, "inspected"))



def test_a_site_visited_before_it_is_named_is_the_project_the_next_sentence_names():
    text = (
        "4月2日，市委书记王建国带队，考察组一行莅临园区现场观摩，区长李铭远全程陪同。\n"
        f"李铭远向考察组一行介绍了{PARK}的建设情况。"
    )
    doc = run(text, officials=["王建国", "李铭远"], projects=[PARK])
    assert set(facts(doc, "inspected")) == {("王建国", PARK), ("李铭远", PARK)}
    assert set(facts(doc, "accompanied")) == {("李铭远", "王建国")}
    spoken = run(f"王建国来到项目现场调研。他强调，要加快{ROAD}建设。", officials=["王建国"], projects=[ROAD])
    assert facts(spoken, "inspected") == {}


def test_an_official_who_only_speaks_of_going_to_the_sites_is_not_a_leader_of_the_tour():
    text = f"4月3日，县长李铭远到青枫镇调研。市委书记王建国强调，要深入项目一线。\n李铭远一行来到{SOLAR}现场。"
    doc = run(text, officials=["李铭远", "王建国"], projects=[SOLAR])
    assert set(facts(doc, "inspected")) == {("李铭远", SOLAR)}


def test_companions_of_the_opening_sentence_accompany_the_tour_without_visiting_its_first_site():
    text = f"9月3日，县委副书记王建国深入青枫镇调研{SOLAR}进展情况，镇党委书记李铭远陪同调研。王建国先后来到{SOLAR}、{ROAD}现场。"
    doc = run(text, officials=["王建国", "李铭远"], projects=[SOLAR, ROAD])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR), ("王建国", ROAD)}
    assert ("李铭远", "王建国") in facts(doc, "accompanied")


@pytest.mark.parametrize("subject, goes", [("王建国等", True), ("王建国等人", True), ("王建国", False)])
def test_the_leader_and_others_are_the_group(subject, goes):
    text = f"县长王建国到青枫镇调研，副县长李铭远随同调研。{subject}先后深入{SOLAR}、{ROAD}现场察看。"
    doc = run(text, officials=["王建国", "李铭远"], projects=[SOLAR, ROAD])
    assert (("李铭远", SOLAR) in facts(doc, "inspected")) is goes
    assert ("王建国", ROAD) in facts(doc, "inspected")
    assert ("李铭远", "王建国") in facts(doc, "accompanied")



def test_a_list_of_sites_goes_on_over_commas_place_by_place():
    text = (f"县长王建国一行先后深入青枫镇的{SOLAR}、{PARK}，安远县的{ROAD}，以及会昌县的安远食品有限公司等处考察。"
            f"{SOLAR}预计年底并网，{PARK}正在招商。")
    doc = run(text, officials=["王建国"], projects=[SOLAR, ROAD, PARK], organizations=["安远食品有限公司"])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR), ("王建国", PARK), ("王建国", ROAD)}
    assert set(facts(doc, "visited")) == {("王建国", "安远食品有限公司")}


def test_a_clause_saying_something_of_the_sites_ends_the_list():
    text = f"县长王建国来到{SOLAR}现场，{ROAD}将于年底通车，安远县的{PARK}正在建设。"
    doc = run(text, officials=["王建国"], projects=[SOLAR, ROAD, PARK])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR)}


def test_in_a_tour_told_as_the_group_s_every_stop_of_its_leader_is_the_group_s():
    text = (f"县长王建国到青枫镇调研，副县长李铭远参加。王建国一行进园区、到工地，现场解决难题。"
            f"王建国来到{SOLAR}现场察看。")
    doc = run(text, officials=["王建国", "李铭远"], projects=[SOLAR])
    assert set(facts(doc, "inspected")) == {("王建国", SOLAR), ("李铭远", SOLAR)}
    alone = run(f"县长王建国到青枫镇调研，副县长李铭远参加。王建国来到{SOLAR}现场察看。",
                officials=["王建国", "李铭远"], projects=[SOLAR])
    assert set(facts(alone, "inspected")) == {("王建国", SOLAR)}


def test_leaders_named_as_a_body_are_the_group():
    opening = "县长王建国到青枫镇检查重点工程，副县长李铭远陪同。"
    body = run(f"{opening}在{SOLAR}现场，县领导详细询问了工程进度。", officials=["王建国", "李铭远"], projects=[SOLAR])
    assert set(facts(body, "inspected")) == {("王建国", SOLAR), ("李铭远", SOLAR)}
    told = run(f"{opening}在{SOLAR}现场，王建国听取了施工方向县领导所作的汇报。",
               officials=["王建国", "李铭远"], projects=[SOLAR])
    assert set(facts(told, "inspected")) == {("王建国", SOLAR)}


@pytest.mark.parametrize("going, goes", [
    (f"随后，王建国书记到{SOLAR}，详细了解建设情况。", True),
    (f"王建国一行赴{SOLAR}调研指导。", True),
    (f"王建国要求到年底建成{SOLAR}。", False),
    (f"王建国计划到2025年建成{SOLAR}。", False),
    (f"王建国到2025年底前将完成{SOLAR}的全部投资。", False),
])
def test_an_official_going_to_a_site_visits_it(going, goes):
    doc = run(f"县长王建国到青枫镇调研。{going}", officials=["王建国"], projects=[SOLAR])
    assert (("王建国", SOLAR) in facts(doc, "inspected")) is goes


def test_attending_the_ceremony_a_paragraph_before_placed_at_a_project_site_is_a_visit_to_it():
    text = (f"3日上午，我县在{ROAD}施工现场设立分会场，同步举行重大项目集中开工仪式。\n"
            f"副市长李铭远出席开工仪式并宣布项目开工。县长王建国主持开工仪式，县委书记陈晓华致辞。")
    doc = run(text, officials=["王建国", "李铭远", "陈晓华"], projects=[ROAD])
    assert set(facts(doc, "inspected")) == {("李铭远", ROAD), ("王建国", ROAD), ("陈晓华", ROAD)}
    meeting = run(f"我县在{ROAD}施工现场设立分会场。\n县长王建国主持召开常务会议。", officials=["王建国"], projects=[ROAD])
    assert set(facts(meeting, "inspected")) == set()


@pytest.mark.parametrize("sentence, there", [
    ("启动仪式上，副市长李铭远通报了全市项目情况。", True),
    ("活动中，副市长李铭远介绍了项目情况。", True),
    ("副市长李铭远在会上通报了全市项目情况。", False),
    ("仪式结束后，副市长李铭远主持召开座谈会。", False),
])
def test_what_officials_do_at_the_event_they_do_at_its_venue(sentence, there):
    text = f"3日上午，我市在{ROAD}施工现场举行重大项目集中启动仪式。{sentence}"
    doc = run(text, officials=["李铭远"], projects=[ROAD])
    assert (("李铭远", ROAD) in facts(doc, "inspected")) is there


def test_peers_listed_with_the_leader_elsewhere_are_not_the_leader_s_group():
    peers = f"市领导李铭远、陈晓华、王建国在主会场或分会场出席活动。王建国一行来到{PARK}开工现场观摩。"
    doc = run(peers, officials=["王建国", "李铭远", "陈晓华"], projects=[PARK])
    assert set(facts(doc, "inspected")) == {("王建国", PARK)}
    joined = f"市委书记王建国出席，市领导李铭远、陈晓华参加。王建国一行来到{PARK}开工现场观摩。"
    doc = run(joined, officials=["王建国", "李铭远", "陈晓华"], projects=[PARK])
    assert set(facts(doc, "inspected")) == {(o, PARK) for o in ("王建国", "李铭远", "陈晓华")}


def test_within_by_bisection_equals_the_scan():
    """Mentions found by bisection (a long article's sentences) are those a scan of all of them finds."""
    import random

    from kg.relations.discourse import Mention, Mentions, within

    rng = random.Random(3)
    spans = sorted(((a, a + rng.randint(1, 6)) for a in (rng.randint(0, 200) for _ in range(80))),
                   key=lambda s: (s[0], -s[1]))
    items = [Mention(f"m{a}-{b}", a, b, "x") for a, b in spans]
    for _ in range(200):
        start = rng.randint(0, 210)
        end = start + rng.randint(0, 40)
        assert within(Mentions(items), start, end) == within(list(items), start, end)


def test_enclosing_by_bisection_equals_the_scan():
    from kg.relations.discourse import enclosing

    ranges = [(0, 5), (5, 9), (12, 20), (20, 21)]
    for offset in range(-1, 25):
        scanned = next(((a, b) for a, b in ranges if a <= offset < b), ranges[-1])
        assert enclosing(ranges, offset) == scanned
    assert enclosing([], 3) == (0, 0)


def test_short_forms_of_a_name_match_as_one_search_per_length_would():
    """One scan for every short form of a name finds what a search per length (4 characters up to the
    whole name less one, each ending a list item) finds."""
    import random
    import re

    from kg.relations.tours.wording import ITEM_END, SHORT_NAME, mentions_name

    def by_search_per_length(text, name):
        return name in text or any(re.search(re.escape(name[:length]) + f"(?:[{ITEM_END}]|等|$)", text)
                                   for length in range(SHORT_NAME, len(name)))

    rng = random.Random(13)
    for _ in range(300):
        name = rng.choice(["甲乙丙丁", "甲乙丙", "丙丁戊"]) + "".join(rng.choice("戊公司丙") for _ in range(rng.randint(0, 5)))
        text = "".join(rng.choice(["甲乙丙丁", "甲乙丙丁戊", "戊公", "司", "丙", "、", "等", "，", "在", "\n"])
                       for _ in range(8))
        assert mentions_name(text, name) == by_search_per_length(text, name), (text, name)
    assert mentions_name("来到甲乙丙丁、戊己", "甲乙丙丁制品有限公司") and not mentions_name("甲乙丙丁厂", "甲乙丙丁制品有限公司")


def test_inspections_join_as_a_scan_of_the_earlier_ones_would():
    """A visit joins the first inspection of its inspectors that shares a site (found through an index)."""
    import random

    from kg.relations.inspected import _add_inspection

    def by_scan(visits):
        inspections = []
        for inspectors, sites in visits:
            for inspection in inspections:
                if set(inspection[0]) == set(inspectors) and set(inspection[1]) & set(sites):
                    inspection[1].extend(s for s in sites if s not in inspection[1])
                    break
            else:
                inspections.append((list(inspectors), list(sites)))
        return inspections

    rng = random.Random(11)
    for _ in range(40):
        visits = [(rng.choice([("甲",), ("甲", "乙")]), rng.sample("ABCDEFGH", rng.randint(1, 3))) for _ in range(15)]
        inspections, groups = [], {}
        for inspectors, sites in visits:
            _add_inspection(inspections, groups.setdefault(frozenset(inspectors), {}), inspectors, sites, None, "e")
        assert [(i.inspectors, i.sites) for i in inspections] == by_scan(visits)


TEAM_TOUR = "3月5日，市政协主席周文华带领部分委员开展专题视察，副市长唐晓明参加。"


@pytest.mark.parametrize("team", ["视察组", "评审小组", "验收组", "调研团"])
def test_a_team_named_after_its_task_is_the_visiting_group(team):
    doc = run(f"{TEAM_TOUR}{team}先后来到{SOLAR}、{ROAD}，察看建设进度。", officials=["周文华", "唐晓明"],
              projects=[SOLAR, ROAD])
    assert set(facts(doc, "inspected")) == {(o, p) for o in ("周文华", "唐晓明") for p in (SOLAR, ROAD)}


def test_a_team_as_the_object_or_a_team_not_named_after_a_task_is_not_the_group():
    officials = ["周文华", "唐晓明", "李铭远"]
    told = run(f"{TEAM_TOUR}县长李铭远向视察组介绍了{SOLAR}的建设情况。", officials=officials, projects=[SOLAR])
    assert ("李铭远", SOLAR) not in facts(told, "inspected")  # the team is told, nobody goes
    experts = run(f"{TEAM_TOUR}专家组来到{SOLAR}，察看建设进度。", officials=officials, projects=[SOLAR])
    assert ("唐晓明", SOLAR) not in facts(experts, "inspected")  # 专家组: no team of the tour


def test_a_stop_told_as_the_leader_s_after_the_group_s_named_stops_is_the_leader_s():
    hall, farm = "青山镇游客服务中心建设项目", "白沙河生态茶园项目"
    text = (f"5月8日，州长赵启明到青枫镇调研，副州长孙立华、县委书记周海陪同。\n"
            f"赵启明一行先后来到{hall}、{ROAD}，察看工程进度。\n"
            f"在白沙村，赵启明察看了{farm}，听取建设情况汇报。")
    doc = run(text, officials=["赵启明", "孙立华", "周海"], projects=[hall, farm, ROAD])
    inspected = set(facts(doc, "inspected"))
    assert {("孙立华", hall), ("周海", ROAD)} <= inspected
    assert ("赵启明", farm) in inspected
    assert ("孙立华", farm) not in inspected and ("周海", farm) not in inspected
    assert ("周海", "赵启明") in facts(doc, "accompanied")


def test_a_stop_the_group_named_in_short_is_the_group_s_when_told_again_as_the_leader_s():
    company = "金穗米业有限公司"
    text = (f"县长赵启明到青枫镇调研，副县长孙立华陪同。\n"
            f"赵启明一行先后来到{SOLAR}、金穗米业，察看生产情况。\n"
            f"在{company}，赵启明走进生产车间，了解企业订单情况。")
    doc = run(text, officials=["赵启明", "孙立华"], projects=[SOLAR], organizations=[company])
    assert ("孙立华", company) in facts(doc, "visited")
    # a name sharing only its first characters, not as an item of the list, is another stop
    other = run(text.replace("、金穗米业，", "，金穗米业集团也在附近，"), officials=["赵启明", "孙立华"],
                projects=[SOLAR], organizations=[company])
    assert ("孙立华", company) not in facts(other, "visited")
    assert ("赵启明", company) in facts(other, "visited")


def test_those_taking_part_in_a_team_s_visit_are_the_team_but_not_those_in_a_part_of_it():
    hall = "临江港多式联运中心建设项目"
    text = (f"3月5日，省政协委员赴临江、白沙等地开展视察。省政协副主席赵启明参加。\n"
            f"在{hall}、{ROAD}等地，视察组实地察看项目建设进展。\n"
            f"副省长孙立华参加相关活动，市长周海参加会见。")
    doc = run(text, officials=["赵启明", "孙立华", "周海"], projects=[hall, ROAD])
    assert set(facts(doc, "inspected")) == {("赵启明", hall), ("赵启明", ROAD)}
    taking_part = run(text.replace("赵启明参加。", "赵启明参加视察。"), officials=["赵启明", "孙立华", "周海"],
                      projects=[hall, ROAD])
    assert set(facts(taking_part, "inspected")) == {("赵启明", hall), ("赵启明", ROAD)}


def test_a_sentence_with_no_subject_goes_on_with_the_group_of_the_visit_before():
    hall = "临江港多式联运中心建设项目"
    text = (f"6月2日，市人大代表赴白沙、临江等地开展调研。市人大常委会副主任赵启明参加。\n"
            f"在{hall}，调研组实地察看了项目进展；在{ROAD}，察看道路施工情况。")
    doc = run(text, officials=["赵启明"], projects=[hall, ROAD])
    assert set(facts(doc, "inspected")) == {("赵启明", hall), ("赵启明", ROAD)}
    leader_before = run(f"{text}\n在{SOLAR}，市长孙立华察看了项目；随后察看了{PARK}。",
                        officials=["赵启明", "孙立华"], projects=[hall, ROAD, SOLAR, PARK])
    assert ("赵启明", PARK) not in facts(leader_before, "inspected")
    assert ("孙立华", PARK) in facts(leader_before, "inspected")


def test_the_projects_after_a_visit_verb_s_colon_are_its_object():
    farm = "白沙河生态茶园项目"
    text = f"州长赵启明先后察看了两个重点项目：{farm}和{SOLAR}。"
    doc = run(text, officials=["赵启明"], projects=[farm, SOLAR])
    assert set(facts(doc, "inspected")) == {("赵启明", farm), ("赵启明", SOLAR)}
    plan = run(f"州长赵启明察看了园区规划，他说：{farm}和{SOLAR}将于年底建成。", officials=["赵启明"],
               projects=[farm, SOLAR])
    assert facts(plan, "inspected") == {}
    told = run(f"州长赵启明主持会议，听取两个项目汇报：{farm}和{SOLAR}。", officials=["赵启明"],
               projects=[farm, SOLAR])
    assert facts(told, "inspected") == {}


def test_a_visit_told_before_its_officials_are_named_makes_the_report_a_tour():
    hall = "临江港多式联运中心建设项目"
    text = (f"3月5日，省人大代表赴临江、白沙等地开展视察。省人大常委会副主任赵启明参加。\n"
            f"在{hall}，视察组了解了项目进展。")
    doc = run(text, officials=["赵启明"], projects=[hall])
    assert set(facts(doc, "inspected")) == {("赵启明", hall)}
    meeting = run(f"3月5日，省人大召开座谈会。省人大常委会副主任赵启明参加。\n会上，视察组了解了{hall}进展。",
                  officials=["赵启明"], projects=[hall])
    assert facts(meeting, "inspected") == {}


def test_a_site_selection_or_show_area_after_a_listed_project_is_its_site():
    farm, resort = "白沙河生态茶园项目", "青山温泉度假村项目"
    text = f"州长赵启明一行先后深入{SOLAR}，{farm}、{resort}选址区，{PARK}体验区等进行调研。"
    doc = run(text, officials=["赵启明"], projects=[SOLAR, farm, resort, PARK])
    assert {p for _, p in facts(doc, "inspected")} == {SOLAR, farm, resort, PARK}
    plan = run(f"州长赵启明深入{SOLAR}调研。{resort}选址区已确定。", officials=["赵启明"], projects=[SOLAR, resort])
    assert {p for _, p in facts(plan, "inspected")} == {SOLAR}


def test_a_place_frame_right_after_a_quotation_still_names_where_the_verb_happens():
    farm = "白沙河生态茶园项目"
    text = (f"县长王建国到青枫镇调研重点项目。“投资多少？什么时候投产？”在{farm}、{SOLAR}，"
            f"王建国详细询问项目进展。")
    doc = run(text, officials=["王建国"], projects=[farm, SOLAR])
    assert set(facts(doc, "inspected")) == {("王建国", farm), ("王建国", SOLAR)}


def test_a_name_the_article_calls_a_project_is_that_project_where_it_stands_as_an_organization():
    from kg.relations.discourse import Mention, Mentions
    from kg.relations.tours.stops import with_projects_named_as_organizations

    school, farm = "青山乡中心小学", "白沙农场"
    projects = Mentions([Mention(school, 40, 47, school)])
    organizations = Mentions([Mention(farm, 10, 14, farm), Mention(school, 15, 22, school)])
    found = with_projects_named_as_organizations(projects, organizations)
    assert [(m.name, m.start) for m in found] == [(school, 15), (school, 40)]
    assert found.starts == [15, 40]


@pytest.mark.parametrize("speaking, there", [
    ("副县长李铭远在致辞中指出，要倒排工期加快建设。", True),  # speaks during the ceremony, at its venue
    ("副县长李铭远致辞时说，项目将带动就业。", True),
    ("副县长李铭远出席中部农业博览会。", False),  # another event: 中 begins its name, no speech follows
])
def test_an_official_speaking_during_the_ceremony_is_at_its_venue(speaking, there):
    text = f"5月8日，全县重点项目集中开工仪式在{PARK}现场举行。县委书记王建国出席。{speaking}"
    doc = run(text, officials=["王建国", "李铭远"], projects=[PARK])
    assert (("李铭远", PARK) in facts(doc, "inspected")) is there


def test_who_attends_the_event_where_a_start_is_announced_is_at_that_ceremony():
    text = ("9月2日，我县与全省同步举行第三批重点项目集中开工活动。\n县委书记王建国出席活动。"
            f"县委常委赵文博出席，副县长李铭远出席并宣布{GRAIN_PARK}开工。")
    doc = run(text, officials=["王建国", "赵文博", "李铭远"], projects=[GRAIN_PARK])
    assert set(facts(doc, "inspected")) == {(o, GRAIN_PARK) for o in ("王建国", "赵文博", "李铭远")}


def test_attending_the_main_event_is_not_being_at_a_ceremony_held_after_it():
    text = ("9月2日，全省重点项目集中开工活动在省会主会场举行。\n县委书记王建国在主会场出席活动。"
            f"活动结束后，副县长李铭远出席了{GRAIN_PARK}开工奠基仪式。")
    doc = run(text, officials=["王建国", "李铭远"], projects=[GRAIN_PARK])
    assert set(facts(doc, "inspected")) == {("李铭远", GRAIN_PARK)}


@pytest.mark.parametrize("then, inspected", [
    ("王建国详细询问工程进度和用工情况。", True),
    ("王建国来到项目部察看施工组织。", True),
    ("王建国强调，要确保安全生产。", False),  # only says something
])
def test_a_project_a_tour_sentence_opens_with_is_the_site_its_visitor_asks_about(then, inspected):
    text = f"县长王建国到青枫镇调研。\n{SOLAR}正在加紧建设，{then}"
    doc = run(text, officials=["王建国"], projects=[SOLAR])
    assert (("王建国", SOLAR) in facts(doc, "inspected")) is inspected


@pytest.mark.parametrize("later, joined", [
    ("当天下午，市委常委会召开会议，市委书记李铭远主持会议，副市长陈晓华出席。", False),  # another event
    ("副市长陈晓华参加调研或座谈。", True),  # the tour and its talks
])
def test_officials_of_a_later_meeting_are_not_in_the_touring_group(later, joined):
    text = f"3月2日，市长王建国到青枫镇调研。王建国一行先后来到{SOLAR}、{ROAD}，察看项目进展。\n{later}"
    doc = run(text, officials=["王建国", "李铭远", "陈晓华"], projects=[SOLAR, ROAD])
    assert (("陈晓华", SOLAR) in facts(doc, "inspected")) is joined
    assert ("李铭远", SOLAR) not in facts(doc, "inspected")


@pytest.mark.parametrize(
    "sentence",
    ["总投资12亿元，年产值5亿元。", "该项目占地200亩，预计2026年底建成投产。", "  项目总投资3000万元", "会议指出，投资8亿元的园区已开工。"],
)
def test_a_sentence_without_a_project_gives_a_value_an_owner_only_when_it_opens_on_the_topic(sentence):
    """kg_project_attributes reads the values of a sentence without a project only when it opens on the project
    of the paragraph (该项目…): _owner gives none of them an owner otherwise."""
    from kg.relations.attributes import _TOPIC_OPENER, _opened_on, _owner, _values
    from kg.relations.discourse import Mention

    topic = Mention("甲乙项目", 0, 4, "甲乙项目")
    values = list(_values(sentence))
    assert values
    assert _opened_on(topic, [topic], sentence) is None  # a sentence naming a project is not about the topic
    for _, _, a, b in values:
        assert _opened_on(None, [], sentence) is None and _owner(a, b, [], None) is None
        owner = _owner(a, b, [], _opened_on(topic, [], sentence))
        assert (owner is not None) == bool(_TOPIC_OPENER.match(sentence))
        assert owner is None or owner == (topic, "topic")
