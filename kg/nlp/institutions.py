"""Institutions: a school, hospital, museum, library or mine named as a body (某县第二中学, 青石岭煤矿) is where
people work. An official who goes there visits an organisation (guide); it is a project only when the text
builds it (…扩建项目, 新建…小学) or lists it among works (A污水处理厂、B小学、C排涝泵站). The organisations
and the projects components both ask this module, so the two read one list and one rule for each."""

from __future__ import annotations

import re
from pathlib import Path

from kg.lexicon import alternation, read_lines, read_words
from kg.nlp.spans import clause_bounds

LEXICONS = Path(__file__).with_name("lexicons")

INSTITUTIONS = read_words(LEXICONS / "institutions.txt")
LIST_HEAD_REACH = 6  # 等项目, 等重点项目, 等8个重大项目
MAX_SITE_WORD = 2  # 现场, 工地 after a building word that ends a list
_BUILDING_WORDS = alternation(read_words(LEXICONS / "org_building_words.txt"))
_BUILDING = re.compile(_BUILDING_WORDS)
_BUILT_LIST = re.compile(f"等.{{0,{LIST_HEAD_REACH}}}?(?:{_BUILDING_WORDS})")
_BUILT_SITE = re.compile(f"(?:{_BUILDING_WORDS}).{{0,{MAX_SITE_WORD}}}$")  # …施工现场, …建设工地
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


def being_built(text: str, begin: int, end: int) -> bool:
    """Is building said of the name at [begin, end): in its own list item (新建桐溪小学, 南坪医院已全面开工建设),
    of the whole list (桐溪小学、南坪医院等建设情况; 桐溪小学、南坪医院施工现场), or right after the name written
    anywhere else (来到桐溪小学…察看桐溪小学施工工地)? Building said of another item is not (博物馆、“某某馆”建设等情况)."""
    if _built_elsewhere(text, text[begin:end]):
        return True
    opening, closing = clause_bounds(text, begin, end)
    item_start = max(opening, text.rfind("、", opening, begin) + 1)
    item_end = text.find("、", end, closing)
    item = text[item_start : item_end if item_end >= 0 else closing]
    last_item = text[max(end, text.rfind("、", end, closing) + 1) : closing]
    return bool(_BUILDING.search(item) or _BUILT_LIST.search(text, end, closing)
                or (item_end >= 0 and _BUILT_SITE.search(last_item)))


def _built_elsewhere(text: str, name: str) -> bool:
    """Is the name written somewhere with a building word right after it (桐溪小学施工工地, 桐溪小学在建项目)?"""
    at = text.find(name)
    while at >= 0:
        after = at + len(name)
        if _BUILDING.match(text, after):
            return True
        at = text.find(name, after)
    return False
