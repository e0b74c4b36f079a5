"""kg_projects on sentences written for these tests (other provinces, lists, ceremonies) and on seed text."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from kg.model import CleanDocument, Document
from kg.pipeline import load

ENTITY_PIPES = ("kg_sentences", "kg_places", "kg_officials", "kg_persons", "kg_organizations", "kg_projects")
SEEDS = Path(__file__).parent.parent / "seeds"


def projects(text: str) -> dict[str, set[str]]:
    """canonical name → surface forms of the project spans the entity stage finds in ``text``."""
    nlp = load()
    doc = nlp.make_doc(text)
    doc._.clean = CleanDocument(Document("t", "t", text), text, list(range(len(text) + 1)))
    for name in ENTITY_PIPES:
        doc = nlp.get_pipe(name)(doc)
    found: dict[str, set[str]] = {}
    for span in doc.spans["projects"]:
        found.setdefault(span._.canonical, set()).add(span.text)
    return found


def _tagged(words: list[str], tags: list[str]) -> Doc:
    """The entity stage on a Doc with the tokens and LAC tags given (for LAC's rarer mistakes)."""
    nlp = load()
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    for token, tag in zip(doc, tags, strict=True):
        token.tag_ = tag
    doc._.clean = CleanDocument(Document("t", "t", doc.text), doc.text, list(range(len(doc.text) + 1)))
    for name in ENTITY_PIPES:
        doc = nlp.get_pipe(name)(doc)
    return doc


def test_left_edge_stops_at_visit_verbs_and_keeps_brand_and_capacity():
    found = projects("4月12日，市委书记王建国来到德阳东方电气年产300台燃气轮机叶片项目现场，察看项目建设进度。")
    assert set(found) == {"德阳东方电气年产300台燃气轮机叶片项目"}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("他在柳州螺蛳粉产业园项目现场详细了解生产情况。", "柳州螺蛳粉产业园项目"),
        ("随后，调研组走进湘潭电机风电装备产业基地。", "湘潭电机风电装备产业基地"),
        ("总投资12亿元的岳阳城陵矶新港物流园二期工程正在加紧施工。", "岳阳城陵矶新港物流园二期工程"),
        ("该项目位于九江经开区，是九江石化年产20万吨乙二醇项目的配套工程。", "九江石化年产20万吨乙二醇项目"),
    ],
)
def test_name_starts_after_prepositions_and_particles(sentence, name):
    assert name in projects(sentence)


def test_items_of_a_list_share_the_head_dengxiangmu():
    found = projects("目前，企业正加快推进光伏玻璃深加工、超薄电子玻璃、智能仓储物流中心等项目。")
    assert set(found) == {"光伏玻璃深加工", "超薄电子玻璃", "智能仓储物流中心"}


def test_ceremony_list_with_a_count_and_a_conjunction_inside_a_company_name():
    text = "活动现场，宜宾临港智能终端产业园、长江和顺精密铸件、南溪仙源长江大桥等12个项目集中开工。"
    assert set(projects(text)) == {"宜宾临港智能终端产业园", "长江和顺精密铸件", "南溪仙源长江大桥"}


def test_colon_list_in_a_paragraph_about_projects():
    text = (
        "今年全县新签约项目9个，其中已开工4个，分别是：赣南脐橙精深加工、安远绿色食品产业园、"
        "瑞金光伏储能一体化和兴国红色文旅综合体。"
    )
    found = projects(text)
    assert {"赣南脐橙精深加工", "安远绿色食品产业园", "瑞金光伏储能一体化", "兴国红色文旅综合体"} <= set(found)


def test_colon_list_ends_at_deng_before_a_comma():
    text = (
        "本次集中开工项目包括：株洲轨道交通装备产业园、醴陵陶瓷烧制基地和“东、西两岸”滨水整治工程等，"
        "总投资48.6亿元，年度计划投资15亿元。"
    )
    found = projects(text)
    assert {"株洲轨道交通装备产业园", "醴陵陶瓷烧制基地", "东、西两岸滨水整治工程"} <= set(found)
    assert not any("投资" in name or name.endswith("等") for name in found)


def test_colon_list_without_projects_nearby_is_not_read():
    assert projects("参加座谈的企业分别是：赣南脐橙精深加工、安远绿色食品和瑞金储能科技。") == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "要推动重点工程项目早日投产，确保39个重点项目按期开工。",
        "该项目是重要的民生工程，也是全省重大项目。",
        "辽中区项目建设成效明显，一批5G基站、物联网等新基建项目加快布局。",
        "要扎实推进“百县千镇万村高质量发展工程”，打造现代化农批市场。",
        "他强调，要确保项目早建成、早投产，切实提升项目开工率。",
        # one-character generic words and numbers alone
        "要加快市重点项目建设，确保县重点工程按期完工。",
        "今年我县谋划了一大批项目，总投资超百亿元。",
        "全市“百项千亿”项目进展顺利。",
        "会议部署了“三年三工程”重大项目。",
        "要加大项目谋划力度，推动市县共建项目落地。",
        # programmes, trades and kinds
        "该乡精准扶贫项目带动了群众增收。",
        "要推进一批民生实事项目建设。",
        "察看防洪水利工程运行情况。",
        "县长深入企业生产车间和种植基地，了解茶叶加工情况。",
        "要把特色小镇建设好，吸引更多人气。",
        "推进工业技改扩能项目，促进产业升级。",
        "他详细询问了村内安置点的建设状况。",
        "来源：江门市新闻传媒中心",
        "确保年底前完成装修及附属工程。",
        # titles: a superlative or a rank before or in the name
        "沙溪镇是全国最大的铝型材加工基地，产业基础雄厚。",
        "他说，南站是成渝重要高铁枢纽，是发展的宝贵资源。",
        "这里已成为西北最先进的风电装备制造基地。",
    ],
)
def test_generic_phrases_slogans_and_goals_are_not_projects(sentence):
    assert projects(sentence) == {}


def test_quotes_are_kept_in_the_surface_and_dropped_from_the_canonical_name():
    found = projects("华能岳阳电厂2×100万千瓦“以大代小”项目现场塔吊林立。")
    assert found == {"华能岳阳电厂2×100万千瓦以大代小项目": {"华能岳阳电厂2×100万千瓦“以大代小”项目"}}


def test_short_form_gets_the_full_name():
    text = "汉川鑫泰年产20万吨再生铝项目总投资8亿元。随后，他来到鑫泰项目生产车间，察看设备安装情况。"
    assert projects(text) == {"汉川鑫泰年产20万吨再生铝项目": {"汉川鑫泰年产20万吨再生铝项目", "鑫泰项目"}}


def test_seed_enumeration_without_heads():
    text = (SEEDS / "000_e63cd45c000a4be0.txt").read_text(encoding="utf-8")
    sentence = next(line for line in text.splitlines() if "同步推进" in line)
    found = projects(sentence[: sentence.index("。", sentence.index("同步推进")) + 1])
    assert {"半导体芯片高纯石英材料", "半导体用辅材碳化硅材料", "锡纯石英砂提纯", "半导体材料产业园"} == set(found)


def test_seed_visits_keep_the_product_and_drop_the_visitor():
    text = (
        "随后,鞠振来到星火弘源年产400万吨活性氧化钙项目现场,察看项目规划建设。"
        "鞠振分别察看中新橡胶500万标米纳米管道项目、3D四面曲玻璃盖板生产基地项目。"
    )
    assert set(projects(text)) == {
        "星火弘源年产400万吨活性氧化钙项目",
        "中新橡胶500万标米纳米管道项目",
        "3D四面曲玻璃盖板生产基地项目",
    }


