"""Post labels as people cite them (issue 15): the level word neither doubled nor truncated. The regions
named 南岭 are invented."""

from __future__ import annotations

import pytest

from kg.resolve.labels import post_label, post_organ


@pytest.mark.parametrize("title, place, label", [
    ("自治区主席", "南岭自治区", "南岭自治区主席"),  # the level word said once
    ("自治区党委书记", "南岭自治区", "南岭自治区党委书记"),
    ("区党委书记", "南岭自治区", "南岭自治区党委书记"),
    ("区委书记", "碧江区", "碧江区委书记"),
    ("州委书记", "延边朝鲜族自治州", "延边朝鲜族自治州委书记"),
    ("区长", "碧江区", "碧江区区长"),  # the head's own level word stays
    ("县长", "宾川县", "宾川县县长"),
    ("州长", "怒江傈僳族自治州", "怒江傈僳族自治州州长"),
    ("村主任", "桃园村", "桃园村村主任"),
    ("副市长", "伊春市", "伊春市副市长"),
    ("伊春市长", "伊春市", "伊春市市长"),  # a title that names its place
    ("伊春市委书记", "伊春市", "伊春市委书记"),
    ("伊春政协主席", "伊春市", "伊春市政协主席"),  # ... in short
    ("镇党委书记", "城关镇", "城关镇党委书记"),
    ("秘书长", "鹤岗市", "鹤岗市秘书长"),
    ("总书记", None, "总书记"),
])
def test_post_labels(title, place, label):
    assert post_label(title, place) == label


@pytest.mark.parametrize("title, place, organ", [
    ("市委书记", "伊春市", "伊春市委"),
    ("伊春市委常委", "伊春市", "伊春市委"),
    ("县委宣传部部长", "宾川县", "宾川县委宣传部"),  # the title up to its organ word
    ("市人大常委会主任", "伊春市", "伊春市人大常委会"),
    ("县政协主席", "宾川县", "宾川县政协"),
    ("区党工委书记", "碧江区", "碧江区党工委"),
    ("高新区管委会主任", "伊春市", "伊春市高新区管委会"),
    ("市政府秘书长", "伊春市", "伊春市政府"),
    ("市林业局局长", "伊春市", "伊春市林业局"),
    ("常务副市长", "伊春市", "伊春市政府"),  # a head and deputies: the government
    ("镇长", "城关镇", "城关镇政府"),
    ("自治区主席", "南岭自治区", "南岭自治区政府"),
    ("自治区副主席", "南岭自治区", "南岭自治区政府"),
    ("市领导", "伊春市", None),  # a collective title: no organ
    ("副主席", "伊春市", None),  # of what, the title does not say
    ("村主任", "桃园村", None),  # a village has no government
    ("书记", None, None),
])
def test_post_organs(title, place, organ):
    assert post_organ(title, place) == organ
