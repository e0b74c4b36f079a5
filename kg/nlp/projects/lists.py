"""Enumerations share one head: every item of 推进A、B、C等项目 or 签约A、B和C等8个项目 is a project, and so
is every item of a list after a colon (…分别是：A、B、C和D) in a paragraph that speaks of projects, every
place listed before a name that starts with a place (A村、B村和C村整体搬迁安置项目), a headless item in a
list of projects, and an item named by its investment (投资8000万元的滨河绿道提升、…)."""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.lexicon import alternation
from kg.nlp.projects.boundaries import NameBoundaries
from kg.nlp.projects.generic import COUNT_DIGITS, COUNTED, COUNTERS, QUOTES, GenericWords
from kg.nlp.institutions import listed_among_works
from kg.nlp.projects.text import (
    MIN_JOINED_ITEM, NAME_CHAR, Mention, ProjectText, lexicon, overlaps, sentence_end, split_items,
)

MIN_PREFIXED_ITEM = 3  # characters of an item after a shared place (A镇道路、桥梁项目: 道路 names a kind)
# The shared place makes the items specific: one word beside generic ones is enough (A村步行道, not A村重点工程)
MIN_PREFIXED_SPECIFIC = 1

_LIST_END = re.compile(r"等[地处]?$")
_LIST_CLOSED = re.compile(r"等(?=[，,])")
_ROUTE_LINK = "至"  # 甲县至乙镇: a road or a line between two places
# An investment before a list item (、投资8000万元的滨河绿道提升、): what is invested in is a work.
_INVESTED = re.compile(r"(?:总)?投资(?:约|近|超|达|额)?[\d.]+(?:万|亿)*元的")


