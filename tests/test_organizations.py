"""kg_organizations: company and government body names, with clean left boundaries."""

from __future__ import annotations

import pytest

from test_officials import entity_doc


def organizations(text: str) -> set[str]:
    doc = entity_doc(text)
    return {span._.canonical for span in doc.spans.get("organizations", [])}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("随后，副省长刘军来到恒瑞新材料科技有限公司考察。", {"恒瑞新材料科技有限公司"}),
        ("他走进华北重型机械集团有限公司生产车间察看生产线。", {"华北重型机械集团有限公司"}),
        ("该项目由中铁十二局集团承建，预计年底完工。", {"中铁十二局集团"}),
        ("在湘江钢铁集团有限公司，他详细了解企业生产经营情况。", {"湘江钢铁集团有限公司"}),
        ("赴蓝海智造(苏州)科技有限公司考察洽谈。", {"蓝海智造(苏州)科技有限公司"}),
        ("会上，省商务厅通报了全省开发区项目进展情况。", {"省商务厅"}),
        ("省发展改革委、省工业和信息化厅有关负责同志参加调研。", {"省发展改革委", "省工业和信息化厅"}),
        ("该单位由国家发展改革委员会直属。", {"国家发展改革委员会"}),
        ("该项目由会昌县金源光伏科技有限公司承建。", {"会昌县金源光伏科技有限公司"}),  # LAC: 由会昌县…(p)
        ("市长一行领导莅临长风汽车有限公司，到生产车间察看。", {"长风汽车有限公司"}),  # 一行 (m), 莅临
        ("他先后来到怀远县安徽鑫泰药业有限公司、宿松县江西华美科技公司。", {"安徽鑫泰药业有限公司", "江西华美科技公司"}),
        ("调研组来到炎陵县农业发展集团。", {"炎陵县农业发展集团"}),  # a county's own group keeps its county
        # a county written before a group's site is where the site is, not a part of the group's name
        ("调研组考察了怀宁县远舟集团临港物流基地建设情况。", {"远舟集团"}),
        ("调研组来到怀宁县远舟集团调研。", {"怀宁县远舟集团"}),
        ("调研组察看了怀宁县远舟机械有限公司智能装备基地。", {"怀宁县远舟机械有限公司"}),
        ("福建援疆指挥部总指挥王刚介绍了项目进展。", {"福建援疆指挥部"}),
        ("随后来到岭南精准医学与健康研究院，察看实验室。", {"岭南精准医学与健康研究院"}),  # two fields joined
        ("他走进滨江科技与人文博物馆参观。", {"滨江科技与人文博物馆"}),
        ("华信集团和农业研究院签约。", {"华信集团"}),  # a body of its own before 和
        ("督导组一行来到黎塘镇政府，听取情况汇报。", {"黎塘镇政府"}),  # a named place's government
        ("项目依托南宁市政府、高校等资源。", {"南宁市政府"}),
        ("宾阳县政府办、县发改局负责人参加。", {"宾阳县政府办", "县发改局"}),
        ("宾阳县政府办公室负责人参加。", {"宾阳县政府办公室"}),
        ("希望省财政厅和商务厅等部门给予支持。", {"省财政厅", "商务厅"}),  # two bodies of one province
        ("对市侨办、规划、旅游等部门的意见，大家听得认真。", {"市侨办"}),  # an office named short
        ("市金融办有关负责人陪同。", {"市金融办"}),
        ("会上，县招商服务中心主要负责同志汇报了招商情况。", {"县招商服务中心"}),  # a jurisdiction's service centre
        ("他来到县政务服务中心，察看窗口服务情况。", {"县政务服务中心"}),
        ("他先后来到恒通石化集团有限公司、城南物流园、简阳市行政服务中心，与工作人员交流。",
         {"恒通石化集团有限公司", "简阳市行政服务中心"}),
        ("县委书记带领市扶贫办、县国土局负责同志深入企业。", {"市扶贫办", "县国土局"}),
        ("民盟某市委主委程某带领市工信局、市招商局负责人参加观摩。", {"市工信局", "市招商局"}),  # a verb before a body
        ("在县委督查室负责人的陪同下，他来到项目现场。", {"县委督查室"}),
        ("他来到金河化工厂，察看生产线。", {"金河化工厂"}),
        ("工作组考察了红旗炼油厂集中供热等项目。", {"红旗炼油厂"}),  # the owner of a project item
        ("县政府办公室、市政府研究室有关负责人参加。", {"县政府办公室", "市政府研究室"}),
        ("区卫生健康委、区住房城乡建委、市农委负责人陪同。", {"区卫生健康委", "区住房城乡建委", "市农委"}),
        (
            "中城绿色低碳科技(北京)有限公司是由国家发展改革委员会直属事业单位(中国城市和小城镇改革发展中心)"
            "间接百分之百控股成立的绿色产业投资机构",
            {"中城绿色低碳科技(北京)有限公司", "国家发展改革委员会", "中国城市和小城镇改革发展中心"},
        ),
    ],
)
def test_names_and_left_boundaries(sentence, expected):
    assert organizations(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "要积极融入全县经济社会发展大局，优化产业布局。",  # 局 ending ordinary words
        "市新建污水处理厂建设工程进展顺利。",  # a plant that is a project
        "建成了中信机电五厂康养中心和县城数据中心。",  # centres that are facilities
        "企业集团化发展成效明显，各公司要加强管理。",  # suffixes inside words and generic names
        "市委、县委和各乡镇党委要加强领导，产业和信息化局面向好。",  # party committees; 和 without a jurisdiction
        "园区已引进32家传媒公司入驻，置业公司负责人参加。",  # a trade and a legal form, no brand
        "他走进办公室与干部交谈，察看了研究室。",  # rooms, no jurisdiction
        "市长王海林与科技学院师生座谈。",  # a person before 与, and no name after it
        "市委市政府高度重视，县委、县政府主要领导参加。",  # governments of no named place
        "开工仪式上，宾阳县人民政府副县长王某介绍情况。",  # a title
        "会上，南宁市、柳州市、桂林市政府负责同志作交流发言。",  # three places sharing one word
        "县委办实事，活动由市侨办主办。",  # 办 a verb, or an office with no list or people after it
        "区委办、区政府办有关同志参加。",
        "景区游客服务中心已投入使用。",  # a facility: no jurisdiction
        "新建城西镇政务服务中心、城南小学等项目。",  # centres being built, items of a list of projects  # a party committee's office; 政府办 of no named place
        "他先后考察了金河化工厂、红旗炼油厂等重点项目。",  # plants that are items of a list of projects
    ],
)
def test_no_organization(sentence):
    assert organizations(sentence) == set()


