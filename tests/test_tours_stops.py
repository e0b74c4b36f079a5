"""Stops of a tour told without a verb of their own, on sentences written for these tests."""

from __future__ import annotations

import pytest

from test_relations import facts, run

OFFICIALS = ["赵启明", "孙立华", "周文斌"]
BRIDGE, SCHOOL, PLANT, PARK = "白沙河大桥工程", "城南中学扩建", "东郊污水处理厂", "云岭茶叶产业园"


def inspected(text, projects=(BRIDGE, SCHOOL, PLANT, PARK)):
    doc = run(text, officials=OFFICIALS, projects=list(projects))
    return set(facts(doc, "inspected"))


TOUR = f"9日，州委书记赵启明、州长孙立华一行来到{PARK}，实地察看建设进度。\n"


def test_a_list_after_a_stop_names_more_stops_of_the_same_visitors():
    text = TOUR + f"同样，投资3.2亿元的{BRIDGE}、投资约6800万元的{SCHOOL}、{PLANT}"
    assert {(o, p) for o in ("赵启明", "孙立华") for p in (BRIDGE, SCHOOL, PLANT)} <= inspected(text)


def test_the_list_may_close_with_deng_and_hold_an_item_not_read():
    text = TOUR + f"此外，位于北岗乡的{BRIDGE}、{SCHOOL}、老街风貌提升、{PLANT}等项目。"
    assert {("赵启明", p) for p in (BRIDGE, SCHOOL, PLANT)} <= inspected(text)


def test_a_list_with_a_predicate_of_its_own_is_a_statement_not_stops():
    assert ("赵启明", BRIDGE) not in inspected(TOUR + f"同样，{BRIDGE}、{SCHOOL}进展顺利。")
    assert ("赵启明", BRIDGE) not in inspected(TOUR + f"{BRIDGE}、{SCHOOL}，均已完工。")


def test_a_list_after_a_sentence_that_told_no_stop_is_not_a_stop():
    text = (f"9日，州委书记赵启明来到{PARK}调研。\n赵启明强调，要抓好项目建设。\n"
            f"同样，{BRIDGE}、{SCHOOL}、{PLANT}")
    assert not {("赵启明", p) for p in (BRIDGE, SCHOOL, PLANT)} & inspected(text)


def test_a_list_outside_a_tour_is_no_stop():
    text = (f"9日，州委书记赵启明主持召开项目推进会。\n会议听取了{PARK}情况汇报。\n"
            f"同样，{BRIDGE}、{SCHOOL}、{PLANT}")
    assert not {("赵启明", p) for p in (BRIDGE, SCHOOL, PLANT)} & inspected(text)


def test_more_unread_items_than_projects_is_no_list_of_stops():
    text = TOUR + f"同样，{BRIDGE}、春耕备耕、秋粮收储、{SCHOOL}、河道保洁"
    assert ("赵启明", BRIDGE) not in inspected(text)


TOUR_OPENING = f"9日，州委书记赵启明深入各县调研。\n"


def test_a_paragraph_opening_with_a_project_then_the_leader_s_word_on_it_is_a_stop():
    text = TOUR_OPENING + f"去年建成投运的{PLANT}，日处理能力已达2万吨。赵启明对运营管理给予肯定。"
    assert ("赵启明", PLANT) in inspected(text)


def test_a_project_not_opening_the_sentence_before_is_no_stop():
    text = TOUR_OPENING + f"全县今年新开工项目28个，其中{PLANT}投资最大。赵启明对运营管理给予肯定。"
    assert ("赵启明", PLANT) not in inspected(text)


def test_the_topic_holds_for_the_next_sentence_only():
    text = TOUR_OPENING + f"{PLANT}日处理能力已达2万吨。全州污水处理率逐年提高。赵启明对此给予肯定。"
    assert ("赵启明", PLANT) not in inspected(text)


def test_a_project_opening_a_report_that_is_no_tour_is_no_stop():
    text = f"9日，州委书记赵启明主持召开州委常委会。\n{PLANT}日处理能力已达2万吨。赵启明对运营管理给予肯定。"
    assert ("赵启明", PLANT) not in inspected(text)


DELEGATES = {"钱振宇": ["省政协委员"], "韩素芬": ["省政协委员"], "周文斌": ["区委常委", "区政法委书记"],
             "赵启明": ["省政协副主席"]}


def inspectors_of(text):
    doc = run(text, officials=list(DELEGATES), projects=[PARK], titles=DELEGATES)
    return {official for official, project in facts(doc, "inspected") if project == PARK}


def test_a_plural_title_as_subject_is_the_group_of_those_holding_it_not_their_escort():
    text = (f"9日，省政协副主席赵启明一行赴州里视察，省政协委员钱振宇、韩素芬参加视察。区委常委、区政法委书记周文斌陪同。"
            f"委员们先后来到{PARK}，察看茶园建设。")
    assert inspectors_of(text) == {"赵启明", "钱振宇", "韩素芬"}


def test_a_group_word_as_subject_takes_the_escort_along():
    text = (f"9日，省政协副主席赵启明一行赴州里视察，省政协委员钱振宇、韩素芬参加视察。区委常委、区政法委书记周文斌陪同。"
            f"视察组一行先后来到{PARK}，察看茶园建设。")
    assert inspectors_of(text) == {"赵启明", "钱振宇", "韩素芬", "周文斌"}


def test_a_plural_no_official_s_title_holds_restricts_nothing():
    text = (f"9日，省政协副主席赵启明一行赴州里视察，省政协委员钱振宇、韩素芬参加视察。区委常委、区政法委书记周文斌陪同。"
            f"专家们和视察组一行先后来到{PARK}，察看茶园建设。")
    assert inspectors_of(text) == {"赵启明", "钱振宇", "韩素芬", "周文斌"}


INN, WATER_STREET = "石林客栈项目", "月湖水街文化旅游项目"


@pytest.mark.parametrize("text, site", [
    # investment promotion as a stage of the project the next sentence describes
    (f"9日，州委书记赵启明一行来到青山镇重点项目建设现场，对云岭大酒店配套设施石林客栈、月湖水街项目建设情况"
     f"进行深入了解。\n{INN}为云岭大酒店配套服务设施，预计9月底前完成装修，10月启动招商。", INN),
])
def test_investment_promotion_named_in_a_visit_is_no_meeting(text, site):
    assert ("赵启明", site) in inspected(text, projects=(INN, WATER_STREET, PARK))


@pytest.mark.parametrize("text", [
    f"9日，州委书记赵启明出席招商会，{BRIDGE}等项目签约。",
    f"9日，州委书记赵启明在招商会上介绍了{BRIDGE}。",
])
def test_a_project_named_at_an_investment_promotion_meeting_is_not_inspected(text):
    assert ("赵启明", BRIDGE) not in inspected(text)
