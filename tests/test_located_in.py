"""located_in through the whole pipeline, on invented articles (place spans as kg_places makes them)."""

from __future__ import annotations

from kg.model import LOCATED_IN, Document


def located(raw: str) -> dict[str, str]:
    from kg.pipeline import load, make_doc
    from kg.normalise import normalise

    doc = make_doc(normalise(Document("t", "t", raw)), load())
    return {fact.subject[1]: fact.object[1] for fact in doc._.facts if fact.predicate == LOCATED_IN}


def test_a_project_in_a_zone_named_after_a_county_is_in_the_zone_not_the_county():
    found = located("江苏省宿迁市。8月1日，市委书记来到沭阳经济技术开发区，察看智能装备产业园项目建设情况。")
    assert found and set(found.values()) == {"沭阳经济技术开发区"}


def test_the_tour_of_a_zone_named_after_its_city_stays_in_the_zone():
    found = located("11月2日,宿迁市市长张某来到宿迁高新区,就产业园区建设工作进行调研。\n\n"
                    "张某先后来到智能装备产业园、新能源汽车产业园,察看建设情况。")
    assert found == {"智能装备产业园": "宿迁高新区", "新能源汽车产业园": "宿迁高新区"}


def test_a_project_of_a_county_named_alone_is_in_the_county():
    found = located("江苏省宿迁市。8月1日，市委书记来到沭阳县，察看智能装备产业园项目建设情况。")
    assert found and set(found.values()) == {"沭阳县"}


def test_a_shortened_place_inside_a_listed_work_is_its_own_name_not_the_place_of_the_list():
    found = located("江苏省泰州市。6月2日，调研组先后来到姜堰港、热电厂、光电产业园等项目，了解建设进度。")
    assert found["姜堰港"] == "姜堰区"
    assert found["热电厂"] == found["光电产业园"] == "泰州市"  # nothing more specific than the home place


def test_a_place_written_in_full_before_the_first_listed_work_places_the_list():
    found = located("江苏省泰州市。6月2日，调研组先后来到姜堰区港口物流园、热电厂、光电产业园等项目，了解建设进度。")
    assert found == {"姜堰区港口物流园": "姜堰区", "热电厂": "姜堰区", "光电产业园": "姜堰区"}


def test_cover_answers_as_a_scan_of_every_container_would():
    """located_in's containment checks (inside an organization, a longer place, a project) in linear time
    give what comparing every pair gives (issue 14, item 9)."""
    import random

    from kg.relations.discourse import Mention
    from kg.relations.located_in import _Cover

    rng = random.Random(5)
    for _ in range(50):
        spans = [Mention("x", a, a + rng.randint(1, 8), "x") for a in (rng.randint(0, 60) for _ in range(25))]
        containers, items = spans[:12], spans[12:] + spans[:3]
        cover = _Cover(containers)
        for p in items:
            assert cover.covers(p) == any(c.start <= p.start and p.end <= c.end for c in containers)
            assert cover.covers(p, ending_before=True) == any(c.start <= p.start and p.end < c.end for c in containers)
            assert cover.covers(p, other_span=True) == any(
                c.start <= p.start and p.end <= c.end and (c.start, c.end) != (p.start, p.end) for c in containers)


def test_a_shortened_province_opening_a_project_name_yields_to_the_place_of_the_visit():
    # 湖南…, 贵州…, 山东… name a provincial company or brand, not where the project is built
    assert located("湖北省宜昌市。9月12日，市长先后来到夷陵区，察看湖南金桥智慧物流园建设情况。") == {
        "湖南金桥智慧物流园": "夷陵区"}
    assert located("云南省曲靖市。4月2日，市长来到麒麟区，察看贵州黔丰物流园项目建设进展。") == {
        "贵州黔丰物流园项目": "麒麟区"}
    found = located("广西壮族自治区柳州市。3月6日，市委书记到柳江区调研，先后察看了山东恒泰食品加工基地、柳江区污水处理厂。")
    assert found["山东恒泰食品加工基地"] == "柳江区"


def test_a_shortened_province_places_a_project_when_nothing_else_does():
    assert located("9月12日，调研组察看了湖南金桥智慧物流园建设情况。") == {"湖南金桥智慧物流园": "湖南省"}
    assert located("4月2日，考察组察看了贵州黔丰物流园项目建设进展。") == {"贵州黔丰物流园项目": "贵州省"}


def test_a_province_written_in_full_or_a_shortened_city_still_places_the_project_by_its_name():
    assert located("湖北省宜昌市。9月12日，市长察看了湖南省金桥智慧物流园建设情况。") == {"湖南省金桥智慧物流园": "湖南省"}
    assert located("云南省曲靖市。4月2日，市长察看了贵州省黔丰物流园项目建设进展。") == {"贵州省黔丰物流园项目": "贵州省"}
    assert located("云南省曲靖市。4月2日，市长察看了曲靖黔丰物流园项目建设进展。") == {"曲靖黔丰物流园项目": "曲靖市"}


def test_a_place_given_by_another_mention_refines_the_place_of_the_name_inside_it():
    # the town of the visit is more specific than the county prefix the project carries later on
    found = located("浙江省丽水市。6月5日，市长在古市镇调研，察看茶叶精深加工园项目建设情况。\n\n"
                    "据介绍，松阳县茶叶精深加工园项目总投资5亿元。")
    assert set(found.values()) == {"古市镇"}


def test_a_place_of_one_mention_outside_the_stronger_place_of_another_changes_nothing():
    found = located("浙江省丽水市。6月5日，市长来到庆元县，察看了松阳县茶叶精深加工园项目建设情况。")
    assert found == {"松阳县茶叶精深加工园项目": "松阳县"}


