"""The home place (what 我市 / 我县 refer to) and the levels of it that the body names, on invented sentences."""

from __future__ import annotations

import pytest

from test_places import nlp  # noqa: F401  (the tokenizer, sentences and kg_places only)


def names(doc) -> set[str]:
    return {span._.canonical for span in doc.spans.get("places", [])}


def test_a_county_paper_names_its_city_through_city_leaders(nlp):
    doc = nlp("9月4日，平遥县委书记到乡镇调研，市领导王某、副市长李某参加。县长张某陪同。")
    assert doc._.home_place == "平遥县"
    assert {"平遥县", "晋中市"} <= names(doc)
    assert "山西省" not in names(doc)  # the province is not referred to


def test_a_city_paper_names_its_province_through_the_provincial_committee(nlp):
    doc = nlp("5月6日，市委书记宋某深入绵竹市调研。按照省委、省政府部署，德阳市加快项目建设。")
    assert doc._.home_place == "德阳市"
    assert {"德阳市", "四川省"} <= names(doc)
    level_words = {s.text: s._.canonical for s in doc.spans["places"] if s.text[0] in "市省"}
    assert level_words == {"省委": "四川省", "省政府": "四川省"}  # 市委书记 is one title word: left whole


def test_a_county_level_city_is_the_city_of_its_own_paper(nlp):
    doc = nlp("3月2日，市委书记到我市高新区调研。义乌市委常委陪同，市长某某参加。")
    assert doc._.home_place == "义乌市"
    assert "金华市" not in names(doc)


def test_a_level_word_after_a_place_or_inside_a_word_is_no_reference(nlp):
    doc = nlp("7月1日，哈密市委书记到伊州区调研，城市长远规划和社区党委工作都有部署。")
    level_words = [s.text for s in doc.spans["places"] if s.text[0] in "市区省"]
    assert level_words == []  # 哈密市委 names the city already; 城市长, 社区党委 are other words
    assert "新疆维吾尔自治区" not in names(doc)


def test_a_lower_level_than_the_home_place_names_nothing(nlp):
    doc = nlp("6月3日，市委书记到龙海区调研，区长介绍情况。全市要抓好项目建设。")
    assert doc._.home_place == "漳州市"
    assert not [s for s in doc.spans["places"] if s.text.startswith("区")]  # which district's 区委: not the city's


def test_a_title_word_is_cut_only_for_a_place_nothing_else_names(nlp):
    doc = nlp("8月9日，副市长某某到我县调研，县领导陪同，察看洛川县凤栖镇的果园。")
    spans = [(s.text, s._.canonical) for s in doc.spans["places"]]
    assert ("县", "洛川县") in spans and ("市", "延安市") in spans  # 副市长 is the only word naming the city
    named = nlp("8月9日，延安市副市长某某到我县调研，县委书记陪同，察看洛川县凤栖镇的果园。")
    assert not [s for s in named.spans["places"] if s.text in ("市", "县")]  # both named otherwise


@pytest.mark.parametrize("page, source", [
    ("字号：大 中 小　　来源：泾县融媒体中心　　2023-04-02 09:10", "泾县融媒体中心"),
    ("作者：某某 发布时间：2023-04-02 信息来源:今日泾县 阅读次数:", "今日泾县"),
    ("来源:某某网日期:2015-03-01", "某某网"),
    ("发布机构：桃源镇", "桃源镇"),
    ("本报讯 县委书记到乡镇调研。", None),
    ("蜀南在线-宜宾日报讯(记者 某某)5月3日，市委书记到乡镇调研。", "宜宾日报"),
    ("今日长兴9月7日讯 县委书记到乡镇调研。", "今日长兴"),
    ("内容出处: 《绵阳日报》 报纸", "绵阳日报"),
    ("文章来源：中国江门网 发布时间：2023-04-02", "中国江门网"),
    ("项目资金来源：银行贷款", None),
    ("首页 资讯 关注\n本报讯(记者 某某)县委书记到乡镇调研。", None),
    ("凡注明“来源:象山信息港”的作品，版权均属本网。", "象山信息港"),  # the name ends at the quotation mark
])
def test_the_source_line_is_read_without_its_neighbours(page, source):
    from kg.normalise.metadata import source_line

    assert source_line(page) == source


