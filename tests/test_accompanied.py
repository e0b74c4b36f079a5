"""``accompanied`` (companion → official accompanied), on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.relations.discourse import title_depth
from test_relations import facts, run

PLANT = "鄱阳湖风电场项目"
TITLES = {
    "陈志远": ["市委副书记", "市长"],
    "刘桂英": ["县委书记"],
    "黄建华": ["县委副书记", "县长"],
    "吴海燕": ["副市长"],
}


def accompanied(text):
    doc = run(text, officials=list(TITLES), projects=[PLANT], titles=TITLES)
    return set(facts(doc, "accompanied"))


def test_officials_of_the_place_received_who_take_part_accompany_the_visitor():
    text = (f"5月9日，市长陈志远深入县里调研，副市长吴海燕，县委书记刘桂英、县长黄建华参加调研。"
            f"陈志远来到{PLANT}现场察看风机吊装。")
    assert accompanied(text) == {("刘桂英", "陈志远"), ("黄建华", "陈志远")}


def test_a_colleague_of_the_visitor_who_takes_part_does_not_accompany():
    text = f"市长陈志远到县里调研，副市长吴海燕参加。陈志远来到{PLANT}现场。"
    assert accompanied(text) == set()


def test_taking_part_in_a_meeting_is_no_accompanying():
    text = f"市长陈志远主持召开专题会议，县委书记刘桂英参加会议。会议听取了{PLANT}进展汇报。"
    assert accompanied(text) == set()


def test_escorts_in_the_visit_sentence_and_companions_of_the_tour_all_accompany():
    text = (f"市长陈志远在副市长吴海燕陪同下来到{PLANT}现场察看。"
            f"县委书记刘桂英、县长黄建华陪同调研。")
    assert accompanied(text) == {("吴海燕", "陈志远"), ("刘桂英", "陈志远"), ("黄建华", "陈志远")}


def test_a_host_receiving_the_group_does_not_lead_it():
    text = f"市长陈志远会见考察团一行。考察团一行来到{PLANT}现场观摩，县长黄建华陪同。"
    doc = run(text, officials=list(TITLES), projects=[PLANT], titles=TITLES)
    assert ("陈志远", PLANT) not in facts(doc, "inspected")
    assert ("黄建华", "陈志远") not in facts(doc, "accompanied")


@pytest.mark.parametrize("titles, depth", [
    (["盟委副书记", "盟长"], 1),
    (["旗委常委", "副旗长提名人选"], 2),
    (["州人民政府代理州长"], 1),
    (["常务副区长"], 2),
    (["省委常委", "市委书记"], 1),
    (["镇党委书记"], 3),
    (["秘书长"], None),
])
def test_the_depth_of_a_post_comes_from_the_level_word_heading_it(titles, depth):
    assert title_depth(titles) == depth


def test_companions_of_a_tour_whose_sites_are_not_named_accompany_its_leader():
    text = "9月2日，市长陈志远赴县里督导项目建设，县委书记刘桂英陪同。陈志远一行深入各个建设现场，听取汇报。"
    assert accompanied(text) == {("刘桂英", "陈志远")}
    meeting = "9月2日，市长陈志远主持召开项目推进会，县委书记刘桂英陪同。"
    assert accompanied(meeting) == set()


def test_officials_of_the_city_received_accompany_the_visiting_city_s_leaders():
    titles = {"郭立新": ["省委常委", "襄阳市委书记"], "孙红梅": ["宜昌市委书记"], "曾国平": ["襄阳市委秘书长"]}
    text = (f"省委常委、襄阳市委书记郭立新率代表团来宜昌考察。宜昌市委书记孙红梅参加活动，襄阳市委秘书长曾国平参加考察。"
            f"郭立新一行来到{PLANT}现场。")
    doc = run(text, officials=list(titles), projects=[PLANT], titles=titles)
    assert set(facts(doc, "accompanied")) == {("孙红梅", "郭立新")}


def test_a_deputy_mayor_s_title_names_the_city_before_the_post():
    from kg.relations.discourse import title_places

    assert title_places(["武汉市副市长"]) == {"武汉市"}
    assert title_places(["省委常委", "襄阳市委书记"]) == {"襄阳市"}
    assert title_places(["政府旗长"]) == set()


def test_officials_whose_titles_name_no_place_receive_leaders_whose_titles_do():
    titles = {"郭立新": ["襄阳市委书记"], "孙红梅": ["市委常委", "副市长"], "曾国平": ["襄阳市委秘书长"]}
    text = (f"襄阳市委书记郭立新到我市考察，襄阳市委秘书长曾国平，市委常委、副市长孙红梅参加调研。"
            f"郭立新来到{PLANT}现场。")
    doc = run(text, officials=list(titles), projects=[PLANT], titles=titles)
    assert set(facts(doc, "accompanied")) == {("孙红梅", "郭立新")}


def test_a_colleague_of_the_leader_s_own_city_is_no_companion_end_to_end():
    """The leader's title names the city (赣州市委副书记、市长); a deputy of the same city who 参加 is a
    colleague (guide v2), not an official of a place received."""
    from kg.model import Document
    from kg.normalise import normalise
    from kg.pipeline import load, make_doc

    text = ("6月3日，赣州市委副书记、市长邓海明率队调研全市重点项目建设，市委常委、常务副市长王志强参加。"
            "邓海明一行来到南康家具产业园项目现场，察看项目进展。")
    doc = make_doc(normalise(Document("t", "t.txt", text)), load())
    assert not [f for f in doc._.facts if f.predicate == "accompanied"]
    inspectors = {f.subject[1] for f in doc._.facts if f.predicate == "inspected"}
    assert inspectors == {"邓海明", "王志强"}  # 一行: the colleague inspects with the group


DELEGATION = {
    "陈志远": ["市委书记"],
    "吴海燕": ["市委副书记", "市长"],
    "刘桂英": ["市委秘书长"],
    "黄建华": ["南湖市委书记"],
    "周立新": ["南湖市委副书记", "市长"],
    "郑玉兰": ["副市长"],
}


def delegation(text):
    return run(text, officials=list(DELEGATION), projects=[PLANT], titles=DELEGATION)


def test_hosts_who_take_part_in_the_meeting_or_escort_are_not_the_visiting_delegation():
    text = (f"我市党政代表团赴南湖市考察。南湖市委书记黄建华会见代表团一行。市委书记陈志远，市委副书记、"
            f"市长吴海燕率队，市委秘书长刘桂英参加；南湖市委副书记、市长周立新，副市长郑玉兰参加会见或陪同。"
            f"代表团一行先后来到{PLANT}等处考察。")
    doc = delegation(text)
    assert {o for o, _ in facts(doc, "inspected")} == {"陈志远", "吴海燕", "刘桂英"}
    assert {("周立新", "陈志远"), ("郑玉兰", "吴海燕")} <= set(facts(doc, "accompanied"))
    assert not any(c in ("黄建华", "刘桂英") for c, _ in facts(doc, "accompanied"))


def test_a_headline_s_columns_are_parts_of_their_own():
    text = (f"黄建华会见 陈志远吴海燕率队 周立新郑玉兰陪同 刘桂英参加\n"
            f"陈志远、吴海燕率我市党政代表团赴南湖市考察。代表团一行来到{PLANT}考察。")
    doc = delegation(text)
    assert ("黄建华", PLANT) not in facts(doc, "inspected")
    accompanying = {c for c, _ in facts(doc, "accompanied")}
    assert "刘桂英" not in accompanying and "黄建华" not in accompanying


def test_an_official_taking_part_in_a_part_of_a_tour_is_not_in_its_group():
    text = (f"市长吴海燕到青枫镇调研，市委秘书长刘桂英参加。副市长郑玉兰参加相关活动。"
            f"吴海燕一行来到{PLANT}现场察看。")
    doc = delegation(text)
    assert {o for o, _ in facts(doc, "inspected")} == {"吴海燕", "刘桂英"}
    related = delegation(text.replace("相关活动", "有关活动"))
    assert {o for o, _ in facts(related, "inspected")} == {"吴海燕", "刘桂英"}


def test_colleagues_who_go_along_with_the_visiting_leader_do_not_accompany_the_leader():
    text = (f"市长陈志远带领督查组到县里督查项目建设，副市长吴海燕一同督查。县长黄建华陪同。"
            f"督查组一行来到{PLANT}现场察看。")
    doc = run(text, officials=list(TITLES), projects=[PLANT], titles=TITLES)
    assert set(facts(doc, "accompanied")) == {("黄建华", "陈志远")}
    assert {("陈志远", PLANT), ("吴海燕", PLANT)} <= set(facts(doc, "inspected"))


def test_a_co_leader_who_visits_before_the_escorts_are_named_is_no_companion():
    text = (f"市长陈志远到青枫镇调研。\n"
            f"市长陈志远、副市长吴海燕来到{PLANT}调研指导，县委书记刘桂英、县长黄建华全程陪同。")
    pairs = accompanied(text)
    assert ("吴海燕", "陈志远") not in pairs
    assert {("刘桂英", "陈志远"), ("黄建华", "陈志远")} <= pairs


def test_officials_whose_titles_name_another_place_receive_leaders_whose_titles_name_none():
    """The paper names its own mayor 市长 and the hosts by their city (阳江市委书记): the hosts who 参加 accompany."""
    from kg.model import Document
    from kg.normalise import normalise
    from kg.pipeline import load, make_doc

    text = ("来源：湛江日报\n8月3日，市长郭立新赴阳江市调研对口帮扶协作工作，阳江市委书记孙红梅参加有关活动，"
            "市委秘书长曾国平参加。\n郭立新先后来到阳春绿能装备产业园项目现场，察看项目进展。")
    doc = make_doc(normalise(Document("t", "t.txt", text)), load())
    pairs = {(f.subject[1], f.object[1]) for f in doc._.facts if f.predicate == "accompanied"}
    assert pairs == {("孙红梅", "郭立新")}


def test_a_leader_whose_instructions_are_carried_out_is_no_visitor():
    titles = {"郭立新": ["市长"], "孙红梅": ["县委书记"], "王立国": ["总书记"]}
    text = (f"市长郭立新到县里调研，深入贯彻王立国总书记考察湖北时的重要讲话精神。县委书记孙红梅陪同。"
            f"郭立新来到{PLANT}现场察看。")
    doc = run(text, officials=list(titles), projects=[PLANT], titles=titles)
    assert set(facts(doc, "accompanied")) == {("孙红梅", "郭立新")}
    assert {o for o, _ in facts(doc, "inspected")} == {"郭立新"}


VISITORS = {
    "石振国": ["安远县委书记"],
    "许永安": ["江西省委书记"],
    "邝丽君": ["安远县委副书记", "县长"],
    "祁明远": ["市委书记"],
    "包文涛": ["副市长"],
}
PARK = "赣南稀土新材料产业园"


def tour(text):
    doc = run(text, officials=list(VISITORS), projects=[PLANT, PARK], titles=VISITORS)
    return set(facts(doc, "inspected")), set(facts(doc, "accompanied"))


def test_hosts_who_escort_a_delegation_named_after_its_place_accompany_without_inspecting():
    text = (f"安远县委书记石振国带领安远县党政考察团来我市考察{PLANT}、{PARK}。"
            f"市委书记祁明远、副市长包文涛陪同考察。")
    inspected, accompanied = tour(text)
    assert inspected == {("石振国", PLANT), ("石振国", PARK)}
    assert accompanied == {("祁明远", "石振国"), ("包文涛", "石振国")}


def test_a_member_taking_part_in_a_place_s_delegation_inspects_and_its_escort_does_not():
    text = (f"江西省委书记许永安率江西省代表团来我市考察。县长邝丽君参加。市委书记祁明远陪同考察。"
            f"代表团第一站来到{PARK}，察看园区建设。")
    inspected, accompanied = tour(text)
    assert inspected == {("许永安", PARK), ("邝丽君", PARK)}
    assert ("祁明远", "许永安") in accompanied


@pytest.mark.parametrize("text", [
    f"石振国一行来我市考察{PLANT}，市委书记祁明远、副市长包文涛陪同考察。",  # no team named after a place
    f"省调研组来我市调研，市委书记祁明远、副市长包文涛陪同。调研组一行来到{PLANT}现场察看。",  # a task's team
    f"安远县党政考察团来我市考察{PLANT}。市委书记祁明远、副市长包文涛陪同考察。",  # no one said to bring it
    f"安远县委书记石振国带领赣州市考察团来我市考察{PLANT}。市委书记祁明远、副市长包文涛陪同考察。",  # not his place
])
def test_escorts_of_a_group_not_brought_from_its_leader_s_place_go_with_it(text):
    inspected, _ = tour(text)
    assert {("祁明远", PLANT), ("包文涛", PLANT)} <= inspected


def test_officials_who_report_to_the_visitors_at_the_site_receive_the_visit():
    text = (f"县委书记石振国一行来到{PARK}，实地察看园区建设，镇党委书记邝丽君、村主任包文涛分别作了汇报。"
            f"市委书记祁明远陪同调研。")
    inspected, accompanied = tour(text)
    assert inspected == {("石振国", PARK), ("祁明远", PARK)}
    assert not any(c in ("邝丽君", "包文涛") for c, _ in accompanied)


@pytest.mark.parametrize("text, visitors", [
    (f"石振国来到{PARK}察看，邝丽君来到{PLANT}察看并介绍了进度。", {"石振国", "邝丽君"}),  # visits before presenting
    (f"石振国、邝丽君来到{PARK}，详细了解园区情况，并介绍了招商思路。", {"石振国", "邝丽君"}),  # their own clause
    (f"在{PARK}调研中，石振国认真听取园区规划介绍后说，要加快进度。", {"石振国"}),  # who hears
])
def test_a_report_does_not_unmake_a_visit_of_one_s_own(text, visitors):
    inspected, _ = tour(text)
    assert {official for official, _ in inspected} == visitors


def test_a_tour_leader_speaking_where_a_place_frame_puts_them_inspects_the_project():
    text = f"市长陈志远到安远县调研。在{PLANT}，陈志远强调，要加快风机吊装进度。"
    doc = run(text, officials=list(TITLES), projects=[PLANT], titles=TITLES)
    assert ("陈志远", PLANT) in facts(doc, "inspected")


@pytest.mark.parametrize("text", [
    f"市长陈志远到安远县调研。在{PLANT}推进会上，陈志远强调，要加快风机吊装进度。",  # a meeting about it
    f"市长陈志远主持召开常务会议。在{PLANT}，陈志远强调，要加快风机吊装进度。",  # no tour
    f"市长陈志远到安远县调研。在{PLANT}，要加快进度，陈志远强调。",  # no official right after the frame
])
def test_a_speech_is_no_stop_unless_a_tour_s_place_frame_names_the_project(text):
    doc = run(text, officials=list(TITLES), projects=[PLANT], titles=TITLES)
    assert ("陈志远", PLANT) not in facts(doc, "inspected")


PARTY = {"钱振宇": ["省农科院副院长"], "韩素芬": ["省农科院处长"], "冯建军": ["县委书记"], "杨秀兰": ["县长"]}
TEA = "雪峰山茶园提质改造项目"


def party_accompanied(text):
    doc = run(text, officials=list(PARTY), projects=[TEA], titles=PARTY)
    return set(facts(doc, "accompanied")), set(facts(doc, "inspected"))


def test_hosts_accompany_the_first_named_member_of_a_party_no_one_leads():
    text = (f"6月3日，省农科院副院长钱振宇，省农科院处长韩素芬参加调研。县委书记冯建军、县长杨秀兰陪同调研。"
            f"调研组一行来到{TEA}，察看茶树长势。")
    accompanied_pairs, inspected_pairs = party_accompanied(text)
    assert accompanied_pairs == {("冯建军", "钱振宇"), ("杨秀兰", "钱振宇")}
    assert {(name, TEA) for name in PARTY} <= inspected_pairs


def test_an_official_named_after_the_escorts_is_a_host_not_the_party_s_head():
    text = (f"6月3日，某公司考察团一行在县委书记冯建军陪同下来到{TEA}考察。县长杨秀兰参加活动。"
            f"考察团一行察看了{TEA}建设进度。")
    accompanied_pairs, _ = party_accompanied(text)
    assert not {pair for pair in accompanied_pairs if pair[1] == "杨秀兰"}


def test_a_group_going_somewhere_tells_a_tour_even_without_a_visit_verb():
    text = (f"6月3日，市委办公室副主任钱振宇、处长韩素芬等一行到县里开展茶园验收工作，县长杨秀兰参加。"
            f"首先，验收组前往{TEA}实地察看。")
    titles = {**PARTY, "钱振宇": ["市委办公室副主任"], "韩素芬": ["处长"]}
    doc = run(text, officials=list(PARTY), projects=[TEA], titles=titles)
    assert ("杨秀兰", "钱振宇") in set(facts(doc, "accompanied"))


def test_an_official_going_alone_to_a_meeting_tells_no_tour():
    text = f"6月3日，省农科院副院长钱振宇到会并讲话，县长杨秀兰参加。会议听取了{TEA}进展汇报。"
    accompanied_pairs, _ = party_accompanied(text)
    assert accompanied_pairs == set()


def test_a_local_official_who_goes_together_with_the_leader_is_of_the_visiting_party():
    titles = {"陈志远": ["市委书记"], "吴海燕": ["市委常委", "甲区委书记"], "刘桂英": ["县委书记"]}
    text = (f"5月9日，市委书记陈志远带领观摩组到县里观摩项目建设。市委常委、甲区委书记吴海燕一同观摩。"
            f"县委书记刘桂英参加。陈志远一行来到{PLANT}现场。")
    doc = run(text, officials=list(titles), projects=[PLANT], titles=titles)
    assert set(facts(doc, "accompanied")) == {("刘桂英", "陈志远")}
    assert ("吴海燕", PLANT) in facts(doc, "inspected")


def test_hosts_who_escort_together_still_accompany():
    text = f"5月9日，市长陈志远到县里调研，县委书记刘桂英、县长黄建华一同陪同调研。陈志远一行来到{PLANT}现场。"
    assert accompanied(text) == {("刘桂英", "陈志远"), ("黄建华", "陈志远")}


@pytest.mark.parametrize("party, escorted", [
    ("市长陈志远带队，副市长吴海燕等一行到县里调研", {"陈志远"}),  # the head of the party, not its members
    ("市长陈志远、副市长吴海燕带队到县里调研", {"陈志远", "吴海燕"}),  # two heads
    ("市长陈志远、副市长吴海燕到县里调研", {"陈志远", "吴海燕"}),  # no head named: every leader
])
def test_hosts_accompany_the_head_of_a_party(party, escorted):
    text = f"5月9日，{party}，县委书记刘桂英陪同调研。\n一行来到{PLANT}现场察看风机吊装。"
    assert accompanied(text) == {("刘桂英", leader) for leader in escorted}


def test_leading_in_what_is_said_makes_no_head():
    text = (f"5月9日，市长陈志远、副市长吴海燕来到{PLANT}现场调研，县委书记刘桂英陪同调研。"
            "陈志远鼓励企业带领周边农户增收致富。")
    assert accompanied(text) == {("刘桂英", "陈志远"), ("刘桂英", "吴海燕")}


def plain_title_depth(titles):
    """The depth read title by title, as before the depth of each title was remembered."""
    from kg.relations.discourse import _LEVEL_BY_SUFFIX, _LEVEL_RANK, _title_level
    from kg.relations.words import lexicon_pairs

    suffixes = dict(lexicon_pairs("titles_levels"))
    depths = []
    for title in titles:
        match = _title_level().search(title)
        suffix = suffixes.get(match.group(1), "") if match else ""
        level = next((lv for end, lv in _LEVEL_BY_SUFFIX if suffix.endswith(end)), None) if suffix else None
        if level:
            depths.append(_LEVEL_RANK[level])
    return max(depths, default=None)


@pytest.mark.parametrize("titles", [[], ["秘书长"], ["省委书记"], ["省委书记", "镇党委书记"], ["旗委副书记", "盟长"],
                                    ["县委常委", "副县长", "村党支部书记"], ["区政协主席", "街道党工委书记", "市人大常委会主任"],
                                    ["州长", "州委副书记", ""]])
def test_the_depth_of_titles_remembered_title_by_title_is_the_depth_read_at_once(titles):
    for _ in range(2):  # read, then remembered
        assert title_depth(titles) == plain_title_depth(titles)
