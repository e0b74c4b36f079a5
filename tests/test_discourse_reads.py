"""What the relation components read once per Doc and share (the mentions of a span group, the paragraphs and
reports of a text) against the straightforward reading it replaces, on articles written for these tests."""

from __future__ import annotations

import re

import pytest

from kg.model import CleanDocument, Document
from kg.nlp.spans import add_span
from kg.pipeline import load
from kg.relations.collect import document_result, evidence_for
from kg.relations.discourse import Mentions, group_mentions, mentions

TEXT = ("城南中学扩建项目现场，赵启明察看白沙河大桥工程。\n"
        "赵启明书记、孙立华来到东郊污水处理厂，周文斌陪同。城南中学扩建项目由东郊污水处理厂承建。")
GROUPS = {
    # overlapping spans, two at one start, a span without attributes, one canonical name for two writings
    "projects": [("城南中学扩建项目", "城南中学扩建项目", {"investment": 3}), ("城南中学", "城南中学", None),
                 ("白沙河大桥工程", "白沙河大桥工程", {})],
    "officials": [("赵启明书记", "赵启明", {"titles": ["书记"]}), ("赵启明", "赵启明", {"titles": []}),
                  ("孙立华", "孙立华", {"titles": ["副县长"]}), ("周文斌", "周文斌", None)],
    "organizations": [("东郊污水处理厂", "东郊污水处理厂", {"work": True})],
}


def make_doc(groups=GROUPS, text=TEXT):
    """A Doc of ``text`` with a span for every occurrence of each written form, in the order listed (not in
    text order: a group's own order is kept apart from the text order)."""
    nlp = load()
    doc = nlp.make_doc(text)
    doc._.clean = CleanDocument(Document("t", "t", text), text, list(range(len(text) + 1)), date="2024-05-06")
    doc = nlp.get_pipe("kg_sentences")(doc)
    for group, names in groups.items():
        for written, canonical, attrs in reversed(names):
            for match in re.finditer(re.escape(written), text):
                span = add_span(doc, group, *match.span(), group, canonical)
                span._.attrs = attrs
    return doc


def plain(doc, group):
    """The spans of the group read one by one through spaCy, as the components did before the shared read."""
    return [(span._.canonical or span.text, span.start_char, span.end_char, span.text, span._.attrs or {})
            for span in doc.spans.get(group, [])]


def fields(found):
    return [(m.name, m.start, m.end, m.text, m.attrs) for m in found]


@pytest.mark.parametrize("group", [*GROUPS, "places"])
def test_mentions_read_once_are_the_spans_read_one_by_one(group):
    doc = make_doc()
    for _ in range(2):  # read, then the shared read
        assert fields(group_mentions(doc, group)) == plain(doc, group)
        found = mentions(doc, group)
        assert isinstance(found, Mentions)
        assert fields(found) == sorted(plain(doc, group), key=lambda m: (m[1], -m[2]))
    assert mentions(doc, group) is mentions(doc, group)


def test_a_group_grown_or_replaced_is_read_again():
    doc = make_doc()
    before = mentions(doc, "officials")
    at = TEXT.index("周文斌")
    add_span(doc, "officials", at, at + 2, "officials", "周文")  # grown: one more span in the same group
    assert fields(mentions(doc, "officials")) == sorted(plain(doc, "officials"), key=lambda m: (m[1], -m[2]))
    assert len(mentions(doc, "officials")) == len(before) + 1
    doc.spans["officials"] = list(doc.spans["officials"])[:2]  # replaced by a new group
    assert fields(group_mentions(doc, "officials")) == plain(doc, "officials")
    doc.spans["projects"] = []
    assert mentions(doc, "projects") == [] and group_mentions(doc, "projects") == []


def test_the_document_result_lists_the_spans_as_read_one_by_one():
    doc = make_doc()
    mentions(doc, "officials")  # a component read them first: the result reads the same
    result = document_result(doc)
    kinds = {"officials": "official", "organizations": "organization", "projects": "project"}
    expected = {}
    for group in ("officials", "persons", "organizations", "places", "projects"):
        for span in doc.spans.get(group, []):
            name = span._.canonical or span.text
            entry = expected.setdefault((kinds[group], name), {"aliases": [], "attrs": {}, "evidence": []})
            for key, value in (span._.attrs or {}).items():
                if isinstance(value, list):
                    entry["attrs"].setdefault(key, []).extend(v for v in value if v not in entry["attrs"][key])
                else:
                    entry["attrs"].setdefault(key, value)
            if span.text != name and span.text not in entry["aliases"]:
                entry["aliases"].append(span.text)
            entry["evidence"].append(evidence_for(doc, span.start_char, span.end_char))
    assert [(e.kind, e.name) for e in result.entities] == list(expected)
    for entity in result.entities:
        assert {"aliases": entity.aliases, "attrs": entity.attrs, "evidence": entity.evidence} == expected[(entity.kind, entity.name)]