def home_of(raw: str) -> str | None:
    from kg.model import Document
    from kg.pipeline import load, make_doc
    from kg.normalise import normalise

    return make_doc(normalise(Document("t", "t", raw)), load())._.home_place


def test_the_source_line_tells_the_home_place_the_body_does_not_name():
    body = "\n\n5月3日，县委书记、县长某某深入我县重点项目建设现场，察看施工进展。"
    assert home_of("来源：泾县融媒体中心" + body) == "泾县"
    assert home_of("信息来源：今日泾县" + body) == "泾县"
    assert home_of("来源：某某医院" + body) is None  # a source that is no place's media says nothing
    assert home_of("来源：攸县融媒体" + body) == "攸县"
    assert home_of("文章来源：中国江门网" + body.replace("县", "市")) == "江门市"
    assert home_of("来源：中国教育网" + body) is None


@pytest.mark.parametrize("source", ["宁海融媒", "宁海县政府办", "宁海县委宣传部"])
def test_a_short_media_or_an_office_of_a_place_as_source_tells_the_home_place(source):
    body = "\n\n5月3日，县委书记、县长某某深入重点项目建设现场，察看施工进展。"
    assert home_of(f"来源：{source}{body}") == "宁海县"


def test_the_dateline_of_a_paper_tells_the_home_place():
    assert home_of("宜宾日报讯(记者 某某)5月3日，市长某某到我市产业园区调研，察看施工进展。") == "宜宾市"


def test_a_media_name_opening_with_a_place_tells_the_home_place():
    body = "\n\n5月3日，县委副书记某某深入乡镇调研项目建设，察看施工进展。"
    assert home_of("来源：沐川新视界网" + body) == "沐川县"  # one county only is called 沐川
    assert home_of("来源：新华网" + body) is None  # 新华 names districts of several cities: nothing is taken
    assert home_of("来源：沐川茶叶公司" + body) is None  # no media, no government: a company says nothing


def test_a_city_media_writing_of_other_cities_is_written_from_its_city():
    raw = "来源：昆明日报\n\n6月2日，市委书记率队赴曲靖市、玉溪市考察产业园区建设，学习两市经验。"
    assert home_of(raw) == "昆明市"


def test_a_provincial_broadcaster_writing_of_my_city_is_written_from_the_city():
    raw = "来源：四川广播电视台\n\n6月2日，市委书记到旌阳区调研。德阳市要加快项目建设，我市全力推进。"
    assert home_of(raw) == "德阳市"


def test_a_lone_short_form_at_the_level_of_my_county_is_the_home_place(nlp):
    doc = nlp("7月3日，县委书记某某实地调研我县重点项目，察看了望江客运总站等项目。")
    assert doc._.home_place == "望江县"
    assert "望江县" in names(doc)
    two = nlp("7月3日，县委书记某某实地调研我县重点项目，察看了望江、宿松两地的项目。")
    assert two._.home_place is None  # two counties could be meant: neither is taken
    # 杨湾 (杨湾镇) is a town of 望江县, 复兴 (复兴镇) of 宿松县: the county whose town the body names
    assert nlp("7月3日，县委书记某某调研我县重点项目，察看了望江、宿松两地的项目，走访了杨湾敬老院。")._.home_place == "望江县"
    assert nlp("7月3日，县委书记某某调研我县重点项目，察看了望江、宿松两地的项目，走访了复兴敬老院。")._.home_place == "宿松县"
    both = nlp("7月3日，县委书记某某调研我县重点项目，察看了望江、宿松两地的项目，走访了杨湾和复兴的敬老院。")
    assert both._.home_place is None
    ambiguous = nlp("7月3日，区委书记某某实地调研我区重点项目，察看了西安物流园等项目。")
    assert ambiguous._.home_place is None  # 西安市 or one of the districts called 西安区