# --- generalisation to real articles from other provinces (sentences written for these tests) ------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("随后，调研组来到千汇物流园，详细了解园区运营情况。", "千汇物流园"),  # 千 is no number here
        ("市长走进区内鼎盛光电产业基地，察看生产线建设。", "鼎盛光电产业基地"),  # 区内 is not in the name
        ("他来到宏达特钢有限公司50万吨高强度钢材连续轧制生产线。", "宏达特钢有限公司50万吨高强度钢材连续轧制生产线"),
        ("书记先后来到大平山铁矿、东川选矿厂，察看安全生产。", "大平山铁矿"),  # a mine is a site
    ],
)
def test_names_in_real_article_shapes(sentence, name):
    assert name in projects(sentence)


def test_a_conjunction_glued_to_the_next_name_is_not_part_of_it():
    words = ["他", "深入", "金源有限公司", "和谷岭工业园区", "主干道", "工程", "项目", "现场", "。"]
    doc = _tagged(words, ["r", "v", "ORG", "c", "n", "n", "n", "s", "w"])
    assert [span.text for span in doc.spans["projects"]] == ["谷岭工业园区主干道工程项目"]


def test_rooms_of_a_plant_are_not_projects():
    assert projects("他走进企业生产控制中心，察看生产流程。") == {}


def test_headless_items_after_projects_in_one_list_are_projects():
    text = "副省长先后来到滨江新城综合体项目、解放路东延改造提升、临港物流园项目现场，察看了项目进度、安全生产情况。"
    assert set(projects(text)) == {"滨江新城综合体项目", "解放路东延改造提升", "临港物流园项目"}


def test_list_items_before_the_first_project_are_not_taken():
    text = "区委副书记、区长周海平先后来到滨江新城综合体项目、临港物流园项目、城南污水处理厂。"
    assert "区委副书记" not in projects(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "在宏远新材料有限公司，市长来到生产车间察看项目进展情况。",
        "市长来到宏远新材料有限公司，了解企业用工情况。",
        "调研组走进桂林恒远机械集团，详细了解项目建设和企业生产情况。",
    ],
)
def test_a_visited_company_stays_an_organization_even_in_a_sentence_about_projects(sentence):
    assert projects(sentence) == {}


def test_an_undertaking_a_company_names_is_a_project():
    found = projects("在宏远新材料有限公司，市长察看了宏远新材料有限公司年产5万吨锂电隔膜项目。")
    assert set(found) == {"宏远新材料有限公司年产5万吨锂电隔膜项目"}


def test_a_place_prefixes_a_name_whatever_lac_tagged_its_tokens():
    doc = _tagged(["他", "来到", "安远", "县", "翠微", "茶叶", "产业园", "。"], ["r", "v", "d", "n", "nz", "n", "n", "w"])
    assert [span.text for span in doc.spans["projects"]] == ["安远县翠微茶叶产业园"]


def test_a_registered_company_names_its_project_but_a_group_does_not():
    found = projects("详细询问华岳动力股份有限公司高端装备制造基地有关项目的土地储备情况。")
    assert set(found) == {"华岳动力股份有限公司高端装备制造基地"}
    assert projects("国家电投集团与省政府重要战略合作项目加快推进。") == {}


def test_list_numbers_are_not_part_of_names():
    text = "分会场开工项目包括：\n1.金溪镇农产品冷链物流中心项目；\n(2)年产5万吨饲料项目。"
    assert set(projects(text)) == {"金溪镇农产品冷链物流中心项目", "年产5万吨饲料项目"}


def test_functional_areas_listed_inside_a_park_are_not_projects():
    text = "园区规划主要包括生产加工区、配套共享区、电商直播与冷链配送中心等功能区。"
    assert projects(text) == {}


def test_a_title_a_place_holds_is_not_a_project():
    assert projects("他指出，宁陵县是全国重要的酥梨种植基地，要做强产业。") == {}
    assert set(projects("县委书记来到宁陵县酥梨种植基地。")) == {"宁陵县酥梨种植基地"}


def test_a_policy_class_of_projects_is_not_a_project():
    assert projects("要推动乡村振兴项目早落地、早见效。") == {}


def test_a_phase_of_a_project_is_that_project():
    text = "市长来到湘江锂电新材料项目现场。锂电新材料项目一期已完成设备安装，预计6月投产。"
    assert projects(text) == {"湘江锂电新材料项目": {"湘江锂电新材料项目", "锂电新材料项目一期"}}


def test_ronghe_belongs_to_a_name():
    assert "桃源农文旅融合提升工程" in projects("随后，一行来到桃源镇，察看了桃源农文旅融合提升工程。")


def test_programme_and_category_words_make_no_project():
    found = projects("要实施企业主体倍增工程。该项目是全市入库民生项目。")
    assert not any("倍增" in name or "入库" in name for name in found)


def test_an_area_developed_as_a_project_names_it():
    assert "翠湖新区项目" in projects("随后，县委书记先后来到翠湖新区项目建设现场，察看施工进度。")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("副市长察看了黔西南宏达煤业有限公司60万吨/年兼并重组矿井建设项目。", "黔西南宏达煤业有限公司60万吨/年兼并重组矿井建设项目"),
        ("他来到柳江5000吨/日扩建改造污水处理厂工程现场。", "柳江5000吨/日扩建改造污水处理厂工程"),
    ],
)
def test_a_capacity_with_a_rate_opens_the_product_part_of_a_name(sentence, name):
    assert name in projects(sentence)


def test_a_company_before_a_head_stays_in_the_name_whatever_lac_tagged_it():
    doc = _tagged(["在", "恒瑞", "精密铸件公司", "项目", "现场", "，", "他", "指出"], ["p", "ORG", "ad", "n", "s", "w", "r", "v"])
    assert [span._.canonical for span in doc.spans["projects"]] == ["恒瑞精密铸件公司项目"]


@pytest.mark.parametrize(
    "sentence",
    [
        "各地要加快援建项目进度。",
        "干部要摸透项目底数。",
        "要进一步健全项目推进机制。",
        "今年主攻项目和扩能项目同步推进。",
    ],
)
def test_a_head_after_verbs_and_adjectives_only_is_not_a_name(sentence):
    assert projects(sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("副县长察看了茶叶深加工项目建设情况。", "茶叶深加工项目"),
        ("随后来到黄桃罐头生产线，了解生产情况。", "黄桃罐头生产线"),
        ("他走进昭通苹果冷链物流基地。", "昭通苹果冷链物流基地"),
    ],
)
def test_a_product_before_the_head_makes_a_name(sentence, name):
    assert name in projects(sentence)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("他希望企业开拓海外市场。", set()),
        ("他询问了原料来源和销售市场。", set()),
        ("随后来到百色农产品批发市场建设现场。", {"百色农产品批发市场"}),
        ("市长察看了沙坪坝农贸市场改造工程。", {"沙坪坝农贸市场改造工程"}),
    ],
)
def test_a_market_is_a_project_only_when_it_is_a_built_market(sentence, found):
    assert set(projects(sentence)) == found


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("随后，他先后来到洞庭湖区排涝泵站、沅江港区公用码头建设现场。", "沅江港区公用码头"),
        ("随后，他先后来到洞庭湖区排涝泵站、沅江港区公用码头建设现场。", "洞庭湖区排涝泵站"),
        ("副市长察看了黔南移民安置点和都匀全民体育场。", "都匀全民体育场"),
        ("调研组走进恩施硒茶主题庄园。", "恩施硒茶主题庄园"),
        ("他来到滨湖大道南段施工现场。", "滨湖大道南段"),
        ("随后来到龙潭村农创园，了解合作社运营情况。", "龙潭村农创园"),
        ("调研组走进白鹭湾科创园。", "白鹭湾科创园"),
        ("考察了萨迦县高原农牧示范园。", "萨迦县高原农牧示范园"),
    ],
)
def test_built_facilities_end_a_name(sentence, name):
    assert name in projects(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "书记来到企业装配车间，与工人交流。",  # a room of a company
        "要加快城市道路建设，完善公园广场等配套设施。",  # kinds of works, no name
        "他来到家庭农场，与农户交流。",
    ],
)
def test_rooms_and_kinds_of_facilities_are_not_projects(sentence):
    assert projects(sentence) == {}


