"""Names that end in a head but name no project: a title a place holds (某县是全国重要的…基地), a superlative
(全国最大的…基地), the works of a whole county (全县…项目), page furniture (来源：…中心), a zone that only hosts an event or frames a visit, the parts
listed after 该项目拟建设, a kind counted (…管网12公里), a body visited (…中学, …医院: see kg.nlp.institutions) and a head after verbs only
(援建项目)."""

from __future__ import annotations

import re

from kg.lexicon import alternation
from kg.nlp.institutions import INSTITUTIONS, being_built
from kg.nlp.projects.text import (
    ADMIN_SUFFIX, CLAUSE_END, Mention, ProjectText, clause_end, lexicon, sentence_end,
)

# A superlative right before a name, or 重要 in it, makes it a title (全国最大的铝板带箔加工基地, 京沪重要高铁枢纽)
_SUPERLATIVE_BEFORE = re.compile(r"(?:最[\u3400-\u9fff]{1,3}|重要)的$")
# A count or a length right after a name (铺设雨污管网12.5公里, 新建污水处理厂各2座), or after the next item when
# 各 spreads it over both (新建水厂和污水处理厂各1座): how many of a kind are built, not the name of one; but a
# count before a head shares it (A、B、C3个重大项目)
_QUANTITY_AFTER = re.compile(
    r"(?:[和及与][^，。；、,;]{1,12}?各|各?)(?:\d+(?:\.\d+)?|[一二三四五六七八九十两]+)(?:座|个|处|条|所|家|公里|千米|米|平方米|亩)(?![^，。；、,;]*(?:项目|工程))"
)
# 变|化 A 为 B: B is what A is to become (变荒滩为万亩果园基地), a target, not a work under way
_BECOMING_BEFORE = re.compile(r"([变化])[^，。；,;]{1,15}为$")
_WHOLE_JURISDICTION_BEFORE = re.compile(r"全[省市县区镇乡旗州盟村]$")  # 全县|…项目: every such work of the county
_SOURCE_LABEL = re.compile(r"(?:来源|稿源|出处)\s*[:：]")
_TRAIL_MARKS = (">", "＞", "›", "»")
# Tags of the tokens that can name a project; w for quotes and brackets, "" for a tokenizer without tags.
_NAMING_TAGS = frozenset({"n", "nz", "nw", "s", "f", "m", "LOC", "ORG", "PER", "w", ""})


