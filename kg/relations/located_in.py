"""The kg_located_in component: one ``locatedIn`` fact (Project → Place) per project.

Evidence, from the most direct: a place after 位于/落户 (a chain such as 云州区西坪镇中高庄村 gives its last
place), a place in or right before the project's name (新荣区锐华…), the place the paragraph is about,
and the document's home place (我市) as a last resort. The strongest evidence wins, then the most specific
place that lies inside it (山西 in a name, 太原市 as home place → 太原市). Places inside a company name
(上海X科技有限公司) say where the company is from, not where the project is.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import LOCATED_IN, PLACE, PROJECT, Fact
from kg.relations.collect import evidence_for
from kg.nlp.spans import text_of
from kg.relations.discourse import (
    Mention,
    Mentions,
    enclosing,
    find_any,
    lexicon,
    mentions,
    paragraphs,
    place_depth,
    place_inside,
    place_level,
    within,
)

CONFIDENCE = {
    "name": 0.9, "located": 0.9, "list": 0.8, "paragraph": 0.7, "destination": 0.6, "home": 0.4, "brand": 0.3,
}
MARKER_REACH = 3  # characters between 位于 and the place (位于我市云州区)
CHAIN_GAP = 1  # characters allowed between places of a chain (云州区西坪镇, 绛县、南官庄村 is not one)
NAME_REACH = 0  # characters allowed between a place and the project name it prefixes
# Characters beyond a project's paragraph that its evidence may reach (位于 after a line break): more than
# every reach above. Only the places and projects of that window are looked at, so an article's time stays
# linear in its length.
WINDOW_MARGIN = 16
_OWN_LEVEL = re.compile(r"[我本]?[省市县区州旗盟镇乡]$")  # 到(我)市X: the level word before a zone's name
_JOINERS = ("、", "和", "及", "与")  # between places of one list


@Language.component("kg_located_in", assigns=["doc._.facts"])
def kg_located_in(doc: Doc) -> Doc:
    projects = mentions(doc, "projects")
    organizations = mentions(doc, "organizations")
    # a place inside a company's name says where it comes from; a place's government (某镇政府) sits in it
    in_organization = _Cover([o for o in organizations if not o.attrs.get("seat")])
    places = [p for p in mentions(doc, "places") if not in_organization.covers(p)]
    # 清徐 (清徐县) inside 清徐经济开发区 only names the zone's parent: the longer place says where a project is
    in_longer_place = _Cover(places)
    places = [p for p in places if not in_longer_place.covers(p, other_span=True)]
    text = text_of(doc)
    paras = paragraphs(text)
    home = _home(doc, places)
    # places prefixing a project name say where that project is, not what a paragraph or a tour is about;
    # a zone that is a project's whole name (X小镇) may still be what a paragraph is about
    in_project = _Cover(projects)
    free = [p for p in places if not in_project.covers(p, ending_before=True)]
    destination = _destination(text, free, places)
    places, free = Mentions(places), Mentions(free)
    near: dict[tuple[int, int], tuple[list[Mention], ...]] = {}
    best: dict[str, tuple[float, int, Mention, Mention]] = {}
    for project in projects:
        para = enclosing(paras, project.start)
        if para not in near:  # what a project's evidence can reach: its paragraph and a few characters around
            window = (para[0] - WINDOW_MARGIN, para[1] + WINDOW_MARGIN)
            near[para] = (within(places, *window), within(free, *window), within(projects, *window))
        local_places, local_free, local_projects = near[para]

        # a zone that is a project too (X小镇, X产业园) is not where that project is
        def elsewhere(place: Mention | None) -> bool:
            return place is not None and not project.name.endswith(place.name)

        found = _locate(
            text, project, list(filter(elsewhere, local_places)), list(filter(elsewhere, local_free)), para,
            *(p if elsewhere(p) else None for p in (destination, home)), local_projects,
        )
        if not found:
            continue
        confidence, place = found
        rank = (confidence, place_depth(place))
        if project.name not in best or rank > best[project.name][:2]:
            best[project.name] = (*rank, place, project)
    facts = [
        Fact((PROJECT, name), LOCATED_IN, (PLACE, place.name), confidence, evidence_for(doc, project.start, project.end))
        for name, (confidence, _, place, project) in best.items()
    ]
    doc._.facts = [*(doc._.facts or []), *facts]
    return doc


def _locate(text: str, project: Mention, places, free, para, destination, home, projects):
    """(confidence, place) from the strongest evidence, refined by more specific weaker evidence."""
    candidates: list[tuple[float, Mention]] = []
    name_place = _name_place(text, project, places)
    brand = name_place if name_place is not None and _shortened_province(name_place) else None
    for source, place in (
        ("located", _marked_place(text, project, places)),
        ("name", None if brand else name_place),
        ("list", _list_place(text, project, places, projects)),
        ("paragraph", _paragraph_place(text, project, places, free, para)),
        ("destination", destination),
        ("home", home),
        ("brand", brand),
    ):
        if place is not None:
            candidates.append((CONFIDENCE[source], place))
    if not candidates:
        return None
    confidence, chosen = candidates[0]
    for _, place in candidates[1:]:
        if place_inside(place, chosen) and place_depth(place) > place_depth(chosen):
            chosen = place
    return confidence, chosen


def _name_place(text: str, project: Mention, places: list[Mention]) -> Mention | None:
    """The last place of a chain inside the name or ending right before it."""
    inside = [p for p in places if project.start <= p.start and p.end <= project.end]
    before = [p for p in places if 0 <= project.start - p.end <= NAME_REACH and p.end <= project.start]
    if before:
        return _chain_end(text, before[-1], places)
    return _chain_end(text, inside[0], places) if inside else None


def _marked_place(text: str, project: Mention, places: list[Mention]) -> Mention | None:
    """位于X after the project in its sentence, or 位于X的 right before it."""
    for place in places:
        # the marker follows the project (A项目位于X, A，地处X): in A、以及位于Y的C the marker is about C
        if project.end <= place.start <= project.end + len("，坐落于") + MARKER_REACH:
            lead = text[project.end : place.start].lstrip("，, ")
            marker = find_any(lead, lexicon("location_markers"))
            if 0 <= marker <= len("项目") and not any(joiner in lead[:marker] for joiner in _JOINERS):
                return _chain_end(text, place, places)
        if place.end <= project.start and project.start - place.end <= 2:
            lead = text[max(0, place.start - len("坐落于") - MARKER_REACH) : place.start]
            if find_any(lead, lexicon("location_markers")) >= 0:
                return _chain_end(text, place, places)
    return None


def _list_place(text: str, project: Mention, places: list[Mention], projects: list[Mention]) -> Mention | None:
    """The place prefixing or marking the nearest earlier item of the list the project is in (走进某经开区A、B、C
    or 来到位于某县的A、B: B and C are there too; 甲镇A、B、乙镇C、D: D is in 乙镇)."""
    earlier = []
    item = project
    while previous := [p for p in projects if p.end <= item.start and text[p.end : item.start] == "、"]:
        item = previous[-1]
        earlier.append(item)
    # 姜堰港、热电厂: a shortened place inside an item is part of that item's own name, not the list's place
    placed = (_marked_place(text, item, places) or _name_place(text, item, places) for item in earlier)
    return next((place for place in placed if place is not None and _written_in_full(place)), None)


def _shortened_province(place: Mention) -> bool:
    """A province named without 省 in a project's name (浙江某某产业园, 湖南某某集团项目) is mostly the name of a
    provincial company or brand: it places the project only when nothing else in the article does."""
    return place_level(place) == "province" and not _written_in_full(place)


def _written_in_full(place: Mention) -> bool:
    """The place is written with its full name (姜堰区, 某某镇), not shortened (姜堰 for 姜堰区)."""
    return place.text == place.name


def _destination(text: str, free: list[Mention], places: list[Mention]) -> Mention | None:
    """Where the visit went (邓海明到宁远县调研, 赴滨海新区调研, 来到某镇政府): the one place the article's
    visitors go to, or the one enclosing the others (到某县调研…来到某镇: later stops are inside the tour's
    destination, not where every project is)."""
    reached: list[Mention] = []
    for place in free:  # in text order: 到A、B和C reaches all three
        lead = _OWN_LEVEL.sub("", text[max(0, place.start - 4) : place.start])  # 前往市不锈钢产业园区
        after_verb = lead.endswith(lexicon("destination_verbs"))
        joined = bool(reached) and text[reached[-1].end : place.start] in _JOINERS
        if after_verb or joined:
            reached.append(place)
    reached = [_chain_end(text, p, places) for p in reached]
    outermost = {p.name: p for p in reached if not any(_encloses(q, p) for q in reached)}
    if len(outermost) != 1 or any(not place_inside(p, *outermost.values()) for p in reached):
        return None
    return next(iter(outermost.values()))


def _paragraph_place(text: str, project: Mention, places: list[Mention], free: list[Mention], para):
    """The one place the paragraph is about: all its places lie on one line of the hierarchy (or form
    one chain, 产业园区苇泊起步区); a paragraph naming several counties or cities is about none of them.
    Destinations and markets (通往X, 辐射X) are not what a paragraph is about. Of the places prefixing
    project names (英吉沙县A、B、芒辛镇C) only the one enclosing the others counts: the deeper ones say where
    their own project is."""

    def usable(candidates: list[Mention], own: bool) -> list[Mention]:
        return [
            _chain_end(text, p, places)
            for p in within(candidates, *para)
            if (own or not project.start <= p.start < project.end)
            and find_any(text[max(para[0], p.start - 4) : p.start], lexicon("not_location_context")) < 0
        ]

    free_spans = {(p.start, p.end) for p in free}
    # 姜堰港: a shortened place inside a project's name is part of that name, not what the paragraph is about
    prefixes = usable([p for p in places if (p.start, p.end) not in free_spans and _written_in_full(p)], own=True)
    outermost = [p for p in prefixes if not any(_encloses(q, p) for q in prefixes)]
    named = usable(free, own=False) + outermost
    deepest = {p.name: p for p in named if not any(_encloses(p, q) for q in named)}
    if len(deepest) != 1:
        return None
    chosen = next(iter(deepest.values()))
    # 甲县A、某省B、乙县C: the province prefix hides 甲县, yet 甲县 and 乙县 make it a paragraph of two counties
    return chosen if all(_on_one_line(chosen, p) for p in prefixes) else None


def _on_one_line(a: Mention, b: Mention) -> bool:
    """One place lies in the other, or the gazetteer cannot tell (a village or a zone without ancestors)."""
    if not (a.attrs.get("ancestors") and b.attrs.get("ancestors")):
        return True
    return place_inside(a, b) or place_inside(b, a)


def _encloses(outer: Mention, inner: Mention) -> bool:
    return inner.name != outer.name and place_inside(inner, outer)


def _chain_end(text: str, place: Mention, places: list[Mention]) -> Mention:
    """Follow 云州区西坪镇中高庄村 to its last, most specific place."""
    current = place
    while True:
        following = [p for p in places if 0 <= p.start - current.end <= CHAIN_GAP and p.start >= current.end]
        following = [p for p in following if text[current.end : p.start] in ("", " ") and _may_lie_in(p, current)]
        if not following:
            return current
        current = following[0]


def _may_lie_in(inner: Mention, outer: Mention) -> bool:
    """A place right after another lies in it, unless the gazetteer puts it elsewhere (宁都县 then a town of
    于都县: a misread or a name, not a chain)."""
    return _on_one_line(inner, outer) and not place_inside(outer, inner)


def _home(doc: Doc, places: list[Mention]) -> Mention | None:
    name = doc._.home_place
    if not name:
        return None
    return next((p for p in places if p.name == name), Mention(name, 0, 0, name))


class _Cover:
    """Which spans lie inside one of ``containers``, answered from the containers' ends sorted by start (a
    scan of every container for every span was quadratic in a long article)."""

    def __init__(self, containers: list[Mention]):
        spans = sorted((c.start, c.end) for c in containers)
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []  # the furthest end of the containers up to each one
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)
        self.ends_at_start: dict[int, int] = {}  # the furthest end of the containers starting at an offset
        for start, end in spans:
            self.ends_at_start[start] = max(end, self.ends_at_start.get(start, end))

    def _reach_before(self, offset: int, inclusive: bool) -> int:
        i = (bisect_right if inclusive else bisect_left)(self.starts, offset)
        return self.reach[i - 1] if i else -1

    def covers(self, span: Mention, other_span: bool = False, ending_before: bool = False) -> bool:
        """Some container starts at or before ``span`` and ends at or after it (``ending_before``: after
        its end; ``other_span``: a container with the very same offsets does not count)."""
        if ending_before:
            return self._reach_before(span.start, inclusive=True) > span.end
        if not other_span:
            return self._reach_before(span.start, inclusive=True) >= span.end
        return (self._reach_before(span.start, inclusive=False) >= span.end
                or self.ends_at_start.get(span.start, -1) > span.end)