ARTICLES = [
    "",
    "  \n ",
    "没有任何标点的一行",
    "青枫镇召开会议。\n\n本报讯 赵启明来到城南中学扩建项目。孙立华陪同。 周文斌强调，要加快进度！\u3000下一段\n",
    "标题一行\n5月6日，赵启明到白沙河大桥工程调研。\n标题二行\n5月7日，孙立华来到东郊污水处理厂。\n",
    "  开头有空格。 “引语结束。” 后一段\n\n\n县融媒体中心讯（记者 某某）周文斌察看工地。\xa0末段？ 尾",
    "第一段。\t第二段！\n本报讯：第三段\n标题\n本报讯 第四段。",
]


@pytest.mark.parametrize("text", ARTICLES)
def test_paragraphs_and_sections_cut_once_are_those_cut_each_time(text):
    from kg.relations import discourse

    for _ in range(2):  # cut, then from the cache
        assert list(discourse.paragraphs(text)) == discourse._split(text, discourse._PARAGRAPH_BREAK)
        assert discourse.sections(text) == discourse.sections.__wrapped__(text)


@pytest.mark.parametrize("text", ARTICLES)
def test_the_paragraphs_of_a_run_of_paragraphs_are_those_of_its_text(text):
    """Every section, and every run of whole paragraphs (from one paragraph's start to another's or the end)."""
    from kg.relations import discourse

    def cut_alone(start, end):  # as the tours cut a report's text before
        return [(start + a, start + b) for a, b in discourse._split(text[start:end], discourse._PARAGRAPH_BREAK)]

    bounds = [a for a, _ in discourse.paragraphs(text)] + [len(text)]
    runs = [*discourse.sections(text), *((a, b) for i, a in enumerate(bounds) for b in bounds[i + 1 :]), (0, len(text))]
    for start, end in runs:
        assert discourse.paragraphs_within(text, start, end) == cut_alone(start, end)


def plain_merge(target, new):
    """Lists unioned item by item, scalars kept first: the merge before an equal list was passed over."""
    for key, value in new.items():
        if isinstance(value, list):
            existing = target.setdefault(key, [])
            existing.extend(v for v in value if v not in existing)
        else:
            target.setdefault(key, value)


@pytest.mark.parametrize("seen", [
    [{"titles": ["县长"]}, {"titles": ["县长"]}],
    [{"titles": ["县长", "县委副书记"]}, {"titles": ["县委副书记", "县长"]}, {"titles": ["县长"]}],
    [{"ancestors": ["甲省", "乙市"], "level": "county"}, {"ancestors": ["甲省", "乙市"], "level": "city"}],
    [{"posts": [{"jurisdiction": "乙市"}, {"jurisdiction": "乙市"}]}, {"posts": [{"jurisdiction": "乙市"}]}],
    [{"titles": ["镇长", "镇长"]}, {"titles": ["镇长", "镇长"]}],
    [{"titles": []}, {"titles": []}, {}, {"titles": ["村主任"]}],
])
def test_attributes_merged_are_those_merged_item_by_item(seen):
    from kg.relations.collect import _merge_attrs

    merged, plain = {}, {}
    for attrs in seen:
        _merge_attrs(merged, attrs)
        plain_merge(plain, attrs)
        assert merged == plain


@pytest.mark.parametrize("text", [TEXT, *ARTICLES[1:]])
def test_sentences_found_once_are_the_bounds_stripped(text):
    from kg.nlp.sentences import sentence_bounds
    from kg.relations.discourse import sentences

    doc = make_doc({}, text)
    plain = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b - len(text[a:b]) + len(text[a:b].rstrip()))
             for a, b in sentence_bounds(doc) if text[a:b].strip()]
    assert sentences(doc) == plain
    assert sentences(doc) is sentences(doc)
