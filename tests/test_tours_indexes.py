"""The cached and precompiled forms the tour reading uses against the straightforward reading they replace, on
sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.relations import discourse
from kg.relations.discourse import Mention, Mentions, clauses, within
from kg.relations.words import Words, find_any, group_words, lexicon, words_of
from kg.relations.tours import group
from kg.relations.tours.wording import find_act

SENTENCES = [
    "随后，赵启明一行来到城南中学扩建项目现场，察看建设进度；孙立华陪同。",
    "在云岭茶叶产业园，他详细了解：产能、销路和用工情况",
    "，，开头就是逗号；：",
    "没有任何标点的一句话",
    "",
    "   ",
    "赵启明强调，要加快推进。 孙立华参加调研\u3000周文斌陪同",
    "考察组来到东郊污水处理厂，观摩团一行察看白沙河大桥工程。",
]


def plain_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses as read before the cache: cut the sentence at each call."""
    return [(start + a, start + b) for a, b in discourse._split(text[start:end], discourse._CLAUSE_BREAK)]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_clauses_are_those_of_the_sentence_wherever_it_stands(sentence):
    for before in ("", "前文。", "另一段的话，很长很长。\n"):
        text = before + sentence + "后文，还有。"
        start, end = len(before), len(before) + len(sentence)
        for _ in range(2):  # read, then taken from the cache
            assert clauses(text, start, end) == plain_clauses(text, start, end)
        assert clauses(text, 0, len(text)) == plain_clauses(text, 0, len(text))


def test_within_finds_what_a_scan_finds():
    spans = [(0, 3), (0, 5), (2, 4), (4, 9), (6, 7), (6, 12), (10, 11), (15, 20)]
    found = Mentions(Mention(f"m{a}-{b}", a, b, "x") for a, b in spans)
    for start in range(0, 22):
        for end in range(start, 23):
            inside = within(found, start, end)
            assert inside == [m for m in found if start <= m.start and m.end <= end]
            assert isinstance(inside, Mentions)
            assert inside.starts == [m.start for m in inside]
            # a range within a range: bisection over the starts of the first result
            assert within(inside, start + 1, end) == [m for m in inside if start + 1 <= m.start and m.end <= end]
    assert within(Mentions(), 0, 10) == [] and within([found[1]], 0, 5) == [found[1]]


@pytest.mark.parametrize("names", [("visit_verbs",), ("speech_verbs",), ("companion_markers", "taking_part_markers"),
                                   ("weak_visit_verbs", "speech_verbs"), ("site_words", "frame_ends"),
                                   ("visit_verbs", "destination_verbs"), ("event_heads", "ceremony_words"),
                                   ("visit_verbs", "pronouns")])
def test_a_word_list_finds_what_its_plain_tuple_finds(names):
    words = words_of(names)
    assert isinstance(words, Words)
    assert tuple(words) == sum((tuple(lexicon(name)) for name in names), ())
    # read as the lexicons joined by hand were: membership, a prefix or suffix of any word
    joined = sum((lexicon(name) for name in names), ())
    for word in (*joined[:3], *joined[-3:], "", "不是词"):
        assert (word in words) == (word in joined)
        assert ("甲" + word).endswith(words) == ("甲" + word).endswith(joined)
        assert (word + "乙").startswith(words) == (word + "乙").startswith(joined)
    for sentence in SENTENCES:
        for at in range(len(sentence) + 1):
            assert find_any(sentence[at:], words) == find_any(sentence[at:], tuple(words)) == find_any(sentence[at:], list(words))


def test_group_words_keep_their_order_and_find_as_a_tuple():
    words = group_words()
    assert isinstance(words, Words) and list(words) == sorted(words, key=len, reverse=True)
    for sentence in SENTENCES:
        assert find_any(sentence, words) == find_any(sentence, tuple(words))


@pytest.mark.parametrize("names", [("visit_verbs",), ("visit_verbs", "ceremony_words"), ("visit_verbs", "weak_visit_verbs")])
def test_find_act_remembered_is_find_act_read(names):
    for sentence in SENTENCES:
        for at in range(len(sentence) + 1):
            text = sentence[at:]
            assert find_act(text, *names) == find_act.__wrapped__(text, *names)
            assert find_act(text, *names) == find_act.__wrapped__(text, *names)  # from the cache