def test_seed_companies():
    found = organizations(
        "大同锡纯新材料股份有限公司是在半导体材料领域实现全产业链的企业。"
        "该项目是国家能源集团与省政府重要战略合作项目。"
    )
    assert found == {"大同锡纯新材料股份有限公司", "国家能源集团"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("考察组先后参观了华泰羽绒、金鹏制衣、盛元实业等企业。", {"华泰羽绒", "金鹏制衣", "盛元实业"}),
        ("他走进天润科技、新海能源等企业一线，与职工亲切交流。", {"天润科技", "新海能源"}),
        ("他走进华强光学电子、鑫源新材料科技等企业一线。", {"华强光学电子", "鑫源新材料科技"}),  # two trades
        ("他来到宝钢股份、华菱钢铁等企业调研。", {"宝钢股份", "华菱钢铁"}),  # a listed company's short name
        ("他来到宝钢股份、华菱钢铁调研。", {"宝钢股份", "华菱钢铁"}),  # a visit verb after the name
        ("在怀宁县宏达纺织、广西鑫源棉业，他指出要发挥龙头带动作用。", {"宏达纺织", "广西鑫源棉业"}),  # county: where
        ("在华泰羽绒，他详细了解企业生产经营情况。", {"华泰羽绒"}),
        ("该电站由华电集团控股，年内并网。", {"华电集团"}),  # 控股 after a group is a verb
        ("他走进华泰羽绒生产车间，察看生产流程。", {"华泰羽绒"}),  # a part of its premises after it
        ("在金鹏制衣展厅，他了解产品研发情况。", {"金鹏制衣"}),
        ("调研组先后来到金鹏制衣、天宇光伏二期项目、盛元实业一期等地。", {"金鹏制衣"}),  # a phase: a project
        ("市长来到华泰智能开展调研，察看生产线。", {"华泰智能"}),  # what the visitors do there after it
        ("副县长走进金鹏制衣召开现场座谈会。", {"金鹏制衣"}),
    ],
)
def test_short_company_names(sentence, expected):
    """A brand and a trade (鑫泰药业) name a company when LAC reads the brand as a name and the name stands alone."""
    assert organizations(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "要大力发展现代农业和清洁能源，壮大绿色食品产业。",  # trades, no brand
        "他先后来到华泰羽绒、金鹏制衣等重点项目现场。",  # items of a list of projects
        "在华泰羽绒、金鹏制衣竣工项目现场，他要求加快投产。",  # the last item names the shared head
        "签约项目3个，分别是：华泰羽绒、金鹏制衣、盛元实业。",  # a colon list of projects
        "他察看了天宇光伏产业园建设情况。",  # a trade inside a project name
        "新能源汽车产业链条不断延伸。",  # two trades
        "他察看了华泰羽绒生产线建设情况。",  # a production line: a project
        "他强调要发展光学电子产业。",  # two trades and no brand
        "持有该公司股份，推进股份制改革。",
        "他来到华泰智能扩建项目现场。",  # a verb after the name, but the clause names the company's project
        "他深入金鹏制衣新建生产线察看。",
        "华泰智能投资建设新厂房。",  # a verb after it, no visit
    ],
)
def test_no_short_company_name(sentence):
    assert organizations(sentence) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("他来到怀远县第二中学，看望慰问教师。", {"怀远县第二中学"}),
        ("随后走进龙门煤矿、南坪医院等地，了解安全生产情况。", {"龙门煤矿", "南坪医院"}),
        ("在岳阳家庭农场，他了解了种植情况。", {"岳阳家庭农场"}),
        ("代表团参观了敦煌博物馆。", {"敦煌博物馆"}),
        ("市委党校、市社科院专家赴某县开展调研。", {"市委党校"}),
        ("在龙门煤矿，他听取了技改项目建设情况汇报。", {"龙门煤矿"}),  # building is said in another clause
        ("并到敦煌博物馆、月牙村农创园调研了解种植历史、“某某馆”建设等情况。", {"敦煌博物馆"}),  # of another item
        ("他来到龙门煤矿看望一线职工。", {"龙门煤矿"}),  # what the visitor does there after it
        ("委员们先后走进青浦区图书馆分馆、南坪医院，了解服务情况。", {"青浦区图书馆分馆", "南坪医院"}),  # a branch
        ("代表团参观了金陵博物院分馆。", {"金陵博物院分馆"}),
        ("他来到中科院陇东分院调研。", {"中科院陇东分院"}),
        ("代表团参观了国家图书馆。", {"国家图书馆"}),  # a national level word is a name
        ("他来到桐溪小学，看望师生。桐溪小学去年新建了食堂。", {"桐溪小学"}),  # it builds, it is not being built
    ],
)
def test_institutions_visited_as_bodies(sentence, expected):
    assert organizations(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("先后察看了城南污水处理厂、鹿寨县实验小学、江口排涝泵站。", set()),  # listed among works: a work
        ("他先后察看了滨河大道改造工程、青山区第三中学。", set()),
        ("随后走进青山区第三中学、南坪医院，看望师生和医护人员。", {"青山区第三中学", "南坪医院"}),  # bodies only
        ("他来到南坪医院，随后察看了江口排涝泵站。", {"南坪医院"}),  # no list: another clause
        ("他先后来到恒通石化集团有限公司、城南物流园、云锦丝绸文化博物馆，与企业负责人交流。",
         {"恒通石化集团有限公司", "云锦丝绸文化博物馆"}),  # a company among them: the stops of a tour
    ],
)
def test_an_institution_listed_among_works_is_one_of_them(sentence, expected):
    assert organizations(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "察看了城南小学教学楼工程进度。",  # the school's works: a project
        "他深入乡镇卫生院了解情况。",  # no name, a kind of body
        "南坪医院已全面开工建设。",  # a hospital being built is a project
        "调研组先后来到桐溪小学、南坪医院施工现场。",  # items of a list of building sites
        "他察看了桐溪小学、南坪医院等建设进展情况。",  # building said of the whole list
        "他来到市博物馆参观。",  # no name but the city's
        "他来到县医院，看望医护人员。",  # LAC tags it ORG
        "他深入乡镇卫生院看望医护人员。",  # a kind of body, even when visited
        "他察看了县实验小学分校建设工地。",  # a branch being built
        "调研组先后来到南岭生态农业示范园、桐溪小学等地，察看示范园运营情况及桐溪小学施工工地。",  # built
    ],
)
def test_institutions_that_are_no_body(sentence):
    assert organizations(sentence) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("考察组先后来到华泰、金鹏制衣、盛元等企业，了解生产经营情况。", {"华泰", "金鹏制衣", "盛元"}),
        ("他先后走进东岳化学、恒通新材料、瑞丰光电等3家企业。", {"东岳化学", "恒通新材料", "瑞丰光电"}),
    ],
)
def test_items_of_a_list_of_companies(sentence, expected):
    """A、B、C等企业: each item names a company, even a bare brand."""
    assert organizations(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "他察看了江东物流园项目、南岭产业园等企业集聚区。",  # items that name projects
        "考察团先后来到金河化工、楚南青创园等重点项目和企业。",  # a list of projects too
        "要支持中小企业等市场主体发展，走访了辖区内的规上企业等企业。",  # generic words
    ],
)
def test_no_list_of_companies(sentence):
    assert organizations(sentence) == set()


def test_a_company_named_short_and_in_full_is_one_company():
    doc = entity_doc("市长来到华泰羽绒调研。华泰羽绒有限公司是一家羽绒制品企业，另有金鹏制衣、金鹏制衣厂二期。")
    names = {span.text: span._.canonical for span in doc.spans["organizations"]}
    assert names["华泰羽绒"] == names["华泰羽绒有限公司"] == "华泰羽绒有限公司"
    assert names["金鹏制衣"] == "金鹏制衣"  # 厂二期 is no legal form of a company


@pytest.mark.parametrize("sentence", [
    "宁海县政协副主席黎光县水利局负责人参加。",  # a name LAC does not read, between a title and a body
    "县人大常委会主任某某市华信科技有限公司董事长陪同。",
])
def test_a_name_read_leftwards_stops_at_the_post_of_a_title(sentence):
    assert not any(post in name for name in organizations(sentence) for post in ("主席", "主任"))