@pytest.mark.parametrize(
    "text",
    [
        "首页 > 资讯中心 > 政务要闻\n县长调研重点项目。",
        "2024-05-06 来源：桂林市融媒体中心\n县长调研重点项目。",
    ],
)
def test_the_source_and_the_navigation_trail_of_a_page_name_no_project(text):
    assert projects(text) == {}


def test_a_name_after_a_colon_in_the_body_is_still_read():
    assert "柳州螺蛳粉产业园项目" in projects("调研地点：柳州螺蛳粉产业园项目。")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("他察看了鄂州城市运营指挥中心及配套用房建设项目。", "鄂州城市运营指挥中心及配套用房建设项目"),
        ("他察看了青山湖片区雨污分流改造暨排水管网提升工程。", "青山湖片区雨污分流改造暨排水管网提升工程"),
    ],
)
def test_a_name_joined_by_ji_or_jiu_is_one_project(sentence, name):
    assert set(projects(sentence)) == {name}


def test_a_link_joins_only_when_a_name_follows_it():
    found = projects("会上举行了重点项目调度会暨重点项目签约仪式。")
    assert found == {}



@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("王明、李华、张强等为桂平光伏产业园等项目剪彩。", {"桂平光伏产业园"}),
        ("副县长刘军带领相关部门来县考察学习茶叶深加工、竹木家具等项目建设经验。", {"茶叶深加工", "竹木家具"}),
        ("他先后察看了宜州桑蚕丝绸、罗城毛葡萄酒、环江香猪加工等项目。", {"宜州桑蚕丝绸", "罗城毛葡萄酒", "环江香猪加工"}),
    ],
)
def test_a_shared_head_list_starts_in_the_last_item_holding_a_verb(sentence, found):
    assert set(projects(sentence)) == found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("他来到柳城县人民医院，看望医护人员。", set()),  # a body visited: an organization
        ("代表团一行深入桂林博物馆、靖江王府等地参观。", set()),
        ("他察看了柳城县人民医院建设进度。", {"柳城县人民医院"}),
        ("随后来到鹿寨县实验小学建设工地。", {"鹿寨县实验小学"}),
        ("先后察看了城南污水处理厂、鹿寨县实验小学、江口排涝泵站。", {"城南污水处理厂", "鹿寨县实验小学", "江口排涝泵站"}),
    ],
)
def test_an_institution_is_a_project_only_when_built_or_listed_among_works(sentence, found):
    assert set(projects(sentence)) == found


def _entity_stage(text: str) -> Doc:
    nlp = load()
    doc = nlp.make_doc(text)
    doc._.clean = CleanDocument(Document("t", "t", text), text, list(range(len(text) + 1)))
    for name in ENTITY_PIPES:
        doc = nlp.get_pipe(name)(doc)
    return doc


@pytest.mark.parametrize(
    ("sentence", "institution", "is_work"),
    [
        ("先后察看了临江污水处理厂、岷山县实验小学、东河排涝泵站。", "岷山县实验小学", True),
        ("调研组察看了双龙大道提升工程、青岩同心医院、白溪水厂。", "青岩同心医院", True),
        ("他先后走进青石岭煤矿、岷山县实验小学，看望一线职工和师生。", "岷山县实验小学", False),  # bodies only
        ("他先后来到鑫源化工有限公司、城西物流园、白溪丝绸博物馆。", "白溪丝绸博物馆", False),  # a tour's stops
        ("随后来到岷山县人民医院，看望医护人员。", "岷山县人民医院", False),
    ],
)
def test_organizations_and_projects_share_one_decision_for_institutions(sentence, institution, is_work):
    """kg.nlp.institutions owns the decision: a school or hospital listed among works is a project and no
    body, and the other way round, whichever component asks."""
    doc = _entity_stage(sentence)
    in_projects = any(span.text == institution for span in doc.spans["projects"])
    in_organizations = any(span.text == institution for span in doc.spans.get("organizations", []))
    assert (in_projects, in_organizations) == (is_work, not is_work)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("他来到中建五局第三工程有限公司项目部，了解施工组织情况。", set()),  # a site office
        ("在湘江设计工程有限责任公司，他了解了企业研发情况。", set()),
        ("今年集中开工重大项目12个，总投资45.6亿元、年度投资12.3亿元、带动就业3000人。", set()),
    ],
)
def test_offices_companies_and_sums_are_not_projects(sentence, found):
    assert set(projects(sentence)) == found


def test_a_verb_glued_by_lac_to_the_next_word_still_ends_a_name():
    doc = _tagged(["深入", "宁远县", "调研备", "秋播", "生产", "及", "永州", "铁路", "项目", "建设"],
                  ["v", "LOC", "v", "vn", "vn", "c", "LOC", "n", "n", "vn"])
    names = [span.text for span in doc.spans["projects"]]
    assert names and all(name.endswith("永州铁路项目") and "调研" not in name for name in names)


def test_a_verb_opening_a_list_item_stays_in_the_name():
    found = projects("随后来到百色芒果产业园、共享冷链分拣中心、田阳农批市场，察看项目进展。")
    assert "共享冷链分拣中心" in found


@pytest.mark.parametrize(
    ("words", "tags", "name"),
    [
        (["察看", "了", "贵州", "未来", "化工", "烯烃", "项目"], ["v", "u", "LOC", "TIME", "n", "n", "n"], "贵州未来化工烯烃项目"),
        (["柳州", "近日", "智能", "装备", "项目"], ["LOC", "TIME", "n", "n", "n"], "智能装备项目"),
    ],
)
def test_a_brand_lac_reads_as_a_time_stays_in_the_name_but_a_real_time_does_not(words, tags, name):
    doc = _tagged(words, tags)
    assert [span.text for span in doc.spans["projects"]] == [name]


def test_the_parts_a_project_is_made_of_are_not_projects():
    text = "他听取了南宁临空经济示范区项目汇报。该项目主要建设航空物流仓库、飞机维修机库和航空培训大楼。"
    assert set(projects(text)) == {"南宁临空经济示范区项目"}


def test_a_project_named_after_a_building_verb_elsewhere_is_kept():
    assert "梧州陶瓷产业园" in projects("全市加快建设梧州陶瓷产业园。")


def test_a_site_after_project_construction_as_a_noun_is_kept():
    found = projects("先后来到柳江螺蛳粉产业园项目建设工地和洛满镇污水处理厂，了解项目进展。")
    assert "洛满镇污水处理厂" in found


def test_a_list_sharing_a_sector_head_keeps_bracketed_phases_in_one_item():
    text = "他察看了S305红花段、滨江大道(二期、三期)、龙门港连接线等重点交通项目。"
    assert set(projects(text)) == {"S305红花段", "滨江大道(二期、三期)", "龙门港连接线"}


def test_a_sector_alone_is_no_name():
    assert projects("今年要重点推进交通项目、水利项目建设。") == {}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("他察看了南湖片区污水处理 PPP 项目。", "南湖片区污水处理PPP项目"),
        ("随后来到滨江安置区3#地块保障房项目。", "滨江安置区3#地块保障房项目"),
    ],
)
def test_a_name_keeps_plot_numbers_and_the_spaces_around_a_latin_word(sentence, name):
    assert name in projects(sentence)