def test_the_masthead_names_are_the_first_lines_of_page_furniture():
    from kg.normalise.metadata import masthead

    page = "中国政府网 | 江西省人民政府 | 赣州市人民政府\n当前位置:首页 > 政务资讯 > 赣州要闻\n网站声明\n版权所有"
    assert masthead(page) == ("中国政府网", "江西省人民政府", "赣州市人民政府", "当前位置", "首页", "政务资讯",
                              "赣州要闻", "网站声明")


def test_the_masthead_tells_the_home_place_when_no_source_line_does():
    body = "\n\n5月3日，市委书记某某深入重点项目建设现场，察看施工进展。全市要抓项目。"
    masthead = "中国政府网 | 江西省人民政府 | 赣州市人民政府\n当前位置:首页 > 政务资讯 > 赣州要闻\n"
    assert home_of(masthead + "\n" + "标题\n" + body) == "赣州市"
    breadcrumb = "首页 > 部门导航 > 各镇(街道) > 信丰县大塘埠镇人民政府 > 工作动态\n"
    assert home_of(breadcrumb + body.replace("市委", "镇党委").replace("全市", "全镇")) == "大塘埠镇"
    disagreeing = "中国政府网 | 赣州市人民政府 | 吉安市人民政府\n当前位置:首页 > 政务资讯\n"
    assert home_of(disagreeing + body) is None


def test_the_autonomous_region_committee_names_the_region(nlp):
    doc = nlp("9月2日，自治区党委副书记、自治区主席某某到伊宁市调研。市委书记陪同。")
    spans = {(s.text, s._.canonical) for s in doc.spans["places"]}
    assert ("自治区党委", "新疆维吾尔自治区") in spans and ("自治区", "新疆维吾尔自治区") in spans
    named = nlp("广西壮族自治区党委书记到南宁市调研。")
    assert [s.text for s in named.spans["places"] if "自治区" in s.text] == ["广西壮族自治区"]  # no second span


def test_a_lone_short_form_naming_a_government_is_the_home_place(nlp):
    doc = nlp("7月3日，副省长某某在县长陪同下调研，希望长阳县委、县政府抓好项目建设，全县要加油。")
    assert doc._.home_place == "长阳土家族自治县"


def test_a_provincial_paper_touring_cities_is_written_from_the_province(nlp):
    doc = nlp("4月9日，省委副书记、省长某某到南充市、达州市调研，察看营山县产业园区。他强调，全省要抓好项目建设。")
    assert doc._.home_place == "四川省"
    region = nlp("8月3日，自治区党委书记某某到柳州市、来宾市调研，察看鹿寨县工业园区。")
    assert region._.home_place == "广西壮族自治区"


def test_a_city_or_county_paper_reporting_a_provincial_visit_keeps_its_own_place(nlp):
    city = nlp("4月9日，省长某某到我市调研，察看顺庆区产业园区。市委书记、市长陪同。南充市要抓好项目建设。")
    assert city._.home_place == "南充市"
    county = nlp("5月2日，省委书记某某到我县调研，县委书记陪同。营山县要抓好项目建设。")
    assert county._.home_place == "营山县"


def test_a_named_province_in_a_title_casts_no_vote_for_a_provincial_paper(nlp):
    doc = nlp("6月1日，山东省委书记某某、山东省省长某某到临沂市调研，市长陪同，察看兰陵县蔬菜基地。")
    assert doc._.home_place == "临沂市"


def test_a_city_reporting_its_part_of_a_provincial_event_keeps_the_city(nlp):
    doc = nlp("5月6日，全省项目集中开工活动举行，省委书记某某出席。我省要抓好项目。同日，绵阳市分会场活动举行，"
              "市委书记某某、市长某某出席。全市开工项目30个。")
    assert doc._.home_place == "绵阳市"