def plain_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts as cut before: each character of the sentence looked at in turn."""
    cuts = [start, *(i + 1 for i in range(start, end) if text[i] in "；; \u3000"), end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]


@pytest.mark.parametrize("sentence", SENTENCES + ["；；", "甲; 乙 丙\u3000丁；"])
def test_parts_are_cut_where_the_characters_cut_them(sentence):
    text = "前；" + sentence + "；后"
    for start in range(len(text)):
        for end in range(start, len(text) + 1):
            assert group._parts(text, start, end) == plain_parts(text, start, end)


def plain_brings_a_team(report: str, leading, places, teams) -> bool:
    """Each wording searched in the whole report, as before."""
    return any(f"{lead}{place}{team}" in report or f"{lead}{place}党政{team}" in report
               for place in places for lead in leading for team in teams)


@pytest.mark.parametrize("report", [
    "甲县委书记赵启明率领甲县党政考察团来到乙县。",
    "甲县委书记赵启明带领甲县考察团来到乙县。",
    "甲县委书记赵启明率甲县代表团。",
    "甲县考察团来我县，县领导陪同。",
    "率领甲县甲县党政考察团",
    "率领甲甲县考察团",  # a place that starts inside another of its own occurrences
    "率领甲县党政党政考察团",
    "率领乙县党政考察团；带领甲县调研组",
    "",
])
def test_a_team_brought_is_found_as_each_wording_finds_it(report):
    leading = (*lexicon("leading_markers"), "率")
    teams = tuple(word for word in group_words() if word.endswith(("组", "小组", "团")))
    for places in ({"甲县"}, {"乙县"}, {"甲县", "乙县"}, {"甲甲县"}, set()):
        assert group._brings_a_team(report, leading, places, teams) == plain_brings_a_team(report, leading, places, teams)


def test_a_team_brought_is_found_at_all():
    leading, teams = ("率领", "率"), ("考察团", "调研组")
    assert group._brings_a_team("甲县委书记率领甲县党政考察团。", leading, {"甲县"}, teams)
    assert group._brings_a_team("率甲县调研组", leading, {"甲县", "乙县"}, teams)
    assert not group._brings_a_team("率领乙县考察团", leading, {"甲县"}, teams)


REPORTS = [
    "本报讯 5月8日，州委书记赵启明率领甲县党政考察团来到云岭茶叶产业园，孙立华陪同。随后，一行察看了城南中学扩建。"
    "会上，周文斌主持会议，孙立华出席。代表们来到东郊污水处理厂；周文斌参加调研。",
    "州长孙立华带队，赵启明、周文斌一同观摩白沙河大桥工程。天气晴好。区领导详细询问进度，赵启明参加相关活动。",
    "委员们来到城南中学扩建项目。赵启明等人来到东郊污水处理厂，孙立华共同察看。周文斌会见了考察团一行。",
]


def group_of(text):
    from kg.nlp.spans import text_of
    from kg.relations.discourse import mentions, sentences
    from kg.relations.tours.report import Report
    from test_relations import run

    doc = run(text, officials=["赵启明", "孙立华", "周文斌"], projects=["云岭茶叶产业园", "城南中学扩建", "东郊污水处理厂", "白沙河大桥工程"],
              titles={"赵启明": ["州委书记"], "孙立华": ["州长"], "周文斌": ["甲县县长"]})
    body = text_of(doc)
    report = Report(body, 0, len(body), mentions(doc, "officials"), sentences(doc))
    return group.VisitingGroup(report, mentions(doc, "projects"), mentions(doc, "organizations"))


@pytest.mark.parametrize("text", REPORTS)
def test_the_group_read_from_the_sentences_naming_officials_is_the_group_read_from_all(text):
    found = group_of(text)
    everything = group_of(text)
    everything.naming, everything.remembered = everything.sentences, {}
    assert found.naming != found.sentences  # some sentences name no official
    for reading in ("_heads", "_in_a_part_only", "_going_together", "_taking_part_in_the_visit", "_at_another_event"):
        assert getattr(found, reading)() == getattr(everything, reading)()
    for markers in (lexicon("companion_markers"), lexicon("attendance_markers"), words_of(("companion_markers", "attendance_markers"))):
        for among in (None, ("赵启明",), ("孙立华", "周文斌")):
            assert found.marked(markers, among) == everything.marked(markers, among)
    for leaders in (("赵启明",), ("孙立华",), ("赵启明", "周文斌")):
        assert found.accompanying(leaders) == everything.accompanying(leaders)


@pytest.mark.parametrize("text", REPORTS)
def test_a_body_or_a_plural_title_of_a_clause_is_one_of_the_sentence(text):
    """What lets is_subject look at the whole sentence first: a clause's match is the sentence's."""
    found = group_of(text)
    for start, end in found.sentences:
        sentence = found.text[start:end]
        clause_bodies = [c for c in clauses(found.text, start, end) if group._leaders_body().search(found.text[c[0]:c[1]])]
        clause_plurals = [c for c in clauses(found.text, start, end) if group._PLURAL.search(found.text[c[0]:c[1]])]
        assert not clause_bodies or group._leaders_body().search(found.text, start, end)
        assert not clause_plurals or "们" in sentence


@pytest.mark.parametrize("text", REPORTS)
def test_mentions_read_through_the_getters_are_those_read_through_the_accessor(text):
    from kg.relations.discourse import mentions
    from test_relations import run

    doc = run(text, officials=["赵启明", "孙立华"], projects=["城南中学扩建", "东郊污水处理厂"], titles={"赵启明": ["州委书记"]})
    for name in ("officials", "projects", "organizations", "places"):
        plain = sorted((Mention(span._.canonical or span.text, span.start_char, span.end_char, span.text, span._.attrs or {})
                        for span in doc.spans.get(name, [])), key=lambda m: (m.start, -m.end))
        assert mentions(doc, name) == plain


def test_group_words_keep_one_order_whatever_the_string_hashing():
    """Words of one length come out in one order in every process (string hashing is salted per process)."""
    import os
    import subprocess
    import sys

    script = "from kg.relations.words import group_words; print('|'.join(group_words()))"
    orders = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(orders) == 1 and len(orders.pop().split("|")) > 10


def test_within_a_list_sorted_once_is_each_clause_sorted():
    """A list's clauses read by bisection over its entities sorted once (projects then organizations, as the
    stops give them), as the entities of each clause sorted one by one."""
    projects = [(0, 4), (0, 6), (3, 8), (9, 12), (14, 15), (14, 18)]
    organizations = [(0, 4), (2, 3), (9, 11), (12, 14), (16, 20)]
    entities = [Mention(f"p{a}-{b}", a, b, "x") for a, b in projects] + [Mention(f"o{a}-{b}", a, b, "y") for a, b in organizations]
    ordered = Mentions(sorted(entities, key=lambda e: e.start))
    for start in range(0, 22):
        for end in range(start, 23):
            plain = sorted((e for e in entities if start <= e.start and e.end <= end), key=lambda e: e.start)
            assert within(ordered, start, end) == plain


@pytest.mark.parametrize("text", REPORTS)
def test_the_officials_of_a_sentence_from_the_index_are_those_found_in_it(text):
    report = group_of(text).report
    ranges = [*report.sentences, *((a, b) for a in range(0, len(report.text), 3) for b in range(a, len(report.text) + 1, 5))]
    for start, end in ranges:
        assert report.officials_within(start, end) == within(report.officials, start, end)
    assert all(report.officials_within(a, b) is report.officials_within(a, b) for a, b in report.sentences)


@pytest.mark.parametrize("text", REPORTS)
def test_the_holders_of_a_bare_title_are_found_as_each_sentence_found_them(text):
    found = group_of(text)
    for title in ("书记", "州长", "县长", "长", "主任", ""):
        plain = [name for name, titles in found.titles.items() if any(group._holds(t, title) for t in titles)]
        for _ in range(2):  # found, then remembered
            assert found._holders(title) == plain
    for sentence in ("书记一行来到工地。", "，州长来到工地", "县长察看进度", "无人来到"):
        for current in ([], ["赵启明"], ["孙立华", "周文斌"]):
            first, again = found.titled_leaders(sentence, current), found.titled_leaders(sentence, current)
            assert first == again and (not first or first is not again)  # a list of its own for each sentence