def test_a_space_between_chinese_words_still_ends_a_name():
    assert set(projects("调研 柳州螺蛳粉产业园项目")) == {"柳州螺蛳粉产业园项目"}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("他来到宜宾南岸污水处理厂提标改造工程现场。", "宜宾南岸污水处理厂提标改造工程"),
        ("他来到宏远集团水光储充智能装备制造基地。", "宏远集团水光储充智能装备制造基地"),  # 储/v 充/v
    ],
)
def test_verb_like_morphemes_inside_a_name(sentence, name):
    assert name in projects(sentence)


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "在浙江华丰智慧冷链仓储、金牛智能装备、远达精密机械开工项目现场，以及振华科技、天和纸业竣工项目现场，张三详细了解建设情况。",
            {"浙江华丰智慧冷链仓储", "金牛智能装备", "远达精密机械", "振华科技", "天和纸业"},
        ),
        ("李四来到东山新能源在建项目，察看施工进度。", {"东山新能源"}),
        ("调研组走访了赣州稀土新材料、瑞金光伏玻璃新开工项目。", {"赣州稀土新材料", "瑞金光伏玻璃"}),
    ],
)
def test_a_list_before_a_stage_of_building_shares_its_head(sentence, names):
    assert set(projects(sentence)) == names


@pytest.mark.parametrize(
    "sentence",
    [
        "长沙市签约项目12个，开工项目二十个，投产项目9个。",  # counts of a place's works
        "全县开工项目131个，园区签约项目达11个。",
        "走访了湘江新区的6家企业和在建项目。",  # 和 joins another list
        "市长王某向省委报告我市2025年“百项千亿”新开工项目、续建项目情况。",  # a campaign in quotes
        "王五勉励中铁集团郴州在建项目做好安全生产。",  # a company and a place: no name of its own
    ],
)
def test_a_stage_of_building_without_a_name_before_it_names_no_project(sentence):
    assert projects(sentence) == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "要确保高质量完成医院建设任务。",
        "确保高质量完成项目建设任务，按期交付。",
        "要高起点规划滨湖新区。",
    ],
)
def test_a_verb_after_a_word_of_manner_opens_no_name(sentence):
    assert projects(sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("要高水平建设临港智能制造产业园。", "临港智能制造产业园"),  # the name starts after the verb
        ("他察看了沙洋县高标准农田建设项目。", "沙洋县高标准农田建设项目"),  # before a noun: in the name
    ],
)
def test_a_word_of_manner_before_a_noun_stays_in_the_name(sentence, name):
    assert set(projects(sentence)) == {name}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("他察看了县实验小学改扩建项目。", {"县实验小学改扩建项目"}),  # LAC: 改/v 扩建/vn
        (
            "观摩了县人民医院改扩建项目、县第二中学改扩建项目。",
            {"县人民医院改扩建项目", "县第二中学改扩建项目"},
        ),
    ],
)
def test_a_name_word_cut_in_two_stays_in_the_name(sentence, names):
    assert set(projects(sentence)) == names


def test_a_name_word_after_an_adverb_opens_no_name():
    assert projects("要确保按期改扩建项目。") == {}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("先后来到南坪失能老人集中照护中心建设项目、城北中学。", "南坪失能老人集中照护中心建设项目"),
        ("察看了县城主干道路拓宽提升工程，听取汇报。", "县城主干道路拓宽提升工程"),  # 拓宽/v 提升/v
        ("古镇风雨桥加长建设项目完工后将成为景点。", "古镇风雨桥加长建设项目"),
    ],
)
def test_two_verbs_after_a_noun_stay_in_the_name(sentence, name):
    assert name in projects(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "县长带队赴上海洽谈对接文旅项目。",  # work verbs after the place gone to
        "干部要摸清项目底数。",  # an auxiliary before a verb
    ],
)
def test_two_verbs_of_work_open_no_name(sentence):
    assert projects(sentence) == {}


@pytest.mark.parametrize(
    "sentence",
    ["会上，各乡镇汇报了重点工作项目推进情况。", "要有拳头项目、拳头产品。", "这是一个很有远见的长线项目。", "推进新能源领域项目建设。"],
)
def test_words_of_project_talk_name_no_project(sentence):
    assert projects(sentence) == {}


def test_a_word_of_project_talk_inside_a_name_stays():
    assert set(projects("他察看了城南社区工作站建设项目。")) == {"城南社区工作站建设项目"}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("调研组先后察看了市体育中心工程、临河物流园。", "市体育中心工程"),
        ("他还考察了城镇综合体项目。", "城镇综合体项目"),
        ("随后，检查组来到华百综合体项目工地。", "华百综合体项目"),
    ],
)
def test_a_one_character_generic_word_inside_a_word_keeps_the_name_specific(sentence, name):
    assert name in projects(sentence)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("随后，他来到临江新城西区二期建设现场。", "临江新城西区二期"),
        ("考察团先后走进宏盛纺织一期、滨海冷链物流园等地。", "宏盛纺织一期"),
        ("生态住宅板块的悦湖住区(一期)也已开工。", "悦湖住区(一期)"),
    ],
)
def test_a_phase_after_a_name_ends_a_project_name(sentence, name):
    assert name in {surface for surfaces in projects(sentence).values() for surface in surfaces}


@pytest.mark.parametrize(
    "sentence",
    [
        "本刊第一期将于下月出版。",
        "当前正处于三期叠加的关键阶段。",
        "该工程分两期建设，同期启动配套道路。",
    ],
)
def test_a_phase_alone_or_an_issue_number_is_no_project(sentence):
    assert projects(sentence) == {}


def test_a_list_item_that_tells_an_act_is_no_project():
    text = "考察团先后到临沂商城物流园、沂河新区污水处理厂、罗庄光伏产业园和企业进行了实地观摩学习。"
    found = projects(text)
    assert {"临沂商城物流园", "沂河新区污水处理厂", "罗庄光伏产业园"} <= set(found)
    assert not any("观摩" in name for name in found)


def test_a_name_does_not_go_on_left_past_a_person():
    found = projects("一路上，市委书记孙立平、副市长郭建新一行走园区、进车间，察看了华兴纺织产业园。")
    assert set(found) == {"华兴纺织产业园"}


def test_a_list_item_of_adjectives_and_verbs_before_its_head_is_a_name():
    found = projects("区委书记先后调研了滨江数字港、新型储能产业园、先进孵化产业园等，了解园区招商情况。")
    assert {"新型储能产业园", "先进孵化产业园"} <= set(found)


def test_a_head_after_verbs_alone_outside_a_list_is_no_name():
    assert projects("要积极争取援建项目，做好主攻项目。") == {}


def test_the_last_headless_item_of_a_tour_list_closed_by_deng():
    text = "考察团先后参观了鼓浪屿生态修复工程、集美游客服务中心、翔安国际会展城等，详细了解投资情况。"
    assert "翔安国际会展城" in projects(text)


def test_a_link_before_a_facility_joins_one_name():
    found = projects("省内知名企业投资兴建的面粉厂及仓储园项目实现签约即开工。")
    assert "面粉厂及仓储园项目" in found
    assert projects("会议听取了进度及项目建设情况汇报。") == {}  # a bare 项目 after the link


def test_places_listed_before_a_name_share_its_common_words():
    text = "在临澧县修梅镇高桥村、新安镇和城关镇杨板村整体搬迁安置项目现场，市长察看了建设情况。"
    found = projects(text)
    assert {"临澧县修梅镇高桥村整体搬迁安置项目", "新安镇整体搬迁安置项目", "城关镇杨板村整体搬迁安置项目"} <= set(found)


