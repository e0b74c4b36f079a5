"""kg_officials on seed sentences and on sentences written for these tests (other provinces, other forms)."""

from __future__ import annotations

import pytest

from kg.model import Document
from kg.pipeline import load
from kg.normalise import normalise

ENTITY_COMPONENTS = ("kg_sentences", "kg_places", "kg_officials", "kg_persons", "kg_organizations")


def entity_doc(text: str, normalised: bool = True):
    """The Doc after the entity components only (relations are tested elsewhere)."""
    nlp = load()
    if normalised:
        clean = normalise(Document(doc_id="test", source="test", raw=text))
        doc = nlp.make_doc(clean.text)
        doc._.clean = clean
    else:
        doc = nlp.make_doc(text)
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in ENTITY_COMPONENTS]):
        return nlp(doc)


def officials(doc) -> dict[str, list[str]]:
    """Official name → titles (the same on every mention)."""
    return {span._.canonical: span._.attrs["titles"] for span in doc.spans.get("officials", [])}


def mentions(doc, group: str, name: str) -> list[str]:
    return [span.text for span in doc.spans.get(group, []) if span._.canonical == name]


def test_chain_of_titles_is_one_official():
    doc = entity_doc("3月8日，县委常委、县委办主任、常务副县长闫晋中带队检查春耕备耕工作。")
    assert officials(doc) == {"闫晋中": ["县委常委", "县委办主任", "常务副县长"]}


def test_enumeration_after_collective_title():
    doc = entity_doc("4月2日，平江县召开重点项目推进会，县领导周文海、郑立群、马春生参加会议。")
    found = officials(doc)
    assert {"周文海", "郑立群", "马春生"} <= set(found)
    assert all(found[name] == ["县领导"] for name in ("周文海", "郑立群", "马春生"))


def test_seed_enumeration_repairs_short_lac_name_and_reads_zone_titles():
    doc = entity_doc(
        "市领导任希杰、王明厚、王宏栓,大同经开区党工委书记、管委会主任、云州区委书记宁文鑫及有关县区和部门负责同志参加。"
    )
    found = officials(doc)
    assert set(found) == {"任希杰", "王明厚", "王宏栓", "宁文鑫"}
    assert found["宁文鑫"] == ["大同经开区党工委书记", "管委会主任", "云州区委书记"]


def test_traditional_text_name_boundaries_and_propagation():
    doc = entity_doc(
        "7月15日,市委副書記、市長鞠振調研我市重點工程項目建設進展。在項目現場,鞠振實地了解項目進度。"
        "隨後,鞠振察看項目規劃建設。"
    )
    assert officials(doc) == {"鞠振": ["市委副书记", "市长"]}
    assert mentions(doc, "officials", "鞠振") == ["鞠振", "鞠振", "鞠振"]


def test_bare_mentions_carry_the_titles_found_once():
    doc = entity_doc("5月6日，州委书记龙宏远深入凯里经济开发区调研。龙宏远一行来到产业园区。龙宏远强调，要加快建设。")
    spans = [span for span in doc.spans["officials"] if span._.canonical == "龙宏远"]
    assert len(spans) == 3
    assert all(span._.attrs["titles"] == ["州委书记"] for span in spans)


def test_a_title_distributes_over_listed_names():
    doc = entity_doc("县委常委、宣传部长薛云涛,政府副县长张瑞轩、王大凤等参加。")
    found = officials(doc)
    assert found["张瑞轩"] == found["王大凤"] == ["政府副县长"]
    assert found["薛云涛"] == ["县委常委", "宣传部长"]


def test_a_listed_title_does_not_swallow_the_next_official():
    doc = entity_doc("市长林海涛、副市长陈思远率市发改委、市工信局负责同志深入企业走访。")
    assert officials(doc) == {"林海涛": ["市长"], "陈思远": ["副市长"]}


def test_a_title_stops_at_the_name_before_it():
    doc = entity_doc("区委书记邵建明，区长冉志强，区政协主席吕丽萍及区人大常委会副主任冯国栋出席开工仪式。")
    found = officials(doc)
    assert found["冉志强"] == ["区长"]
    assert found["冯国栋"] == ["区人大常委会副主任"]


def test_form_of_address_after_the_name():
    doc = entity_doc("他强调，要深入学习贯彻习近平总书记重要讲话精神，推动项目早日投产。")
    assert officials(doc) == {"习近平": ["总书记"]}


def test_names_without_a_chinese_surname_after_a_title():
    doc = entity_doc("2月6日，自治区党委副书记、自治区主席次仁平措来到拉萨市调研，自治区副主席次旦陪同。")
    found = officials(doc)
    assert found.get("次旦") == ["自治区副主席"]