def test_the_last_item_joined_by_he_or_ji_shares_the_place_of_the_list():
    # the paragraph names two counties: only the list ties the last item to one of them
    for joiner in ("和", "及", "以及"):
        found = located("浙江省宁波市。3月1日，市长到宁海县、象山县调研，先后来到宁海县智能装备产业园、冷链物流中心"
                        f"{joiner}光电产业基地等项目，了解建设进度。")
        assert found["冷链物流中心"] == found["光电产业基地"] == "宁海县", joiner


def test_a_shortened_place_of_an_other_unit_in_a_nearer_item_stops_the_place_of_the_list():
    raw = "浙江省宁波市。3月1日，市长到宁海县、象山县调研，先后来到{}，了解建设进度。"
    # 象山港: a work named after another county stands between 宁海县 and the last item
    found = located(raw.format("宁海县智能装备产业园、象山港物流园和光电产业基地"))
    assert found["光电产业基地"] == "宁波市"
    # 宁海 shortened in a nearer item is the county the first item's place lies in: no break
    found = located(raw.format("宁海县科技园智能装备产业园、宁海新材料产业园和光电产业基地"))
    assert found["光电产业基地"] == "宁海县"


def test_a_deeper_place_later_in_a_project_name_places_it():
    # the province opens the name of its company; the city further on is where the station is
    assert located("5月6日，省长察看了四川华能攀枝花光伏电站建设情况。") == {"四川华能攀枝花光伏电站": "攀枝花市"}
    assert located("5月6日，省长察看了四川华能光伏电站建设情况。") == {"四川华能光伏电站": "四川省"}


def test_two_places_of_one_level_in_a_name_give_the_place_enclosing_both():
    # a road or an airport named after two counties lies in neither more than the other
    assert located("湖北省黄冈市。4月8日，市长察看了麻城红安快速通道项目建设情况。") == {"麻城红安快速通道项目": "黄冈市"}
    # a stop of the tour in one of them is more specific
    found = located("湖北省黄冈市。4月8日，市长先后来到红安县城南产业园、麻城红安快速通道项目施工现场。")
    assert found["麻城红安快速通道项目"] == "红安县"
    # a word read as a division of another level (老城区) is no second place of the name
    assert located("湖北省黄冈市。4月8日，市长察看了麻城市老城区污水管网改造工程。") == {"麻城市老城区污水管网改造工程": "麻城市"}


def test_a_place_whose_de_opens_a_list_places_every_item_of_its_clause():
    found = located("江西省吉安市。5月2日，市长到泰和县、万安县调研，先后深入泰和县的智能终端产业园、冷链物流中心，"
                    "万安县的水厂扩建工程、文体中心项目。")
    assert found == {"智能终端产业园": "泰和县", "冷链物流中心": "泰和县", "水厂扩建工程": "万安县", "文体中心项目": "万安县"}


def test_a_place_whose_de_owns_another_word_or_a_partner_places_nothing():
    raw = "江西省吉安市。5月2日，市长到泰和县、万安县调研，{}"
    # 泰和县的干部: the place owns the visitors, who then go somewhere the text does not say
    assert located(raw.format("泰和县的干部来到智能终端产业园、冷链物流中心。")) == {
        "智能终端产业园": "吉安市", "冷链物流中心": "吉安市"}
    assert located(raw.format("对接浙江省的智能终端产业园项目。")) == {"智能终端产业园项目": "吉安市"}
    # two places own the list: it lies in either, not in the last one named
    assert located(raw.format("察看了泰和县和万安县的智能终端产业园、冷链物流中心等项目。")) == {
        "智能终端产业园": "吉安市", "冷链物流中心": "吉安市"}
    # the place's clause has ended before the project
    assert located(raw.format("泰和县的经验值得推广，市长察看了智能终端产业园。")) == {"智能终端产业园": "吉安市"}


def test_a_town_named_in_the_article_places_a_project_whose_name_opens_with_its_short_form():
    tour = "\n\n市长先后前往伦河中学体育馆、前进镇游客中心项目、海北镇污水处理厂现场。"
    found = located("黑龙江省海伦市。9月3日，市长带领伦河镇、海北镇负责人调研重点项目。" + tour)
    assert found["伦河中学体育馆"] == "伦河镇"
    # the short form alone, its town never named, says nothing more than the home place
    found = located("黑龙江省海伦市。9月3日，市长调研重点项目。" + tour)
    assert found["伦河中学体育馆"] == "海伦市"


def test_a_place_framed_by_zai_in_a_sentence_telling_a_visit_is_where_the_visit_went():
    tour = "\n\n市长来到智能装备产业园项目施工现场，了解建设进度。"
    found = located("湖南省怀化市。3月5日，市长在芷江侗族自治县宣讲会议精神，调研项目建设。" + tour)
    assert found == {"智能装备产业园项目": "芷江侗族自治县"}
    # a meeting held there is no visit: the project stays at the home place
    found = located("湖南省怀化市。3月5日，市长在芷江侗族自治县召开座谈会，听取工作汇报。" + tour)
    assert found == {"智能装备产业园项目": "怀化市"}
    # the frame's sentence has ended: the visit of the next one goes elsewhere
    found = located("湖南省怀化市。3月5日，市长在芷江侗族自治县召开座谈会。市长到辰溪县调研。" + tour)
    assert found == {"智能装备产业园项目": "辰溪县"}