def test_places_of_a_tour_do_not_share_a_proper_name():
    text = "调研组先后到石门县皂市镇、夹山镇、壶瓶山镇江坪河水电站，察看防汛准备。"
    found = projects(text)
    assert not any(name.startswith(("皂市镇", "夹山镇")) for name in found)


def test_a_trade_with_a_name_is_still_a_project():
    found = projects("他来到岚皋县魔芋种植基地和平利县生猪养殖小区。")
    assert "岚皋县魔芋种植基地" in found


def test_an_aim_verb_used_as_a_noun_after_a_noun_stays_in_the_name():
    assert "丰禾种业公司种子培育基地" in projects("他来到丰禾种业公司种子培育基地，听取新品种介绍。")
    assert projects("要培育壮大龙头企业，打造现代化农批市场。") == {}  # aims before a name


def test_a_short_form_whose_core_stands_in_pieces_in_the_full_name_is_one_project():
    text = (
        "省委书记考察中电哈密50MW光热电站。图为考察中电50MW光热项目主控室。"
        "随后来到宁德时代锂电材料产业园，察看锂电用负极石墨材料生产线。"
    )
    found = projects(text)
    assert found["中电哈密50MW光热电站"] == {"中电哈密50MW光热电站", "中电50MW光热项目"}
    assert "宁德时代锂电材料产业园" in found  # 锂电|材料 stand far apart in the other name


def test_a_name_after_a_superlative_of_something_else_is_kept():
    assert "宜昌磷化工循环产业园" in projects("市长来到全省最大的磷肥企业宜化集团的宜昌磷化工循环产业园。")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("副市长走进园区，察看了高端纸品生产线、超级压铸生产线等。", "超级压铸生产线"),
        ("县长一行察看了精密铸件车间、非常规气体提纯生产线、超级易装配件生产线。", "超级易装配件生产线"),
    ],
)
def test_words_read_as_adverbs_opening_a_list_item_stay_in_its_name(sentence, name):
    assert name in projects(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "全县形成了全面推进项目、全力服务项目、全心保障项目的热潮。",  # manners before a bare head
        "县长察看了汽配物流园、先后走访甘泉冷链物流中心。",  # a stop opens no name
    ],
)
def test_a_manner_or_a_stop_opening_a_list_item_stays_out_of_a_name(sentence):
    assert not any(name.startswith(("全", "先后")) for name in projects(sentence))


def test_list_items_named_by_their_investment_are_projects():
    text = "投资1.2亿元的滨河绿道提升、投资800万元的城关中学改扩建、东湖水质治理、南门路风貌示范街，均已完工。"
    assert {"滨河绿道提升", "城关中学改扩建", "东湖水质治理", "南门路风貌示范街"} <= set(projects(text))


def test_an_investment_stays_out_of_the_items_of_a_shared_head():
    text = "今年，投资1.2亿元的滨河绿道提升、投资800万元的城关中学改扩建等民生项目相继完工。"
    assert set(projects(text)) == {"滨河绿道提升", "城关中学改扩建"}


@pytest.mark.parametrize(
    "sentence",
    [
        "投资5亿元的厂房正在加紧建设。",  # no list item: a clause that goes on
        "投资5000万元的安远精工科技有限公司、投资3000万元的朗川电子有限公司相继落户。",  # companies
    ],
)
def test_an_investment_before_a_clause_or_a_company_names_no_project(sentence):
    assert projects(sentence) == {}


def test_an_institute_listed_among_works_is_a_project():
    text = "考察组先后深入滨江智能装备产业园、湘东先进材料研究院、“云杉里”城市更新项目。"
    assert "湘东先进材料研究院" in projects(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "市长来到湘东先进材料研究院，与科研人员座谈。",  # visited as a body
        "市长先后走访了滨江精工机械有限公司、湘东先进材料研究院。",  # among companies
    ],
)
def test_an_institute_alone_or_among_companies_is_no_project(sentence):
    assert "湘东先进材料研究院" not in projects(sentence)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("市长先后察看了桂园片区雨污分流改造暨既有楼宇节能提升示范项目、南湖公园。", "桂园片区雨污分流改造暨既有楼宇节能提升示范项目"),
        ("县长察看了城北供热管网改造暨既有建筑保温工程。", "城北供热管网改造暨既有建筑保温工程"),
        ("推进既有建筑节能改造项目。", "既有建筑节能改造项目"),
    ],
)
def test_an_opener_lac_cuts_in_two_stays_in_the_name(sentence, name):
    assert name in projects(sentence)


def test_a_cut_opener_before_nothing_specific_opens_no_name():
    assert projects("县里既有产业园，也有物流园项目。") == {}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("县长先后来到滨溪路施工点、湾头公路改建工程。", "滨溪路施工点"),
        ("深入柳林乡蔬菜种植基地、青河移民社区建设点察看。", "青河移民社区建设点"),
    ],
)
def test_the_site_where_a_name_is_built_is_a_project(sentence, name):
    assert name in projects(sentence)


@pytest.mark.parametrize("sentence", ["市长察看了项目建设点。", "县长来到东湖村施工点。"])
def test_a_building_site_of_nothing_named_is_no_project(sentence):
    assert projects(sentence) == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "全市要围绕产业链谋项目。",  # LAC: 产业链谋|项目
        "坚持以商引项目、以情留客商。",
        "乡镇干部要天天跑项目。",
        "坚持招商引资、投资上项目，推动县域经济发展。",  # LAC: 投资|上|项目
    ],
)
def test_a_verb_taking_projects_as_its_object_makes_a_slogan(sentence):
    assert projects(sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("书记察看了南海海上项目的建设进度。", "南海海上项目"),  # offshore works, not 上项目
        ("县长来到柳湾闲置厂房盘活项目现场。", "柳湾闲置厂房盘活项目"),  # what is revived names the work
        ("县长来到柳湾客运枢纽抓拍系统工程现场。", "柳湾客运枢纽抓拍系统工程"),  # 抓 inside, not before the head
    ],
)
def test_a_name_with_such_a_verb_inside_stays_a_project(sentence, name):
    assert name in projects(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "书记来到东山光伏科技有限公司，与企业负责人座谈。",  # a head inside a company's name (…光伏|科技有限公司)
        "书记走进西岭光伏玻璃有限公司车间。",
    ],
)
def test_a_head_inside_a_company_name_ends_no_project(sentence):
    assert projects(sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "书记先后来到东岭化工产业基地、北湖智能装备制造基地和南屏光伏科技有限公司5吉瓦钙钛矿光伏组件生产车间等地。",
            "南屏光伏科技有限公司5吉瓦钙钛矿光伏组件生产车间",
        ),
        ("书记察看了南屏光伏电站和东山光伏组件生产线。", "东山光伏组件生产线"),  # 光伏组件: a product, the name goes on
        ("书记察看了南屏光伏电站和东山光伏组件生产线。", "南屏光伏电站"),
        ("书记来到东山光伏科技有限公司光伏电站项目现场。", "东山光伏科技有限公司光伏电站项目"),
    ],
)
def test_a_name_goes_on_past_a_company_and_a_product_of_its_head(sentence, name):
    found = projects(sentence)
    assert name in found and not any(canonical.endswith("光伏") for canonical in found)


def test_no_name_goes_on_left_past_the_group_word_however_lac_cuts_it():
    assert projects("副市长一行走园区、看车间，了解企业生产情况。") == {}  # LAC: 一|行走 or 一|行|走


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("调研组一行走访了滨河智能制造产业园。", "滨河智能制造产业园"),
        ("市长来到统一行政审批服务中心项目现场。", "统一行政审批服务中心项目"),  # 统一行政: no group word
    ],
)
def test_a_name_after_or_with_those_characters_is_whole(sentence, name):
    assert name in projects(sentence)