@pytest.mark.parametrize(
    "sentence",
    [
        "中科纳米产业集团党委委员、副总裁曹冬梅一行来我县考察。",  # company post
        "县委、县政府高度重视项目建设，各级领导干部要靠前服务。",  # no name
        "全省上下要深入贯彻落实省委书记重要讲话精神。",  # a title without a name
    ],
)
def test_no_official(sentence):
    assert officials(entity_doc(sentence)) == {}


def test_jurisdiction_from_the_place_in_the_title():
    doc = entity_doc("11月30日，甘肃省委常委、兰州市委书记梁卫东率领观摩团来到榆中县。")
    span = next(span for span in doc.spans["officials"] if span._.canonical == "梁卫东")
    posts = {post["title"]: post["jurisdiction"] for post in span._.attrs["posts"]}
    assert posts["兰州市委书记"] == "兰州市"
    assert posts["甘肃省委常委"] == "甘肃省"


def test_a_title_after_one_naming_its_place_keeps_that_place():
    """武汉市委副书记、市长: the 市长 is of 武汉市 too, not of the paper's own city."""
    doc = entity_doc("来源：九江日报\n8月7日，宜春市委副书记、市长周建新率代表团来我市考察，市长刘文华参加。")
    posts = {span._.canonical: span._.attrs["posts"] for span in doc.spans["officials"]}
    assert [p["jurisdiction"] for p in posts["周建新"]] == ["宜春市", "宜春市"]
    assert posts["刘文华"][0]["jurisdiction"] != "宜春市"


def test_list_joined_with_and_and_opened_with_colon():
    doc = entity_doc("出席活动的市领导有：贺建国、苏明远和欧阳丽华。")
    found = officials(doc)
    assert set(found) == {"贺建国", "苏明远", "欧阳丽华"}
    assert found["欧阳丽华"] == ["市领导"]


def test_space_between_title_and_name():
    doc = entity_doc("9月3日，省委副书记、省长 陈光明 到铜仁市调研重大项目。陈光明强调，要狠抓落实。")
    assert officials(doc) == {"陈光明": ["省委副书记", "省长"]}


def test_a_word_after_a_title_is_no_name():
    doc = entity_doc("会上，县委办主任明确要求各部门加快项目审批。")
    assert officials(doc) == {}


def test_bare_name_acting_right_after_a_list_of_officials():
    doc = entity_doc("省领导罗清宇、姜春华在主会场出席活动，谭建明通报项目集中开工情况。")
    assert officials(doc) == {"罗清宇": ["省领导"], "姜春华": ["省领导"], "谭建明": ["省领导"]}


def test_posts_carry_their_jurisdiction_down_the_chain():
    doc = entity_doc("7月26日，绛县举行项目观摩活动。县委书记解芳陪同,县经济开发区党工委书记、管委会主任程海龙,政府副县长张瑞轩参加。")
    posts = {span._.canonical: span._.attrs["posts"] for span in doc.spans["officials"]}
    zone = posts["程海龙"][0]["jurisdiction"]
    assert posts["程海龙"][1] == {"title": "管委会主任", "jurisdiction": zone}
    assert posts["张瑞轩"][0]["jurisdiction"] == posts["解芳"][0]["jurisdiction"] == "绛县"


def test_place_that_lac_took_for_a_name_stays_in_the_title():
    doc = entity_doc("永宁县委书记马春林、贺兰县委书记雍海宁分别汇报了本县项目建设情况。")
    assert officials(doc) == {"马春林": ["永宁县委书记"], "雍海宁": ["贺兰县委书记"]}


def test_assistant_and_inspector_posts_and_a_name_lac_tagged_as_a_word():
    doc = entity_doc("3月2日，市委常委、副市长、公安局局长高明远，市长助理刘静，市政府二级巡视员陈国梁到经开区调研。"
                     "公司总经理助理郑浩然陪同。")
    assert officials(doc) == {
        "高明远": ["市委常委", "副市长", "公安局局长"],
        "刘静": ["市长助理"],
        "陈国梁": ["市政府二级巡视员"],
    }


def test_words_before_a_title_are_not_part_of_it():
    doc = entity_doc("会议由市委副书记、市长吴海峰主持，活动结束后在县委书记唐亮的陪同下察看项目。")
    assert officials(doc) == {"吴海峰": ["市委副书记", "市长"], "唐亮": ["县委书记"]}


