"""The indexes and shortcuts kg_places reads the text and the gazetteer through, each compared with the
straightforward way it replaces, on sentences written for these tests."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import spacy

from kg.nlp import extensions, sentences, tokenizer  # noqa: F401  (registers the tokenizer)
from kg.nlp.gazetteer import gazetteer, name_lengths_by_head
from kg.nlp.places import mentions, villages
from kg.lexicon import occurrences
from kg.nlp.places.lexicons import lexicons
from kg.nlp.places.mentions import Words

SENTENCES = [
    "河北省张家口市怀安县县委书记来到南夏家屯村，察看合作社扩建项目和大棚蔬菜基地。",
    "湖南省怀化市沅陵县七甲坪镇、五强溪镇两地推进项目建设，县长强调全县要抓落实。",
    "啊啊啊啊啊，全市全市场全域全市。",
    "",
    "市",
]


@pytest.fixture(scope="module")
def nlp():
    extensions.register()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.LACTokenizer.v1"}}})


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("word", ["啊啊", "全市", "市", "项目", "街道", "没有的词", "。"])
@pytest.mark.parametrize("unless", ["", "场域", "啊"])
def test_occurrences_are_where_the_regular_expression_matches(text, word, unless):
    lookahead = f"(?![{re.escape(unless)}])" if unless else ""
    expected = [m.start() for m in re.finditer(re.escape(word) + lookahead, text)]
    assert list(occurrences(word, text, unless_followed_by=unless)) == expected


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("word", ["啊啊", "全市", "市", "没有的词"])
def test_overlapping_occurrences_are_every_position_the_word_starts_at(text, word):
    expected = [m.start() for m in re.finditer(f"(?={re.escape(word)})", text)]
    assert list(occurrences(word, text, overlapping=True)) == expected


@pytest.mark.parametrize("text", [s for s in SENTENCES if s])
def test_words_read_from_the_token_table_are_the_doc_tokens(nlp, text):
    doc = nlp(text)
    words = Words(doc)
    for char in range(len(text) + 2):  # past the end too: the last word
        token = doc[words.index(char)]
        assert words.token(char) == (token.idx, token.text, token.tag_)


@pytest.mark.parametrize("name", ["张家口", "张家口市", "宣化", "宣化县", "南夏家屯村", "怀安县", "没有这个地方", ""])
def test_knows_a_name_when_lookup_finds_places(name):
    gaz = gazetteer()
    assert gaz.knows(name) == bool(gaz.lookup(name))


def scan_every_position(text, words, names, prefer=(), min_length=3, written_after=None, starts=frozenset()):
    """villages._scan as it was written first: every position of the text tried in turn."""
    if not names:
        return
    longest = max(map(len, names))
    openings = {name[:min_length] for name in names}
    i = 0
    while i < len(text):
        if text[i : i + min_length] not in openings:
            i += 1
            continue
        for length in range(min(longest, len(text) - i), min_length - 1, -1):
            candidates = names.get(text[i : i + length])
            if candidates and (i in words.starts or i in starts or words.tag(i) in villages.GLUED_TAGS):
                before = (written_after or {}).get(i)
                under = ([c for c in candidates if before is not None and c.is_within(before)]
                         or [c for c in candidates if any(c.is_within(p) for p in prefer)] or candidates)
                place = under[0] if len(under) == 1 else villages._common_part(under)
                yield i, i + length, place
                i += length - 1
                break
        i += 1


def as_names(hits):
    return [(start, end, place.name, [a.name for a in place.ancestors]) for start, end, place in hits]


@pytest.mark.parametrize("text", [
    "甲乙丙丁甲乙丙，甲乙甲乙甲乙丙丁戊。乙丙丁",
    "丁戊甲乙丙丁戊甲乙丙丁",
    "甲甲甲甲乙乙乙丙丙丙",
])
@pytest.mark.parametrize("min_length", [2, 3])
def test_scan_from_the_openings_finds_what_every_position_finds(nlp, text, min_length):
    """Names that overlap, repeat, nest and run to the end of the text; same-named places of two towns."""
    gaz = gazetteer()
    town, other = gaz.children(gaz.resolve("怀安县"))[:2]
    names = {name: [villages.Place(name, "village", None, None, parent) for parent in parents]
             for name, parents in [("甲乙", [town]), ("甲乙丙", [town, other]), ("甲乙丙丁", [other]), ("乙丙丁", [town]),
                                   ("丁戊", [other]), ("甲甲", [town]), ("甲甲甲乙", [town]), ("乙", [town]),
                                   ("丙丙丙", [town, other])]}
    words = Words(nlp(text))
    everywhere = set(range(len(text)))  # every position may start a name, as well as LAC's word starts
    for starts in (frozenset(), everywhere):
        for prefer in ([], [other]):
            expected = list(scan_every_position(text, words, names, prefer, min_length, starts=starts))
            assert as_names(villages._scan(text, words, names, prefer, min_length, starts=starts)) == as_names(expected)
            assert expected or not starts


@pytest.mark.parametrize("text", [s for s in SENTENCES if s] + [
    "怀安县南夏家屯、北夏家屯等村的合作社扩建项目开工，左卫镇党委书记参加。",
    "来到怀安县头百户镇头百户村，察看S208头百户段。",
])
def test_names_cut_to_the_texts_pairs_are_found_as_all_of_them(nlp, text):
    gaz = gazetteer()
    county = gaz.resolve("怀安县")
    words = Words(nlp(text))
    written = set(words.pairs)
    assert written == {text[i : i + 2] for i in range(len(text) - 1)}
    towns = {town.name: [town] for town in gaz.children(county)}
    every = {**towns, **{name: group for name, group in gaz.villages_by_name(county).items() if len(name) >= 3}}
    cut = villages._may_be_written(every, written)
    assert set(cut) <= set(every) and all(cut[name] is every[name] for name in cut)
    for min_length in (2, 3):
        assert list(villages._scan(text, words, cut, min_length=min_length)) == \
            list(villages._scan(text, words, every, min_length=min_length))
    shorts_of_all, shorts_of_cut = (villages._places_by_short_form(names, gaz) for names in (every, cut))
    for short in shorts_of_cut.keys() | {text[i:j] for i in range(len(text)) for j in range(i + 2, len(text) + 1)}:
        if short in text:  # a short form the text holds: the same place either way
            assert shorts_of_cut.get(short) == shorts_of_all.get(short)


def test_villages_asked_by_their_openings_are_those_of_all_villages():
    """villages_by_name with ``openings`` makes only the villages whose names open so: the same groups, the same
    objects, as asking for every village; a county's groups hold its towns' villages (towns_and_villages passes
    over a town whose county it already took)."""
    gaz = gazetteer()
    county = gaz.resolve("怀安县")
    every = gaz.villages_by_name(county)
    assert len(every) > 100 and all(v.level == "village" and v.is_within(county) for g in every.values() for v in g)
    openings = {name[:2] for name in list(every)[::7]} | {"没有", "南夏"}
    cut = gaz.villages_by_name(county, openings=openings)
    assert cut.keys() == {name for name in every if name[:2] in openings}
    assert all([id(v) for v in cut[name]] == [id(v) for v in every[name]] for name in cut)
    assert gaz.villages_by_name(county, openings=set()) == {}
    for town in gaz.children(county):
        of_town = gaz.villages_by_name(town)
        assert [v for group in of_town.values() for v in group] == gaz.children(town)
        for name, group in of_town.items():
            assert gaz.villages(town, name) == group and all(v.parent is town for v in group)
            assert all(any(v is w for w in every[name]) for v in group)
    assert gaz.villages(county, "南夏家屯村") == every["南夏家屯村"] and gaz.village_names(county) == set(every)


def test_towns_named_once_are_those_counted_town_by_town():
    """Gazetteer.towns_named_once, listed once per city, against counting the names of every city's towns (those of
    its counties and zones, or its own: 东莞市 has no counties) as towns_and_villages did at each document."""
    gaz = gazetteer()
    cities = [p for p in gaz.places if p.level == "city"]
    assert any(child.level == "town" for child in gaz.children(gaz.resolve("东莞市")))
    for city in cities:
        counted: Counter[str] = Counter()
        members = {}
        for county in gaz.children(city):
            for town in [county] if county.level == "town" else gaz.children(county):
                counted[town.name] += 1
                members[town.name] = town
        expected = [members[name] for name, count in counted.items() if count == 1]
        assert [id(t) for t in gaz.towns_named_once(city)] == [id(t) for t in expected]
        assert gaz.towns_named_once(city) is gaz.towns_named_once(city)


def test_a_name_two_villages_of_one_town_share_is_two_villages():
    gaz = gazetteer()
    town = next(p for p in gaz.places if p.level == "town" and p._village_names
                and len(set(names := p._village_names.split("|"))) < len(names))
    repeated = next(name for name in town._village_names.split("|") if town._village_names.split("|").count(name) > 1)
    group = gaz.villages(town, repeated)
    assert len(group) == town._village_names.split("|").count(repeated) and group[0] is not group[1]
    assert gaz.villages_by_name(town)[repeated] == group


def mentions_from_every_offset(text, words, gaz, lex):
    """mentions.division_mentions as it was written first: every offset tried in turn."""
    found, i = [], 0
    while i < len(text):
        mention = None
        if text[i : i + 2] in gaz.name_lengths and not mentions._cuts_zone_head(i, text, lex):
            mention = mentions._mention_at(i, text, words, gaz, lex, found)
        if mention is None:
            i += 1
            continue
        found.append(mention)
        i = mention.end
    return found


@pytest.mark.parametrize("text", [s for s in SENTENCES if s] + [
    "河北省张家口市宣化区、蔚县和涿鹿县的干部到张家口经济开发区考察，宣化宣化。",
    "河北张家口怀安县县委书记在怀安经济开发区调研，怀安",
    "深入龙川、和平、连平调研，上海华锐科技有限公司负责人陪同。",
])
def test_division_mentions_from_the_openings_are_those_from_every_offset(nlp, text):
    gaz, lex = gazetteer(), lexicons()
    words = Words(nlp(text))
    found = mentions.division_mentions(text, words, gaz, lex)
    assert found == mentions_from_every_offset(text, words, gaz, lex)
    assert found or len(text) < 20


@pytest.mark.parametrize("text", [
    "怀安县委书记到南夏家屯村调研，张家口经开区和宣化区负责人参加。",
    "湖南省怀化市沅陵县县委书记深入官庄镇调研，我县要抓项目。",
    "安徽省蚌埠市委常委到张家口市宣化区考察。",
])
def test_spans_split_at_once_are_those_split_one_by_one(nlp, text):
    """kg_places cuts every LAC word its spans need cut in one retokenisation: the tokens, their tags and the
    spans are those of adding the spans one by one, each cutting what it needs."""
    from kg.nlp.places import find_places
    from kg.nlp.spans import add_span

    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.LACTokenizer.v1"}}})
    pipeline.add_pipe("kg_sentences")  # the extensions are registered by the nlp fixture
    at_once = pipeline.get_pipe("kg_sentences")(pipeline.make_doc(text))
    one_by_one = pipeline.get_pipe("kg_sentences")(pipeline.make_doc(text))
    pipeline.add_pipe("kg_places")
    at_once = pipeline.get_pipe("kg_places")(at_once)
    for start, end, name, attrs in find_places(one_by_one):
        add_span(one_by_one, "places", start, end, "PLACE", name, **attrs)
    assert [(t.idx, t.text, t.tag_, t.is_sent_start) for t in at_once] == \
        [(t.idx, t.text, t.tag_, t.is_sent_start) for t in one_by_one]
    assert [(s.start, s.end, s._.canonical, s._.attrs) for s in at_once.spans["places"]] == \
        [(s.start, s.end, s._.canonical, s._.attrs) for s in one_by_one.spans["places"]]
    assert len(at_once) > len(pipeline.make_doc(text))  # words were cut


def test_name_lengths_by_opening_are_those_of_the_names():
    """The index read from the cache file (and grown by the old names of renamed counties) is the one made from
    the names: the lengths of the names each two characters open, longest first."""
    gaz = gazetteer()
    expected: dict[str, set[int]] = {}
    for name in gaz.names:
        expected.setdefault(name[:2], set()).add(len(name))
    assert gaz.name_lengths == {head: tuple(sorted(lengths, reverse=True)) for head, lengths in expected.items()}
    assert gaz.name_lengths == name_lengths_by_head(gaz.names)
    assert name_lengths_by_head([]) == {} and name_lengths_by_head(["甲乙", "甲乙丙", "甲乙"]) == {"甲乙": (3, 2)}


@pytest.mark.parametrize("text", [s for s in SENTENCES if s] + [
    "河北省张家口市宣化区、蔚县和涿鹿县的干部到张家口经济开发区考察，宣化宣化。",
    "河北张家口怀安县县委书记在怀安经济开发区调研，怀安",
    "张家口市",
])
def test_lengths_tried_at_an_offset_are_every_length_that_reads_a_name(text):
    """_mention_at reads only the lengths its opening lists: the names it finds, in the order it tries them, are
    those of every length from twelve characters down to two."""
    gaz = gazetteer()
    for i in range(len(text) - 1):
        longest = min(12, len(text) - i)
        every = [n for n in range(longest, 1, -1) if text[i : i + n] in gaz.names]
        listed = [n for n in gaz.name_lengths.get(text[i : i + 2], ()) if n <= longest and text[i : i + n] in gaz.names]
        assert listed == every


@pytest.mark.parametrize("text", SENTENCES + [
    "县委书记在甲乙新城西区调研，丙丁经济开发区、戊己高新区和新城东区负责人参加。",
    "新城西区", "城西区新城", "区新城西", "甲乙开发区开发区经开区",
])
def test_a_zone_head_is_cut_where_the_window_pattern_says(text):
    """The shortcut (no pair of a zone head at the offset: nothing cut) agrees with the pattern at every offset."""
    lex = lexicons()

    def cut_by_the_pattern(start):
        heads = lex["zone_head_pattern"].finditer(text, max(0, start - 6), start + 6)
        return any(head.start() < start < head.end() for head in heads)

    assert [mentions._cuts_zone_head(i, text, lex) for i in range(len(text) + 1)] == \
        [cut_by_the_pattern(i) for i in range(len(text) + 1)]
    assert any(cut_by_the_pattern(i) for i in range(len(text))) or "新城" not in text


@pytest.mark.parametrize("text", SENTENCES + [
    "县长察看了甲山、乙水、丙岭等村的项目，又到丁河和戊湾两镇调研。",
    "甲山、乙水。丙岭等村", "甲山\n乙水等村", "甲山 乙水等村，丁河及戊湾社区", "甲山和乙水三个乡，丁河与戊湾等镇",
    "和和和和和和和和和和村", "、、、、村", "甲山、乙水等", "村镇乡社区和、", "甲乙丙丁戊己庚辛、壬癸等村",
])
def test_lists_with_a_shared_level_word_found_in_stretches_are_those_of_the_whole_text(text):
    expected = [(m.span(), m.groups()) for m in villages.SHARED_HEAD_LIST.finditer(text)]
    assert [(m.span(), m.groups()) for m in villages._shared_head_lists(text)] == expected


@pytest.mark.parametrize("text", SENTENCES)
def test_pairs_are_the_two_characters_at_each_offset(nlp, text):
    assert Words(nlp(text)).pairs == [text[i : i + 2] for i in range(len(text) - 1)]


@pytest.mark.parametrize("text", [
    "怀安县委书记到南夏家屯村调研，张家口经开区和宣化区负责人参加。",
    "河北省张家口市怀安县县委书记来到南夏家屯村，察看合作社扩建项目和大棚蔬菜基地。",
    "湖南省怀化市沅陵县县委书记深入官庄镇调研，我县要抓项目。",
])
def test_villages_asked_once_per_place_are_those_asked_at_each_step(nlp, text, monkeypatch):
    """towns_and_villages asks the gazetteer once per place for the villages the text may hold, and
    _village_short_forms reads that answer again: the same places as asking at each step."""
    from kg.nlp.places import find_places

    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.LACTokenizer.v1"}}})
    pipeline.add_pipe("kg_sentences")
    asked_once = find_places(pipeline(text))
    monkeypatch.setattr(villages, "cache", lambda function: function)
    assert find_places(pipeline(text)) == asked_once and asked_once
