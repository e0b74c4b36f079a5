"""The indexes and shortcuts kg_places reads the text and the gazetteer through, each compared with the
straightforward way it replaces, on sentences written for these tests."""

from __future__ import annotations

import re

import pytest
import spacy

from kg.nlp import extensions, sentences, tokenizer  # noqa: F401  (registers the tokenizer)
from kg.nlp.gazetteer import gazetteer
from kg.nlp.places import villages
from kg.nlp.places.lexicons import occurrences
from kg.nlp.places.mentions import Words

SENTENCES = [
    "河北省衡水市饶阳县县委书记来到南官庄村，察看合作社扩建项目和大棚蔬菜基地。",
    "湖南省湘西州龙山县华塘街道、石羔街道两地推进项目建设，县长强调全县要抓落实。",
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


@pytest.mark.parametrize("text", [s for s in SENTENCES if s])
def test_words_read_from_the_token_table_are_the_doc_tokens(nlp, text):
    doc = nlp(text)
    words = Words(doc)
    for char in range(len(text) + 2):  # past the end too: the last word
        token = doc[words.index(char)]
        assert words.token(char) == (token.idx, token.text, token.tag_)
    assert [tuple(w) for w in words.all] == [(t.idx, t.text, t.tag_) for t in doc]


@pytest.mark.parametrize("name", ["大同", "大同市", "云州", "神木县", "南官庄村", "饶阳县", "没有这个地方", ""])
def test_knows_a_name_when_lookup_finds_places(name):
    gaz = gazetteer()
    assert gaz.knows(name) == bool(gaz.lookup(name))


def test_a_towns_villages_are_in_its_countys_groups():
    """towns_and_villages passes over a town whose county it already took: that county's groups hold every
    village of the town, the same objects."""
    gaz = gazetteer()
    county = gaz.resolve("饶阳县")
    merged = gaz.villages_by_name(county)
    for town in gaz.children(county):
        for name, group in gaz.villages_by_name(town).items():
            assert all(any(v is w for w in merged[name]) for v in group)


@pytest.mark.parametrize("text", [s for s in SENTENCES if s] + [
    "饶阳县南官庄、东官庄等村的合作社扩建项目开工，大官亭镇党委书记参加。",
    "来到饶阳县五公镇五公村，察看S208五公段。",
])
def test_names_cut_to_the_texts_pairs_are_found_as_all_of_them(nlp, text):
    gaz = gazetteer()
    county = gaz.resolve("饶阳县")
    words = Words(nlp(text))
    written = villages._pairs_of(text)
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
