"""The coverage report of a build (:mod:`kg.coverage`): the signals a user without gold annotations has."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.coverage import coverage, visit_sentence
from kg.model import DocumentResult, EntityRecord, Evidence, Fact, Inspection
from kg.resolve import resolve

HUNAN = {"name": "湖南省", "level": "province", "adcode": "430000"}
YONGZHOU = {"name": "永州市", "level": "city", "adcode": "431100"}
NINGYUAN = {"name": "宁远县", "level": "county", "adcode": "431126"}


def said(kind: str, name: str, sentence: str, attrs: dict | None = None) -> EntityRecord:
    """An entity read in ``sentence`` (the evidence is all the coverage report looks at in the text)."""
    start = sentence.find(name)
    evidence = Evidence("d", sentence, start, start + len(name))
    return EntityRecord(kind, name, attrs=attrs or {}, evidence=[evidence])


def article(doc_id: str, entities, facts=(), inspections=(), home=None) -> DocumentResult:
    return DocumentResult(doc_id, f"{doc_id}.txt", home_place=home, entities=list(entities),
                          facts=list(facts), inspections=list(inspections))


TOUR = "4月9日，县委书记周海来到宁远县九嶷山光伏电站项目现场调研。"
# a tour: one official inspects a project placed in the county; a second official only presides a meeting
toured = article("a", [
    said("official", "周海", TOUR, {"titles": ["县委书记"]}),
    said("official", "林青", "县长林青主持召开常务会议。", {"titles": ["县长"]}),
    said("place", "宁远县", TOUR, {"level": "county", "adcode": "431126", "ancestors": [HUNAN, YONGZHOU]}),
    said("project", "九嶷山光伏电站项目", TOUR),
], facts=[Fact(("project", "九嶷山光伏电站项目"), "locatedIn", ("place", "宁远县"), 0.9)],
    inspections=[Inspection(["周海"], ["九嶷山光伏电站项目"], None)], home="宁远县")
# a visit told, nothing read of it: a town (no code below counties) and a zone the gazetteer lacks
VISIT = "市长吴迪一行深入舜陵街道和湘南承接产业转移示范园调研。"
missed = article("b", [
    said("official", "吴迪", VISIT, {"titles": ["市长"]}),
    said("place", "舜陵街道", VISIT, {"level": "town", "adcode": None, "ancestors": [HUNAN, YONGZHOU, NINGYUAN]}),
    said("place", "湘南承接产业转移示范园", VISIT, {"level": "zone", "adcode": None}),
    said("project", "冷水滩物流园", "会议研究了冷水滩物流园建设。"),
])
# a meeting: what is said after 强调 and a 考察组 are no visit
MEETING = "县委书记欧阳明强调，要深入调研、狠抓落实。"
meeting = article("c", [
    said("official", "欧阳明", MEETING, {"titles": ["县委书记"]}),
    said("official", "贺兰", "省考察组组长贺兰听取了汇报。", {"titles": ["组长"]}),
])


def test_shares_count_what_the_resolved_graph_has():
    report = coverage(resolve([toured, missed, meeting]), [toured, missed, meeting])
    assert (report.projects_located.count, report.projects_located.total) == (1, 2)
    # 宁远县 has a code, the zone has none; the town is not counted: the gazetteer codes no towns
    assert (report.places_coded.count, report.places_coded.total) == (1, 2)
    # 林青 (a meeting), 吴迪 (nothing read), 欧阳明 and 贺兰: in no relation; 周海 inspected
    assert (report.officials_unrelated.count, report.officials_unrelated.total) == (4, 5)
    assert report.projects_located.percent == 50.0


def test_articles_give_their_home_place_and_whether_a_told_visit_was_missed():
    report = coverage(resolve([toured, missed, meeting]), [meeting, missed, toured])
    assert [(a.source, a.home_place, a.visits_found, a.visit_missed) for a in report.articles] == [
        ("a.txt", "宁远县", 1, False), ("b.txt", None, 0, True), ("c.txt", None, 0, False)]
    assert report.articles[1].visit_sentence == VISIT
    assert (report.visits_missed.count, report.home_places.count, report.home_places.total) == (1, 1, 3)


def test_a_company_visit_counts_as_a_visit_read():
    sentence = "副县长邓平来到永州华瑞电子有限公司调研。"
    visit = article("v", [said("official", "邓平", sentence, {"titles": ["副县长"]}),
                          said("organization", "永州华瑞电子有限公司", sentence)],
                    facts=[Fact(("official", "邓平"), "visited", ("organization", "永州华瑞电子有限公司"), 0.9)])
    report = coverage(resolve([visit]), [visit])
    assert report.articles[0].visits_found == 1 and not report.articles[0].visit_missed
    assert report.officials_unrelated.count == 0


def test_visit_sentences_need_a_visit_verb_or_a_ceremony_outside_speech_and_group_words():
    def first(*sentences: str) -> str | None:
        return visit_sentence(article("s", [said("place", "", s) for s in sentences]))

    assert first("市委书记到高新区察看项目进展。") == "市委书记到高新区察看项目进展。"
    assert first("副市长出席金沙江大桥开工仪式并宣布开工。") is not None
    assert first("他指出，要深入基层、察看一线。") is None  # what was said
    assert first("省督查组召开反馈会。", "检查组一行听取汇报。") is None  # group words, no verb of their own
    assert first("会议审议了工作报告。") is None


def test_build_prints_the_coverage_and_saves_it_per_article(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("5月6日，县委书记张岩来到临澧县安福新能源产业园项目现场调研。\n\n"
                    "县长秦可主持召开县政府常务会议。", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(text), "--out", str(tmp_path / "out"), "--format", "ttl"])
    assert result.exit_code == 0, result.output
    assert "coverage:" in result.output and "home place found in" in result.output
    saved = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["coverage"]
    assert [a["source"] for a in saved["articles"]] == [str(text)]
    assert saved["officials_unrelated"]["total"] == 2


def _tells_a_visit_word_by_word(sentence: str) -> bool:
    """The reading before the one-pass regexes: every group word removed, every speech verb looked up."""
    from kg.coverage import SPEECH_VERBS, VISIT_WORDS
    from kg.relations.words import group_words, lexicon

    for group in group_words():
        sentence = sentence.replace(group, "")
    said = [at for at in map(sentence.find, lexicon(SPEECH_VERBS)) if at >= 0]
    told = sentence[: min(said, default=len(sentence))]
    return any(word in told for name in VISIT_WORDS for word in lexicon(name))


def test_a_visit_is_told_as_the_word_by_word_reading_says():
    import itertools
    import random

    from kg.coverage import _tells_a_visit

    pieces = ["县委书记", "来到", "察看", "调研", "考察组", "检查组一行", "考察", "强调", "指出，要", "开工仪式",
              "项目现场", "。", "，", "来考察组到", "观摩团", "座谈会", "听取汇报", "出席", "", "要求", "深入"]
    rng = random.Random(17)
    sentences = ["", "。", *("".join(p) for p in itertools.product(pieces[:8], repeat=2)),
                 *("".join(rng.choices(pieces, k=rng.randint(1, 7))) for _ in range(600))]
    assert any(map(_tells_a_visit, sentences)) and not all(map(_tells_a_visit, sentences))
    for sentence in sentences:
        assert _tells_a_visit(sentence) == _tells_a_visit_word_by_word(sentence), sentence


def test_a_compact_result_gives_the_same_graph_and_coverage_as_the_whole():
    import copy
    from dataclasses import asdict

    from kg.coverage import compact_result

    both = "县长林青来到宁远县九嶷山光伏电站项目现场调研。"  # told in two entities, one sentence earlier than VISIT
    later = article("d", [said("place", "宁远县", MEETING, {"level": "county", "adcode": "431126",
                                                           "ancestors": [HUNAN, YONGZHOU]}),
                          said("official", "林青", both, {"titles": ["县长"]}),
                          said("project", "九嶷山光伏电站项目", both),
                          said("official", "吴迪", VISIT, {"titles": ["市长"]})],
                    facts=[Fact(("official", "林青"), "inspected", ("project", "九嶷山光伏电站项目"), 0.9,
                                Evidence("d", both, 0, len(both)))],
                    inspections=[Inspection(["林青"], ["九嶷山光伏电站项目"], "2024-04-09",
                                            [Evidence("d", both, 0, len(both))])], home="宁远县")
    later.entities[-1].evidence[0].start = 400  # VISIT comes after
    whole = [toured, missed, meeting, later, article("e", [])]
    compact = [compact_result(copy.deepcopy(result)) for result in whole]
    assert sum(len(entity.evidence) for result in compact for entity in result.entities) == 3  # a, b, d
    assert [visit_sentence(result) for result in compact] == [visit_sentence(result) for result in whole]
    assert visit_sentence(compact[3]) == both
    resolved, resolved_compact = resolve(whole), resolve(compact)
    assert resolved_compact.nodes == resolved.nodes and resolved_compact.edges == resolved.edges
    assert resolved_compact.inspections == resolved.inspections
    assert asdict(coverage(resolved_compact, compact)) == asdict(coverage(resolved, whole))
    assert [result.facts for result in compact] == [result.facts for result in whole]