def test_a_zone_placed_only_in_the_province_may_lie_in_the_city_of_its_paragraph():
    opening = "贵州省人民政府网讯 5月2日，省长调研产业发展。\n\n安顺市近年来产业加快集聚。省长察看了精密铸造厂房建设项目，"
    assert located(opening + "了解云峰工业园区发展情况。") == {"精密铸造厂房建设项目": "安顺市"}
    # a zone the text puts in another city makes a paragraph of two cities
    assert located(opening + "了解遵义云峰工业园区发展情况。") == {"精密铸造厂房建设项目": "贵州省"}


def test_a_tour_to_several_counties_of_a_city_has_no_one_destination():
    found = located("湖南省。5月3日，省委书记王某到衡阳市衡南县、祁东县、耒阳市调研。\n\n"
                    "王某来到陶瓷新材料产业园，察看建设情况。")
    assert found["陶瓷新材料产业园"] in ("湖南省", "衡阳市")


def test_a_tour_to_one_county_named_after_its_city_goes_to_that_county():
    found = located("湖南省。5月3日，省委书记王某到衡阳市衡南县调研。\n\n王某来到陶瓷新材料产业园，察看建设情况。")
    assert found["陶瓷新材料产业园"] == "衡南县"


def test_visitors_coming_to_a_zone_of_the_writers_county_go_to_that_zone():
    found = located("河南省信阳市固始县。3月5日，邻县考察团一行来我县产业集聚区参观考察。\n\n"
                    "考察团先后参观了羽毛球拍生产线项目、陶瓷新材料产业园。")
    assert found == {"羽毛球拍生产线项目": "产业集聚区", "陶瓷新材料产业园": "产业集聚区"}


def test_a_time_ending_in_lai_before_the_writers_county_brings_no_one_there():
    found = located("河南省信阳市固始县。多年来我县产业集聚区不断壮大。\n\n"
                    "3月5日，县委书记先后察看了羽毛球拍生产线项目、陶瓷新材料产业园。")
    assert found == {"羽毛球拍生产线项目": "固始县", "陶瓷新材料产业园": "固始县"}


def test_officials_of_a_place_going_along_with_the_visitors_say_the_visit_went_there():
    found = located("湖南省株洲市。3月2日，市委副书记、市长王某带领市直部门负责人到一家企业现场调研，荷塘区区委书记"
                    "李某、副区长赵某陪同调研。\n\n王某来到陶瓷新材料产业园，察看建设情况。王某强调，全市上下要加快"
                    "项目建设。")
    assert found == {"陶瓷新材料产业园": "荷塘区"}


def test_officials_of_a_place_who_travel_or_are_escorted_are_the_visitors_not_the_hosts():
    travelling = located("湖南省株洲市。3月2日，芦淞区区委书记李某到渌口区调研，渌口区区长赵某陪同。\n\n"
                         "李某来到陶瓷新材料产业园，察看建设情况。")
    escorted = located("湖南省株洲市。3月2日，攸县县委副书记李某在县水利局负责同志陪同下深入渌口区调研。\n\n"
                       "李某来到陶瓷新材料产业园，察看建设情况。")
    assert travelling == escorted == {"陶瓷新材料产业园": "渌口区"}


def test_a_county_named_in_the_article_opens_a_name_read_as_a_company_s():
    """某县某某炼油厂: the county of a listed works whose name ends like a company's is hidden from the place
    mentions; the article names the county elsewhere, so the name's prefix still places the works."""
    found = located("甘肃省庆阳市。5月3日，市长一行先后前往庆城县、华池县，实地考察庆城县石化产业园区延炼20万吨沥青项目、"
                    "华池能源化工项目、华池县陇东炼油厂、长庆10万吨乙醇项目。")
    assert found["华池县陇东炼油厂"] == "华池县"
    found = located("内蒙古自治区鄂尔多斯市。6月9日，市长一行先后前往准格尔旗、达拉特旗，实地考察达拉特旗光伏治沙项目、"
                    "准格尔旗大路煤化工炼油厂、蒙西10万吨乙二醇项目。")
    assert found["准格尔旗大路煤化工炼油厂"] == "准格尔旗"


def test_a_zone_named_in_the_article_does_not_place_the_project_it_is():
    """竹海康养小镇 as a place of the article and as a project: its own name is not where it lies."""
    found = located("浙江省湖州市。4月1日，市长前往安吉县，察看了竹海康养小镇建设情况。\n\n"
                    "竹海康养小镇规划面积3平方公里，是安吉县重点打造的康养产业平台。")
    assert found["竹海康养小镇"] == "安吉县"


def test_a_village_heading_its_clause_places_the_list_that_follows_it():
    """走进甲村A、B项目，乙村C、D项目: each village opens its own clause of a list of stops, so its items lie in it,
    the first item (read as a project: the village prefixes both items of a list with one head) too."""
    found = located("江西省九江市修水县。4月2日，溪口镇召开现场推进会，与会人员先后走进北岸村文化礼堂、农田水利项目，"
                    "南田村古樟林、茶叶加工车间项目，察看建设情况。")
    assert found["农田水利项目"] == "北岸村"
    assert found["茶叶加工车间项目"] == "南田村"
    found = located("浙江省湖州市安吉县。3月5日，天荒坪镇召开乡村振兴现场会，观摩团先后走进大溪村游客步道、竹林康养项目，"
                    "横路村古银杏、白茶加工厂房项目，实地察看项目建设情况。")
    assert found == {"竹林康养项目": "大溪村", "白茶加工厂房项目": "横路村", "大溪村游客步道": "大溪村", "横路村古银杏": "横路村"}
    # 走进甲村、乙村A、B项目: the list lies in either village, not in the one named last
    found = located("江西省九江市修水县。4月2日，溪口镇召开现场推进会，与会人员先后走进北岸村、南田村古樟林、"
                    "茶叶加工车间项目，察看建设情况。")
    assert found["茶叶加工车间项目"] not in ("南田村", "北岸村")