def test_a_head_before_service_names_a_service_not_a_work():
    assert projects("要为企业做好“全链条”园林绿化工程服务。") == {}


def test_a_service_centre_built_as_a_project_keeps_its_name():
    assert "北坪社区养老服务中心项目" in projects("书记察看了北坪社区养老服务中心项目。")


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("积极争取中央预算内投资、省级专项债券、政策性贷款等项目资金支持。", set()),
        ("会议要求用好再生资金、抢抓地方专项债等项目机遇。", set()),
        # near misses: a work named after money keeps its head
        ("推进青禾产业基金大厦、滨江资金结算中心、白沙大桥等项目。", {"青禾产业基金大厦", "滨江资金结算中心", "白沙大桥"}),
    ],
)
def test_a_source_of_money_in_a_list_of_projects_is_no_project(sentence, found):
    assert set(projects(sentence)) == found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("考察组先后来到青州港、白河电厂、江南锦绣食品科技有限公司、云溪创业园等重点项目和企业。", {"青州港", "白河电厂", "云溪创业园"}),
        # near miss: a list of projects only calls the company a project
        ("考察组先后来到青州港、江南锦绣食品科技有限公司、云溪创业园等重点项目。", {"青州港", "江南锦绣食品科技有限公司", "云溪创业园"}),
    ],
)
def test_a_company_of_a_list_of_projects_and_companies_is_no_project(sentence, found):
    assert set(projects(sentence)) == found


@pytest.mark.parametrize(
    ("words", "tags", "name"),
    [
        (["图为", "在", "宏", "泰", "江南", "电缆", "产业园", "三期", "项目", "。"],
         ["v", "p", "d", "v", "ORG", "n", "n", "m", "n", "w"], "宏泰江南电缆产业园三期项目"),
        (["包括", "翠", "屏山", "生态", "修复", "工程", "、"], ["v", "v", "nz", "n", "vn", "n", "w"], "翠屏山生态修复工程"),
        # near misses: a verb before a place is what is done; after a word that does not end a name, a verb
        (["加快", "建", "柳岸", "物流园", "。"], ["v", "v", "LOC", "n", "w"], "柳岸物流园"),
        (["我们", "要", "修", "云岭", "产业园", "。"], ["r", "v", "v", "nz", "n", "w"], "云岭产业园"),
    ],
)
def test_characters_lac_split_off_a_brand_stay_in_the_name(words, tags, name):
    doc = _tagged(words, tags)
    assert [span.text for span in doc.spans["projects"]] == [name]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("三年来共铺设雨污分流管网38.6公里，园区配套日趋完善。", set()),
        ("两个园区今年新建生活污水处理厂各2座。", set()),
        # near misses: a count that shares a head with a list, and a length after a word that tells it
        ("督查组来到白溪大道改造工程、岷江物流园、青禾安置小区3个重大项目建设现场。",
         {"白溪大道改造工程", "岷江物流园", "青禾安置小区"}),
        ("他察看了滨河大道改造工程，全长6.2公里。", {"滨河大道改造工程"}),
    ],
)
def test_a_kind_counted_right_after_its_name_is_no_project(sentence, found):
    assert set(projects(sentence)) == found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("书记一行到青禾园区调研，察看了企业生产情况。", {"青禾园区"}),
        ("考察了在建的白沙港云岭港区，要求加快建设。", {"白沙港云岭港区"}),
        # near misses: districts with an administrative code keep being places; a zone hosting an event
        ("市长来到秦皇岛市海港区，调研港口产业发展。", set()),
        ("调研组来到泰州市高港区和张家口市下花园区。", set()),
        ("活动在青禾园区举行。", set()),
    ],
)
def test_a_park_or_a_port_area_is_a_zone_built_as_one_work(sentence, found):
    assert set(projects(sentence)) == found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("督查组观摩了青岩镇千亩茶园基地建设项目(全县生态茶园建设项目)、白溪果酱生产线。",
         {"青岩镇千亩茶园基地建设项目", "白溪果酱生产线"}),
        ("会议通报了全市农村公路提质改造工程推进情况。", set()),
        # near miss: a place whose name starts with 全 is no scope
        ("他来到全兴村青禾果蔬加工项目现场。", {"全兴村青禾果蔬加工项目"}),
    ],
)
def test_the_works_of_a_whole_jurisdiction_are_a_class(sentence, found):
    assert set(projects(sentence)) == found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("市长先后调研了未来智造装备产业园、白溪智造产业园。", {"未来智造装备产业园", "白溪智造产业园"}),
        ("书记来到青禾未来社区项目现场。", {"青禾未来社区项目"}),
        # near miss: 未来 as a time before a verb
        ("未来将建设青禾物流园。", {"青禾物流园"}),
    ],
)
def test_an_epoch_word_lac_tags_as_a_time_can_open_a_name(sentence, found):
    assert set(projects(sentence)) == found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("青禾科技园项目是白溪区今年引进的新一代信息产业项目，投产后产值可观。", {"青禾科技园项目"}),
        ("要加快打造链条更完整、规模更大的电池材料产业基地。", set()),
        # near misses: a project introduced by 这是, and one a company built
        ("这是我市今年开工的白溪水厂项目。", {"白溪水厂项目"}),
        ("他察看了由青禾集团打造的白溪文旅小镇。", {"白溪文旅小镇"}),
    ],
)
def test_a_name_describing_another_project_or_a_goal_is_no_project(sentence, found):
    assert set(projects(sentence)) == found


def test_a_place_left_unmarked_once_does_not_keep_two_names_of_one_project_apart():
    """The place reader may leave a place unmarked in one mention (a headline): its name, found as a place
    elsewhere in the text, still says nothing of which project is meant."""
    text = "张家口青禾50MW光热电站并网发电。书记来到张家口青禾50MW塔式光热电站，察看运行情况。"
    doc = _entity_stage(text)
    doc.spans["places"] = [span for span in doc.spans["places"] if span.start_char > 0]
    doc = load().get_pipe("kg_projects")(doc)
    names = {span._.canonical for span in doc.spans["projects"]}
    assert names == {"张家口青禾50MW塔式光热电站"}


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("各矿企要推进绿色矿山创建工作。", set()),
        ("察看了现代化水厂运行情况。", set()),
        # near misses: a place names the facility; a list names its items
        ("察看了东山机场建设进度。", {"东山机场"}),
        ("先后走进白溪村旅游驿站、农业大棚项目。", {"白溪村旅游驿站", "农业大棚项目"}),
    ],
)
def test_generic_words_and_a_facility_name_a_kind_of_work(sentence, found):
    assert set(projects(sentence)) == found


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("检查组走进柳溪村污水管网、文化礼堂、停车场项目，听取汇报。", {"柳溪村污水管网", "柳溪村停车场项目"}),
        ("调研组先后来到桃源镇观光步道、茶叶大棚项目，了解进度。", {"桃源镇观光步道", "茶叶大棚项目"}),
    ],
)
def test_a_place_before_a_list_prefixes_every_item(sentence, names):
    assert names <= set(projects(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "县里在青石镇推进重点工程、民生项目。",  # generic words only
        "今年推进的沿湖环线白沙县老街段提升、县城供水厂改造工程。",  # the place is inside a longer name
        "随后前往柳溪产业园区3条道路工程总监办、某某建设集团有限公司项目部。",  # a count, a company, no head at the end
        "副县长李某到青石镇检查道路、桥梁项目。",  # the first item tells an act
    ],
)
def test_a_place_before_a_list_prefixes_no_generic_act_or_inner_item(sentence):
    found = projects(sentence)
    assert not any(name.startswith(("青石镇", "白沙县", "柳溪产业园区")) for name in found), found