def test_my_city_touring_a_municipality_s_districts_is_the_municipality(nlp):
    doc = nlp("3月5日，市委副书记、市长某某到海淀区、昌平区调研。我市要加快科技创新，全市上下要抓落实。")
    assert doc._.home_place == "北京市"
    district = nlp("3月5日，区委书记某某到我区重点项目调研，海淀区要加快科技创新。区长某某陪同。")
    assert district._.home_place == "海淀区"
    ordinary = nlp("3月5日，市委副书记、市长某某到顺庆区、高坪区调研。我市要加快项目建设。")
    assert ordinary._.home_place == "南充市"


@pytest.mark.parametrize("text, home", [
    # the places visitors come from (their county, the city their post names) are not the home place
    ("阿坝县党政考察团一行来我县考察，县委书记陪同。考察团察看了若尔盖县的牧场。", "若尔盖县"),
    ("资阳市市委常委、安岳县委书记某某带领考察团来我市考察。市委书记陪同。内江市要加强两地合作。", "内江市"),
    ("阿坝县考察团前来若尔盖县考察牧场，县长陪同。阿坝县要学习若尔盖县经验。", "若尔盖县"),
    # nor are the places the article's own officials travel out to, at their level or above
    ("10月5日，市长某某带领考察团赴宜春市考察新能源产业，宜春市市长某某陪同。九江市要学习宜春经验。", "九江市"),
    ("安吉县党政考察团学习归来\n8月3日，县委书记某某带领考察团到兰溪市、浦江县考察学习。我县要学习先进经验。", "安吉县"),
    # near misses: a provincial head's trip comes to the city; no bare title says whose people travel; 到 alone
    ("6月2日，省长某某赴宜春市调研，察看袁州区新能源项目。市委书记、市长陪同。全市要抓好落实。", "宜春市"),
    ("6月2日，考察团赴宜春市调研，察看袁州区新能源项目。市委书记陪同。全市要抓好落实。", "宜春市"),
    ("8月3日，县委书记某某到浦江县调研项目建设，县长陪同。全县要抓好项目。", "浦江县"),
    ("阿坝县考察团来自牧区，走进若尔盖县牧场，阿坝县委书记介绍经验。", "阿坝县"),  # 来自: from, not to
    ("6月2日，市委书记某某强调，全市上下要全力以赴推动九江市高质量发展，奋力赶超宜春市。", "九江市"),  # 以赴
])
def test_visitors_places_and_trips_out_are_not_the_home_place(nlp, text, home):
    assert nlp(text)._.home_place == home


def zone_parent(doc, zone: str) -> str:
    return next(s._.attrs["ancestors"][-1]["name"] for s in doc.spans["places"] if s._.canonical == zone)


def test_a_zone_named_on_a_trip_out_lies_where_the_trip_goes(nlp):
    trip = nlp("10月5日，市长某某带领考察团赴宜春市考察，走进高新区察看企业。九江市要学习宜春经验，市领导某某参加。")
    assert trip._.home_place == "九江市" and zone_parent(trip, "高新区") == "宜春市"
    two = nlp("10月5日，市长某某带领考察团赴宜春市、萍乡市考察，走进高新区察看企业。九江市要学习两地经验。")
    assert zone_parent(two, "高新区") == "九江市"  # which of the two cities: the home place stays
    home = nlp("10月5日，市长某某走进高新区察看企业。九江市要学习宜春经验，市领导某某参加。")
    assert zone_parent(home, "高新区") == "九江市"


