"""Zones named by shapes of their own: a host place in brackets inside the name (中国(某省)自由贸易试验区), a
park said to be the core area of another one (A作为B的核心园区), a county's park named by its kind
(某区高新科技产业园), a described zone opening with a town the text names (某某工业项目区, 某某镇); and a 小镇
listed among works, which is one of them, no zone; a bare head (开发区) on a page whose furniture names the
zone in full; a park (…园区, …产业基地) where it holds a site or hosts an event; a described zone a sentence
defines by its role (某某旅游区是…的重要承载地); a use word LAC tags a verb inside a name (某某湖休闲小镇).
Sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.model import Document
from kg.normalise import normalise
from kg.pipeline import load, make_doc
from test_places import nlp  # noqa: F401  (the tokenizer, sentences and kg_places only)


def zones(doc) -> dict[str, list[str]]:
    """Each zone's name and its parent chain."""
    return {span._.canonical: [a["name"] for a in span._.attrs["ancestors"]]
            for span in doc.spans.get("places", []) if span._.attrs.get("level") == "zone"}


def test_a_free_trade_zone_keeps_its_bracketed_province(nlp):
    found = zones(nlp("5月3日，省长到中国(湖北)自由贸易试验区调研，察看了科创走廊建设情况。"))
    assert found["中国(湖北)自由贸易试验区"] == ["湖北省"]


@pytest.mark.parametrize("text", [
    "县长察看了一期(二期)工业园区建设进展。",  # phases in brackets, no place
    "书记来到鄂钢(鄂州)工业园区，察看生产线。",  # a company's plant named with its city
])
def test_brackets_without_a_place_before_them_are_not_part_of_a_zone(nlp, text):
    assert not [name for name in zones(nlp(text)) if "(" in name]


def test_a_park_said_to_be_the_core_of_another_lies_in_it(nlp):
    doc = nlp("湖南省湘潭市。昨日，签约仪式在青溪湾产业园举行。青溪湾产业园作为岳塘区智能制造产业园的核心园区，"
              "是全市重点园区。")
    found = zones(doc)
    assert found["岳塘区智能制造产业园"][-1] == "岳塘区"
    assert found["青溪湾产业园"][-2:] == ["岳塘区", "岳塘区智能制造产业园"]


def test_a_park_said_to_be_a_part_of_another_is_a_zone_too(nlp):
    found = zones(nlp("湖南省湘潭市。青溪湾产业园是岳塘区智能制造产业园的重要组成部分。"))
    assert found["青溪湾产业园"][-1] == "岳塘区智能制造产业园"


def test_two_parks_named_in_one_sentence_are_not_parts_of_each_other(nlp):
    found = zones(nlp("湖南省湘潭市。市长来到青溪湾产业园，察看岳塘区智能制造产业园的建设进展。"))
    assert "岳塘区智能制造产业园" not in found
    assert all("智能制造" not in name for chain in found.values() for name in chain)


def test_a_county_park_named_by_its_kind_keeps_the_county(nlp):
    found = zones(nlp("湖南省湘潭市。活动在岳塘区高新科技产业园举行。"))
    assert "岳塘区高新科技产业园" in found


@pytest.mark.parametrize(("text", "is_zone"), [
    ("云南省保山市。市长先后考察了云岭茶香小镇、滇池湿地修复工程、城东污水处理厂。", False),  # listed among works
    ("云南省保山市。市长先后来到云岭茶香小镇、石桥村、红塔宏远有限公司。", True),  # the stops of a tour
    ("云南省保山市。市长来到云岭茶香小镇调研。", True),
])
def test_a_small_town_zone_listed_among_works_is_one_of_them(nlp, text, is_zone):
    assert ("云岭茶香小镇" in zones(nlp(text))) is is_zone


@pytest.mark.parametrize(("text", "is_zone"), [
    ("云南省保山市施甸县。考察团来到太平工业项目区调研，太平镇负责人陪同。", True),
    ("云南省保山市施甸县。考察团来到太平工业项目区调研。", False),  # 太平 alone: a common word
    ("云南省保山市施甸县。考察团来到现代农业项目区调研，现代镇负责人陪同。", False),  # no such town
])
def test_a_described_zone_opening_with_a_named_town_is_a_name(nlp, text, is_zone):
    assert any(name.endswith("工业项目区") or name.endswith("农业项目区") for name in zones(nlp(text))) is is_zone


@pytest.mark.parametrize(("text", "name", "is_zone"), [
    ("湖南省怀化市。在辰溪新材料产业基地，代表团听取了基地规划介绍，并实地考察了某某科技有限公司。", "辰溪新材料产业基地", True),
    ("湖南省怀化市。市长察看了辰溪新材料产业基地建设进展。", "辰溪新材料产业基地", False),  # an undertaking
    ("重庆市武隆区。全区数字经济项目签约仪式在乌江云基地举行。", "乌江云基地", True),
    ("重庆市武隆区。区长来到乌江云基地，察看机房建设。", "乌江云基地", False),
])
def test_a_base_is_a_zone_where_it_hosts_the_visit_or_an_event(nlp, text, name, is_zone):
    assert (name in zones(nlp(text))) is is_zone


