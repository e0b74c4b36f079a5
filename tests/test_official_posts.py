"""Officials with rarer posts and names that open with a word that usually follows a name (sentences written
for these tests)."""

from __future__ import annotations

import pytest

from test_officials import entity_doc, officials


@pytest.mark.parametrize("text, name, title", [
    ("县人武部政委刘建军参加调研。", "刘建军", "县人武部政委"),
    ("市政府参事周立新、吴海参加调研。", "吴海", "市政府参事"),
    ("区二级主任科员陈晓明陪同。", "陈晓明", "主任科员"),
    ("村党总支书记吕志强表示，将全力推进。", "吕志强", "村党总支书记"),
    ("村第一书记、驻村工作队队长吴红兵介绍了情况。", "吴红兵", "村第一书记"),
    ("省委党校副校长蒋丽华一行到县里调研。", "蒋丽华", "省委党校副校长"),
    ("市政协副主席、民建市委主委程建华带领观摩团观摩。", "程建华", "民建市委主委"),
])
def test_rare_posts_make_an_official(text, name, title):
    assert any(title in written for written in officials(entity_doc(text)).get(name, []))


@pytest.mark.parametrize("text", [
    "施工队队长李强介绍了工程进度。",
    "学校校长王伟介绍了办学情况。",
    "公司党支部书记陈刚表示，将扩大产能。",
])
def test_posts_of_companies_and_schools_are_no_official(text):
    assert officials(entity_doc(text)) == {}


def test_a_surname_that_is_also_a_word_after_names_opens_a_name_lac_read_as_one():
    doc = entity_doc("县委常委、常务副县长向东明，副县长姚志刚陪同。他向东方红公司了解情况。")
    assert officials(doc) == {"向东明": ["县委常委", "常务副县长"], "姚志刚": ["副县长"]}


def test_a_post_cut_by_the_word_before_it_is_kept_whole():
    doc = entity_doc("11月3日，省委常委、副省长，援疆前方指挥部党委书记、总指挥王海涛赴县里开展调研工作。")
    assert "总指挥" in officials(doc).get("王海涛", [])


def test_a_name_never_ends_in_a_word_that_follows_names():
    assert "谈静等" not in officials(entity_doc("市财政局农业农村处处长谈静等一行到镇里调研。"))
    assert set(officials(entity_doc("副县长李向阳、王在明陪同。"))) == {"李向阳", "王在明"}


def test_a_transliterated_name_ends_before_etc():
    assert set(officials(entity_doc("地委委员、副专员艾力·买买提等陪同调研。"))) == {"艾力·买买提"}