@pytest.mark.parametrize("text, home", [
    ("10月13日，区委书记某某调研我区重点项目，强调要贯彻天津市委部署，推动天津高质量发展。", "天津市"),
    ("10月13日，区委书记某某调研我区重点项目，察看了天津港物流园项目。", None),  # named once, in a name
    ("10月13日，区委书记某某调研我区重点项目，强调要贯彻天津市委部署，推动天津高质量发展，津南区要加油。", "津南区"),
    ("10月13日，县委书记某某调研我县重点项目，强调要贯彻湖南省委部署，推动湖南高质量发展。", None),  # a province
])
def test_my_district_in_a_municipality_naming_no_district_is_the_municipality(nlp, text, home):
    assert nlp(text)._.home_place == home


@pytest.mark.parametrize("text, home", [
    ("10日，全市项目观摩组来古浪县开展观摩活动，市委书记某某带队，市长某某参加，县委书记陪同。全市要抓项目。", "古浪县"),
    ("10日，汉中市考察团前来安康市考察，市长某某陪同。", "安康市"),
    # near misses: 到 says nothing of where the writer is; 以来 is no arrival
    ("10日，全市项目观摩组到古浪县开展观摩活动，市委书记某某带队，市长某某参加，县委书记陪同。全市要抓项目。", "武威市"),
    ("今年以来古浪县项目建设加快。10日，市委书记某某带队到凉州区观摩，全市要抓项目。", "武威市"),
])
def test_the_place_visitors_come_to_is_the_home_place(nlp, text, home):
    assert nlp(text)._.home_place == home


@pytest.mark.parametrize("text, home", [
    # 佛堂镇 is a town of 义乌市, a county-level city: a 市委书记 visiting it with no county named is its own
    ("5月3日，市委书记某某到市开发区、佛堂镇调研，走进金华新材料有限公司，察看金华路改造工程。全市要抓项目。", "义乌市"),
    # near misses: 郑宅镇 lies in a 县, which no 市委书记 heads; towns written after their cities say nothing
    ("5月3日，市委书记某某到市开发区、郑宅镇调研，走进金华新材料有限公司，察看金华路改造工程。全市要抓项目。", "金华市"),
    ("5月3日，市委书记某某到义乌市佛堂镇、东阳市横店镇调研。金华市要抓项目，全市要加油。", "金华市"),
])
def test_a_town_of_a_county_level_city_names_the_city_of_my_city(nlp, text, home):
    assert nlp(text)._.home_place == home


@pytest.mark.parametrize("text, home", [
    ("3月2日，区党工委书记某某到经开区重点项目调研，察看新能源电池项目。区领导某某参加。", "经开区"),
    ("3月2日，市委常委、宜宾临港经济技术开发区党工委书记某某到区内重点项目调研，管委会副主任陪同。", "宜宾临港经济技术开发区"),
    # near misses: the county speaks as the article's own; two zones; a district's 区委书记 is no zone's
    ("12日，县委书记、临港经开区党工委书记某某视察全县产业项目。", None),
    ("3月2日，区党工委书记某某到高新区、经开区调研，察看新能源电池项目。", None),
    ("3月2日，区委书记某某到经开区重点项目调研，察看新能源电池项目。区领导某某参加。", None),
])
def test_an_article_led_by_a_zone_s_working_committee_is_written_from_the_zone(nlp, text, home):
    assert nlp(text)._.home_place == home


@pytest.mark.parametrize("sentence, level_place", [
    ("近年来，我县按照中央和省、市委决策部署，抓好项目建设。", "湖南省"),
    ("要抢抓国家和省政策机遇，加快项目落地。", "湖南省"),
    ("要认真贯彻落实省“两会”精神，推动项目建设。", "湖南省"),
    ("党中央、省、市委的部署要落到实处。", "湖南省"),
    ("省、市、县三级联动推进项目。", "湖南省"),
])
def test_a_bare_level_listed_with_others_names_the_home_places_level(nlp, sentence, level_place):
    doc = nlp("3月2日，隆回县委书记到六都寨镇调研。" + sentence)
    assert doc._.home_place == "隆回县"
    assert level_place in names(doc)