class ListReader:
    """Finds the items of lists of projects."""

    def __init__(self, boundaries: NameBoundaries, generic: GenericWords, facilities: tuple[str, ...]):
        self.boundaries = boundaries
        self.generic = generic
        self.facilities = facilities
        list_heads = alternation(lexicon("project_list_heads.txt"))
        # 等项目, 等8个项目, 等20个重点项目, 等3条市政“断头路”, a count right after the list
        # (A、B、C3个重大项目) or a stage of building (A、B、C开工项目): one head shared by the items before it
        self.shared_head = re.compile(
            rf"(?:等((?:\d+|[一二三四五六七八九十两]+)[{COUNTERS}])?|(\d+|[两三四五六七八九十]+)[个条座所家]"
            rf"|(?<![和及与”\"新开])(?P<stage>{alternation(lexicon('project_stage_words.txt'))})(?=项目(?![\d{COUNT_DIGITS}]+[个项])))"
            rf"(?:{alternation(generic.words)}|[“”\"])*(?:{list_heads})"
        )
        self.not_items = tuple(lexicon("project_not_items.txt"))
        self.funding = tuple(lexicon("project_funding_words.txt"))
        # 等重点项目和企业: the list names projects and companies; a company of it is no project
        self.companies_too = re.compile(rf"[和及与](?:{alternation(lexicon('org_list_heads.txt'))})")
        self.list_marker = re.compile(rf"(?:{alternation(lexicon('project_list_markers.txt'))})[:：]")
        head = alternation(lexicon("project_heads.txt"))
        self.head_chain = re.compile(rf"(?:{head})(?:{head})*")  # not (?:H)+: see ProjectRecognizer.heads

    def enumerated(self, text: ProjectText) -> list[Mention]:
        """Items of A、B、C等项目 / A、B和C等8个项目 / A、B、C3个重大项目 / A、B开工项目 (not 签约项目34个), but
        the companies of A、B等项目和企业."""
        found = []
        for match in self.shared_head.finditer(text.text):
            if match.start() == 0 or not NAME_CHAR.match(text.text[match.start() - 1]):
                continue
            items = self._from_last_verb_phrase(text, split_items(text.text, text.clause_start(match.start()), match.start()))
            if match.group(2) and len(items) < 2:  # a bare count (3个重大项目) follows a list only
                continue
            mentions = self._items(text, items, trim_first=True)
            if match.group("stage"):  # 某市签约项目: a place's or a company's works, not a name
                mentions = [m for m in mentions if self.generic.specific(m.core)]
            if self.companies_too.match(text.text, match.end()):  # A港、B有限公司等重点项目和企业
                mentions = [m for m in mentions if (m.start, m.end) not in text.organization_spans]
            found.extend(mentions)
        return found

    def _from_last_verb_phrase(self, text: ProjectText, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The items from the last one holding a stop word (a visit verb, a preposition) on: the list starts
        in that item (王某、李某等为|A工业园等项目; 某某带领…来县考察|A、B等项目), the items before it are
        another list (the people who came)."""
        for k in range(len(items) - 1, 0, -1):
            first, last = text.tokens.at(items[k][0]), text.tokens.at(items[k][1] - 1)
            if any(text.words[i] in self.boundaries.stops for i in range(first, last + 1)):
                return items[k:]
        return items

    def colon_lists(self, text: ProjectText) -> list[Mention]:
        """Items of …分别是：A、B、C和D. when the paragraph before the list speaks of 项目; a 等 before a comma
        closes the list (A、B、C等，总投资12亿元: what follows speaks of the list)."""
        found = []
        for match in self.list_marker.finditer(text.text):
            if "项目" not in text.text[text.text.rfind("\n", 0, match.start()) + 1 : match.start()]:
                continue
            end = sentence_end(text.text, match.end())
            closed = _LIST_CLOSED.search(text.text, match.end(), end)  # A、B、C等，总投资…: the list ends at 等
            items = split_items(text.text, match.end(), closed.start() if closed else end)
            found.extend(self._items(text, items, trim_first=False))
        return found

    def invested_items(self, text: ProjectText) -> list[Mention]:
        """List items named by their investment (投资1.2亿元的滨河绿道提升、投资800万元的中学改扩建、…): what
        money is put in is a work, whatever its last word; not a company (投资5000万元的某某科技有限公司), nor
        a clause that goes on (投资5亿元的厂房正在建设: no list item)."""
        found = []
        for match in _INVESTED.finditer(text.text):
            end = match.end()
            while end < len(text.text) and NAME_CHAR.match(text.text[end]) and text.text[end] != "等":  # 、…C等项目
                end += 1
            item = text.text[match.start() - 1 : match.start()] == "、" or text.text[end : end + 1] == "、"
            if not item or (match.end(), end) in text.organization_spans or self.boundaries.tells_an_act(text, match.end(), end):
                continue
            found.extend(self._items(text, [(match.end(), end)], trim_first=False))
        return found

    def place_items(self, text: ProjectText, mentions: list[Mention]) -> list[Mention]:
        """Places listed before a name that starts with a place share its rest when the rest is made of common
        words: in A镇B村、C村和D村整体搬迁安置项目 each place names one project (A镇B村整体搬迁安置项目…), in
        A村、B镇青石水库 the 水库 is B镇's only. A route between places is listed so too (甲至乙、丙至丁铁路: 甲至乙
        is a railway). The item's span is its places (with the separator after them when it is one place, so
        that the place's own span keeps its name)."""
        found = []
        for m in mentions:
            if m.enumerated:
                continue
            route = _route_end(text, m.start)
            prefix_end = route or text.place_run_end(m.start)
            rest = text.text[prefix_end : m.end]
            if prefix_end == m.start or not self.generic.specific(rest) or text.holds_a_proper_name(prefix_end, m.end):
                continue
            pos, separators = m.start, "、和及"
            while text.text[pos - 1 : pos] and text.text[pos - 1] in separators:
                run_start = (_route_start(text, pos - 1) or pos - 1) if route else text.place_run_start(pos - 1)
                if run_start == pos - 1:
                    break
                end = pos - 1 if (run_start, pos - 1) not in text.place_spans else pos
                found.append(Mention(run_start, end, text.text[run_start : pos - 1] + rest, "", enumerated=True, place_item=True))
                pos, separators = run_start, "、"
        return found

    def place_prefixed(self, text: ProjectText, mentions: list[Mention]) -> list[Mention]:
        """Items after one place, the last ending in a head (走进A村X、Y项目; B镇X、Y、Z工程): the place
        prefixes every item and the head makes them works, so each is a project named with the place
        (A村X, A村Y项目). Not when an item tells an act (A镇检查道路、桥梁项目), names a person, a place or
        a company of its own, or is too short to be more than a kind of work."""
        found = []
        taken = [(m.start, m.end) for m in mentions]
        for items in text.clause_lists:
            head = self.head_chain.search(text.text, *items[-1])
            if head is None or head.end() != items[-1][1]:
                continue
            prefix = self._shared_place(text, *items[0])
            if prefix is None:
                continue
            place_start, place_end = prefix
            items = [(place_end, items[0][1]), *items[1:]]
            if not all(self._prefixed_item(text, a, b) for a, b in items):
                continue
            place = text.text[place_start:place_end]
            items[0] = (place_start, items[0][1])
            for a, b in items:
                name = QUOTES.sub("", text.text[a:b])
                core = self.generic.strip_tails(QUOTES.sub("", text.core(a, b)))
                mention = Mention(a, b, name if a == place_start else place + name, core, enumerated=True)
                if not overlaps(mention, taken):
                    found.append(mention)
        return found

    def _shared_place(self, text: ProjectText, start: int, end: int) -> tuple[int, int] | None:
        """The run of places that starts the name of the first item [start, end) and has a name after it
        (…走进|A镇B村|X), if any; not a place inside a longer name (…湖畔A县老街段X)."""
        if not any(i in text.in_places for i in range(text.tokens.at(start), text.tokens.at(end - 1) + 1)):
            return None  # no place in the item (most): no walk to its name's left edge
        name_start, _ = self.boundaries.left_edge(text, end, end, floor=start)
        run_end = text.place_run_end(name_start)
        return (name_start, run_end) if name_start < run_end < end else None

    def _prefixed_item(self, text: ProjectText, start: int, end: int) -> bool:
        """Whether [start, end) can be an item after a shared place: a name of its own words only."""
        name = text.text[start:end]
        tokens = range(text.tokens.at(start), text.tokens.at(end - 1) + 1)
        return (
            len(QUOTES.sub("", name)) >= MIN_PREFIXED_ITEM and all(map(NAME_CHAR.match, name))
            and text.unnamed(start, end) == name and not any(i in text.in_person for i in tokens)
            and not any(start < b and a < end for a, b in text.organization_spans) and not COUNTED.search(name)
            and not self.boundaries.tells_an_act(text, start, end)
            and self.generic.specific(QUOTES.sub("", name), MIN_PREFIXED_SPECIFIC)
        )

    def list_kin(self, text: ProjectText, mentions: list[Mention]) -> list[Mention]:
        """Headless items that follow project items in one list (来到A产业园、滨河路东延改造提升、B项目现场):
        the items of one list name one kind of thing. Items before the first project may be the visitor
        (书记、市长X来到A…), so they are not taken; nor are places, organisations, topics (…情况), items
        that are not one name and items that tell an act (…和企业进行实地考察)."""
        found = []
        starts = sorted(m.start for m in mentions)
        for items in text.clause_lists:
            # a mention starts in the item (by bisection: scanning every mention for each item was quadratic)
            covered = [bisect_left(starts, b) > bisect_left(starts, a) for a, b in items]
            if len(items) < 3 or sum(covered) < 2 or 2 * sum(covered) < len(items):
                continue
            for k in range(covered.index(True) + 1, len(items)):
                a, b = items[k]
                closing = _LIST_END.search(text.text, a, b)  # …、C等地: 等 closes the list
                b = closing.start() if closing else b
                name = text.text[a:b]
                if covered[k] or len(name) < MIN_JOINED_ITEM - 1 or name.endswith(self.not_items):
                    continue
                if all(map(NAME_CHAR.match, name)) and text.unnamed(a, b) and not self.boundaries.tells_an_act(text, a, b):
                    found.extend(self._items(text, [(a, b)], trim_first=False))
        return found

    def listed_bodies(self, text: ProjectText, mentions: list[Mention]) -> list[Mention]:
        """Organisations named by a facility (…研究院, …医院) listed among works (A产业园、B研究院、C更新项目):
        the list names sites built or shown as works, so such an item is a project as well as a body; alone,
        among companies or among bodies it stays a body only."""
        found = []
        taken = [(m.start, m.end) for m in mentions]
        for start, end in sorted(text.organization_spans):
            name = QUOTES.sub("", text.text[start:end])
            body = Mention(start, end, name, self.generic.strip_tails(name), enumerated=True)
            if (
                name.endswith(self.facilities) and not overlaps(body, taken)
                and listed_among_works(text.text, start, end)
            ):
                found.append(body)
        return found

    def _items(self, text: ProjectText, items: list[tuple[int, int]], trim_first: bool) -> list[Mention]:
        """Mentions for list items. Only a first item that starts its clause can begin with a verb phrase
        (企业正同步推进|A、B等项目); the others are taken whole (宏和同创20万吨铜加工 keeps its 和). Items are
        named by the list, so places and organisations in them count as specific (宏达电子、鑫源化工等项目);
        an item naming a source of money (…专项债券) is none."""
        found = []
        for k, (start, end) in enumerate(items):
            if text.text.endswith(self.funding, start, end):  # 专项债券、…等项目: a source of money
                continue
            aim = False
            if k == 0 and trim_first:
                start, aim = self.boundaries.left_edge(text, end, end, floor=start)
                if COUNTED.search(text.text[start:end]):  # 一批5G基站、物联网等新基建项目: a class, not names
                    return []
            mention = self.boundaries.mention(text, start, end, aim, enumerated=True)
            if mention is not None:
                found.append(mention)
        return found


def _route_end(text: ProjectText, start: int) -> int | None:
    """End of a route between places (甲县至乙镇) starting at ``start``, or None."""
    first_end = text.place_run_end(start)
    if first_end == start or not text.text.startswith(_ROUTE_LINK, first_end):
        return None
    end = text.place_run_end(first_end + len(_ROUTE_LINK))
    return end if end > first_end + len(_ROUTE_LINK) else None


def _route_start(text: ProjectText, end: int) -> int | None:
    """Start of a route between places (甲县至乙镇) ending at ``end``, or None."""
    last_start = text.place_run_start(end)
    if last_start == end or not text.text.endswith(_ROUTE_LINK, 0, last_start):
        return None
    start = text.place_run_start(last_start - len(_ROUTE_LINK))
    return start if start < last_start - len(_ROUTE_LINK) else None
