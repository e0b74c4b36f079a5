"""The per-document indexes of kg.nlp.projects.text answer as the straightforward scans they replace, on
sentences written for these tests."""

from __future__ import annotations

import random
import re

import pytest
from spacy.tokens import Doc

from test_projects import _entity_stage

from kg.lexicon import alternation
from kg.nlp.projects.generic import _PROJECT_PHASE, QUOTES, GenericWords
from kg.nlp.projects.text import _LATIN_SPACE, NAME_CHAR, ProjectText, lexicon, split_items
from kg.pipeline import load

SENTENCES = [
    "县长来到青禾储能装备产业园、白溪新区污水处理厂(一期)和“腾笼换鸟”项目，察看南湖片区污水处理 PPP 项目进展。",
    "市委书记走访宏鼎精密铸造有限公司、桐溪光伏科技有限公司等企业；随后调研年产10万吨活性炭项目。",
    "柳河镇A村、B村整体搬迁安置项目，总投资1.2亿元。首页 > 要闻 > 本地",
    "",
    "、，,（）“”",
    " ABC 甲乙 项目 D 丙",
]


def straightforward_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """split_items as it was first written: one character at a time."""
    items, cursor, depth = [], start, 0
    for k in range(start, end + 1):
        if k < end and text[k] in "(（“":
            depth += 1
        elif k < end and text[k] in ")）”":
            depth = max(depth - 1, 0)
        if k == end or (text[k] in "、，," and not depth):
            if k > cursor:
                items.append((cursor, k))
            cursor = k + 1
    if items:
        last_start, last_end = items[-1]
        for conjunction in ("以及", "和", "及"):
            at = text.find(conjunction, last_start, last_end)
            after = at + len(conjunction)
            if at - last_start >= 5 and last_end - after >= 5:
                items[-1:] = [(last_start, at), (after, last_end)]
                break
    return [(a, b) for a, b in items if text[a:b].strip()]


def project_text(sentence: str) -> ProjectText:
    return ProjectText(_entity_stage(sentence), ())


def random_text(seed: int, alphabet: str, longest: int) -> tuple[str, ProjectText]:
    """Up to ``longest`` characters of ``alphabet`` drawn at random, one token each (no entity stage)."""
    characters = random.Random(seed).choices(alphabet, k=random.Random(-seed).randint(0, longest))
    doc = Doc(load().vocab, words=characters or None, spaces=[False] * len(characters))
    return "".join(characters), ProjectText(doc, ())


@pytest.mark.parametrize("seed", range(30))
def test_split_items_reads_the_marks_as_the_character_loop_did(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("甲乙丙和及以、，,(（“)）”  ") for _ in range(rng.randint(0, 60)))
    for _ in range(20):
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert split_items(text, start, end) == straightforward_split(text, start, end), (text, start, end)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_the_name_breaks_are_the_characters_a_name_cannot_hold(sentence):
    text = project_text(sentence)
    for start in range(len(sentence) + 1):
        for end in range(start, len(sentence) + 1):
            bad = [k for k in range(start, end) if not NAME_CHAR.match(sentence[k]) and not _LATIN_SPACE.match(sentence, k)]
            assert text.last_name_break(start, end) == (bad[-1] if bad else None)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_inside_an_organization_as_a_scan_of_the_organisations(sentence):
    text = project_text(sentence)
    for pos in range(len(sentence) + 1):
        assert text.inside_organization(pos) == any(a < pos < b for a, b in text.organization_spans)


LISTS = [
    *SENTENCES[:3],
    "甲乙丙丁戊和己庚辛壬癸项目；甲乙和丙丁；甲乙丙丁戊及己庚辛壬癸基地以及子丑寅卯辰巳；（甲、乙）“丙、丁”",
    "、、；和；及；以及；甲和乙、丙；“甲乙丙丁戊”和“己庚辛壬癸”",
]


@pytest.mark.parametrize("sentence", LISTS)
def test_the_clause_lists_are_the_clauses_of_two_items_or_more(sentence):
    text = project_text(sentence)
    clauses = [(m.start(), m.end()) for m in re.finditer(r"[^。；！？;\n，,：:]+", sentence)]
    split = [straightforward_split(sentence, a, b) for a, b in clauses]
    assert text.clause_lists == [items for items in split if len(items) > 1]


@pytest.mark.parametrize("seed", range(20))
def test_the_clause_lists_of_random_clauses(seed):
    sentence, text = random_text(seed, "甲乙丙丁戊己庚辛和及以、，,：:。；\n(（“)）”", 80)
    clauses = [(m.start(), m.end()) for m in re.finditer(r"[^。；！？;\n，,：:]+", sentence)]
    split = [straightforward_split(sentence, a, b) for a, b in clauses]
    assert text.clause_lists == [items for items in split if len(items) > 1], sentence