class NotProjects:
    """The lexicon-driven checks of names that are no project."""

    def __init__(self, zone_heads: tuple[str, ...], heads: re.Pattern):
        self.zone_heads = zone_heads
        self.heads = heads
        self.visit_verbs = tuple(lexicon("visit_verbs.txt"))
        self.event = re.compile(rf"(?:隆重)?(?:{alternation(lexicon('project_event_verbs.txt'))})")  # 活动在X举行
        self.area_list_end = re.compile(rf"等(?:{alternation(lexicon('project_area_list_ends.txt'))})(?!方)")  # not 等地方…
        # 该项目拟建设|A、B: what follows lists the parts of a project
        self.component = re.compile(
            rf"(?:该|本|此|整个)?项目(?:拟|将|计划|主要|共|总共)?(?:{alternation(lexicon('project_component_verbs.txt'))})"
            r"(?!现场|工地|情况|进度|进展|的)"  # not 项目建设现场: 建设 as a noun
        )
        # A项目是…的|name, 打造…的|name: the name describes another project or a goal (not 这是…的|name)
        self.described = re.compile(
            rf"[^{CLAUSE_END}，,]*(?:(?:{heads.pattern})是|{alternation(lexicon('project_aims.txt'))})[^{CLAUSE_END}，,]+的$"
        )
        # 临泽县是全国重要的玉米制种基地: a title the place holds, not a project
        self.title_of_place = re.compile(
            rf"\s*[\u3400-\u9fff]{{1,12}}?[{''.join(ADMIN_SUFFIX)}](?:{alternation(lexicon('project_title_verbs.txt'))})"
            rf"[^{CLAUSE_END}，,]*$"
        )

    def is_title_or_class(self, text: ProjectText, start: int, end: int) -> bool:
        """Whether the name at [start, end) is a title (held by a place, after a superlative, or with 重要), a
        description or a goal (A项目是…引进的新一代…项目, 打造规模更大…的…基地: what another project is or
        what is to become) or the class of works of a whole jurisdiction (全县生态茶园建设项目: all of them, not one)."""
        opening = text.clause_start(start)
        return bool(
            self.title_of_place.match(text.text, opening, start)
            or self.described.match(text.text, opening, start)
            or _SUPERLATIVE_BEFORE.search(text.text, opening, start)
            or _WHOLE_JURISDICTION_BEFORE.search(text.text, opening, start)
            or "重要" in text.text[start:end]
        )

    def is_target(self, text: ProjectText, start: int) -> bool:
        """Whether the name at ``start`` follows 变|化 A 为 with 变 or 化 a word of its own (not 变电站改造为…)."""
        becoming = _BECOMING_BEFORE.search(text.text, text.clause_start(start), start)
        if becoming is None:
            return False
        i = text.tokens.at(becoming.start(1))
        return text.words[i] == becoming.group(1)

    def is_body(self, text: str, m: Mention) -> bool:
        """Whether ``m`` names an institution neither being built (``kg.nlp.institutions.being_built``, the
        organisations' rule too) nor followed by a head in its clause (…扩建项目): a body visited, which the
        guide counts as an organization."""
        clause_after = text[m.end : clause_end(text, m.end)]
        return m.canonical.endswith(INSTITUTIONS) and not (
            being_built(text, m.start, m.end) or self.heads.search(clause_after)
        )

    def prefixes_a_place(self, text: ProjectText, m: Mention) -> bool:
        """Whether ``m`` is a zone written right before a place in it (某某小镇|某某新村, 某某园区|某某社区): the zone
        says where the place lies, as a county does before a town; the place's works are the project."""
        if not m.canonical.endswith(self.zone_heads) or m.end >= len(text.text):
            return False
        i = text.tokens.at(m.end)
        return text.starts[i] == m.end and i in text.in_places

    def is_component(self, text: ProjectText, m: Mention) -> bool:
        """Whether ``m`` is listed in its clause after 该项目拟建设…: a part of that project."""
        return bool(self.component.search(text.text, text.clause_start(m.start), m.start))

    def hosting_zone(self, text: ProjectText, m: Mention) -> bool:
        """Whether ``m`` is a zone that hosts an event (活动在X产业园举行), is one of the areas where something
        happens (在X小镇、Y村等区域，…) or frames a visit to a company in it (在X产业园，市长首先来到Y公司): the
        zone is where things happen, a place in the whole text, not the site visited (在X产业园，市长察看厂房 is)."""
        if not m.canonical.endswith(self.zone_heads) or not text.text.endswith("在", 0, m.start):
            return False
        if self.event.match(text.text, m.end):
            return True
        after = clause_end(text.text, m.end)
        if text.text.startswith("、", m.end) and self.area_list_end.search(text.text, m.end, after):
            return True
        if text.text[after : after + 1] not in ("，", ","):
            return False
        sentence = text.text[after : sentence_end(text.text, after)]
        return any(verb in sentence for verb in self.visit_verbs) and any(
            after <= start < after + len(sentence) for start in text.organization_starts
        )


def counted_after(text: str, m: Mention) -> bool:
    """Whether a count or a length follows ``m`` right away: a kind of work, counted (管网12.5公里)."""
    return _QUANTITY_AFTER.match(text, m.end) is not None


def in_credit_or_navigation(text: str, m: Mention) -> bool:
    """Whether ``m`` names the source of the page (来源：X新闻中心) or a menu item of its navigation trail
    (首页 > 资讯中心 > 要闻): page furniture, not the report."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start : m.start].rstrip(), text[m.end : line_end].lstrip()
    return bool(_SOURCE_LABEL.search(before)) or before.endswith(_TRAIL_MARKS) or after.startswith(_TRAIL_MARKS)


def has_noun(text: ProjectText, start: int, head_start: int, end: int) -> bool:
    """Whether a noun, a number or a named thing stands before the head, or the name is an item of a list
    (、先进制造产业园、): a head after verbs and adjectives only (援建项目, 主攻项目, 健全项目) is what is done to
    projects, not a name."""
    if text.text.endswith("、", 0, start) and text.text.startswith(("、", "等"), end):
        return True
    before_head = range(text.tokens.at(start), text.tokens.at(head_start - 1) + 1)
    return any(text.tags[i] in _NAMING_TAGS or i in text.in_named for i in before_head)