def test_a_project_seen_after_a_stop_of_a_tour_of_several_counties_lies_at_that_stop():
    """来到甲县…；随后来到乙县，察看B: a paragraph naming two counties is about neither, yet the tour tells its
    stops in order, so each project lies at the last stop before it."""
    found = located("浙江省湖州市。3月5日，市长先后来到安吉县、长兴县调研。在安吉县天荒坪镇，市长察看了水库扩容工程建设情况，"
                    "要求加快进度。随后，市长来到长兴县，察看了新能源电池产业园项目。")
    assert found == {"水库扩容工程": "天荒坪镇", "新能源电池产业园项目": "长兴县"}
    found = located("四川省乐山市。6月2日，市长在夹江县调研后到峨眉山市，察看了茶叶加工基地项目。")
    assert found == {"茶叶加工基地项目": "峨眉山市"}


def test_no_one_stop_places_a_project_after_a_list_or_a_route_of_stops_or_in_a_speech():
    for text in ("四川省乐山市。6月2日，市长从市中区到峨眉山市再到夹江县，察看了陶瓷产业园项目。",
                 "四川省乐山市。6月2日，市长先后到峨眉山市、夹江县调研，察看了陶瓷产业园项目、茶叶加工基地项目。",
                 "四川省乐山市。6月2日，市长到夹江县调研，到峨眉山市调研时，他强调，要加快陶瓷产业园项目建设。"):
        assert set(located(text).values()) == {"乐山市"}


def test_a_place_followed_by_a_word_keeping_it_where_the_works_lie_then_de_places_them():
    """某镇境内的A, 某县正在建设的B, 某开发区内的C: the place owns the works named after 的."""
    found = located("浙江省湖州市。3月5日，市长到安吉县、长兴县调研，察看了天荒坪镇境内的水库扩容工程和长兴县正在建设的"
                    "新能源电池产业园项目。")
    assert found == {"水库扩容工程": "天荒坪镇", "新能源电池产业园项目": "长兴县"}
    found = located("浙江省湖州市。3月5日，市长到安吉县、长兴县调研，察看了长兴经济技术开发区内的新能源电池产业园项目。")
    assert found == {"新能源电池产业园项目": "长兴经济技术开发区"}
    # 某市援建的A: who pays for the works is often elsewhere
    found = located("浙江省湖州市。3月5日，市长到安吉县调研，察看了杭州市援建的水库扩容工程。")
    assert found == {"水库扩容工程": "安吉县"}


def test_a_location_marker_in_brackets_after_a_work_is_not_about_the_next_one():
    """A（位于某镇）和B: the marker places A; B, right after the bracket, is not said to be there."""
    found = located("浙江省湖州市。3月5日，市长到安吉县、长兴县调研。市长察看了水库扩容工程（位于天荒坪镇）和"
                    "新能源电池产业园项目。")
    assert found["水库扩容工程"] == "天荒坪镇"
    assert found["新能源电池产业园项目"] == "湖州市"


def test_a_place_alone_before_a_colon_heads_the_list_after_it():
    """甲县：A、B；乙县：C: each county heads the works listed after its colon."""
    found = located("四川省乐山市。6月2日，市长调研重点项目，夹江县：陶瓷产业园项目、茶叶加工基地项目；峨眉山市：康养度假区项目、"
                    "竹编产业园项目。")
    assert found["陶瓷产业园项目"] == found["茶叶加工基地项目"] == "夹江县"
    assert found["竹编产业园项目"] == "峨眉山市"
    # 到甲县、乙县：A、B: the place is not all of the clause before the colon, it heads nothing
    found = located("四川省乐山市。6月2日，调研组先后到夹江县、峨眉山市：陶瓷产业园项目、茶叶加工基地项目。")
    assert set(found.values()) == {"乐山市"}


def test_a_bare_zone_word_opening_a_name_is_the_one_zone_the_article_names():
    """某县经济开发区 … 开发区污水处理厂项目: the bare word stands for the zone named in full elsewhere; with two
    zones named it could be either."""
    found = located("河北省邢台市威县。威县经济开发区今年新签约项目12个。\n\n"
                    "4月8日，县委书记先后到七级镇、侯贯镇调研，察看了开发区污水处理厂项目。")
    assert found == {"开发区污水处理厂项目": "威县经济开发区"}
    found = located("河北省邢台市威县。威县经济开发区、威县高新技术产业开发区今年新签约项目12个。\n\n"
                    "4月8日，县委书记先后到七级镇、侯贯镇调研，察看了开发区污水处理厂项目。")
    assert found == {"开发区污水处理厂项目": "威县"}


def test_another_project_s_prefix_does_not_make_a_project_s_own_place_more_precise():
    """某市A项目、某县B项目: the county says where B is, not where in the city A is; a county the paragraph
    names on its own (在某县调研) still does."""
    found = located("浙江省湖州市。3月5日，市长先后察看了湖州东部新能源汽车项目、长兴县光伏电站项目。")
    assert found == {"湖州东部新能源汽车项目": "湖州市", "长兴县光伏电站项目": "长兴县"}
    found = located("浙江省湖州市。3月5日，市长在长兴县调研，察看了湖州东部新能源汽车项目。")
    assert found == {"湖州东部新能源汽车项目": "长兴县"}