@pytest.mark.parametrize("sentence", [
    "要推动开发区和县城协同发展。",  # 开发区, 县城: words that hold a level character, not levels
    "城市、县域经济都要抓。",
    "广东省和市场主体签约。",  # a named province, then 市场
])
def test_level_characters_inside_other_words_name_no_level(nlp, sentence):
    doc = nlp("3月2日，隆回县委书记到六都寨镇调研。" + sentence)
    assert doc._.home_place == "隆回县"
    assert not {"湖南省", "邵阳市"} & names(doc)


@pytest.mark.parametrize("sentence, level_place", [
    ("5月3日，衡阳市委书记到耒阳市调研，要争创省级示范园区。", "湖南省"),
    ("5月3日，隆回县委书记到六都寨镇调研，要争创市级示范项目。", "邵阳市"),
    ("6月1日，北碚区委书记到澄江镇调研，要争创市级示范项目。", "重庆市"),  # a municipality's district
    ("6月1日，北碚区委书记到澄江镇调研，市领导参加。", "重庆市"),
])
def test_a_bare_level_word_names_the_home_places_level(nlp, sentence, level_place):
    assert level_place in names(nlp(sentence))


def test_a_rank_is_not_the_province(nlp):
    doc = nlp("5月3日，宁波市委书记到北仑区调研。宁波是副省级城市，要加快项目建设。")
    assert doc._.home_place == "宁波市"
    assert "浙江省" not in names(doc)


@pytest.mark.parametrize("sentence, prefecture, city", [
    ("7月2日，州委副书记到都匀市调研，我市领导陪同。", "黔南布依族苗族自治州", "都匀市"),
    ("7月2日，盟委书记到二连浩特市调研，全市上下要抓好项目。", "锡林郭勒盟", "二连浩特市"),
])
def test_a_county_level_citys_prefecture_is_its_zhou_or_meng(nlp, sentence, prefecture, city):
    doc = nlp(sentence)
    assert doc._.home_place == city
    spans = {(s.text, s._.canonical) for s in doc.spans["places"]}
    assert (sentence[5:7], prefecture) in spans or (sentence[5], prefecture) in spans  # 州委 / 盟: not the city
    assert not {(word, city) for word in ("州委", "盟委", "州", "盟")} & spans


def test_a_district_paper_naming_no_district_lies_in_the_one_city_its_short_form_may_name(nlp):
    doc = nlp("10月9日，区委书记刘某来到甘南的农牧学校调研，全区要抓好项目建设。")
    assert doc._.home_place == "甘南藏族自治州"  # 甘南 may be a 县 elsewhere, not a 区: the paper's city
    assert "甘南藏族自治州" in names(doc)


@pytest.mark.parametrize("text", [
    "10月9日，区委书记刘某到甘南农牧学校调研，全区要抓好项目建设。",  # not read as a place: no home
])
def test_no_city_is_taken_without_a_county_paper_and_a_place_reading(nlp, text):
    assert nlp(text)._.home_place is None


def test_a_banner_paper_calls_its_banner_by_the_short_form_of_its_side(nlp):
    doc = nlp("6月5日，旗委书记某某陪同市领导在我旗调研，先后来到中旗工业园区和临河区的物流园。")
    assert doc._.home_place == "乌拉特中旗"  # 中旗: the one banner of the city with that side
    assert "乌拉特中旗" in names(doc)


@pytest.mark.parametrize("text", [
    "6月5日，旗委书记某某陪同市领导在我旗调研，先后来到临河区的物流园，手中旗帜飘扬。",  # 旗帜 is a flag
    "6月5日，旗委书记某某陪同市领导在我旗调研，先后来到中旗和后旗的物流园，临河区的。",  # two banners end so
    "6月5日，县委书记某某陪同市领导在我县调研，先后来到中旗工业园区和临河区的物流园。",  # a county speaks
])
def test_no_banner_is_read_from_a_short_form_that_is_not_one_banner_of_a_banner_paper(nlp, text):
    assert nlp(text)._.home_place == "临河区"