@pytest.mark.parametrize("going", ["到喀什地区", "赴阿克苏地区"])
def test_transliterated_names_with_a_middle_dot(going):
    """The last part of a dotted name ends before 到/赴 and the place LAC reads after it."""
    doc = entity_doc(f"自治区党委副书记、自治区主席阿迪力·买买提{going}调研，州委书记艾则孜·吾斯曼陪同。"
                     "阿迪力·买买提强调，要加快发展。")
    found = officials(doc)
    assert found == {"阿迪力·买买提": ["自治区党委副书记", "自治区主席"], "艾则孜·吾斯曼": ["州委书记"]}
    assert len(mentions(doc, "officials", "阿迪力·买买提")) == 2


def test_name_lac_cut_into_word_pieces():
    doc = entity_doc("5月7日，旗委副书记、旗长那日图深入牧区调研重点项目。")
    assert officials(doc) == {"那日图": ["旗委副书记", "旗长"]}


@pytest.mark.parametrize("text, listed", [
    ("5月3日，区领导赵刚、巴特尔朝鲁、李红参加调研。", ["赵刚", "巴特尔朝鲁", "李红"]),
    ("县领导孙伟、其其格玛、周海陪同考察。", ["孙伟", "其其格玛", "周海"]),
])
def test_a_name_no_rule_reads_between_two_names_of_a_list_is_one_of_them(text, listed):
    assert list(officials(entity_doc(text))) == listed


@pytest.mark.parametrize("text, item", [
    ("市领导张伟、县政府办公室、李铭远参加活动。", "县政府办公室"),
    ("市领导张伟、市发改局、李铭远参加活动。", "市发改局"),
    ("市领导张伟、副县长、李铭远参加活动。", "副县长"),
])
def test_a_body_or_a_post_between_two_names_of_a_list_is_no_name(text, item):
    assert item not in officials(entity_doc(text))


@pytest.mark.parametrize("text", ["曲阜市领导来济调研食品产业发展情况。", "县领导来宁督查项目建设。", "州领导赴滇视察。",
                                  "省领导到湘考察重点项目。"])
def test_coming_to_a_place_s_short_form_to_inspect_is_no_name(text):
    assert officials(entity_doc(text)) == {}


def test_a_surname_that_is_a_verb_of_coming_still_opens_a_name_before_no_visit_verb():
    assert list(officials(entity_doc("市领导来建国、王强参加调研。"))) == ["来建国", "王强"]


@pytest.mark.parametrize("text", ["李国华书记关切地询问了工人的生活情况。", "周海县长亲切地看望了老党员。",
                                  "区政协组织委员集体视察重点项目。", "要充分发挥人大代表和政协委员职能作用。"])
def test_an_adverb_or_a_role_word_after_a_title_is_no_name(text):
    names = officials(entity_doc(text))
    assert not any(("地" in name) or name in ("集体", "职能") for name in names)


def test_a_name_without_a_surname_still_follows_a_title():
    assert "次仁多吉" in officials(entity_doc("自治区政协委员次仁多吉陪同调研。"))


@pytest.mark.parametrize("text, name", [
    ("市委常委陈光明，市政府副市长涂新，市政协副主席王立新参加。", "涂新"),
    ("市人社局就业科科长宣洁等一行到青枫镇调研。", "宣洁"),
])
def test_a_two_character_name_lac_reads_as_a_verb_ends_an_item_of_a_list_of_officials(text, name):
    assert name in officials(entity_doc(text))


@pytest.mark.parametrize("text, name", [
    ("县委副书记、代县长常新民，县委副书记王立新参加。", "常新民"),
    ("民盟泸州市委主委程海燕带领考察组到叙永县考察。", "程海燕"),
])
def test_a_name_lac_glues_to_the_title_before_it_is_read(text, name):
    assert name in officials(entity_doc(text))


@pytest.mark.parametrize("text", ["市委书记高度重视，要求加快进度。", "县长明确要求，抓好落实。", "局长时间紧张，没有到场。",
                                  "市委书记强调，要抓好安全生产。"])
def test_two_words_or_a_verb_after_a_title_are_no_name(text):
    assert officials(entity_doc(text)) == {}


def test_a_deputy_commander_of_a_headquarters_is_an_official():
    doc = entity_doc("市委常委、副市长、援疆指挥部副指挥王立新一行赴喀什调研。")
    assert officials(doc)["王立新"][-1] == "援疆指挥部副指挥"


def test_a_comma_standing_for_a_list_mark_goes_on_with_the_list_of_names():
    doc = entity_doc("区政协主席王建国，副主席陈光明、赵丽华，孙立新，周海、吴静带领委员视察。")
    assert {name: titles[-1] for name, titles in officials(doc).items()} == {
        "王建国": "区政协主席", "陈光明": "副主席", "赵丽华": "副主席", "孙立新": "副主席", "周海": "副主席", "吴静": "副主席"}


@pytest.mark.parametrize("text, alone", [("副市长陈光明，赵丽华主持会议。", "赵丽华"),
                                         ("副市长陈光明，市长赵丽华陪同。", None)])