def test_a_place_framing_the_sentence_that_hears_of_a_project_is_where_the_project_is():
    """在某镇，县长了解/询问A项目: the framed place is the stop where the project was seen, not the tour's later
    destination; a project only spoken about after the frame, or told in a later sentence, is not placed there."""
    later_stop = "县长还到嘉定镇看望群众。"
    found = located(f"江西省信丰县。3月5日，在大塘埠镇，县长详细了解脐橙分拣中心项目情况。{later_stop}")
    assert found == {"脐橙分拣中心项目": "大塘埠镇"}
    found = located("河南省西峡县。在丁河镇，县长详细询问了猕猴桃冷库项目情况。县长还到回车镇看望群众。")
    assert found == {"猕猴桃冷库项目": "丁河镇"}
    spoken = located(f"江西省信丰县。3月5日，在大塘埠镇，县长指出，脐橙分拣中心项目要抓紧。{later_stop}")
    assert spoken and "大塘埠镇" not in spoken.values()
    told_later = located(f"江西省信丰县。3月5日，在大塘埠镇召开座谈会。县长详细了解脐橙分拣中心项目情况。{later_stop}")
    assert told_later and "大塘埠镇" not in told_later.values()


def test_a_name_opening_with_a_town_written_short_lies_in_the_named_county_of_that_town():
    """省长到甲县、乙县调研 … 新政电站: of the counties the article names, the one with a town whose short form opens
    the name (a short form several towns share, so the place reader leaves it unread); none when no named county
    has such a town."""
    found = located("四川省。5月6日，省长到仪陇县、营山县调研，察看了新政电站扩建项目。")
    assert found == {"新政电站扩建项目": "仪陇县"}
    found = located("贵州省。9月3日，省长到荔波县、三都水族自治县调研，察看了茂兰集散中心项目。")
    assert found == {"茂兰集散中心项目": "茂兰镇"}  # one town and its village of that name: the reader takes the town
    found = located("四川省。5月6日，省长到阆中市、营山县调研，察看了新政电站扩建项目。")
    assert found == {"新政电站扩建项目": "四川省"}  # the town's county is not named: the home place
    found = located("贵州省。9月3日，省长到独山县、三都水族自治县调研，察看了茂兰集散中心项目。")
    assert found == {"茂兰集散中心项目": "贵州省"}


def test_a_village_after_the_committee_of_another_in_a_name_is_where_the_project_is():
    """甲村委会乙村X基地: the natural village 乙 under 甲's committee, when the article names 乙 (whether or not the
    place reader marks it inside the name); a committee's own works (甲村委会X) stay in 甲."""
    found = located("广西壮族自治区陆川县。6月8日，县长来到乌石镇，先后察看了旺岭村委会吹塘村火龙果基地、沙井村冷库项目。"
                    "吹塘村村民讲述了变化。")
    assert found == {"旺岭村委会吹塘村火龙果基地": "吹塘村", "沙井村冷库项目": "沙井村"}
    found = located("广东省化州市。5月3日，观摩团来到中垌镇，察看了兰山村委会塘梨根村化橘红种植基地。塘梨根村种植户介绍了情况。")
    assert found == {"兰山村委会塘梨根村化橘红种植基地": "塘梨根村"}
    found = located("广西壮族自治区陆川县。6月8日，县长来到乌石镇，先后察看了旺岭村委会火龙果基地、沙井村冷库项目。"
                    "吹塘村村民讲述了变化。")
    assert found["旺岭村委会火龙果基地"] == "旺岭村"
    found = located("广东省化州市。5月3日，观摩团来到中垌镇，察看了兰山村委会办公楼改造项目。塘梨根村种植户介绍了情况。")
    assert found == {"兰山村委会办公楼改造项目": "兰山村"}


def test_a_project_told_as_something_a_place_owns_after_shi_is_in_that_place():
    """A是某园区(重点打造)的…: the project is what the place builds there; not 是某园区援建的 or 招商引进的 (an aid
    or an investment says who pays, and the payer may be elsewhere)."""
    visit = "湖北省远安县。5月6日，县长先后到鸣凤镇、花林寺镇调研，传感器产业园项目是远安经济开发区"
    assert located(f"{visit}重点打造的科创园区。") == {"传感器产业园项目": "远安经济开发区"}
    assert located(f"{visit}的重点项目。") == {"传感器产业园项目": "远安经济开发区"}
    assert located(f"{visit}援建的项目。") == {"传感器产业园项目": "远安县"}
    assert located(f"{visit}招商引进的项目。") == {"传感器产业园项目": "远安县"}
    found = located("甘肃省临泽县。7月2日，县委书记先后到沙河镇、板桥镇调研，番茄酱加工项目是临泽工业园区的重点项目。")
    assert found == {"番茄酱加工项目": "临泽工业园区"}


def test_works_of_several_places_lie_in_the_place_the_article_names_that_holds_them_all():
    found = located("湖南省邵阳市。新宁县召开现场会。5月3日，与会人员先后察看了白沙村、黄龙村等村的光伏发电项目，了解建设进度。")
    assert found == {"光伏发电项目": "新宁县"}
    found = located("湖南省邵阳市。新宁县召开现场会。\n\n5月3日，与会人员先后察看了白沙村、黄龙村等5个村的光伏发电项目。")
    assert found == {"光伏发电项目": "新宁县"}
    found = located("湖南省邵阳市。5月3日，市委书记先后察看了白沙村、黄龙村的光伏发电项目和新宁县生态停车场项目。")
    assert found == {"光伏发电项目": "新宁县", "新宁县生态停车场项目": "新宁县"}
    found = located("湖南省邵阳市。5月3日，市委书记察看了新宁县、武冈市的光伏发电站和生态停车场项目，了解建设进度。")
    assert found == {"光伏发电站": "邵阳市", "生态停车场项目": "邵阳市"}  # two counties: their city