def test_a_housing_compound_listed_among_works_is_a_project():
    found = projects("市长先后来到滨江学校项目、老城保护安置房项目、翠湖锦园小区，检查重点工程。")
    assert "翠湖锦园小区" in found


@pytest.mark.parametrize(
    "sentence",
    [
        "市长来到翠湖锦园小区，看望居民。",  # a compound visited alone
        "市长先后来到滨江学校项目、老城保护安置房项目、柳川区，检查重点工程。",  # a district, not a compound
    ],
)
def test_a_compound_visited_alone_or_a_district_in_a_list_is_no_project(sentence):
    found = projects(sentence)
    assert "翠湖锦园小区" not in found and "柳川区" not in found, found


def test_a_lac_place_written_as_a_place_elsewhere_is_that_place_where_the_place_reader_left_it():
    """A place the text names elsewhere tells no project apart where the place reader left it unmarked;
    another LAC place, unknown to the text, stays in the name."""
    from kg.nlp.projects.text import ProjectText

    nlp = load()
    words = ["来自", "上海", "的", "干部", "。", "对", "上海", "援疆", "项目", "和", "宁波", "援疆", "项目"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    for token, tag in zip(doc, ["v", "LOC", "u", "n", "w", "p", "LOC", "vn", "n", "c", "LOC", "vn", "n"], strict=True):
        token.tag_ = tag
    doc.spans["places"] = [doc[1:2]]
    text = ProjectText(doc, ())
    first, second = doc[6:9], doc[10:13]
    assert text.unnamed(first.start_char, first.end_char) == "援疆项目"
    assert text.unnamed(second.start_char, second.end_char) == "宁波援疆项目"


@pytest.mark.parametrize(
    ("sentence", "institution", "built"),
    [
        ("副市长察看了南坪医院、桐溪小学等建设情况。", "桐溪小学", True),
        ("县长察看了柳河县第三中学迁建进展。", "柳河县第三中学", True),
        ("副市长走进南坪医院、桐溪小学，看望医护人员和师生。", "桐溪小学", False),
        ("县长来到柳河县第三中学，看望师生。", "柳河县第三中学", False),
    ],
)
def test_an_institution_is_a_project_or_an_organization_by_one_rule(sentence, institution, built):
    """Organisations and projects ask one rule whether an institution is being built: it is read as one or the other."""
    nlp = load()
    doc = nlp.make_doc(sentence)
    doc._.clean = CleanDocument(Document("t", "t", sentence), sentence, list(range(len(sentence) + 1)))
    for name in ENTITY_PIPES:
        doc = nlp.get_pipe(name)(doc)
    as_project = any(span.text == institution for span in doc.spans["projects"])
    as_body = any(span.text == institution for span in doc.spans.get("organizations", []))
    assert (as_project, as_body) == (built, not built)


@pytest.mark.parametrize(
    ("sentence", "counted", "named"),
    [
        ("园区开工建设净水厂和垃圾中转站各1座。", "净水厂", set()),
        ("镇里新建桐溪净水厂和垃圾中转站各2座，铺设管网8公里。", "桐溪净水厂", set()),
        ("开工建设桐溪净水厂和3个广场。", None, {"桐溪净水厂"}),  # no 各: the count is the squares' only
    ],
)
def test_a_count_spread_over_two_items_by_ge_makes_both_kinds(sentence, counted, named):
    found = set(projects(sentence))
    assert counted not in found and named <= found, found


@pytest.mark.parametrize(
    ("sentence", "zone", "project"),
    [
        ("在桐溪休闲小镇、柳河镇青石村、东门街道等区域，书记督导环境卫生。", "桐溪休闲小镇", False),
        ("书记在桐溪休闲小镇、柳河镇青石村等地督导环境整治。", "桐溪休闲小镇", False),
        ("在桐溪休闲小镇、柳河镇文化广场等项目现场，书记察看进度。", "桐溪休闲小镇", True),  # a list of works
    ],
)
def test_a_zone_among_areas_where_something_happens_is_no_project(sentence, zone, project):
    assert (zone in projects(sentence)) is project


@pytest.mark.parametrize(
    ("sentence", "zone", "project"),
    [
        ("书记先后到桐溪小镇柳河村进行调研。", "桐溪小镇", False),  # the zone says where the village lies
        ("书记先后到桐溪小镇、柳河村进行调研。", "桐溪小镇", True),  # a stop of its own
    ],
)
def test_a_zone_written_right_before_a_place_in_it_is_no_project(sentence, zone, project):
    assert (zone in projects(sentence)) is project


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("水利局长深入青枫乡调研小(一)型水库安全运行情况。", set()),  # a size class of reservoirs
        ("督查组抽查了大中型水库和堤防的汛前准备。", set()),
        ("副县长察看了青枫乡白水河中型灌区节水改造工程。", {"青枫乡白水河中型灌区节水改造工程"}),  # named
    ],
)
def test_a_size_class_of_a_facility_is_a_kind(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("会议要求加快推进高品质茶叶精深加工基地建设。", set()),  # what is to be built, not what is
        ("要以高水平竹木家居产业园建设带动就业。", set()),
        ("市长察看了桂花村高标准农田建设项目。", {"桂花村高标准农田建设项目"}),  # a village's farmland works
    ],
)
def test_a_name_opened_by_a_manner_is_a_goal(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("乡镇干部到邻县观摩学习产业项目建设经验。", set()),  # 学习: what the visitors do, no thing
        ("副县长察看了滨河路拓宽改造工程。", {"滨河路拓宽改造工程"}),  # acts done to a named road
    ],
)
def test_an_act_with_nothing_specific_after_it_names_no_project(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "key", "found"),
    [
        ("副区长赴柳溪镇督导“五个一”项目建设进度。", "五个一", True),  # a quoted name made of numbers
        ("全县持续推进“五个一批”项目攻坚行动。", "五个一批", False),  # batches of projects: a class
        ("柳溪镇今年实施12个重点项目。", "12个重点项目", False),  # a count, unquoted
    ],
)
def test_a_count_inside_quotation_marks_is_part_of_a_name(sentence, key, found):
    assert any(key in name for name in projects(sentence)) is found


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("调研组走进碧溪村一民宿，了解乡村旅游发展情况。", set()),  # one homestay of the village
        ("书记来到岚峰镇一养殖场，察看生猪出栏情况。", set()),
        ("调研组走进碧溪村一号民宿改造项目。", {"碧溪村一号民宿改造项目"}),  # a numbered one is named
        ("市长察看了城北第一水厂扩建工程。", {"城北第一水厂扩建工程"}),
    ],
)
def test_one_facility_of_a_place_is_not_its_name(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("区长带队调研滨海高铁站北片区重大项目和老旧小区改造工作。", set()),  # the zone's major projects
        ("市长察看了柳溪镇2024年春季重点项目。", set()),
        ("区长察看了滨海高铁站北片区安置房项目。", {"滨海高铁站北片区安置房项目"}),  # one work of the zone
    ],
)
def test_a_rank_of_projects_is_no_name_however_specific_its_opening(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("为加快建设沱江畔生态公园城市，打造区域中心城市。", set()),  # a kind of city: a goal
        ("市长察看了沱江畔生态公园建设现场。", {"沱江畔生态公园"}),
    ],
)
def test_a_head_that_describes_a_city_ends_no_name(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("副省长来到紫云县白石街道易地搬迁安置区，与搬迁群众交谈。", {"紫云县白石街道易地搬迁安置区"}),
        ("走进望城镇易地搬迁安置区，察看就业情况。", {"望城镇易地搬迁安置区"}),
        ("县里既有产业园，也有搬迁安置区。", set()),  # 既有 opens no name here
    ],
)
def test_an_opener_cut_in_two_after_a_place_stays_in_the_name(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("邵武市要加快推进宁化至清流、明溪至将乐铁路前期工作。", {"宁化至清流铁路", "明溪至将乐铁路"}),
        ("邵武市要加快推进宁化、明溪至将乐铁路建设。", {"明溪至将乐铁路"}),  # a place alone is no route
    ],
)
def test_routes_listed_before_a_route_share_its_head(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        (
            "邵武市要尽快启动宁化至清流铁路建设，加快推进明溪至清流铁路前期工作，加快建宁民用机场建设和邵武机场改扩建步伐。",
            {"宁化至清流铁路": {"宁化至清流铁路"}, "明溪至清流铁路": {"明溪至清流铁路"}, "建宁民用机场": {"建宁民用机场"},
             "邵武机场": {"邵武机场"}},
        ),
        ("察看了邵武机场。二是邵武机场建设项目要抓紧工期。", {"邵武机场建设项目": {"邵武机场", "邵武机场建设项目"}}),
    ],
)
def test_places_and_a_facility_are_a_short_form_only_of_a_name_holding_them_whole(sentence, named):
    assert projects(sentence) == named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("会议通报，石门乡猕猴桃种植基地项目进度滞后。", {"石门乡猕猴桃种植基地项目"}),  # the project's progress
        ("金溪村茶旅融合项目负责人介绍了客流情况。", {"金溪村茶旅融合项目"}),  # the project's manager
        ("督查组深入部分项目现场，了解部分项目进度滞后的原因。", set()),  # some projects: a quantity
        ("要加快工程进度，确保项目负责人到岗。", set()),
    ],
)
def test_a_name_ends_before_what_is_said_of_the_project(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        (  # the centre's base in the county: what the centre undertakes
            "调研组在慈利县察看了国家竹产业工程技术研究中心湖南分中心慈利县基地建设项目。",
            {"国家竹产业工程技术研究中心湖南分中心慈利县基地建设项目"},
        ),
        ("调研组走访了国家竹产业工程技术研究中心湖南分中心。", set()),  # the centre itself: a body
        ("副市长调研了澧水能源集团项目。", set()),  # a group and a bare head name nothing it builds
    ],
)
def test_an_organization_names_what_it_undertakes(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "name", "found"),
    [
        ("详细察看了热轧连退精品板材生产线。", "热轧连退精品板材生产线", True),  # LAC: 热轧|连/d|退/v|精品
        ("察看了冷轧连退高端板材生产线。", "冷轧连退高端板材生产线", True),
        ("察看了园区还建新厂房项目。", "园区还建新厂房项目", False),  # 还: an adverb of a clause
    ],
)
def test_a_process_split_by_lac_stays_in_the_name(sentence, name, found):
    assert (name in projects(sentence)) is found


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("主会场设在青峰新材料产业园及配套道路工程施工现场。", {"青峰新材料产业园及配套道路工程"}),  # 设在: where
        ("市长察看了青峰新材料产业园及基础设施配套工程。", {"青峰新材料产业园及基础设施配套工程"}),  # its own works
        ("会议听取了重点项目及基础设施配套工程进展。", set()),  # both sides generic
    ],
)
def test_works_linked_to_a_headed_name_are_part_of_it(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("副市长深入到青山乡桃源村集中育秧棚区进行实地踏查。", {"青山乡桃源村集中育秧棚区"}),  # 集中/ad 育秧/v
        ("副市长深入到青山乡桃源村集中育秧大棚察看。", {"青山乡桃源村集中育秧大棚"}),
        ("青山乡桃源村正在建设育秧大棚。", set()),  # 正在: what the village is doing
    ],
)
def test_an_adverb_after_a_place_says_how_its_facility_works(sentence, named):
    assert set(projects(sentence)) == named


