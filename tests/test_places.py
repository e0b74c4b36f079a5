"""kg_places on sentences written for these tests (other provinces than the seeds) and on one seed."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from kg.nlp import extensions, sentences, tokenizer  # noqa: F401  (registers the tokenizer)
from kg.nlp import places  # noqa: F401  (registers kg_places)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def nlp():
    """Only the tokenizer, sentences and places: the other components are not needed here."""
    extensions.register()
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.LACTokenizer.v1"}}})
    pipeline.add_pipe("kg_sentences")
    pipeline.add_pipe("kg_places")
    return pipeline


def found(doc) -> dict[str, dict]:
    return {span._.canonical: span._.attrs for span in doc.spans.get("places", [])}


def chain(attrs: dict) -> list[str]:
    return [a["name"] for a in attrs["ancestors"]]


def test_full_names_short_forms_and_towns(nlp):
    doc = nlp("5月8日，湖南省湘西州龙山县县委书记深入华塘街道调研项目建设。他强调，我县要抓项目促发展。")
    places = found(doc)
    assert places["湘西土家族苗族自治州"]["level"] == "city"  # the full official name, not the written 湘西州
    assert "湘西州" not in places
    assert places["龙山县"]["adcode"] == "433130"
    assert chain(places["龙山县"]) == ["湖南省", "湘西土家族苗族自治州"]
    assert chain(places["华塘街道"]) == ["湖南省", "湘西土家族苗族自治州", "龙山县"]
    assert doc._.home_place == "龙山县"
    self_reference = [s for s in doc.spans["places"] if s.text == "我县"]
    assert self_reference and self_reference[0]._.canonical == "龙山县"


def test_village_needs_its_county_in_the_document(nlp):
    with_county = found(nlp("市委书记来到河北省衡水市饶阳县调研，察看南官庄村产业项目。"))
    assert chain(with_county["南官庄村"])[:3] == ["河北省", "衡水市", "饶阳县"]
    assert "南官庄村" not in found(nlp("县委书记到南官庄村调研产业项目。"))


def test_zone_parent_and_places_inside_names(nlp):
    doc = nlp("广东省惠州市惠城区召开项目推进会，惠州仲恺高新区负责人参加。上海华锐科技有限公司代表发言。")
    places = found(doc)
    assert places["惠州仲恺高新区"]["level"] == "zone"
    assert chain(places["惠州仲恺高新区"]) == ["广东省", "惠州市"]
    assert "惠州" not in places  # the short form inside the zone name is the zone's parent, not a mention
    assert "上海市" not in places  # part of a company name
    assert doc._.home_place == "惠州市"


def test_generic_zones_and_common_words_are_not_places(nlp):
    doc = nlp("全省开发区要打造集研发、生产为一体的智能产业园区，推动城区面貌改善，和平发展。")
    assert found(doc) == {}


def test_foreign_place_as_modifier_is_not_a_mention(nlp):
    doc = nlp("甘肃省兰州市榆中县集中签约杭州新能源电池、深圳智能装备等项目。我市将加强服务。")
    places = found(doc)
    assert {"甘肃省", "兰州市", "榆中县"} <= set(places)
    assert "杭州市" not in places and "深圳市" not in places
    assert doc._.home_place == "兰州市"


def test_seed_places_and_hierarchy(nlp):
    doc = nlp((SEEDS / "000_e63cd45c000a4be0.txt").read_text(encoding="utf-8"))
    places = found(doc)
    assert doc._.home_place == "大同市"
    assert {"大同市", "山西省", "新荣区", "云州区", "西坪镇", "中高庄村", "大同经开区"} <= set(places)
    assert chain(places["中高庄村"]) == ["山西省", "大同市", "云州区", "西坪镇"]
    assert chain(places["大同经开区"]) == ["山西省", "大同市"]


def test_home_place_goes_by_the_name_its_mentions_carry(nlp):
    doc = nlp("3月5日，红河州州长到个旧市调研。他强调，全州要抓好项目建设。")
    assert doc._.home_place in {s._.canonical for s in doc.spans["places"]}


def test_autonomous_units_take_their_full_official_name(nlp):
    doc = nlp("4月2日，恩施州州长到利川市调研，随后前往长阳县龙舟坪镇察看项目。")
    names = {s._.canonical for s in doc.spans["places"]}
    assert {"恩施土家族苗族自治州", "长阳土家族自治县", "利川市"} <= names
    assert not {"恩施州", "长阳县"} & names
    assert doc._.home_place == "恩施土家族苗族自治州"


def test_a_town_short_form_is_not_a_village(nlp):
    # 港门镇 of 遂溪县 (Guangdong); the gazetteer also has a 港门村 in the county
    doc = nlp("9月8日，遂溪县副县长赴港门镇督导项目建设。下一步，港门镇将为百千万工程贡献港门担当。")
    assert {s._.canonical for s in doc.spans["places"]} >= {"港门镇"}
    assert "港门" not in {s._.canonical for s in doc.spans["places"]}


def test_home_place_without_self_references_is_the_most_named_division(nlp):
    doc = nlp("9月4日，龙山县委副书记在督查室负责人陪同下，深入重点项目建设现场调研。")
    assert doc._.home_place == "龙山县"


def test_zone_built_by_a_place_lies_in_it(nlp):
    doc = nlp("浙江省湖州市。近年来，长兴县加快推进新能源汽车小镇建设，吴兴区全力打造丝绸产业园区。")
    places = found(doc)
    assert chain(places["新能源汽车小镇"]) == ["浙江省", "湖州市", "长兴县"]
    assert chain(places["丝绸产业园区"]) == ["浙江省", "湖州市", "吴兴区"]


def test_generic_and_nested_described_zones_are_not_places(nlp):
    doc = nlp("湖南省将建设一批特色小镇。岳阳市签约临湘工业园区竹木加工小镇等项目。")
    places = found(doc)
    assert "特色小镇" not in places and "一批特色小镇" not in places
    assert "竹木加工小镇" not in places  # a site inside the zone before it: a project


def test_unlisted_villages_listed_with_known_ones(nlp):
    doc = nlp("湖北省黄冈市罗田县。近年来，我县在河道两岸打造出七道河茶园、乌石冲古寨和梨树湾民宿等一批美丽乡村。")
    places = found(doc)
    assert {"七道河村", "乌石冲村"} <= set(places)  # gazetteer villages written short: their full names
    assert not {"七道河", "乌石冲"} & set(places)
    assert places["梨树湾"]["level"] == "village"  # not in the gazetteer: known by its listed siblings
    assert chain(places["梨树湾"])[:3] == ["湖北省", "黄冈市", "罗田县"]


def test_list_sibling_needs_known_villages_and_a_place_like_item(nlp):
    places = found(nlp("湖北省黄冈市罗田县。我县打造出七道河村、乌石冲村和生态农业等产业。"))
    assert not {"生态", "生态农业"} & set(places)
    alone = found(nlp("湖北省黄冈市罗田县。我县打造出七道河茶园和梨树湾民宿。"))  # one known item is too few
    assert "梨树湾" not in alone


def test_short_village_name_is_the_village_named_in_full(nlp):
    doc = nlp("湖北省黄冈市罗田县。县长来到七道河村，调研七道河茶园项目。")
    names = [(span.text, span._.canonical) for span in doc.spans["places"]]
    assert ("七道河", "七道河村") in names  # the same village as 七道河村, not a second place
    assert "七道河" not in found(doc)


def test_zone_named_before_is_what_qu_nei_refers_to(nlp):
    doc = nlp("3月5日，江苏省常州经济开发区党工委书记到区内重点项目现场调研。\n他在县城召开座谈会，要求在区内加快建设。")
    references = [(span.text, span._.canonical) for span in doc.spans["places"] if span.text == "区内"]
    assert references == [("区内", "常州经济开发区")]  # the second 区内 is in another paragraph


def test_zone_name_does_not_keep_a_leading_province(nlp):
    places = found(nlp("江苏省常州经济开发区党工委书记调研。山西省晋中市经济技术开发区召开会议。"))
    assert chain(places["常州经济开发区"]) == ["江苏省", "常州市"]
    assert "江苏省" in places
    assert "晋中市经济技术开发区" in places  # without 晋中市 no name is left: the division stays in it


def test_visitors_place_is_not_what_wo_shi_means(nlp):
    doc = nlp("5月3日，鞍山市委书记到我市调研项目建设，鞍山市有关部门负责人参加。\n海城市委书记陪同。随后来到海城市经济开发区。我市将加强服务。")
    assert doc._.home_place == "海城市"  # a county-level city hosting its prefecture's secretary
    own = [span._.canonical for span in doc.spans["places"] if span.text == "我市"]
    assert own == ["海城市", "海城市"]


def test_short_form_of_a_town_the_document_names_is_that_town(nlp):
    doc = nlp("四川省成都市崇州市。市长来到梓潼镇，察看了梓潼生态康养旅游项目。")
    names = {span.text: span._.canonical for span in doc.spans["places"]}
    assert names.get("梓潼") in (None, "梓潼镇")  # not 梓潼县 of 绵阳市
    assert "梓潼县" not in found(doc)


def test_a_place_inside_another_found_place_is_dropped():
    from kg.nlp.gazetteer import Place
    from kg.nlp.places import _outermost

    county = Place("某县", "county", None, None, None)
    outer, inner = Place("永兴镇", "town", None, None, county), Place("兴镇", "town", None, None, None)
    assert _outermost([(10, 13, outer), (11, 13, inner), (20, 23, county)]) == [(10, 13, outer), (20, 23, county)]


def test_a_zone_like_name_with_a_phase_is_a_project(nlp):
    text = "河北省沧州市。市委书记来到凤凰山温泉小镇一期、黄骅港物流小镇二期项目现场。"
    assert not {"凤凰山温泉小镇", "黄骅港物流小镇"} & set(found(nlp(text)))
    assert "凤凰山温泉小镇" in found(nlp("河北省沧州市。市委书记来到凤凰山温泉小镇调研。"))  # a named zone


def test_a_generic_district_name_after_its_city_is_that_district(nlp):
    places = found(nlp("安徽省铜陵市郊区大通镇的光伏项目开工，市委书记出席。"))
    assert chain(places["郊区"]) == ["安徽省", "铜陵市"]
    assert "郊区" not in found(nlp("安徽省铜陵市。城市郊区的道路改造加快推进。"))  # a common word elsewhere
    assert "郊区" not in found(nlp("安徽省合肥市郊区农业项目加快推进。"))  # 合肥市 has no district of that name


def test_the_place_prefixing_a_zone_of_the_home_city_is_a_place(nlp):
    places = found(nlp("江苏省宿迁市。市委书记来到沭阳经济技术开发区，察看项目建设。全市要抓项目。"))
    assert chain(places["沭阳县"]) == ["江苏省", "宿迁市"]
    assert chain(places["沭阳经济技术开发区"]) == ["江苏省", "宿迁市", "沭阳县"]
    elsewhere = found(nlp("江苏省宿迁市。市委书记一行赴苏州工业园区学习考察，全市要抓项目。"))
    assert "苏州市" not in elsewhere  # the zone of another city: its prefix only tells its parent


def test_a_bare_zone_abbreviation_is_the_home_places_zone(nlp):
    places = found(nlp("湖北省襄阳市。市委书记到高新区调研，经开区管委会主任陪同。"))
    assert chain(places["高新区"]) == ["湖北省", "襄阳市"] and places["经开区"]["level"] == "zone"
    generic = found(nlp("湖北省襄阳市。全省高新区、各经开区要争先进位，推动开发区高质量发展。"))
    assert not {"高新区", "经开区", "开发区"} & set(generic)


def test_a_level_character_before_a_zone_head_stands_for_the_home_place(nlp):
    places = found(nlp("四川省绵阳市。市委书记到市开发区、游仙区调研。"))
    assert chain(places["市开发区"]) == ["四川省", "绵阳市"]
    assert "市产业园区" not in found(nlp("四川省绵阳市。市产业园区建设要加快。"))  # a descriptive head


def test_a_year_or_a_demonstrative_is_not_part_of_a_zone_name(nlp):
    places = found(nlp("河南省商丘市。观摩团就虞城县2023年产业集聚区发展情况进行观摩，该县产业集聚区建设加快。"))
    assert not [name for name in places if "年" in name or name.startswith(("该", "就"))]


def test_a_zone_written_short_is_the_zone_the_text_names_in_full(nlp):
    doc = nlp("湖南省岳阳市平江县。平江高新技术产业园区的项目开工，县高新技术产业园区负责人介绍情况。"
              "安徽省宿州市。市长来到砀山经开区，察看经开区内的光伏项目。")
    spans = [(s.text, s._.canonical) for s in doc.spans["places"] if s._.attrs.get("level") == "zone"]
    assert ("县高新技术产业园区", "平江高新技术产业园区") in spans
    assert ("经开区", "砀山经开区") in spans
    assert len({name for _, name in spans}) == 2


def test_a_town_written_short_opening_a_name_is_the_town(nlp):
    places = found(nlp("上海市松江区。区领导来到泗泾智能制造基地，察看道路工程。"))
    assert chain(places["泗泾镇"])[-1] == "松江区"
    assert "泗泾" not in places


def test_a_town_written_short_opening_a_zone_holds_the_zone(nlp):
    places = found(nlp("湖南省长沙市浏阳市。省领导首先到大瑶工业园区调研。"))
    assert chain(places["大瑶工业园区"])[-2:] == ["浏阳市", "大瑶镇"]


def test_a_town_written_short_after_its_county(nlp):
    places = found(nlp("湖南省宁远县。县长来到宁远县柏家坪生姜标准种植示范基地。"))
    assert chain(places["柏家坪镇"])[-1] == "宁远县"


def test_a_common_word_that_shortens_a_town_is_no_town(nlp):
    places = found(nlp("广东省梅州市平远县。县委书记强调，推进平安建设工程，抓好小河流域治理。"))
    assert not [name for name in places if name.endswith(("镇", "乡"))]


def test_an_abbreviated_zone_is_the_zone_the_text_spells_out(nlp):
    doc = nlp("湖南省株洲市。市长到株洲高新技术产业开发区调研，要求株洲高新区加快项目建设。")
    zones = {(s.text, s._.canonical) for s in doc.spans["places"] if s._.attrs.get("level") == "zone"}
    assert zones == {("株洲高新技术产业开发区", "株洲高新技术产业开发区"), ("株洲高新区", "株洲高新技术产业开发区")}
    alone = found(nlp("湖南省株洲市。市长要求株洲高新区加快项目建设。"))
    assert "株洲高新区" in alone  # kept as written when the text does not spell it out


def test_a_renamed_county_keeps_the_name_the_text_uses(nlp):
    places = found(nlp("广西壮族自治区南宁市。横县茉莉花产业园项目开工，自治区领导出席。"))
    assert places["横县"]["level"] == "county" and places["横县"]["aliases"] == ["横州市"]
    assert chain(places["横县"]) == ["广西壮族自治区", "南宁市"]
    assert "横州市" not in places
    today = found(nlp("广西壮族自治区南宁市。横州市茉莉花产业园项目开工。"))
    assert "横州市" in today and "横县" not in today


def test_a_village_written_short_is_not_a_division_or_a_common_word(nlp):
    # 射阳县 (Jiangsu) has villages called 中心村 and 凤凰村: 中心 is a word here, 凤凰 the county of Hunan
    doc = nlp("江苏省盐城市射阳县。县长到中心广场调研，学习凤凰古城的经验，察看合德镇的项目。")
    assert not {"中心村", "凤凰村"} & set(found(doc))


def test_a_county_written_short_in_a_list_of_its_siblings(nlp):
    places = found(nlp("广东省。他先后来到龙川县、和平、连平等地调研。"))
    assert chain(places["和平县"]) == ["广东省", "河源市"]
    assert "和平县" not in found(nlp("广东省。要建设平安、和平、和谐的社会。"))  # no place beside it


def test_a_lone_short_form_needs_the_place_tag_to_be_the_home_place(nlp):
    doc = nlp("县委书记强调，要建设平安、和平、和谐的社会。")
    assert doc._.home_place is None and found(doc) == {}


def test_village_named_in_several_counties_lies_in_the_town_the_text_names(nlp):
    # 仁和村 is a village of 鲁塘镇 (北湖区) and of 桂阳县 too; 七星村 of 丰裕镇 (雁江区) and of 安岳县 too
    places = found(nlp("郴州市桂阳县、北湖区负责人深入鲁塘镇调研，在仁和村察看产业项目。"))
    assert chain(places["仁和村"]) == ["湖南省", "郴州市", "北湖区", "鲁塘镇"]
    places = found(nlp("县委书记来到四川省资阳市安岳县考察。次日，雁江区党政代表团到丰裕镇调研，走进七星村察看柑橘基地。"))
    assert chain(places["七星村"]) == ["四川省", "资阳市", "雁江区", "丰裕镇"]
    # no town named: the village stays at what its namesakes share
    places = found(nlp("县委书记来到四川省资阳市安岳县考察。雁江区代表团走进七星村察看柑橘基地。"))
    assert chain(places["七星村"]) == ["四川省", "资阳市"]


def test_a_town_of_the_home_place_and_of_the_visitors_county_is_the_home_places(nlp):
    # 黄陂镇 is a town of 宜黄县 and of 宁都县, 王楼镇 of 范县 and of 延津县 (other cities of the province)
    places = found(nlp("12日，江西省宁都县党政考察团来宜黄县考察，先后来到黄陂镇农业产业园和县工业园。宜黄县委书记陪同。"))
    assert chain(places["黄陂镇"]) == ["江西省", "抚州市", "宜黄县"]
    places = found(nlp("12日，河南省延津县党政考察团来范县考察，先后走进王楼镇蔬菜基地。范县县委书记陪同考察。"))
    assert chain(places["王楼镇"]) == ["河南省", "濮阳市", "范县"]
    # written under the visitors' county, it is theirs
    places = found(nlp("12日，江西省宁都县党政考察团来宜黄县考察。宁都县黄陂镇负责人介绍了经验。"))
    assert chain(places["黄陂镇"]) == ["江西省", "赣州市", "宁都县"]


def test_a_village_written_short_right_after_its_town(nlp):
    # 城隍台村 of 刘家隔镇 (汉川市), 观音垭村 of 六郎乡 (郧西县), 尖山下村 of 戴村镇 (萧山区): the word is the
    # village, not 城隍镇 or 观音镇 (towns of the same county) written short
    places = found(nlp("市委书记来到汉川市刘家隔镇城隍台莲藕基地调研。"))
    assert chain(places["城隍台村"])[-2:] == ["汉川市", "刘家隔镇"]
    assert "城隍镇" not in places
    places = found(nlp("市委书记来到郧西县六郎乡观音垭茶园调研。"))
    assert chain(places["观音垭村"])[-2:] == ["郧西县", "六郎乡"]
    assert "观音镇" not in places
    places = found(nlp("市委书记来到杭州市萧山区戴村镇尖山下茶园调研。"))
    assert chain(places["尖山下村"])[-2:] == ["萧山区", "戴村镇"]


def test_a_word_after_a_town_that_is_no_place_word_is_no_village(nlp):
    # the town's short form after its county stays the town; a village name LAC reads as a person is no village
    places = found(nlp("市委书记来到汉川市城隍莲藕基地调研。"))
    assert chain(places["城隍镇"])[-1] == "汉川市"
    places = found(nlp("省农业农村厅负责人深入阳新县调研。浮屠镇党委书记介绍，彭家墩生态茶园已建成。"))
    assert "彭家墩村" not in places
    # a longer place word that opens with the village's short form (观音垭口, 尖山下湾) is another place
    assert "观音垭村" not in found(nlp("市委书记来到郧西县六郎乡观音垭口茶园调研。"))
    assert "尖山下村" not in found(nlp("市委书记来到杭州市萧山区戴村镇尖山下湾茶园调研。"))


def test_a_named_scenic_area_is_a_zone_and_its_short_name_the_same_zone(nlp):
    places = found(nlp("县委书记调研了乐业县大石围景区。"))
    assert chain(places["大石围景区"])[-1] == "乐业县"
    doc = nlp("县委书记来到云南省丽江市玉龙县，察看白沙古村景区。随后在古村景区召开现场会。")
    places = found(doc)
    assert chain(places["白沙古村景区"])[-1] == "玉龙纳西族自治县"
    assert "古村景区" not in places  # the zone named before, written short
    assert "古村景区" in {span.text for span in doc.spans["places"]}
    # a scenic area no name tells apart is none
    assert not found(nlp("县长强调，全县要把景区建设好，打造精品旅游景区。"))


def test_a_zone_right_after_a_division_lies_in_it_also_when_named_again(nlp):
    places = found(nlp("省长来到四川省阿坝州九寨沟县，考察漳扎镇翡翠河景区建设。他指出，翡翠河景区要提升服务。"))
    assert chain(places["翡翠河景区"])[-2:] == ["九寨沟县", "漳扎镇"]
    places = found(nlp("省长来到四川省阿坝州，考察九寨沟县翡翠河景区建设。"))
    assert chain(places["翡翠河景区"])[-1] == "九寨沟县"
    # a place further before, not right before, is no parent: the zone stays with the home place
    places = found(nlp("省长来到四川省阿坝州。九寨沟县负责人介绍了翡翠河景区建设。"))
    assert "九寨沟县" not in chain(places["翡翠河景区"])


def test_a_bare_industrial_cluster_zone_is_the_home_places(nlp):
    # a county has one 产业集聚区: named bare, it is the home place's, like 高新区
    places = found(nlp("河南省鹿邑县召开会议，推进产业集聚区建设。"))
    assert chain(places["产业集聚区"])[-1] == "鹿邑县"
    # after a generic word (全省, 各) it names no one zone
    assert not found(nlp("全省产业集聚区观摩会召开，各产业集聚区负责人参加。"))


def test_visiting_officials_places_before_their_bodies_are_places(nlp):
    doc = nlp("四川省广元市剑阁县。江西省九江市委常委、修水县委书记率考察团来我县考察，我县领导陪同。")
    places = found(doc)
    assert chain(places["修水县"]) == ["江西省", "九江市"]
    assert {"江西省", "九江市"} <= set(places)
    company = found(nlp("四川省广元市剑阁县。江西九江新材料有限公司负责人来我县考察。"))
    assert "九江市" not in company and "江西省" not in company  # where a company comes from


def test_towns_of_a_city_without_counties_lie_in_the_city(nlp):
    places = found(nlp("广东省中山市。市长来到东凤镇吉昌村，察看农田改造项目。"))
    assert chain(places["东凤镇"]) == ["广东省", "中山市"]
    assert chain(places["吉昌村"]) == ["广东省", "中山市", "东凤镇"]
    assert "吉昌村" not in found(nlp("广东省佛山市。市长来到吉昌村察看项目。"))  # not under a town of that city


def test_planned_areas_are_zones_and_district_names_are_not(nlp):
    places = found(nlp("江西省九江市。市长到八里湖新城、庐山西海旅游度假区和濂溪科学城调研。"))
    assert {"八里湖新城", "庐山西海旅游度假区", "濂溪科学城"} <= set(places)
    assert chain(places["八里湖新城"]) == ["江西省", "九江市"]
    assert chain(places["濂溪科学城"]) == ["江西省", "九江市", "濂溪区"]
    district = found(nlp("陕西省西安市新城区召开会议，区长讲话。"))
    assert district["新城区"]["level"] == "county" and "新城" not in district


def test_a_zone_name_keeps_its_direction_and_drops_a_bare_head_before_it(nlp):
    places = found(nlp("浙江省宁波市北仑区。区长来到梅山港东片区察看项目。"))
    assert chain(places["梅山港东片区"])[:3] == ["浙江省", "宁波市", "北仑区"]  # in 梅山街道, which opens it
    places = found(nlp("重庆市永川区。开工仪式在工业园区凤凰湖拓展区举行。"))
    assert "凤凰湖拓展区" in places and "工业园区凤凰湖拓展区" not in places


def test_streets_blocks_and_descriptions_are_not_zones(nlp):
    places = found(nlp("甘肃省天水市。推进人民路片区棚户区改造，打造集研发、生产为一体的生态工业区。"))
    assert [level for level in (attrs["level"] for attrs in places.values()) if level == "zone"] == []


def test_the_county_s_own_bare_zone(nlp):
    places = found(nlp("河南省周口市鹿邑县。考察团来我县产业集聚区参观考察，对我县产业集聚区给予肯定。"))
    assert chain(places["产业集聚区"]) == ["河南省", "周口市", "鹿邑县"]
    assert "县产业集聚区" not in places


def test_a_region_inside_a_zone_name_is_no_place_of_its_own(nlp):
    places = found(nlp("天津市。要加快京津冀协同创新商务区建设。"))
    assert "京津冀协同创新商务区" in places and "京津冀" not in places


def test_a_zone_in_brackets_after_a_zone_is_a_part_of_it(nlp):
    places = found(nlp("安徽省合肥市。市长在合肥高新区(柏堰片区)出席活动。"))
    assert "合肥高新区" in places and "柏堰片区" not in places
    alone = found(nlp("安徽省合肥市。市长来到柏堰片区出席活动。"))
    assert "柏堰片区" in alone


def test_a_town_opening_a_zone_name_is_a_place_and_holds_the_zone(nlp):
    places = found(nlp("江苏省无锡市宜兴市。市长来到丁蜀镇工业园区察看项目。"))
    assert chain(places["丁蜀镇"]) == ["江苏省", "无锡市", "宜兴市"]
    assert chain(places["丁蜀镇工业园区"])[-1] == "丁蜀镇"
    places = found(nlp("浙江省丽水市遂昌县。县长深入王村口镇调研，察看了王村口红色旅游景区。"))
    assert chain(places["王村口红色旅游景区"])[-1] == "王村口镇"
    elsewhere = found(nlp("浙江省丽水市遂昌县。县长深入王村口镇调研，随后察看了千佛山旅游景区。"))
    assert chain(elsewhere["千佛山旅游景区"])[-1] == "遂昌县"  # not opened by the town's name


def test_items_of_a_list_sharing_its_level_word_are_places_written_short(nlp):
    places = found(nlp("湖南省郴州市宜章县。县长察看了里田、梅田、岩泉等镇的烟叶项目。"))
    assert {"里田镇", "梅田镇", "岩泉镇"} <= set(places)
    assert chain(places["岩泉镇"]) == ["湖南省", "郴州市", "宜章县"]
    villages = found(nlp("湖南省郴州市宜章县天塘镇。镇长到南冲和台霄两村调研。"))
    assert chain(villages["台霄村"])[-1] == "天塘镇" and "南冲村" in villages
    words = found(nlp("湖南省郴州市宜章县。县长察看了水稻、烟叶等村集体经济项目。"))
    assert not [name for name, attrs in words.items() if attrs["level"] in ("town", "village")]


def test_a_village_written_short_opening_a_zone_after_its_town(nlp):
    places = found(nlp("湖南省郴州市宜章县。县长来到天塘镇台霄景区察看项目。"))
    assert chain(places["台霄村"])[-1] == "天塘镇"
    assert chain(places["台霄景区"])[-1] == "天塘镇"



def test_a_street_office_written_short_only_opening_a_zone_at_home(nlp):
    places = found(nlp("重庆市永川区。开工仪式在工业园区卫星湖拓展区举行。"))
    assert chain(places["卫星湖街道"])[-1] == "永川区"
    assert chain(places["卫星湖拓展区"])[-1] == "卫星湖街道"
    assert "卫星湖街道" not in found(nlp("重庆市江津区。开工仪式在工业园区卫星湖拓展区举行。"))  # not at home
    assert "卫星湖街道" not in found(nlp("重庆市永川区。区长来到卫星湖公园。"))  # not a zone's name


def test_a_street_office_written_with_jie_is_that_street_office_at_home(nlp):
    places = found(nlp("吉林省蛟河市。市委书记来到奶子山街调研，要求我市加快发展。"))
    assert chain(places["奶子山街道"])[-1] == "蛟河市"
    assert not [name for name in places if name.startswith("奶子山") and name != "奶子山街道"]
    elsewhere = found(nlp("吉林省吉林市。市委书记来到奶子山街调研，要求我市加快发展。"))
    assert "奶子山街道" not in elsewhere  # the county it lies in is not the home place


def test_a_province_short_form_in_a_zone_name_is_its_city_of_that_name(nlp):
    places = found(nlp("吉林省吉林市。市长来到吉林经开区调研。"))
    assert chain(places["吉林经开区"]) == ["吉林省", "吉林市"]
    province_zone = found(nlp("山西省太原市。省长来到山西综改示范区调研。"))
    assert chain(province_zone["山西综改示范区"]) == ["山西省"]  # no city called 山西市


def test_a_common_word_listed_among_places_is_a_place(nlp):
    places = found(nlp("海南省。委员们赴三亚、陵水、东方等地视察。"))
    assert chain(places["东方市"]) == ["海南省"]
    assert "东方市" not in found(nlp("海南省。委员们赴三亚、东方红农场视察。"))  # not an item of the list
    assert "东方市" not in found(nlp("广东省。代表们到深圳、东方电气视察。"))


def test_a_zone_listed_among_counties_lies_in_their_city(nlp):
    places = found(nlp("贵州省。省长深入铜仁市江口县、碧江区、大龙开发区调研。"))
    assert chain(places["大龙开发区"]) == ["贵州省", "铜仁市"]
    apart = found(nlp("贵州省。省长到江口县调研，随后到大龙开发区调研。"))
    assert chain(apart["大龙开发区"]) == ["贵州省"]  # not in the list: the home place


def test_a_described_zone_head_inside_a_project_name_makes_no_zone(nlp):
    assert "瓯江新城" not in found(nlp("浙江省温州市。市长来到瓯江新城综合体项目察看进度。"))  # a head alone
    assert "柳塘工业园区" not in found(nlp("湖南省汝城县。县长来到柳塘工业园区建设项目现场。"))  # the park built
    assert "瓯江新城" in found(nlp("浙江省温州市。市长来到瓯江新城，察看商业综合体项目。"))


@pytest.mark.parametrize(
    ("text", "zone", "parent"),
    [
        ("湖南省郴州市汝城县。县长来到柳塘工业园区污水处理厂项目建设现场。", "柳塘工业园区", "汝城县"),
        ("湖北省咸宁市通山县。县长察看了溪口科技园区标准厂房工程。", "溪口科技园区", "通山县"),
        ("浙江省温州市。市长来到瓯江新城商业综合体项目察看进度。", "瓯江新城", "温州市"),
        ("湖南省郴州市汝城县。县长来到湖南省汝城县柳塘工业园区污水处理厂项目建设现场。", "柳塘工业园区", "汝城县"),
        ("湖南省郴州市汝城县。县长来到柳塘工业园区数据中心项目建设现场。", "柳塘工业园区", "汝城县"),  # one ORG word
        ("四川省广元市。市长来到剑门示范区文创中心项目。", "剑门示范区", "广元市"),  # one LOC word
    ],
)
def test_a_zone_read_as_one_name_opening_a_site_s_name_is_a_place(nlp, text, zone, parent):
    assert chain(found(nlp(text))[zone])[-1] == parent


def test_a_zone_word_in_an_aim_or_a_company_s_name_opening_a_project_name_is_no_place(nlp):
    for text in ("湖南省郴州市汝城县。县长强调，要打造绿色低碳工业园区污水处理工程。",  # LAC: 低碳工业园区/LOC
                 "湖南省郴州市汝城县。县长察看了汝城工业园区开发投资有限公司标准厂房项目。"):
        assert not [name for name in found(nlp(text)) if name.endswith("园区")], text


def test_a_zone_lac_glued_to_a_list_joiner_is_a_place(nlp):
    words = ["湖北省", "通山县", "。", "县长", "来到", "宏达", "公司", "和洪港工业园区", "污水", "管网", "工程", "。"]
    tags = ["LOC", "LOC", "w", "n", "v", "nz", "n", "c", "n", "n", "n", "w"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    for token, tag in zip(doc, tags, strict=True):
        token.tag_ = tag
    for name in nlp.pipe_names:
        doc = nlp.get_pipe(name)(doc)
    places = found(doc)
    assert chain(places["洪港工业园区"])[-2:] == ["通山县", "洪港镇"]  # named after the town it lies in
    assert chain(places["洪港镇"])[-1] == "通山县"
    assert "和洪港工业园区" not in places


def test_a_quoted_name_before_a_zone_head_is_the_zone_s_name_unless_it_is_a_goal(nlp):
    places = found(nlp("山东省济南市。市长来到“智造谷”产业园区调研，强调要打造“双循环”示范区。"))
    assert chain(places["“智造谷”产业园区"]) == ["山东省", "济南市"]
    assert not [name for name in places if "双循环" in name]


def test_a_park_is_a_zone_where_it_hosts_an_event(nlp):
    places = found(nlp("四川省宜宾市。开工仪式在临港智能终端产业园举行，市长出席。"))
    assert chain(places["临港智能终端产业园"]) == ["四川省", "宜宾市"]
    visited = found(nlp("四川省宜宾市。市长来到临港智能终端产业园，察看厂房建设。"))
    assert "临港智能终端产业园" not in visited  # a park being built: a project


def test_a_park_governed_by_a_committee_is_a_zone(nlp):
    places = found(nlp("四川省宜宾市。临港智能终端产业园管委会主任陪同调研。"))
    assert chain(places["临港智能终端产业园"]) == ["四川省", "宜宾市"]


def test_a_zone_lies_in_the_place_its_sentence_opens_in(nlp):
    places = found(nlp("广东省佛山市。在湛江期间，市长考察了海东新城。"))
    assert chain(places["海东新城"]) == ["广东省", "湛江市"]
    places = found(nlp("广东省佛山市。市长在湛江考察后，来到海东新城。"))
    assert chain(places["海东新城"]) == ["广东省", "佛山市"]  # the sentence does not open in 湛江


def test_a_two_character_river_name_is_no_village_written_short(nlp):
    places = found(nlp("湖北省丹江口市。市委书记来到汉江丹江口段察看治理工程，要求我市加快建设。"))
    assert "汉江村" not in places
    assert "汉江村" in found(nlp("湖北省丹江口市。市委书记来到汉江村察看治理工程，要求我市加快建设。"))


def test_bare_zone_heads_listed_after_a_generic_one_are_generic(nlp):
    generic = found(nlp("辽宁省沈阳市。省长强调，全省经开区、高新区等各类园区要争先进位。"))
    assert not [name for name, attrs in generic.items() if attrs["level"] == "zone"]
    own = found(nlp("辽宁省沈阳市。市长来到经开区、高新区调研。"))
    assert {"经开区", "高新区"} <= set(own)


def test_a_level_qualifier_or_a_sluice_makes_no_place(nlp):
    assert "自治区级开发区" not in found(nlp("广西壮族自治区南宁市。该园区是自治区级开发区。"))
    assert "北关区" not in found(nlp("河南省安阳市。市长来到汤阴、北关闸察看防汛。"))
    assert "北关区" in found(nlp("河南省安阳市。市长来到汤阴、北关调研。"))


def test_a_community_the_gazetteer_lacks_right_after_its_town(nlp):
    places = found(nlp("湖南省郴州市宜章县。在天塘镇青松社区、马跑村安置小区，县长察看建设。"))
    assert chain(places["青松社区"])[-1] == "天塘镇"
    assert "青松社区" not in found(nlp("湖南省郴州市宜章县。在天塘镇，县长察看青松社区建设。"))  # not right after


def test_a_region_naming_a_strategy_is_no_place(nlp):
    assert "长三角" not in found(nlp("安徽省芜湖市。要深度融入长三角一体化发展，推动产业升级。"))
    assert "长三角" in found(nlp("安徽省芜湖市。招商小分队深入长三角地区开展招商。"))


def test_an_old_town_kept_as_a_scenic_area_is_a_zone(nlp):
    places = found(nlp("四川省雅安市雨城区。区长来到上里古镇调研旅游发展。"))
    assert chain(places["上里古镇"])[:3] == ["四川省", "雅安市", "雨城区"]
    assert not [name for name in found(nlp("重庆市。要打造一批特色古镇。")) if name.endswith("古镇")]


def test_a_division_name_starting_inside_a_zone_head_is_part_of_the_zone(nlp):
    for sentence in ("湖北省荆门市委书记到漳河新城西区调研产业项目建设。", "河南省南阳市市长赴白河新城东区察看重点项目进展。",
                     "县委书记在青龙新城西区调研招商引资工作。"):
        places = found(nlp(sentence))
        assert "城西区" not in places and "城东区" not in places, sentence
        assert all("城西区" not in chain(attrs) and "城东区" not in chain(attrs) for attrs in places.values()), sentence
    near_misses = found(nlp("广西柳州市城中区和福建省莆田市城厢区负责同志参加项目推进会。"))
    assert chain(near_misses["城中区"]) == ["广西壮族自治区", "柳州市"]
    assert chain(near_misses["城厢区"]) == ["福建省", "莆田市"]


def test_sumu_and_management_areas_are_townships(nlp):
    assert chain(found(nlp("在巴林右旗，旗委书记来到巴彦塔拉调研。"))["巴彦塔拉苏木"]) == ["内蒙古自治区", "赤峰市", "巴林右旗"]
    assert found(nlp("旗长深入那仁宝拉格苏木察看牧民定居点项目。"))["那仁宝拉格苏木"]["level"] == "town"
    assert chain(found(nlp("市委书记到周矶管理区调研虾稻产业项目。"))["周矶管理区"]) == ["湖北省", "潜江市"]
    assert found(nlp("区委书记到管理区调研，强调要加强社区管理。")) == {}  # the bare word names no unit


def test_a_listed_village_written_before_a_village_word_keeps_one_cun(nlp):
    places = found(nlp("湖南省郴州市汝城县。县领导先后走访仙溪村油茶园、兰洞村民宿、石门坳村村整体风貌提升工程。"))
    assert places["石门坳村"]["level"] == "village" and "石门坳村村" not in places
    assert "梅子岭村" in found(nlp("湖南省郴州市汝城县。县领导先后走访仙溪村油茶园、兰洞村民宿、梅子岭村村庄整治工程。"))


def test_a_short_form_with_its_level_character_split_by_the_words(nlp):
    for sentence, name in (("云南省省长调研怒江州“三农”发展状况。", "怒江傈僳族自治州"),
                           ("云南省副省长督导迪庆州“双减”落实情况。", "迪庆藏族自治州")):
        places = found(nlp(sentence))
        assert chain(places[name]) == ["云南省"], sentence
        assert all(attrs["level"] != "county" for attrs in places.values()), sentence  # not 江州区 or the like


def test_a_village_short_form_one_character_short_of_a_longer_name_is_not_the_village(nlp):
    county = "湖南省郴州市汝城县。"
    for sentence in ("县长查看了三江口瑶族镇兰洞坪千亩油茶示范园建设进度。", "县长查看了三江口瑶族镇仙溪坪千亩油茶示范园建设进度。"):
        assert not {"兰洞村", "仙溪村"} & set(found(nlp(county + sentence))), sentence
    assert "兰洞村" in found(nlp(county + "县长查看了兰洞千亩油茶示范园建设进度。"))
    assert "兰洞村" in found(nlp(county + "县长来到兰洞走访脱贫户。"))


def test_a_short_form_naming_a_bay_is_not_the_division(nlp):
    assert "胶州市" not in found(nlp("山东省青岛市市长到胶州湾调研海洋生态修复项目。"))
    assert "胶州市" in found(nlp("山东省青岛市市长到胶州调研海洋生态修复项目。"))


def test_park_holding_a_named_site_is_a_zone(nlp):
    doc = nlp("湖北省宜昌市。副市长来到长阳县青松工业园碳纤维研发基地，了解园区建设情况。")
    places = found(doc)
    assert chain(places["青松工业园"]) == ["湖北省", "宜昌市", "长阳土家族自治县"]  # 长阳县: the county written short
    assert "长阳县青松工业园" not in places


def test_park_built_itself_is_not_a_zone(nlp):
    for text in ("湖北省宜昌市。长阳县加快青松产业园建设项目进度。", "湖北省宜昌市。县长察看青松产业园二期厂房。",
                 "湖北省宜昌市。县长察看青松产业园、碳纤维研发基地。"):
        assert "青松产业园" not in found(nlp(text)), text


def test_zone_named_inside_a_park_lies_in_it(nlp):
    doc = nlp("安徽省来安县。县长考察了来安工业园青岗工业区汽车配件项目。")
    places = found(doc)
    assert chain(places["来安工业园"])[-1] == "来安县"
    assert chain(places["青岗工业区"])[-2:] == ["来安县", "来安工业园"]
    assert "来安工业园青岗工业区" not in places


def test_village_short_form_opening_a_site_of_a_county_named(nlp):
    doc = nlp("湖北省英山县。县长赴罗田县考察学习，来到三官殿茶叶加工基地，察看了项目进度。")
    places = found(doc)
    assert doc._.home_place == "英山县"  # the county visited is named, not the home place
    assert chain(places["三官殿村"])[-2:] == ["罗田县", "三里畈镇"]
    assert "三官殿" not in places


def test_short_form_not_opening_a_site_nor_a_common_word_is_no_village(nlp):
    for text in ("湖北省英山县。县长赴罗田县考察学习，察看了三官殿的茶园。",  # no site's name follows
                 "湖北省英山县。县长赴罗田县考察学习，察看了凉亭茶叶加工基地。",  # 凉亭 is a common word
                 "湖北省英山县。县长赴罗田县考察学习，走访了三官殿茶业发展有限公司生产基地。",  # a company's name
                 "湖北省英山县。县长来到三官殿茶叶加工基地。"):  # no county of the village named
        assert not {"三官殿村", "凉亭村"} & set(found(nlp(text))), text


def test_items_listed_with_towns_of_a_county_are_its_towns(nlp):
    doc = nlp("湖北省罗田县。县长先后到凤山镇、大崎镇、匡河、青枫湖街道等地调研。")
    places = found(doc)
    assert chain(places["匡河镇"])[-1] == "罗田县"  # written short in the list
    assert chain(places["青枫湖街道"])[-1] == "罗田县"  # a street the gazetteer lacks
    assert "匡河" not in places


def test_one_listed_town_does_not_make_its_neighbours_towns(nlp):
    places = found(nlp("湖北省罗田县。县长先后到凤山镇、青枫湖街道等地调研。"))
    assert "青枫湖街道" not in places


def test_short_form_alone_names_the_city_rather_than_a_district_elsewhere(nlp):
    assert "甘南藏族自治州" in found(nlp("5月6日，甘南召开高原畜牧产业发展推进会。"))  # not 甘南县 of another province
    places = found(nlp("黑龙江省齐齐哈尔市。5月6日，甘南召开大豆产业发展推进会。"))
    assert "甘南县" in places and "甘南藏族自治州" not in places  # a county of the city named fits better


def test_town_short_form_opening_a_zone_is_the_town(nlp):
    places = found(nlp("湖北省罗田县。县长考察了罗田工业园河铺工业区复合板材项目。"))
    assert chain(places["河铺镇"])[-1] == "罗田县"  # LAC reads 河铺 as a common noun
    assert "河铺工业区" in places
    assert "河铺镇" not in found(nlp("湖北省罗田县。县长考察河铺的企业生产情况。"))


def test_village_of_another_town_of_a_named_towns_county(nlp):
    places = found(nlp("湖北省英山县。县长赴骆驼坳镇考察学习，又来到三官殿村察看茶园。"))
    assert chain(places["三官殿村"])[-2:] == ["罗田县", "三里畈镇"]  # 骆驼坳镇 is of 罗田县 too
    assert "三官殿村" not in found(nlp("湖北省英山县。县长来到三官殿村察看茶园。"))  # no town of its county named


def test_bare_zone_listed_with_towns_is_the_home_places(nlp):
    doc = nlp("四川省三台县。县委书记调研，县领导陪同。经济开发区、青石街道、白沙镇以及县政府办公室负责人参加。")
    assert chain(found(doc)["经济开发区"])[-1] == "三台县"
    assert "芦溪镇" in found(nlp("四川省三台县。县委书记调研。芦溪镇、开发区负责人参加。"))
    assert "开发区" in found(nlp("四川省三台县。县委书记调研。芦溪镇、开发区负责人参加。"))


def test_bare_zone_listed_with_a_generic_item_is_no_zone(nlp):
    for text in ("四川省三台县。县委书记调研。各乡镇、经济开发区负责人参加。",
                 "四川省三台县。县委书记调研。经济开发区、有关部门负责人参加。"):
        assert "经济开发区" not in found(nlp(text)), text


def test_hamlet_of_the_home_county(nlp):
    places = found(nlp("黑龙江省桦南县。县长来到柳条屯，察看大豆种植基地。"))
    assert places["柳条屯"]["level"] == "village" and chain(places["柳条屯"])[-1] == "桦南县"
    assert "柳条屯" not in found(nlp("县长来到柳条屯，察看大豆种植基地。"))  # no home county to put it in


@pytest.mark.parametrize("text, zone, parent", [
    ("新疆维吾尔自治区塔城地区。地委书记来到塔城经济开发区调研。", "塔城经济开发区", "塔城市"),
    ("湖北省。省长来到恩施高新区调研。", "恩施高新区", "恩施市"),
    ("新疆维吾尔自治区。自治区主席来到阿克苏经济技术开发区调研。", "阿克苏经济技术开发区", "阿克苏市"),
])
def test_a_zone_named_after_a_prefecture_lies_in_its_seat_of_that_name(nlp, text, zone, parent):
    assert chain(found(nlp(text))[zone])[-1] == parent


def test_a_zone_named_after_a_prefecture_level_city_or_written_in_full_lies_in_it(nlp):
    city_zone = found(nlp("辽宁省。省长来到锦州高新区调研。"))
    assert chain(city_zone["锦州高新区"])[-1] == "锦州市"  # a prefecture-level city has no seat of its name
    written_in_full = found(nlp("湖北省。省长来到恩施州工业园区调研。"))
    assert chain(written_in_full["恩施州工业园区"])[-1] == "恩施土家族苗族自治州"


@pytest.mark.parametrize("text, zone, parent", [
    ("浙江省。3日，省长到基层调研。在瑞安新材料产业园，他察看了企业车间。", "瑞安新材料产业园", "瑞安市"),
    ("江西省龙南市。市委书记调研。在龙南电子信息产业园,他走进多家企业。", "龙南电子信息产业园", "龙南市"),
])
def test_a_park_opening_a_clause_as_its_scene_is_a_place(nlp, text, zone, parent):
    assert chain(found(nlp(text))[zone])[-1] == parent


@pytest.mark.parametrize("text, zone", [
    ("浙江省。市里将在瑞安新材料产业园，建设一批厂房。", "瑞安新材料产业园"),
    ("江西省。在龙南电子信息产业园建设标准厂房。", "龙南电子信息产业园"),
])
def test_a_park_not_opening_a_clause_as_its_scene_is_not_a_place(nlp, text, zone):
    assert zone not in found(nlp(text))


@pytest.mark.parametrize("text, zone, parent", [
    ("四川省。在屏山县生态农业产业园，省长察看茶叶基地。", "屏山县生态农业产业园", "屏山县"),
    ("河南省。省长来到淅川县现代物流产业园区调研。", "淅川县现代物流产业园区", "淅川县"),
])
def test_a_county_s_park_named_by_description_keeps_the_county_in_its_name(nlp, text, zone, parent):
    places = found(nlp(text))
    assert chain(places[zone])[-1] == parent
    assert zone[3:] not in places


def test_short_forms_opening_what_an_official_goes_to(nlp):
    places = found(nlp("湖南省宁乡市。5月6日，市委书记先后来到灰汤温泉康养中心建设项目调研。"))
    assert chain(places["灰汤镇"])[-1] == "宁乡市"  # LAC glues the town into the site's name
    places = found(nlp("江苏省兴化市。市委书记先后来到紫荆河老旧小区改造项目、五里亭停车场新建工程调研。"))
    assert chain(places["紫荆河社区"])[-2:] == ["兴化市", "临城街道"]  # a 社区 named on its own, where one goes
    assert chain(places["五里亭社区"])[-2:] == ["兴化市", "临城街道"]
    places = found(nlp("江苏省兴化市。市长来到陶庄电厂察看电力供应情况。"))
    assert chain(places["陶庄镇"])[-1] == "兴化市"  # 陶庄镇 holds 陶庄村: the town; a facility named after it


def test_short_forms_not_opening_what_an_official_goes_to(nlp):
    for text in ("江苏省兴化市。市委书记听取了紫荆河老旧小区改造项目汇报。",  # nobody goes there
                 "江苏省兴化市。市委书记来到紫荆河的老旧小区看望居民。",  # no name goes on
                 "江苏省兴化市。市长走进陶庄实验学校。",  # a school: an organisation's name
                 "江苏省兴化市。市长听取陶庄电厂的汇报。",
                 "湖南省宁乡市。市委书记走进梅家田养老服务有限公司。"):  # a company's name
        assert not {"紫荆河社区", "陶庄镇", "陶庄村", "梅家田社区"} & set(found(nlp(text))), text


def test_a_province_by_its_one_character_abbreviation(nlp):
    places = found(nlp("5月6日，株洲市市长在推介会上表示，欢迎更多企业来湘投资兴业。"))
    assert places["湖南省"]["level"] == "province"
    places = found(nlp("江西省九江市。市长说，要深化沪苏两地协作。"))
    assert {"上海市", "江苏省"} <= set(places)


def test_a_one_character_abbreviation_needs_its_frame(nlp):
    for text, province in (("江西省九江市。市长到京东物流园区调研。", "北京市"),  # no verb of going before
                           ("江西省九江市。市长说，援疆干部要扎根边疆。", "新疆维吾尔自治区"),  # an aid programme
                           ("江西省吉安市。市长欢迎客商来吉投资。", "吉林省")):  # the document's 吉安
        assert province not in found(nlp(text)), text


def test_a_short_form_followed_by_its_own_division_named_with_a_town_head(nlp):
    places = found(nlp("会上，江苏镇江和浙江宁波镇海的代表发言。"))
    assert {"江苏省", "镇江市"} <= set(places)  # 江苏 before 镇: not a town 江苏镇, 镇江 is of 江苏
    assert chain(places["镇海区"]) == ["浙江省", "宁波市"]
    assert "宁波市" not in found(nlp("会上，宁波镇的代表发言。"))  # 镇 and no division of it: a town's name


def test_a_town_and_one_of_its_villages_written_short_together(nlp):
    places = found(nlp("江苏省兴化市。市长先后来到垛田凌翟安置房建设工地、临城刘陆污水处理厂调研。"))
    assert chain(places["凌翟村"])[-2:] == ["兴化市", "垛田街道"]  # LAC reads neither as a place
    assert chain(places["垛田街道"])[-1] == "兴化市"
    assert chain(places["刘陆村"])[-2:] == ["兴化市", "临城街道"]
    places = found(nlp("江苏省兴化市。市长来到临城凌翟安置房建设工地。"))  # a village of another town: no pair
    assert not {"临城街道", "凌翟村"} & set(places)


def test_a_division_before_a_group_naming_a_site_of_it_is_where_the_site_is(nlp):
    places = found(nlp("湖南省长沙市。市长察看了宁乡市湘润集团滨江新材料基地建设情况。"))
    assert chain(places["宁乡市"]) == ["湖南省", "长沙市"]
    for text in ("湖南省长沙市。市长察看了宁乡市兴达机械有限公司智能制造基地建设情况。",  # a registered company's name
                 "湖南省长沙市。市长会见了宁乡市湘润集团负责人。"):  # no site of the group
        assert "宁乡市" not in found(nlp(text)), text


def test_a_place_opening_a_college_or_hospital_name_is_no_mention(nlp):
    assert "湖南省" not in found(nlp("4月5日，市长到湖南电子科技职业学院项目施工现场调研。"))
    assert "宁乡市" not in found(nlp("湖南省长沙市。市长到宁乡市人民医院调研。"))
    assert "湖南省" in found(nlp("4月5日，湖南岳麓书院文化园项目开工。"))  # a project's name, no institution


def test_a_numbered_road_s_section_named_after_a_town(nlp):
    places = found(nlp("湖南省宁乡市。市长先后察看了S208黄材段、G319道林段改造工程。"))
    assert chain(places["黄材镇"])[-1] == "宁乡市"  # LAC glues road number, town and 段 into one word
    assert chain(places["道林镇"])[-1] == "宁乡市"
    places = found(nlp("湖南省宁乡市。市长察看了S208青松段改造工程。"))  # no town or village of that name
    assert set(places) == {"湖南省", "宁乡市"}


def test_a_two_character_village_listed_with_villages_of_its_town(nlp):
    places = found(nlp("湖南省宁乡市。市长先后察看了八石村稻虾基地、杏村果园提质项目、双盆村光伏电站。"))
    assert chain(places["杏村"])[-2:] == ["宁乡市", "灰汤镇"]
    places = found(nlp("湖南省宁乡市。市长先后察看了八石村稻虾基地、杏村果园提质项目。"))  # one village: no list
    assert "杏村" not in places


def test_a_county_before_a_company_name_opening_with_a_province_is_where_it_sits(nlp):
    places = found(nlp("湖南省长沙市。省长先后来到宁乡市江西兴达机械有限公司、浏阳市湖南华锐新材料公司调研。"))
    assert chain(places["宁乡市"]) == chain(places["浏阳市"]) == ["湖南省", "长沙市"]
    for text in ("湖南省长沙市。省长来到宁乡市兴达机械有限公司调研。",  # the company's name opens with the county
                 "湖南省长沙市。省长来到宁乡江西兴达机械有限公司调研。"):  # a short form is the company's origin
        assert "宁乡市" not in found(nlp(text)), text