def test_the_span_groups_read_once_give_the_tokens_of_each_group():
    nlp = load()
    words = ["来自", "上海", "的", "宏鼎公司", "和", "张某", "。"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    doc.spans["places"] = [doc[1:2]]
    doc.spans["organizations"] = [doc[3:4]]
    doc.spans["persons"] = [doc[5:6]]
    text = ProjectText(doc, ())
    assert text.in_places >= {1} and text.in_named == {1, 3} and text.in_person == {5}
    assert text.place_spans == {(2, 4)} and text.organization_spans == {(5, 9)} and text.organization_starts == [5]
    assert [span.text for span in text.places] == ["上海"]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_unnamed_keeps_the_characters_outside_names(sentence):
    text = project_text(sentence)
    for start in range(len(sentence) + 1):
        for end in range(start, len(sentence) + 1):
            assert text.unnamed(start, end) == "".join(sentence[k] for k in range(start, end) if not text.named[k])


@pytest.mark.parametrize("sentence", [s for s in SENTENCES if s])
@pytest.mark.parametrize("keep_named", [True, False])
def test_words_of_as_the_character_loop(sentence, keep_named):
    text, generic = project_text(sentence), GenericWords()
    for start in range(len(sentence)):
        for end in range(start + 1, len(sentence) + 1):
            kept = []
            for i in range(text.tokens.at(start), text.tokens.at(end - 1) + 1):
                a, b = max(text.starts[i], start), min(text.ends[i], end)
                if not (text.words[i] in generic.lone_generics and b - a == 1):
                    kept.extend(sentence[k] for k in range(a, b) if keep_named or not text.named[k])
            assert generic.words_of(text, start, end, keep_named) == QUOTES.sub("", "".join(kept))


def straightforward_clause_start(text: str, end: int) -> int:
    """The start of a clause as it was first found: one character at a time, leftwards from ``end``."""
    i = end - 1
    while i >= 0 and text[i] not in "。；！？;\n，,：:":
        i -= 1
    return i + 1


@pytest.mark.parametrize("seed", range(20))
def test_clause_start_from_the_marks_as_the_character_loop(seed):
    sentence, text = random_text(seed, "甲乙丙项目。；！？;\n，,：:、 ?!", 40)
    assert [text.clause_start(end) for end in range(len(sentence) + 1)] == [
        straightforward_clause_start(sentence, end) for end in range(len(sentence) + 1)
    ]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_clause_start_of_a_read_text(sentence):
    text = project_text(sentence)
    for end in range(len(sentence) + 1):
        assert text.clause_start(end) == straightforward_clause_start(sentence, end)


@pytest.mark.parametrize("seed", range(30))
def test_strip_tails_by_suffixes_as_the_tail_regex(seed):
    generic = GenericWords()
    tail = re.compile(rf"(?:{alternation(generic.words + lexicon('project_heads.txt'))})\Z")
    rng = random.Random(seed)
    pieces = [*rng.sample(sorted(generic.tails), 12), "青禾", "铜箔", "甲", "项目一期", "二期", "Ａ", "中心", ""]
    for _ in range(50):
        core = "".join(rng.choices(pieces, k=rng.randint(0, 5)))
        match = tail.search(core, 1)
        assert generic.tail_start(core) == (match.start() if match else 0), core
        expected = _PROJECT_PHASE.sub("", core)
        while match := tail.search(expected, 1):
            expected = expected[: match.start()]
        assert generic.strip_tails(core) == expected, core


@pytest.mark.parametrize("seed", range(30))
def test_named_phases_around_each_phase_character_as_the_regex_over_the_text(seed):
    from kg.nlp.projects.component import _NAMED_PHASE, named_phases

    rng = random.Random(seed)
    for _ in range(100):
        text = "".join(rng.choices(["期", "一", "二", "3", "(", "（", ")", "）", "第", "近", "园", "A", "，", "西区"], k=rng.randint(0, 20)))
        assert named_phases(text) == [match.span() for match in _NAMED_PHASE.finditer(text)], text


@pytest.mark.parametrize("sentence", SENTENCES + ["白溪新区污水处理厂(一期)和二期工程，第一期、近期、三期（二期）期期"])
def test_named_phases_of_sentences(sentence):
    from kg.nlp.projects.component import _NAMED_PHASE, named_phases

    assert named_phases(sentence) == [match.span() for match in _NAMED_PHASE.finditer(sentence)]


@pytest.mark.parametrize("sentence", [
    *SENTENCES,
    "县长走进柳河镇白溪村茶叶加工厂、果蔬分拣中心项目，察看进展。",
    "推进柳河镇道路、桥梁项目和青禾产业园、白溪污水处理厂工程；走访A村、B村、C村安置项目。",
])
def test_the_shared_place_of_a_list_as_found_by_the_walk_alone(sentence):
    from kg.nlp.projects.component import ProjectRecognizer

    reader = ProjectRecognizer(load(), "kg_projects").lists
    text = project_text(sentence)
    for items in text.clause_lists:
        for start, end in items:
            name_start, _ = reader.boundaries.left_edge(text, end, end, floor=start)
            run_end = text.place_run_end(name_start)
            walked = (name_start, run_end) if name_start < run_end < end else None
            assert reader._shared_place(text, start, end) == walked, (sentence, start, end)