@pytest.mark.parametrize(
    "text",
    [
        "县委书记强调，要深入推进“为百姓解难题”项目，切实取得实效。",
        "市长要求在全市推行“让企业少跑路”工程，优化营商环境。",
        "镇党委扎实开展“我为乡亲办好事”项目建设。",
    ],
)
def test_a_quoted_slogan_clause_is_no_project(text):
    assert projects(text) == {}


@pytest.mark.parametrize(
    "text, name",
    [
        ("副省长来到石门县，察看“退耕还林”工程实施情况。", "退耕还林工程"),
        ("调研组走进“看苗选种”基地，了解育种进展。", "看苗选种基地"),
        ("区长调研“为民”服务中心项目建设。", "为民服务中心项目"),
    ],
)
def test_a_quoted_work_or_name_stays_a_project(text, name):
    assert name in projects(text)


@pytest.mark.parametrize(
    "text",
    [
        "通过改造，变“散小乱”旧厂区为“新优强”千亿产值园区。",
        "当地要化荒坡为万亩生态茶园基地。",
    ],
)
def test_what_a_place_is_to_become_is_a_target(text):
    assert projects(text) == {}


def test_a_conversion_named_by_a_word_with_bian_is_kept():
    assert "智能变电站项目" in projects("副市长察看了老旧变电站改造为智能变电站项目的进展。")


@pytest.mark.parametrize(
    "text", ["镇里实施了河堤加固工程、“五、十、百”产业帮扶项目等。", "镇里推进“五、十、百”产业帮扶工程，带动农户增收。"]
)
def test_a_quoted_list_of_numerals_is_a_class_of_works(text):
    assert not any("产业帮扶" in name for name in projects(text))


def test_a_quoted_name_of_things_stays_a_project():
    assert "稻渔菌循环农业基地" in projects("副县长察看了“稻渔菌”循环农业基地。")


@pytest.mark.parametrize(
    "text",
    [
        "市长到集团“南岭智能算力中心项目”(华岳数字生态创新中心)现场调研。",
        "市长到南岭智能算力中心项目（华岳数字生态创新中心）现场调研。",
    ],
)
def test_a_bracketed_name_after_a_project_is_its_alias(text):
    assert "华岳数字生态创新中心" not in projects(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("市长察看了滨湖物流园(含冷链仓储中心)建设。", "滨湖物流园"),
        ("市长调研了青禾农业公司(青禾蔬菜种植基地)。", "青禾蔬菜种植基地"),
    ],
)
def test_a_bracketed_part_or_a_company_work_stays(text, name):
    assert name in projects(text)


@pytest.mark.parametrize("text", ["市长察看了优良种植基地。", "副省长对企业优良生产线给予肯定。"])
def test_a_work_described_only_by_its_quality_is_no_name(text):
    assert projects(text) == {}


@pytest.mark.parametrize(
    "text, name",
    [
        ("考察了华锦公司先进电池生产线。", "华锦公司先进电池生产线"),
        ("察看了优良稻种植基地。", "优良稻种植基地"),
    ],
)
def test_a_quality_with_a_named_thing_stays(text, name):
    assert name in projects(text)


@pytest.mark.parametrize("text", ["省里将加快建设疏港公路，打通物流通道。", "副市长调研跨境公路建设情况。"])
def test_a_road_named_by_what_it_serves_is_a_class(text):
    assert projects(text) == {}


@pytest.mark.parametrize(
    "text, name", [("察看了南浦港疏港公路项目。", "南浦港疏港公路项目"), ("察看了龙州沿边公路项目。", "龙州沿边公路项目")]
)
def test_a_road_class_with_a_place_stays_a_project(text, name):
    assert name in projects(text)