def test_one_place_before_and_others_is_not_where_the_works_are():
    """金石镇等镇: more towns than the one named, so the works lie in the county that holds them."""
    found = located("湖南省邵阳市。5月3日，市委书记来到新宁县，先后察看了金石镇等镇光伏发电项目，了解建设进度。")
    assert set(found.values()) == {"新宁县"}


def test_a_visit_to_a_place_and_others_does_not_put_the_project_in_that_place():
    found = located("湖南省邵阳市新宁县。5月3日，县委书记来到金石镇白沙村等地，察看了光伏发电站，了解建设进度。")
    assert found == {"光伏发电站": "新宁县"}
    # near-miss: the visit went to the village alone
    found = located("湖南省邵阳市新宁县。5月3日，县委书记来到金石镇白沙村，察看了光伏发电站，了解建设进度。")
    assert found == {"光伏发电站": "白沙村"}


def test_places_listed_before_a_name_without_a_possessive_are_stops_not_owners():
    found = located("湖南省邵阳市。5月3日，市委书记先后来到新宁县、武冈市光伏发电站，了解建设进度。")
    assert found == {"武冈市光伏发电站": "武冈市"}


def test_a_common_word_the_article_writes_as_a_place_opens_a_project_name_as_that_place():
    found = located("广东省河源市。3月5日，市委书记赴紫金、和平、龙川等地调研。\n\n"
                    "在龙川，市委书记察看了高速公路连接线工程。\n\n随后来到和平猕猴桃加工基地，了解建设进度。")
    assert found["和平猕猴桃加工基地"] == "和平县"
    # near-miss: the article never writes the word as a place, so it is only a word of the name
    found = located("广东省河源市。3月5日，市委书记赴紫金、龙川等地调研。\n\n随后来到和平猕猴桃加工基地，了解建设进度。")
    assert found["和平猕猴桃加工基地"] == "河源市"


def test_a_place_prefixing_a_later_item_of_a_list_is_that_item_own():
    """A list whose first item names no place is not grouped by places: 秦淮区 is where its one work is."""
    found = located("江苏省南京市江宁区。近日，区委书记带队，先后来到实验学校项目、秦淮区老城保护安置房项目、"
                    "滨江公园绿化工程，检查重点工程。")
    assert found == {"实验学校项目": "江宁区", "秦淮区老城保护安置房项目": "秦淮区", "滨江公园绿化工程": "江宁区"}
    # near-miss: a list opened by a placed item is grouped by places
    found = located("江苏省南京市。近日，市委书记带队，先后来到江宁区实验学校项目、滨江公园绿化工程、"
                    "栖霞区数字产业园项目、物流中心项目，检查重点工程。")
    assert found == {"江宁区实验学校项目": "江宁区", "滨江公园绿化工程": "江宁区",
                     "栖霞区数字产业园项目": "栖霞区", "物流中心项目": "栖霞区"}


def test_a_village_the_article_names_opens_a_project_name_written_short():
    found = located("福建省龙岩市上杭县。县委书记先后来到古田镇岚峰村、溪背村，看望村干部。\n\n"
                    "随后，县委书记察看了岚峰生态农业产业园项目建设情况。")
    assert found == {"岚峰生态农业产业园项目": "岚峰村"}
    found = located("福建省龙岩市上杭县。县委书记先后来到古田镇岚峰村、溪背村，看望村干部。\n\n"
                    "随后，县委书记察看了“岚峰红色教育实践馆”项目建设情况。")
    assert found == {"岚峰红色教育实践馆项目": "岚峰村"}


def test_a_village_short_form_needs_the_village_named_and_is_no_common_word():
    found = located("福建省龙岩市上杭县。县委书记来到古田镇，看望镇干部。\n\n随后，县委书记察看了岚峰生态农业产业园项目建设情况。")
    assert found == {"岚峰生态农业产业园项目": "古田镇"}  # where the visit went, no village
    found = located("福建省龙岩市上杭县。县委书记在古田镇新华村看望村干部。\n\n随后，县委书记察看了新华书店综合体项目建设情况。")
    assert found == {"新华书店综合体项目": "上杭县"}


def test_a_project_opening_its_sentence_told_as_built_in_a_place_lies_there():
    found = located("浙江省衢州市江山市。市委书记到智慧物流园调研。\n\n智慧物流园是市委、市政府为推动物流业发展，"
                    "在贺村镇东侧规划新建的重点工程，产品销往峡口镇等地。")
    assert found == {"智慧物流园": "贺村镇"}
    found = located("浙江省衢州市江山市。市委书记到智慧物流园调研。\n\n智慧物流园由浙江某物流公司在贺村镇投资兴建，与峡口镇相邻。")
    assert found == {"智慧物流园": "贺村镇"}


def test_built_first_in_the_province_or_another_work_built_in_a_place_does_not_place_the_project():
    found = located("浙江省衢州市江山市。市委书记到智慧物流园调研。\n\n"
                    "智慧物流园是江山市在全省率先建设的物流园，贺村镇、峡口镇的企业已经入驻。")
    assert found == {"智慧物流园": "江山市"}
    found = located("浙江省衢州市江山市。市委书记到智慧物流园调研。\n\n智慧物流园已投用，光伏电站在贺村镇建设，与峡口镇相邻。")
    assert found == {"智慧物流园": "江山市"}