@pytest.mark.parametrize("text, home", [
    ("8月2日，代市长某某带队调研昆山市产业发展情况。他强调，全市要抓好项目建设，我市要走在前列。", "苏州市"),
    ("8月2日，代市长某某调研海宁市产业发展，全市要抓好项目建设。", "嘉兴市"),
])
def test_a_county_level_city_the_mayor_visits_is_not_the_city_of_the_paper(nlp, text, home):
    assert nlp(text)._.home_place == home  # the bare 市长 goes to it: the paper is its prefecture's


@pytest.mark.parametrize("text", [
    "8月2日，市长某某到周庄镇调研产业发展情况，昆山市要走在前列，全市要抓好项目建设。",  # a town of it is visited
    "8月2日，昆山市委书记某某调研昆山市开发区。市长某某陪同，全市要抓好项目建设。",  # its own zone is visited
])
def test_a_county_level_city_whose_own_places_are_visited_is_the_city_of_the_paper(nlp, text):
    assert nlp(text)._.home_place == "昆山市"


def test_a_zone_of_a_county_the_city_officials_tour_lies_in_that_county(nlp):
    doc = nlp("8月2日，代市长某某带队调研平湖市产业发展情况。随后来到鹃湖经济开发区察看项目，全市要抓好项目建设。")
    zone = next(s for s in doc.spans["places"] if s._.canonical == "鹃湖经济开发区")
    assert [a["name"] for a in zone._.attrs["ancestors"]][-1] == "平湖市"
    at_home = nlp("8月2日，市长某某带队调研产业发展情况。随后来到鹃湖经济开发区察看项目，平湖市和全市要抓好项目建设。")
    zone = next(s for s in at_home.spans["places"] if s._.canonical == "鹃湖经济开发区")
    assert [a["name"] for a in zone._.attrs["ancestors"]][-1] == "平湖市"  # the paper's own city: its home


def test_a_county_paper_naming_no_county_lies_where_the_town_opening_its_zone_is(nlp):
    doc = nlp("12日，县委书记、孝丰开发区党工委书记某某调研全县重点项目，县长某某陪同。")
    assert doc._.home_place == "安吉县"  # 孝丰镇 is a town of one county only


@pytest.mark.parametrize("text", [
    "12日，县委书记、狮山开发区党工委书记某某调研全县重点项目，县长某某陪同。",  # towns of two counties are so named
    "12日，市委书记、孝丰开发区党工委书记某某调研全市重点项目，市长某某陪同。",  # a city paper
    "12日，县委书记来到田园综合体和健康产业园调研，县长某某陪同。",  # no named zone: 健康 names no town here
    "12日，县委书记到空港经济区调研全县重点项目，县长某某陪同。",  # 空港街道: a street of a common word
])
def test_no_county_is_taken_from_a_zone_of_an_ambiguous_town_or_in_a_city_paper(nlp, text):
    assert nlp(text)._.home_place is None


@pytest.mark.parametrize("text, home", [
    # 温江区 opens two project names; 郫都 is named once, but its towns 唐昌镇 and 三道堰镇 are toured too
    ("区委书记王某带队，先后来到温江区人才公寓项目、唐昌镇农贸市场项目、三道堰镇湿地项目，检查重点工程。郫都加快推进。"
     "在温江区人才公寓项目现场，区领导听取汇报。", "郫都区"),
    # the towns of a county a city's officials tour do not make the city's paper the county's
    ("6月2日，市委书记李某到郫都区唐昌镇、三道堰镇调研乡村振兴工作。温江区委书记陪同。全市要加快发展。", "成都市"),
    # 建设 of 项目建设 is a word, not the 建设镇 of 三台县: it names no town
    ("项目观摩\n县委书记带队在盐亭县黑坪镇召开现场会，随后到三台县考察，三台县介绍了项目建设情况。", "盐亭县"),
])
def test_the_towns_the_body_names_tell_whose_district_the_paper_is(nlp, text, home):
    assert nlp(text)._.home_place == home