PAGE = "区长调研重点项目建设\n发布时间:2023-05-12 来源:鹤城区人民政府{unit}\n5月11日,区长来到鹤城区调研。{body}"


@pytest.mark.parametrize(("unit", "body", "expected"), [
    (" 发布单位:湖南怀化经济开发区", "随后来到开发区锦溪智造城，察看厂房。", "湖南怀化经济开发区"),
    (" 发布单位:湖南怀化经济开发区", "区长强调,全省开发区要加快发展。", None),  # generic
    ("", "随后来到开发区锦溪智造城，察看厂房。", None),  # no zone on the page
])
def test_a_bare_zone_head_is_the_zone_the_page_names_in_full(unit, body, expected):
    doc = make_doc(normalise(Document("t", "t", PAGE.format(unit=unit, body=body))), load())
    found = zones(doc)
    assert list(found) == ([expected] if expected else [])
    if expected:
        assert found[expected][-1] == "鹤城区"


@pytest.mark.parametrize(("text", "expected"), [
    ("广西壮族自治区梧州市。考察团走进岑溪经开区石材园区、某某纸业有限公司。", "岑溪经开区石材园区"),
    ("广西壮族自治区梧州市。岑溪经开区加快园区建设。", "岑溪经开区"),
    ("广西壮族自治区梧州市。岑溪经开区重点产业园区完成投资10亿元。", "岑溪经开区"),  # the zone's parks, a kind
])
def test_a_park_named_right_after_its_zone_is_one_zone_with_it(nlp, text, expected):
    found = zones(nlp(text))
    assert list(found) == [expected]
    assert found[expected][-1] == "岑溪市"


@pytest.mark.parametrize(("text", "is_zone"), [
    ("山东省潍坊市。市长一行考察了寒亭区海化园区宏盛新材料项目、某某码头。", True),  # a site named in it
    ("山东省潍坊市。签约仪式在寒亭区海化园区举行。", True),  # an event held in it
    ("山东省潍坊市。寒亭区海化园区加快建设，加强园区土地节约集约利用。", False),  # built: an undertaking
])
def test_a_named_park_is_a_zone_where_it_holds_a_site_or_hosts_an_event(nlp, text, is_zone):
    found = zones(nlp(text))
    assert ("海化园区" in found) is is_zone
    assert not [name for name in found if name != "海化园区"]
    if is_zone:
        assert found["海化园区"][-1] == "寒亭区"


@pytest.mark.parametrize(("text", "name", "is_zone"), [
    ("福建省宁德市。屏南台创园管委会主任介绍园区情况。", "屏南台创园", True),  # a committee governs it
    ("福建省宁德市。市长来到屏南台创园，察看大棚建设。", "屏南台创园", False),
    ("福建省宁德市。市长来到屏南公园管委会。", "屏南公园", True),
    ("福建省宁德市。市长来到屏南公园散步。", "屏南公园", False),
])
def test_a_park_a_committee_governs_is_a_zone(nlp, text, name, is_zone):
    assert (name in zones(nlp(text))) is is_zone


@pytest.mark.parametrize(("text", "is_zone"), [
    ("吉林省延边朝鲜族自治州珲春市。市长深入城南商圈、生态旅游区检查环境整治。\n"
     "生态旅游区是全市文化旅游发展的重要承载地，游客逐年增加。市长来到溪畔栈道项目现场。", True),
    ("西藏自治区昌都市。上午，书记来到卡若区滨江商务区。滨江商务区是全市现代服务业的核心区，书记察看了金融大厦建设。",
     True),
    ("吉林省延边朝鲜族自治州珲春市。市长深入城南商圈、生态旅游区检查环境整治。\n"
     "生态旅游区是全市高质量发展的重要引擎。市长来到溪畔栈道项目现场。", False),  # no area's role
    ("吉林省延边朝鲜族自治州珲春市。市长深入城南商圈、生态旅游区检查环境整治。\n"
     "要把生态旅游区打造成全市文化旅游发展的重要承载地。", False),  # not defined, a goal
    ("吉林省延边朝鲜族自治州珲春市。\n生态旅游区是全市文化旅游发展的重要承载地。", False),  # said of a kind of area
])
def test_a_described_zone_a_sentence_defines_by_its_role_is_a_name(nlp, text, is_zone):
    assert any(name.endswith(("旅游区", "商务区")) for name in zones(nlp(text))) is is_zone


@pytest.mark.parametrize(("text", "expected"), [
    ("广东省汕尾市海丰县。\n在黛溪湖休闲小镇、梅岭镇下坝村等区域，县长察看了环境整治情况。", "黛溪湖休闲小镇"),
    ("广东省汕尾市海丰县。\n县长来到黛溪湖养生小镇，察看了步道建设。", "黛溪湖养生小镇"),
    ("广东省汕尾市海丰县。\n县长在黛溪湖建设小镇。", None),  # a verb of building ends the name
    ("广东省汕尾市海丰县。\n县长调研了休闲小镇。", None),  # a use and a head: a description
])
def test_a_use_word_tagged_as_a_verb_stays_in_a_zone_name(nlp, text, expected):
    found = zones(nlp(text))
    assert [name for name in found if name.endswith("小镇")] == ([expected] if expected else [])
    if expected:
        assert found[expected][-1] == "海丰县"
