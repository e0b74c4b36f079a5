"""kg_persons: people who are not officials, read from their roles, company posts and credits."""

from __future__ import annotations

from test_officials import entity_doc, mentions


def persons(doc) -> dict[str, str | None]:
    """Person name → role."""
    return {span._.canonical: span._.attrs.get("role") for span in doc.spans.get("persons", [])}


def test_company_head_with_role_and_later_mentions():
    doc = entity_doc("县委书记唐国华与华锐光电科技有限公司董事长周启明举行座谈。周启明介绍了企业发展情况。")
    assert persons(doc) == {"周启明": "董事长"}
    assert mentions(doc, "persons", "周启明") == ["周启明", "周启明"]


def test_officials_are_not_repeated_as_persons():
    doc = entity_doc("市委书记梁国栋来到企业调研，公司总经理何建平陪同。梁国栋指出，要加快建设。")
    assert "梁国栋" not in persons(doc)
    assert persons(doc) == {"何建平": "总经理"}


def test_company_posts_make_persons_not_officials():
    doc = entity_doc("中科纳米产业集团党委委员、副总裁曹冬梅，中信旅游集团专委会主任赵建群一行来我县考察。")
    assert set(persons(doc)) == {"曹冬梅", "赵建群"}
    assert doc.spans.get("officials", []) == []


def test_reporters_and_photographers_left_in_the_body():
    doc = entity_doc("新华社记者 陈晓岚 李文博 摄\n项目现场一片繁忙。\n(周海鹰)", normalised=False)
    assert {"陈晓岚", "李文博", "周海鹰"} <= set(persons(doc))


def test_places_tagged_as_persons_by_lac_are_not_persons():
    doc = entity_doc("盛夏的古绛大地,项目建设一线,塔吊林立、机器轰鸣,热闹非凡。")
    assert persons(doc) == {}


def test_cooperative_heads_and_experts():
    doc = entity_doc(
        "县长柳叶青来到绿源蔬菜种植专业合作社，与合作社理事长刘春生交流。中国工程院院士谢华安介绍了水稻育种进展。"
        "谢华安院士表示，将继续深化合作。"
    )
    assert persons(doc) == {"刘春生": "理事长", "谢华安": "院士"}
    assert mentions(doc, "persons", "谢华安") == ["谢华安", "谢华安"]


def test_names_listed_after_an_expert_panel_are_persons_with_that_role():
    doc = entity_doc("县委书记唐国华，省内外专家组吴立平、郑海波、范秋蓉参加调研。")
    assert persons(doc) == {"吴立平": "专家组", "郑海波": "专家组", "范秋蓉": "专家组"}


def test_members_of_an_expert_panel_are_persons_not_officials():
    doc = entity_doc("专家组成员吴立平、郑海波到现场指导。")
    assert set(persons(doc)) == {"吴立平", "郑海波"}
    assert doc.spans.get("officials", []) == []


def test_an_expert_panel_named_without_names_holds_no_person():
    assert persons(entity_doc("评审专家组对项目方案进行了论证。")) == {}


def test_a_two_character_name_padded_with_a_space_in_a_credit_is_one_name():
    doc = entity_doc("本报讯(晋南日报记者 范 蓉 吴立平) 5月3日，县委书记唐国华来到园区调研。")
    assert persons(doc) == {"范蓉": "记者", "吴立平": "记者"}
    assert persons(entity_doc("(融媒体中心记者 郑 波)2月4日,区委书记唐国华到企业调研。")) == {"郑波": "记者"}


def test_a_single_character_after_a_role_is_no_padded_name():
    assert persons(entity_doc("记者 王 在现场看到，工地一片繁忙。")) == {}


def test_names_opening_a_sentence_that_takes_part_in_the_visit_are_persons():
    doc = entity_doc("4月3日，市长黄振中到城西区调研智慧农业产业园项目。任秋萍、刘建斌参加调研。高明远陪同。")
    assert {"任秋萍", "刘建斌", "高明远"} <= set(persons(doc))
    assert "黄振中" not in persons(doc)


def test_a_sentence_opening_with_no_name_before_taking_part_holds_no_person():
    doc = entity_doc("要全力推进项目建设。同时参加调研的还有县发改局负责人。")
    assert persons(doc) == {}


def test_people_met_on_a_visit_by_their_role():
    doc = entity_doc("县委书记王立新走访慰问了老党员孙德顺。随后向合作社创办人钱玉兰了解经营情况。")
    assert persons(doc) == {"孙德顺": "老党员", "钱玉兰": "创办人"}