SOURCE_OF_A_DISTRICT = "来源：岳麓区融媒体中心\n\n"


def test_a_page_that_speaks_of_its_own_town_is_the_towns():
    body = "日前，雨敞坪镇召开项目建设观摩会，观摩团先后走进桃花村茶叶基地、金华村道路改造项目。会议要求，确保全镇项目年底见效。"
    assert home_of(SOURCE_OF_A_DISTRICT + body) == "雨敞坪镇"
    assert home_of(body + "争当岳麓区发展排头兵。") == "雨敞坪镇"  # the district from the body, the town in it


@pytest.mark.parametrize("body", [
    "日前，区委书记到雨敞坪镇调研项目建设。他要求，确保全镇项目年底见效。",  # a bare 区委书记: the district's page
    "日前，雨敞坪镇召开项目建设观摩会。会议要求，全区上下确保全镇项目年底见效。",  # 全区 speaks of the district
    "日前，雨敞坪镇、含浦街道召开项目建设观摩会。会议要求，确保全镇项目年底见效。",  # which town's 全镇: not told
])
def test_a_town_is_not_the_home_place_when_the_page_is_the_countys_or_names_two(body):
    assert home_of(SOURCE_OF_A_DISTRICT + body) == "岳麓区"


@pytest.mark.parametrize("body, home", [
    ("5月8日，瓮安县政协副主席某某在县农业局负责同志陪同下深入乡镇调研水利建设。", "瓮安县"),
    ("5月8日，州委副书记某某深入瓮安县调研水利建设，州长某某参加。", "黔南布依族苗族自治州"),  # the 州's officials
    ("5月8日，瓮安县、福泉市召开水利建设会议。", "黔南布依族苗族自治州"),  # two of its places: the city's page
    ("5月8日，瓮安县召开水利建设会议。", "黔南布依族苗族自治州"),  # no official or organ of the county acts
])
def test_a_city_page_writing_of_one_countys_officials_is_the_countys(body, home):
    assert home_of("来源：黔南州融媒体中心\n\n" + body) == home


VISIT_TO_A_MANAGEMENT_DISTRICT = "3月2日，海兴县委书记王某，县委副书记、县长李某一行到南大港开展调研。{hosts}陪同。" \
    "王某表示，海兴县和南大港管理区山水相连，祝愿南大港管理区越办越好。"


def test_a_delegation_received_by_bare_titled_hosts_comes_to_the_pages_management_district(nlp):
    doc = nlp(VISIT_TO_A_MANAGEMENT_DISTRICT.format(hosts="区党委书记赵某，区党委副书记、管委会主任钱某"))
    assert doc._.home_place == "南大港管理区"  # filed under a zone by the gazetteer, a 区 of its own here
    level_words = {s.text: s._.canonical for s in doc.spans["places"] if s.text[0] in "县区"}
    assert level_words == {"区": "南大港管理区", "区党委": "南大港管理区"}  # the visitors' 县委 is no county of it


@pytest.mark.parametrize("text, home", [
    (VISIT_TO_A_MANAGEMENT_DISTRICT.format(hosts="南大港管理区党委书记赵某"), "海兴县"),  # hosts named: not told
    ("3月2日，沧州市委书记王某一行到海兴县调研。海兴县委书记李某陪同。全市要加快发展。", "沧州市"),
    ("3月2日，沧州市委书记王某一行到海兴县调研。县委书记李某陪同。县长赵某汇报了全县工作。", "海兴县"),
    ("5月1日，自治区党委书记某某到柳州市调研，市委书记李某陪同。", "柳州市"),  # 自治区党委 is no 区's
])
def test_hosts_tell_whose_page_a_delegation_visit_is_on(nlp, text, home):
    assert nlp(text)._.home_place == home
