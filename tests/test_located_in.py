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