def test_a_word_beginning_with_deng_after_a_place_is_no_list_of_places():
    """金石镇等待: 等待 (wait) is a word, not 等 closing a list of places: the paragraph is about the town."""
    found = located("湖南省邵阳市新宁县。县委书记察看了生态停车场项目。他说，金石镇等待这个项目很多年了。")
    assert found == {"生态停车场项目": "金石镇"}
    found = located("湖南省邵阳市新宁县。县委书记察看了生态停车场项目。他说，金石镇等地等待这个项目很多年了。")
    assert found == {"生态停车场项目": "新宁县"}  # near-miss: 等地, more places than the town


def test_a_county_before_a_groups_site_places_the_site_and_the_works_listed_after_it():
    found = located("山东省烟台市。调研组先后考察了芝罘区港口物流园、粮食码头,莱阳市宏达集团海洋装备基地建设情况、"
                    "北方建工集团冷链装备基地和烟台远航电池材料项目。")
    assert found["莱阳市宏达集团海洋装备基地"] == "莱阳市"
    assert found["北方建工集团冷链装备基地"] == found["烟台远航电池材料项目"] == "莱阳市"
    assert found["粮食码头"] == "芝罘区"


def test_a_company_listed_between_works_keeps_the_list_of_one_place():
    found = located("山东省烟台市。调研组先后考察了福山区滨海大道、芝罘区港口物流园、远华重工公司、粮食码头和"
                    "冷链物流产业园项目。")
    assert found["粮食码头"] == found["冷链物流产业园项目"] == "芝罘区"


def test_works_listed_after_a_company_of_no_place_name_no_place_of_the_list():
    found = located("山东省烟台市。调研组先后考察了远华重工公司、粮食码头和冷链物流产业园项目。")
    assert found["粮食码头"] == found["冷链物流产业园项目"] == "烟台市"


def test_a_county_before_a_listed_company_places_the_works_listed_after_it():
    found = located("湖南省长沙市。省长先后来到宁乡市储能电池项目、浏阳市湖南华锐新材料公司、兴达机械公司、"
                    "烟花产业园等地调研。")
    assert found["宁乡市储能电池项目"] == "宁乡市"
    assert found["烟花产业园"] == "浏阳市"
def test_a_local_county_opening_a_company_s_name_places_its_works_and_the_list_after_them():
    """某县某某集团X基地 in an article of the county's city: a local company named after where it works."""
    found = located("河北省邯郸市。10月9日，调研组来我市调研。一行先后考察了邯郸经开区精密轴承项目、物流港，"
                    "肥乡区龙腾集团精密铸件基地建设情况、华北重工装备基地和邯郸恒锐新材料项目。")
    assert found["肥乡区龙腾集团精密铸件基地"] == "肥乡区"
    assert found["华北重工装备基地"] == found["邯郸恒锐新材料项目"] == "肥乡区"


def test_a_county_of_another_city_or_a_local_company_visited_alone_places_nothing():
    """An investor from a county elsewhere (张家港市某某集团) says where it comes from; a local company named on
    its own, not opening a project's name, is no place of the works seen after it."""
    found = located("河北省邯郸市。10月9日，调研组来我市调研。一行先后考察了邯郸经开区精密轴承项目、物流港，"
                    "张家港市华峰集团新材料基地建设情况、华北重工装备基地。")
    assert "张家港市" not in found.values()
    found = located("安徽省芜湖市。5月6日，市长一行来到繁昌区春谷集团，察看生产线。随后考察了航空产业园项目。")
    assert found["航空产业园项目"] == "芜湖市"


def test_a_company_named_between_listed_works_does_not_break_the_list():
    """甲区A项目、乙公司、B项目和C: the works after the company lie where the list's first item does, in a
    paragraph of two counties that places nothing by itself."""
    found = located("安徽省芜湖市。5月6日，市长一行先后考察了繁昌区光伏玻璃项目、春谷汽车公司、新能源电池项目和"
                    "智能装备产业园，南陵县电缆产业园。")
    assert found["新能源电池项目"] == found["智能装备产业园"] == "繁昌区"
    assert found["南陵县电缆产业园"] == "南陵县"


def test_a_place_framing_the_project_s_own_sentence_outweighs_what_the_paragraph_is_about():
    """在某开发区，代表团听取…，并考察A。在某县…。在某镇…: the paragraph's later frames are other stops; A lies where
    its own sentence is framed. A frame of an earlier sentence, or one the project is only spoken of in, does not
    reach it."""
    zone = "宁德东侨经济技术开发区"
    later = "在霞浦县，代表团参观了海带养殖区，随后在霞浦县三沙镇观看了文艺演出。"
    found = located(f"福建省宁德市。\n\n在{zone}，代表团听取了园区规划介绍，并实地考察了星辰电子一期项目建设情况。{later}")
    assert found == {"星辰电子一期项目": zone}
    found = located(f"福建省宁德市。\n\n代表团在{zone}召开座谈会。代表团实地考察了星辰电子一期项目建设情况。{later}")
    assert found and found["星辰电子一期项目"] != zone
    found = located(f"福建省宁德市。\n\n在{zone}，代表团指出，要加快星辰电子一期项目建设。{later}")
    assert found and found["星辰电子一期项目"] != zone


def test_a_town_written_short_opening_a_joined_part_of_a_name_places_that_work_alone():
    """县人民医院A及某卫生院B: the town the article names opens the second part of one work; the works listed
    after it are not placed there, and parts opened by two towns name neither."""
    visit = "四川省筠连县。5月3日，县委书记深入沐爱镇、巡司镇调研，先后来到"
    found = located(f"{visit}县人民医院门诊楼及沐爱卫生院改扩建项目、县城污水处理厂提标项目施工现场。")
    assert found == {"县人民医院门诊楼及沐爱卫生院改扩建项目": "沐爱镇", "县城污水处理厂提标项目": "筠连县"}
    found = located(f"{visit}县人民医院门诊楼及沐爱卫生院与巡司中学改扩建项目、县文化和旅游局业务用房项目施工现场。")
    assert found == {"县人民医院门诊楼及沐爱卫生院与巡司中学改扩建项目": "筠连县", "县文化和旅游局业务用房项目": "筠连县"}