def test_a_name_after_a_comma_that_acts_or_has_its_own_title_is_not_in_the_list(text, alone):
    found = officials(entity_doc(text))
    assert found["陈光明"] == ["副市长"]
    if alone:
        assert alone not in found
    else:
        assert found["赵丽华"] == ["市长"]


@pytest.mark.parametrize("text, names, title", [
    ("住闽全国政协委员过文涛、林海燕、陈晓渠等参加视察。", ["过文涛", "林海燕", "陈晓渠"], "全国政协委员"),
    ("省政协常委过志明、吴建华参加调研。", ["过志明", "吴建华"], "省政协常委"),
    ("县领导过春雷、张晓东参加。", ["过春雷", "张晓东"], "县领导"),
    # people's congress deputies are officials too
    ("在湘全国人大代表过国平、李秀英、杨沛霖等参加视察。", ["过国平", "李秀英", "杨沛霖"], "全国人大代表"),
    ("市人大代表周海军、黄丽萍参加活动。", ["周海军", "黄丽萍"], "市人大代表"),
])
def test_names_listed_after_a_title_are_officials_even_when_lac_cuts_a_rare_surname_off(text, names, title):
    found = officials(entity_doc(text))
    assert all(len(found.get(name, [])) == 1 and found[name][0].endswith(title) for name in names)


@pytest.mark.parametrize("text", [
    "县委书记会议、座谈会相继召开。",
    "市发展和改革委员会、市财政局负责同志参加。",
    "人大代表们走访了恒达公司、利民公司。",
    "企业代表华腾、宏远、锦程等参加座谈。",
])
def test_a_list_of_bodies_meetings_or_companies_after_a_title_word_holds_no_official(text):
    assert officials(entity_doc(text)) == {}


def test_the_verb_to_represent_after_a_name_is_no_deputy_title():
    assert officials(entity_doc("县长周海军代表县政府发言。")) == {"周海军": ["县长"]}


@pytest.mark.parametrize("listed, place", [
    ("娄底市委书记周立强、市长邵华平陪同。", "娄底市"),  # the next item of one list, of the same place
    ("娄底市委书记周立强，市委副书记、市长邵华平陪同。", "娄底市"),
    ("娄底市委书记周立强陪同。市长邵华平主持座谈会。", "邵阳市"),  # another sentence: the paper's own city
])
def test_an_item_of_a_list_of_officials_keeps_the_place_of_the_item_before(listed, place):
    doc = entity_doc(f"来源：邵阳日报\n5月3日，邵阳市委书记钱国栋到娄底市考察。{listed}")
    posts = {span._.canonical: span._.attrs["posts"] for span in doc.spans["officials"]}
    assert posts["邵华平"][-1]["jurisdiction"] == place


@pytest.mark.parametrize("sentence", ["副市长向军随同调研。", "副市长向军参与调研。", "副市长向军陪同调研。"])
def test_a_word_of_going_along_ends_the_name_before_it(sentence):
    assert officials(entity_doc(f"10月9日，省长何立新到怀化市调研。{sentence}"))["向军"] == ["副市长"]


def test_titles_read_once_per_token_table_are_those_read_afresh():
    """kg_persons reads the titled names kg_officials read (the token ends too) while no span has cut a word since:
    the same names as reading them again; after a cut, they are read afresh from the new table."""
    from kg.nlp.officials import NameReader, TitleReader
    from kg.nlp.spans import split_at, tokens_of

    text = "市委书记张立群、市长刘文博实地察看沅陵县官庄镇项目，孟庆丰副县长陪同。"
    nlp = load()
    doc = nlp.make_doc(text)
    with nlp.select_pipes(enable=["kg_sentences", "kg_places"]):
        doc = nlp(doc)
    reader = TitleReader(NameReader())
    tokens = reader.names.tokens(doc)
    table = tokens_of(doc)
    assert tokens == dict(zip(table.starts, zip(table.ends, table.tags)))
    first = reader.read(doc, tokens)
    assert [text[item.start:item.end] for item in first] == ["张立群", "刘文博", "孟庆丰"]
    assert TitleReader(NameReader()).read(doc, NameReader().tokens(doc)) is first  # another component's readers
    assert first == reader._read(doc, tokens)
    cut = next(start + 1 for start, end in zip(table.starts, table.ends) if end - start > 1)
    split_at(doc, {cut})
    after = reader.names.tokens(doc)
    assert after is not tokens and after == dict(zip(tokens_of(doc).starts, zip(tokens_of(doc).ends, tokens_of(doc).tags)))
    assert reader.read(doc, after) is not first and reader.read(doc, after) == reader._read(doc, after)
