"""Spans from character offsets: tokens are split where an entity boundary falls inside a word."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.nlp import extensions
from kg.nlp.spans import Tokens, add_span, char_span, split_at, tokens_of


def make(words):
    extensions.register()
    nlp = spacy.blank("zh")
    return Doc(nlp.vocab, words=words, spaces=[False] * len(words))


def test_a_name_glued_to_the_next_word_gets_its_own_token():
    doc = make(["市长", "鞠振实", "地", "察看", "新荣区", "锐华"])
    span = char_span(doc, 2, 4, "OFFICIAL")
    assert span.text == "鞠振" and [t.text for t in doc] == ["市长", "鞠振", "实", "地", "察看", "新荣区", "锐华"]


def test_existing_spans_and_their_attributes_survive_a_split():
    doc = make(["新荣区锐华", "项目", "王明厚", "来到"])
    place = add_span(doc, "places", 0, 3, "PLACE", "新荣区", level="county")
    add_span(doc, "officials", 7, 10, "OFFICIAL", "王明厚", titles=["市领导"])
    split_at(doc, {8, 9})
    assert [t.text for t in doc][:4] == ["新荣区", "锐华", "项目", "王"]
    (kept,) = doc.spans["places"]
    assert (kept.text, kept._.canonical, kept._.attrs) == ("新荣区", "新荣区", {"level": "county"})
    assert doc.spans["officials"][0].text == "王明厚" and doc.spans["officials"][0]._.attrs["titles"] == ["市领导"]
    assert place.start_char == kept.start_char


def test_entities_of_two_kinds_on_the_same_characters_keep_their_own_names():
    doc = make(["来到", "金河化工公司", "扩能", "项目"])
    add_span(doc, "organizations", 2, 8, "ORG", "金河化工公司")
    add_span(doc, "projects", 2, 8, "PROJECT", "金河化工公司扩能项目", enumerated=False)
    split_at(doc, {4})
    (company,), (project,) = doc.spans["organizations"], doc.spans["projects"]
    assert (company._.canonical, company._.attrs) == ("金河化工公司", {})
    assert (project._.canonical, project._.attrs) == ("金河化工公司扩能项目", {"enumerated": False})


def test_offsets_on_boundaries_or_outside_change_nothing():
    doc = make(["县委书记", "张三"])
    split_at(doc, {0, 4, 6, 99})
    assert [t.text for t in doc] == ["县委书记", "张三"]


def test_the_token_table_is_what_iterating_the_doc_gives_also_after_a_split():
    extensions.register()
    words, tags = ["市长", "鞠振实", "地", "察看", "\n"], ["n", "PER", "n", "v", "SPACE"]
    doc = Doc(spacy.blank("zh").vocab, words=words, spaces=[False] * len(words), tags=tags)

    def iterated() -> Tokens:
        return Tokens([t.idx for t in doc], [t.idx + len(t.text) for t in doc], [t.text for t in doc], [t.tag_ for t in doc])

    assert tokens_of(doc) == iterated() and tokens_of(doc).at(3) == 1
    split_at(doc, {4})
    assert tokens_of(doc) == iterated() and tokens_of(doc).words[1:3] == ["鞠振", "实"]
    assert tokens_of(doc).tags[1:3] == ["PER", "PER"] and tokens_of(doc).at(4) == 2
    split_at(doc, {1, 3, 7})  # several tokens at once
    assert tokens_of(doc) == iterated() and tokens_of(doc).words == ["市", "长", "鞠", "振", "实", "地", "察", "看", "\n"]


def test_span_values_set_by_offsets_are_those_the_span_setters_write():
    """add_span writes the values by offsets and label (extensions.set_span_values), the setters through the Span."""
    for label in ("PLACE", ""):
        through_span, by_offsets = make(["新荣区", "锐华", "项目"]), make(["新荣区", "锐华", "项目"])
        span = char_span(through_span, 0, 3, label)
        span._.canonical, span._.attrs = "新荣区", {"level": "county"}
        extensions.set_span_values(by_offsets, 0, 3, label, canonical="新荣区", attrs={"level": "county"})
        assert through_span.user_data == by_offsets.user_data
        assert (char_span(by_offsets, 0, 3, label)._.canonical, char_span(by_offsets, 0, 3, label)._.attrs) == \
            ("新荣区", {"level": "county"})


def test_entities_survive_a_split_and_a_doc_without_any_gets_none():
    doc = make(["新荣区锐华", "项目", "王明厚", "来到"])
    doc.ents = [doc.char_span(7, 10, label="PERSON")]
    split_at(doc, {3, 8})
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(7, 10, "PERSON")]
    bare = make(["新荣区锐华", "项目"])
    split_at(bare, {3})
    assert [t.text for t in bare] == ["新荣区", "锐华", "项目"] and not bare.ents


def test_values_read_by_offsets_are_the_span_extensions():
    doc = make(["新荣区", "锐华", "项目", "王明厚"])
    add_span(doc, "places", 0, 3, "PLACE", "新荣区", level="county")
    add_span(doc, "organizations", 0, 5, "ORG", "锐华公司")
    add_span(doc, "projects", 0, 5, "PROJECT", "新荣区锐华项目")
    bare = char_span(doc, 7, 10, "PERSON")  # no canonical name set
    spans = [*doc.spans["places"], *doc.spans["organizations"], *doc.spans["projects"], bare, doc[0:2]]
    assert [extensions.value_of(span, "canonical") for span in spans] == [span._.canonical for span in spans]
    assert [extensions.value_of(span, "canonical") for span in spans] == [
        "新荣区", "锐华公司", "新荣区锐华项目", None, None
    ]
    assert [extensions.value_of(span, "attrs") for span in spans] == [span._.attrs for span in spans]
    assert extensions.value_of(spans[0], "attrs")["level"] == "county" and extensions.value_of(bare, "attrs") is None
