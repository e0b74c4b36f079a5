"""Institutions: a school, hospital, museum, library or mine named as a body (某县第二中学, 青石岭煤矿) is where
people work. An official who goes there visits an organisation (guide); it is a project only when the text
builds it (…扩建项目, 新建…小学) or lists it among works (A污水处理厂、B小学、C排涝泵站). The organisations
and the projects components both ask this module, so the two read one list and one rule."""

from __future__ import annotations

import re
from pathlib import Path

from kg.lexicon import alternation, read_lines, read_words
from kg.nlp.spans import clause_bounds

LEXICONS = Path(__file__).with_name("lexicons")

INSTITUTIONS = read_words(LEXICONS / "institutions.txt")
# A work is named by a project head or a facility (…产业园, …污水处理厂, …泵站)
_WORK_END = re.compile(
    f"(?:{alternation(read_words(LEXICONS / 'project_heads.txt') + read_words(LEXICONS / 'project_facilities.txt'))})$"
)
# A registered company (…有限公司, …集团) among the items makes the list the stops of a tour, not works
_COMPANY_END = re.compile(
    f"(?:{alternation(row.split(chr(9))[0] for row in read_lines(LEXICONS / 'org_suffixes.txt') if row.endswith(chr(9) + 'company'))})$"
)


def listed_among_works(text: str, begin: int, end: int) -> bool:
    """Is the institution at [begin, end) an item of a list (、) next to a work named by its head, no
    institution itself (城南污水处理厂、某县实验小学、江口排涝泵站): listed among works, it is one of them. A list
    that names a company too (某某有限公司、某某物流园、某某博物馆) is one of the stops of a tour."""
    if text[end : end + 1] != "、" and text[begin - 1 : begin] != "、":
        return False
    opening, closing = clause_bounds(text, begin, end)
    own = text[begin:end]
    items = [item for item in text[opening:closing].split("、") if own not in item]
    if any(_COMPANY_END.search(item) for item in items):
        return False
    return any(_WORK_END.search(item) and not item.endswith(INSTITUTIONS) for item in items)