def test_the_town_chains_looked_up_once_are_those_of_the_gazetteer():
    """_town_chains answers as asking the gazetteer for every town head, for towns, other levels and common words."""
    from kg.nlp.gazetteer import gazetteer
    from kg.nlp.places.lexicons import TOWN_HEADS
    from kg.relations.words import lexicon
    from kg.relations.located_in import _town_chains

    towns = [place for name in ("城关镇", "新兴镇", "和平镇", "太平乡") for place in gazetteer().by_full_name(name)]
    shorts = {place.name[:2] for place in towns} | {"和平", "太平", "青川", "甲乙", "北京"}
    for short in shorts:
        expected = [] if short in lexicon("place_short_stopwords") else [
            tuple(a.name for a in town.ancestors)
            for head in TOWN_HEADS for town in gazetteer().by_full_name(short + head) if town.level == "town"
        ]
        assert list(_town_chains(short)) == expected, short
    assert any(_town_chains(short) for short in shorts)


def _straightforward_named_prefix(name, named):
    """_named_prefix as first written: every form built and tried for each name."""
    from kg.nlp.places.lexicons import town_short_form
    from kg.relations.discourse import place_level
    from kg.relations.located_in import _short_stopwords, _village_short_form

    forms = {}
    for form, place in [*((p.name, p) for p in named.values()), *named.written.items()]:
        if place_level(place) == "province":
            continue
        forms.setdefault(form, place)
        if place_level(place) == "town":
            forms.setdefault(town_short_form(place.name) or place.name, place)
        elif place_level(place) == "village":
            forms.setdefault(_village_short_form(place.name) or place.name, place)
    fitting = [form for form in forms if 2 <= len(form) < len(name) and name.startswith(form)]
    fitting = [form for form in fitting if form not in _short_stopwords() or form in named.written]
    return forms[max(fitting, key=len)] if fitting else None


def test_named_prefix_by_prefixes_as_by_every_form():
    """The forms built once per article and looked up prefix by prefix find the place trying every form did."""
    import itertools
    import random

    from kg.relations.discourse import Mention
    from kg.relations.located_in import _named_prefix, _NamedPlaces

    places = [
        Mention("甲乙镇", 0, 3, "甲乙镇", {"level": "town"}),
        Mention("甲乙丙村", 5, 9, "甲乙丙村", {"level": "village"}),
        Mention("丙丁街道", 10, 14, "丙丁", {"level": "town"}),
        Mention("戊省", 15, 17, "戊省", {"level": "province"}),
        Mention("和平县", 18, 21, "和平", {"level": "county"}),
        Mention("和平镇", 22, 25, "和平镇", {"level": "town"}),
        Mention("东区", 26, 28, "东区", {}),
        Mention("己庚社区", 30, 34, "己庚社区", {"level": "village"}),
        Mention("辛村", 35, 37, "辛村", {"level": "village"}),
    ]
    rng = random.Random(7)
    pieces = ["甲乙", "甲乙镇", "甲乙丙", "丙丁", "丙丁街道", "戊省", "和平", "和平镇", "东区", "己庚", "辛", "辛村", "某", "产业园", "项目"]
    names = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(300)] + pieces
    for size in range(len(places) + 1):
        for chosen in itertools.islice(itertools.combinations(places, size), 40):
            named = _NamedPlaces(list(chosen))
            for name in names:
                assert _named_prefix(name, named) == _straightforward_named_prefix(name, named), (name, chosen)


def test_town_county_by_chains_as_by_a_scan_of_the_counties(monkeypatch):
    """The counties keyed once per article by their chain of names find the county a scan of them did."""
    import itertools
    import random

    from kg.relations import located_in
    from kg.relations.discourse import Mention, ancestor_names, place_level

    towns = {"甲乙": (("戊省", "己市", "庚县"),), "丙丁": (("戊省", "己市", "辛县"), ("戊省", "壬市", "辛县")), "甲乙丙": ()}
    monkeypatch.setattr(located_in, "_town_chains", lambda short: towns.get(short, ()))
    places = [
        Mention("庚县", 0, 2, "庚县", {"level": "county", "ancestors": ["戊省", "己市"]}),
        Mention("辛县", 3, 5, "辛县", {"level": "county", "ancestors": [{"name": "戊省"}, {"name": "壬市"}]}),
        Mention("辛县", 6, 8, "辛县", {"level": "county", "ancestors": ["戊省", "己市"]}),
        Mention("己市", 9, 11, "己市", {"level": "city", "ancestors": ["戊省"]}),
        Mention("癸县", 12, 14, "癸县", {}),
    ]

    def scanned(name, named):
        counties = [place for place in named.values() if place_level(place) == "county"]
        for length in range(min(4, len(name) - 2), 1, -1):
            for chain in towns.get(name[:length], ()):
                found = [c for c in counties if chain == (*ancestor_names(c), c.name)]
                if found:
                    return found[0]
        return None

    rng = random.Random(3)
    names = ["".join(rng.choices(["甲乙", "丙丁", "丙", "电厂", "项目"], k=rng.randint(1, 3))) for _ in range(200)]
    for size in range(len(places) + 1):
        for chosen in itertools.combinations(places, size):
            named = located_in._NamedPlaces(list(chosen))
            for name in names:
                assert located_in._town_county(name, named) is scanned(name, named), (name, chosen)
